import { test, expect, loadSampleAt } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { randomBytes, webcrypto } from "node:crypto";

// Volunteers' slips reach the organizers online (issue 18): the organizer's "create" makes the
// campaign's drop box (`<db>-dropbox`, anyone may add, create-only by its design document) and
// its key pair; a shared drive link carries the public key and the drop box; the volunteer's
// phone encrypts each slip (a pledge, a move, a cancellation) and sends it, or keeps it until
// the network returns; the organizer's inbox reads the drop box. Runs against the
// CouchDB-compatible server scripts/test starts (COUCH_URL, COUCH_ADMIN).

const COUCH = process.env.COUCH_URL ?? "";
const [ADMIN, ADMIN_PASSWORD] = (process.env.COUCH_ADMIN ?? "admin:admin-password").split(":");
const AUTH = "Basic " + Buffer.from(`${ADMIN}:${ADMIN_PASSWORD}`).toString("base64");
if (!COUCH) throw new Error("COUCH_URL names no server: run the tests through scripts/test, which starts one");

const AT = "2024-05-13T08:00:00+07:00";

/** A request to the server, as its admin or (`anonymous`) as anyone on the internet. */
async function couch(method: string, path: string, body?: unknown, anonymous = false) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (!anonymous) headers.Authorization = AUTH;
  const res = await fetch(COUCH + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** Desk A: the sample campaign and its database created on the server; opens a new drive
 * ("Đợt hè", 20–21 May 2024 at Xanh Pôn) and returns its shared link. */
async function organizerWithDrive(page: Page, db: string): Promise<string> {
  await loadSampleAt(page, AT);
  await page.goto("/organizer/sync");
  await page.getByLabel("Địa chỉ máy chủ").fill(COUCH);
  await page.getByLabel("Cơ sở dữ liệu của chiến dịch").fill(db);
  await page.getByLabel("Tài khoản").fill(ADMIN);
  await page.getByLabel("Mật khẩu").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Tạo cơ sở dữ liệu cho chiến dịch này" }).click();
  await expect(page.getByText("Đã tạo cơ sở dữ liệu")).toBeVisible();
  await page.goto("/organizer/drives");
  await page.getByLabel("Tên", { exact: true }).fill("Đợt hè");
  await page.getByLabel("Ngày bắt đầu").fill("2024-05-20");
  await page.getByLabel("Ngày kết thúc").fill("2024-05-21");
  await page.getByLabel("Bệnh viện Đa khoa Xanh Pôn").check();
  await page.getByRole("button", { name: "Tạo đợt" }).click();
  const drive = page.locator(".drive-item", { hasText: "Đợt hè" });
  await drive.getByRole("button", { name: "Mở đăng ký" }).click();
  await expect(drive).toContainText("Đang nhận đăng ký");
  await drive.getByRole("button", { name: "Chia sẻ" }).click();
  return drive.getByLabel("Liên kết của đợt").inputValue();
}

async function volunteer(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(AT));
  return page;
}

function dbName() {
  return "campaign-" + randomBytes(4).toString("hex");
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/** The campaign's public key, as the drive link carries it (`~b1.<key ‖ server \n db>`). */
function publicKeyOf(link: string): Uint8Array {
  const box = link.slice(link.lastIndexOf("~") + 1);
  expect(box.startsWith("b1.")).toBe(true);
  return new Uint8Array(Buffer.from(box.slice(3), "base64url").subarray(0, 65));
}

/** A slip document sealed to `publicKey` as the app seals one (ECDH P-256, HKDF-SHA256 salted
 * with the sender's key, AES-GCM with the id as additional data): the test's own sender. */
async function sealTo(publicKey: Uint8Array, plaintext: string) {
  const subtle = webcrypto.subtle;
  const id = "s" + randomBytes(16).toString("hex");
  const curve = { name: "ECDH", namedCurve: "P-256" };
  const mine = await subtle.generateKey(curve, true, ["deriveBits"]);
  const mineRaw = new Uint8Array(await subtle.exportKey("raw", mine.publicKey));
  const theirs = await subtle.importKey("raw", publicKey, curve, false, []);
  const bits = await subtle.deriveBits({ name: "ECDH", public: theirs }, mine.privateKey, 256);
  const hkdf = await subtle.importKey("raw", bits, "HKDF", false, ["deriveKey"]);
  const info = new TextEncoder().encode("hien-mau drop box v1");
  const aes = await subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: mineRaw, info },
    hkdf,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt"],
  );
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const additionalData = new TextEncoder().encode(id);
  const ct = new Uint8Array(
    await subtle.encrypt({ name: "AES-GCM", iv, additionalData }, aes, new TextEncoder().encode(plaintext)),
  );
  return { _id: id, v: 1, k: b64(mineRaw), i: b64(iv), c: b64(ct) };
}

test("a pledge made offline goes when the network returns and reaches the inbox; a cancellation reaches the schedule past 10,000 junk documents", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const db = dbName();
  const link = await organizerWithDrive(page, db);
  expect(link).toMatch(/#d1\.[\w-]+~b1\.[\w-]+$/);

  // The volunteer keeps the drive; opening the link again shows its days, not "keep" again.
  const vol = await volunteer(browser, baseURL!);
  await vol.goto(link);
  await vol.getByRole("button", { name: "Lưu đợt vào thiết bị này" }).click();
  await expect(vol.getByText("Đã lưu đợt vào thiết bị. Chọn một ngày để đăng ký:")).toBeVisible();
  await vol.goto("/drives");
  await vol.goto(link);
  await expect(vol.getByRole("heading", { name: "Đợt hè" })).toBeVisible();
  await expect(vol.getByRole("link", { name: "Đăng ký · Thứ Hai 20/05/2024" })).toBeVisible();
  await expect(vol.getByRole("button", { name: "Lưu đợt vào thiết bị này" })).toHaveCount(0);

  // A pledge made with the network off waits on the phone, then goes when it returns.
  await vol.getByRole("link", { name: "Đăng ký · Thứ Hai 20/05/2024" }).click();
  await vol.getByLabel("07:30–08:30").check();
  await vol.getByLabel("Họ và tên").fill("Phạm Thị Mai");
  await vol.getByLabel("Số điện thoại").fill("0912 000 111");
  await vol.getByLabel("Ngày sinh").fill("1992-04-02");
  await vol.getByLabel("Nữ", { exact: true }).check();
  await vol.getByLabel("Cân nặng (kg)").fill("52");
  await vol.getByLabel(/Tôi đồng ý/).check();
  await vol.context().setOffline(true);
  await vol.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  const slip = vol.getByRole("region", { name: "Phiếu hẹn hiến máu" });
  await expect(slip).toContainText("Phiếu đang chờ mạng");
  const code = (await slip.locator(".slip-code strong").textContent())!;
  // The manual paths are still there.
  await slip.getByText("Gửi phiếu cho ban tổ chức").click();
  await expect(slip.getByLabel("Liên kết phiếu đăng ký")).toBeVisible();
  // Offline the page loads no sender (its build is not precached); the network's return does.
  const sender = vol.locator('iframe[src="/send/"]');
  await expect(sender).toHaveCount(0);
  await vol.context().setOffline(false);
  await expect(slip).toContainText("Phiếu đã gửi tới ban tổ chức.");
  await expect(sender).toHaveCount(1);

  // The drop box holds ciphertext only.
  const stored = JSON.stringify((await couch("GET", `/${db}-dropbox/_all_docs?include_docs=true`)).json);
  for (const plain of ["Phạm Thị Mai", "Ph\\u1ea1m", "0912000111", "Xanh"]) expect(stored, plain).not.toContain(plain);

  // The organizer's inbox receives it with no link passed by hand, and merges it.
  await page.goto("/organizer/inbox");
  await expect(page.getByText("Phiếu gửi qua mạng: 1 phiếu mới.")).toBeVisible();
  const item = page.getByRole("listitem", { name: `Phạm Thị Mai · ${code}` });
  await item.getByRole("button", { name: "Gộp vào lịch" }).click();
  await expect(page.getByText("Đã gộp phiếu của Phạm Thị Mai vào lịch.")).toBeVisible();
  await page.goto("/organizer/schedule");
  await page.getByLabel("Đợt hoặc điểm").selectOption({ label: "Đợt hè" });
  const cell = page.getByRole("table").locator("button.cell").first();
  await expect(cell).toHaveAccessibleName(/: 1 \//);

  // Someone fills the drop box with 10,000 documents that are not slips.
  for (let batch = 0; batch < 10; batch++) {
    const docs = Array.from({ length: 1000 }, (_, i) => ({ _id: `junk-${batch}-${i}`, spam: "x".repeat(40) }));
    expect((await couch("POST", `/${db}-dropbox/_bulk_docs`, { docs })).status).toBe(201);
  }

  // The volunteer cancels in My pledges; the cancellation goes and reaches the schedule.
  await vol.goto("/my-pledges");
  const card = vol.getByRole("article");
  await card.getByRole("button", { name: "Hủy lịch hẹn" }).click();
  await vol.getByRole("button", { name: "Có, hủy lịch hẹn" }).click();
  await expect(card).toContainText("Đã hủy");
  // The cancellation is a new document in the drop box (the design document, the pledge's
  // slip, the junk, and it), and the card says it went.
  await expect
    .poll(async () => (await couch("GET", `/${db}-dropbox`)).json.doc_count, { timeout: 30_000 })
    .toBe(10_003);
  await expect(card).toContainText("Phiếu đã gửi tới ban tổ chức.");
  await page.goto("/organizer/inbox");
  await expect(page.getByText(/^Phiếu gửi qua mạng: 1 phiếu mới\. 10000 tài liệu/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole("listitem", { name: `Phạm Thị Mai · ${code}` }).getByRole("button", { name: "Gộp vào lịch" }).click();
  await expect(page.getByText("Đã gộp phiếu của Phạm Thị Mai vào lịch.")).toBeVisible();
  await page.goto("/organizer/schedule");
  await page.getByLabel("Đợt hoặc điểm").selectOption({ label: "Đợt hè" });
  await expect(cell).toHaveAccessibleName(/: 0 \//);
  await vol.context().close();
});

test("a tampered slip, one sealed to another key and one holding no slip are set aside and counted; the drop box refuses updates and deletes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const db = dbName();
  const link = await organizerWithDrive(page, db);
  const campaignKey = publicKeyOf(link);
  const box = `/${db}-dropbox`;

  // Anyone may add a slip-shaped document; nothing else.
  const other = await webcrypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
  const otherKey = new Uint8Array(await webcrypto.subtle.exportKey("raw", other.publicKey));
  const slipText = JSON.stringify({ w: "pledge", s: "p1.AAAA" });
  const toOther = await sealTo(otherKey, slipText);
  const tampered = await sealTo(campaignKey, slipText);
  tampered.c = (tampered.c[0] === "A" ? "B" : "A") + tampered.c.slice(1);
  const noSlip = await sealTo(campaignKey, "hello");
  for (const doc of [toOther, tampered, noSlip]) {
    expect((await couch("PUT", `${box}/${doc._id}`, doc, true)).status).toBe(201);
  }
  expect((await couch("PUT", `${box}/s${"0".repeat(32)}`, { v: 1, name: "Nguyễn Văn A" }, true)).status).toBe(403);

  // The design document refuses an update and a delete, by anyone but the server's admin.
  const { json: saved } = await couch("GET", `${box}/${noSlip._id}`, undefined, true);
  const update = await couch("PUT", `${box}/${noSlip._id}`, { ...saved, c: tampered.c }, true);
  expect(update.status).toBe(403);
  expect(update.json.reason).toBe("The drop box only takes new slips.");
  const remove = await couch("DELETE", `${box}/${noSlip._id}?rev=${saved._rev}`, undefined, true);
  expect(remove.status).toBe(403);

  // The inbox sets the three aside, counts them once, and lists nothing.
  await page.goto("/organizer/inbox");
  await expect(page.getByText("Phiếu gửi qua mạng: 0 phiếu mới. 3 tài liệu không phải phiếu")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hộp thư trống." })).toBeVisible();
  const again = page.getByRole("button", { name: "Nhận phiếu gửi qua mạng" });
  await again.click();
  await expect(again).toBeEnabled();
  await expect(page.getByText("Phiếu gửi qua mạng: 0 phiếu mới. 3 tài liệu không phải phiếu")).toBeVisible();
});

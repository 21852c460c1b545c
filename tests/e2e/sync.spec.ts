import { test, expect, loadSampleAt } from "./fixtures";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createServer, connect, type Socket } from "node:net";
import { videoOf, withCamera } from "./camera";

// Organizer devices sharing one campaign through the CouchDB-compatible server scripts/test
// starts (pouchdb-server in memory; COUCH_URL, COUCH_ADMIN). Each browser context is a device:
// desk A creates the campaign's database as the server's admin, desk B and a new device join
// with organizer accounts after pairing by link. Every test has its own database.

const COUCH = process.env.COUCH_URL ?? "";
const [ADMIN, ADMIN_PASSWORD] = (process.env.COUCH_ADMIN ?? "admin:admin-password").split(":");
const AUTH = "Basic " + Buffer.from(`${ADMIN}:${ADMIN_PASSWORD}`).toString("base64");

// Without a server these tests would prove nothing: the run fails instead of skipping them.
if (!COUCH) throw new Error("COUCH_URL names no server: run the tests through scripts/test, which starts one");

/** A request to the server as its admin (the test's hands, not the app's). */
async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(COUCH + path, {
    method,
    headers: { Authorization: AUTH, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** A new organizer account (role `organizers`), its name and password. */
async function organizer() {
  const name = "desk-" + randomBytes(4).toString("hex");
  const password = randomBytes(9).toString("base64url");
  const res = await admin("PUT", `/_users/org.couchdb.user:${name}`, {
    name,
    password,
    roles: ["organizers"],
    type: "user",
  });
  expect(res.status).toBe(201);
  return { name, password };
}

/** Every document the server holds, as text. */
async function serverText(db: string) {
  const res = await admin("GET", `/${db}/_all_docs?include_docs=true`);
  expect(res.status).toBe(200);
  return JSON.stringify(res.json);
}

const line = (page: Page) => page.locator(".sync-line");

/** How long a change may take to reach another device: its engine hears of it from a long poll
 * of the server's changes, or, after the network came back, within the engine's back-off. */
const SYNCED = { timeout: 30_000 };

/** Fills the sync page's server form; `server`: its address (the test's server unless said). */
async function fillServer(page: Page, db: string, user: string, password: string, server = COUCH) {
  await page.getByLabel("Địa chỉ máy chủ").fill(server);
  await page.getByLabel("Cơ sở dữ liệu của chiến dịch").fill(db);
  await page.getByLabel("Tài khoản").fill(user);
  await page.getByLabel("Mật khẩu").fill(password);
}

/** Desk A: the sample campaign, the database created, everything synced; returns the pairing
 * link. */
async function firstDesk(page: Page, db: string, server = COUCH) {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/organizer/sync");
  await fillServer(page, db, ADMIN, ADMIN_PASSWORD, server);
  await page.getByRole("button", { name: "Tạo cơ sở dữ liệu cho chiến dịch này" }).click();
  await expect(page.getByText("Đã tạo cơ sở dữ liệu")).toBeVisible();
  await expect(line(page)).toContainText("Đã đồng bộ lúc");
  await expect(line(page)).not.toContainText("đang chờ");
  await page.getByRole("button", { name: "Hiện mã ghép nối" }).click();
  return page.getByRole("textbox", { name: "Liên kết ghép nối" }).inputValue();
}

const NOW = "2024-05-13T08:00:00+07:00";

/** The test's server behind a door on a port of its own that the test shuts (every connection
 * cut, new ones refused: a server that stopped answering) and opens again. Unlike a route of
 * the browser, it holds for every request of every frame, however the page makes it. */
async function door() {
  const upstream = new URL(COUCH);
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const up = connect(Number(upstream.port), upstream.hostname);
    for (const socket of [client, up]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {
        client.destroy();
        up.destroy();
      });
    }
    client.pipe(up).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  await listen(0);
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    shut: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const socket of open) socket.destroy();
      }),
    open: () => listen(port),
  };
}

/** Another device opens the pairing link, keeps the key and joins with its own account; its
 * clock says `at`. */
async function pairedDesk(browser: Browser, link: string, at = NOW): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(at));
  await page.goto(link.replace(/^https?:\/\/[^/]+/, ""));
  await join(page);
  return [context, page];
}

/** On a sync page that a pairing link opened: keeps its key and joins with a new organizer
 * account. */
async function join(page: Page) {
  const { name, password } = await organizer();
  await page.getByRole("button", { name: "Dùng khóa này" }).click();
  await expect(page.getByText("Đã lưu khóa chiến dịch.")).toBeVisible();
  await page.getByLabel("Tài khoản").fill(name);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Tham gia", exact: true }).click();
  await expect(page.getByText("Đã đăng nhập; thiết bị này bắt đầu đồng bộ.")).toBeVisible();
  await expect(line(page)).toContainText("Đã đồng bộ lúc");
}

const pledges = (page: Page) => page.locator(".counts div", { hasText: "Lượt đăng ký" }).locator("dd");

const DONG_DA = "Trung tâm Y tế Đống Đa (điểm cố định)";

/** Pledges a person at the sample's Đống Đa fixed point, 13 May, in `slot`. */
async function pledge(page: Page, name: string, phone: string, slot = "08:30–09:00") {
  await page.goto("/pledge");
  await page.getByLabel("Điểm hiến máu").selectOption({ label: DONG_DA });
  await page.getByLabel(slot).check();
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Ngày sinh").fill("1990-01-20");
  await page.getByLabel("Nữ", { exact: true }).check();
  await page.getByLabel("Cân nặng (kg)").fill("55");
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  await expect(page.getByRole("region", { name: "Phiếu hẹn hiến máu" })).toContainText(name);
}

function dbName() {
  return "campaign-" + randomBytes(4).toString("hex");
}

test("a pledge on one desk appears on the other without a reload, and a new device gets everything", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const db = dbName();
  const link = await firstDesk(page, db);
  const [contextB, deskB] = await pairedDesk(browser, link);
  await deskB.goto("/organizer/data");
  await expect(pledges(deskB)).toHaveText("1.288");
  await expect(line(deskB)).toContainText("Đã đồng bộ lúc");

  // Desk A pledges in another tab while its Data page (and the engine's frame) stays open.
  await page.goto("/organizer/data");
  await expect(line(page)).toContainText("Đã đồng bộ lúc");
  const volunteerTab = await page.context().newPage();
  await volunteerTab.clock.setFixedTime(new Date("2024-05-13T08:00:00+07:00"));
  await pledge(volunteerTab, "Nguyễn Thị Lan", "0912 345 678");
  await expect(pledges(deskB)).toHaveText("1.289", SYNCED);

  // A third device, paired by link, gets the whole campaign with the new pledge.
  const [contextC, deskC] = await pairedDesk(browser, link);
  await deskC.goto("/organizer/data");
  await expect(pledges(deskC)).toHaveText("1.289");

  // The server holds ciphertext: no donor's name or phone, no shard key.
  const stored = await serverText(db);
  for (const plain of ["Nguyễn Thị Lan", "Nguy\\u1ec5n", "0912345678", "hienmau/", "Đống Đa"]) {
    expect(stored, plain).not.toContain(plain);
  }
  await contextB.close();
  await contextC.close();
});

test("a new device pairs by scanning the pairing code the first desk shows", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const db = dbName();
  await firstDesk(page, db);
  const video = await videoOf(page, "section[aria-labelledby=sync-pair] .qr svg");
  await withCamera(video, async (browser) => {
    const deskB = await (await browser.newContext({ baseURL })).newPage();
    await deskB.clock.setFixedTime(new Date(NOW));
    await deskB.goto("/organizer/sync");
    await deskB.getByRole("button", { name: "Quét mã ghép nối" }).click();
    // Read as the pairing link would be: the key to keep, the server and database filled in.
    await expect(deskB.getByRole("button", { name: "Dùng khóa này" })).toBeVisible();
    await expect(deskB.getByLabel("Địa chỉ máy chủ")).toHaveValue(COUCH);
    await expect(deskB.getByLabel("Cơ sở dữ liệu của chiến dịch")).toHaveValue(db);
    await join(deskB);
    await deskB.goto("/organizer/data");
    await expect(pledges(deskB)).toHaveText("1.288");
  });
});

/** The places the pledge form shows left in a slot at Đống Đa on 13 May. */
async function placesLeft(page: Page, slot: string) {
  await page.goto("/pledge");
  await page.getByLabel("Điểm hiến máu").selectOption({ label: DONG_DA });
  const note = await page.locator("label.slot", { hasText: slot }).locator(".slot-note").innerText();
  const left = /còn (\d+) chỗ/.exec(note);
  expect(left, note).not.toBeNull();
  return Number(left![1]);
}

test("two desks offline both book the last place; back online both keep both pledges and the slot is flagged on both", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const link = await firstDesk(page, dbName());
  const deskA = page;
  // Desk A fills the slot to its last place while online; desk B then joins and sees it so.
  const slot = "09:00–09:30";
  const tabA = await deskA.context().newPage();
  await tabA.clock.setFixedTime(new Date(NOW));
  for (let left = await placesLeft(tabA, slot), n = 0; left > 1; left--, n++) {
    await pledge(tabA, `Người Đến Trước ${"ABCDEFGH"[n]}`, `0913 100 00${n}`, slot);
  }
  await deskA.goto("/organizer/data");
  await expect(line(deskA)).toContainText("Đã đồng bộ lúc", SYNCED);
  await expect(line(deskA)).not.toContainText("đang chờ", SYNCED);
  const before = Number((await pledges(deskA).innerText()).replace(".", ""));
  const [contextB, deskB] = await pairedDesk(browser, link);
  const tabB = await contextB.newPage();
  await tabB.clock.setFixedTime(new Date(NOW));
  expect(await placesLeft(tabB, slot)).toBe(1);
  expect(await placesLeft(tabA, slot)).toBe(1);

  for (const [context, desk] of [
    [deskA.context(), deskA],
    [contextB, deskB],
  ] as const) {
    await desk.goto("/organizer/data");
    await expect(line(desk)).toContainText("Đã đồng bộ lúc");
    await context.setOffline(true);
  }
  await pledge(tabA, "Trần Văn Một", "0913 000 001", slot);
  await pledge(tabB, "Lê Thị Hai", "0913 000 002", slot);
  const count = (n: number) => n.toLocaleString("vi-VN");
  for (const desk of [deskA, deskB]) {
    await expect(line(desk)).toContainText("Không có mạng");
    await expect(line(desk)).toContainText(/\d thay đổi đang chờ gửi/);
    await expect(pledges(desk)).toHaveText(count(before + 1));
  }
  await deskA.context().setOffline(false);
  await contextB.setOffline(false);
  for (const desk of [deskA, deskB]) {
    await expect(pledges(desk)).toHaveText(count(before + 2), SYNCED);
    await expect(line(desk)).not.toContainText("đang chờ", SYNCED);
  }
  // Both devices flag the slot over capacity on the schedule, with both pledges in it.
  for (const desk of [deskA, deskB]) {
    await desk.goto("/organizer/schedule");
    await desk.getByLabel("Đợt hoặc điểm").selectOption({ label: "Các điểm cố định (30 ngày tới)" });
    const over = desk.getByRole("region", { name: "Khung giờ quá chỗ" });
    await expect(over).toContainText("Đống Đa");
    await expect(over).toContainText(`${slot}: 5 người / 4 chỗ`);
    await over.getByRole("button", { name: "Xem khung giờ" }).click();
    await expect(desk.getByRole("group", { name: "Quá chỗ: 5 người cho 4 chỗ." })).toBeVisible();
  }
  await contextB.close();
});

test("a desk with its clock one day behind edits a donor after the other: its edit wins on both", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const deskA = page;
  const link = await firstDesk(deskA, dbName());
  const [contextB, deskB] = await pairedDesk(browser, link, "2024-05-12T08:00:00+07:00");
  const stored = (desk: Page) =>
    desk.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("hienmau/donors/"))
        .map((k) => localStorage.getItem(k))
        .join("\n"),
    );
  /** Imports one donor (name, phone) through the Data page's donor list. */
  async function importDonor(desk: Page, name: string, done: string) {
    await desk.goto("/organizer/data");
    const csv = `Họ và tên;SĐT;Ngày sinh;Giới tính;Cân nặng\n${name};0912 555 001;12/03/1988;Nam;68\n`;
    await desk.getByLabel("Tệp CSV").setInputFiles({ name: "a.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await desk.getByLabel("Đối tượng cho hàng để trống").selectOption({ label: "Người dân" });
    await desk.getByRole("button", { name: "Thêm 1 người hiến hợp lệ" }).click();
    await expect(desk.getByText(done)).toBeVisible();
  }
  // Desk A (its clock right) adds the donor; desk B, a day behind, gets it.
  await importDonor(deskA, "Trần Văn Hùng", "Đã thêm 1 người hiến");
  await expect.poll(() => stored(deskB), SYNCED).toContain("Trần Văn Hùng");
  // Desk B then corrects the name: its clock says a day earlier, yet its edit is the later one.
  await importDonor(deskB, "Trần Văn Hưng", "cập nhật 1 người đã có");
  await expect(line(deskB)).toContainText("Đã đồng bộ lúc", SYNCED);
  await expect(line(deskB)).not.toContainText("đang chờ", SYNCED);
  await expect.poll(() => stored(deskA), SYNCED).toContain("Trần Văn Hưng");
  for (const desk of [deskA, deskB]) {
    await desk.reload();
    expect(await stored(desk)).toContain("Trần Văn Hưng");
    expect(await stored(desk)).not.toContain("Trần Văn Hùng");
  }
  await contextB.close();
});

test("a wrong password and a server that does not answer are named, and nothing is lost", async ({ page }) => {
  test.setTimeout(90_000);
  const server = await door();
  await firstDesk(page, dbName(), server.url);
  // The server stops answering: the status says so; a pledge made meanwhile waits, then goes.
  await page.goto("/organizer/data");
  await expect(line(page)).toContainText("Đã đồng bộ lúc");
  await server.shut();
  const tab = await page.context().newPage();
  await tab.clock.setFixedTime(new Date("2024-05-13T08:00:00+07:00"));
  await pledge(tab, "Phạm Thị Ba", "0913 000 003");
  // The engine batches a saved change before it syncs, then meets the refused connection:
  // bounded by the batch and one back-off (5 s), not by the default 5 s of an expectation.
  await expect(line(page)).toContainText("Không kết nối được máy chủ", { timeout: 15_000 });
  await expect(line(page)).toContainText(/\d thay đổi đang chờ gửi/, { timeout: 15_000 });
  await expect(pledges(page)).toHaveText("1.289");
  await server.open();
  await line(page).getByRole("button", { name: "Đồng bộ ngay" }).click();
  await expect(line(page)).toContainText("Đã đồng bộ lúc");
  await expect(line(page)).not.toContainText("đang chờ");

  // A wrong password is named where it was typed; nothing is kept, nothing changes.
  await page.goto("/organizer/sync");
  await fillServer(page, "no-such-campaign", ADMIN, "not the password");
  await page.getByRole("button", { name: "Tham gia", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Cần đăng nhập lại");

  await page.goto("/organizer/data");
  await expect(pledges(page)).toHaveText("1.289");
  await server.shut();
});

test("the server stops answering in the middle of a push: the status names it, nothing is lost, and it all goes once it is back", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const db = dbName();
  await loadSampleAt(page, NOW);
  const shards = await page.evaluate(
    () => Object.keys(localStorage).filter((k) => /^hienmau\/(setup|donors\/|pledges\/)/.test(k)).length,
  );
  await page.goto("/organizer/sync");
  // The server takes part of the first push's batch, then dies before it answers, and stops
  // answering anything.
  let down = false;
  let taken = 0;
  await page.context().route(COUCH + "/**", async (route) => {
    if (down) return route.abort("connectionrefused");
    if (!route.request().url().includes("/_bulk_docs")) return route.continue();
    down = true;
    const batch = route.request().postDataJSON();
    taken = Math.floor(batch.docs.length / 2);
    await route.fetch({ postData: JSON.stringify({ ...batch, docs: batch.docs.slice(0, taken) }) });
    return route.abort("connectionreset");
  });
  await fillServer(page, db, ADMIN, ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Tạo cơ sở dữ liệu cho chiến dịch này" }).click();
  await expect(page.getByText("Đã tạo cơ sở dữ liệu")).toBeVisible();
  await expect(line(page)).toContainText("Không kết nối được máy chủ", SYNCED);
  // The device does not know what the server kept: everything still waits here.
  await expect(line(page)).toContainText(`${shards} thay đổi đang chờ gửi`);
  const kept = (await admin("GET", `/${db}/_all_docs`)).json.rows.filter((r: { id: string }) => r.id.startsWith("s-"));
  expect(taken).toBeGreaterThan(0);
  expect(kept.length).toBe(taken);

  // Back: the rest goes, and a device paired now gets the whole campaign.
  await page.context().unroute(COUCH + "/**");
  await line(page).getByRole("button", { name: "Đồng bộ ngay" }).click();
  await expect(line(page)).toContainText("Đã đồng bộ lúc", SYNCED);
  await expect(line(page)).not.toContainText("đang chờ");
  const all = (await admin("GET", `/${db}/_all_docs`)).json.rows.filter((r: { id: string }) => r.id.startsWith("s-"));
  expect(all.length).toBe(shards);
  await page.getByRole("button", { name: "Hiện mã ghép nối" }).click();
  const link = await page.getByRole("textbox", { name: "Liên kết ghép nối" }).inputValue();
  const [contextB, deskB] = await pairedDesk(browser, link);
  await deskB.goto("/organizer/data");
  await expect(pledges(deskB)).toHaveText("1.288");
  await contextB.close();
});

for (const how of ["Web Locks", "a lease in storage"]) {
  test(`one engine per device (${how}): one tab of two syncs, both show its status, the other takes over when it closes`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const context = page.context();
    if (how !== "Web Locks") {
      // A browser without Web Locks.
      await context.addInitScript(() =>
        Object.defineProperty(Navigator.prototype, "locks", { get: () => undefined, configurable: true }),
      );
    }
    await firstDesk(page, dbName());
    const tabs = [page, await context.newPage()];
    await tabs[1].clock.setFixedTime(new Date(NOW));
    await tabs[0].goto("/organizer/data");
    await tabs[1].goto("/organizer/schedule");
    const asked = new Map<Page, number>();
    const pushed = new Map<Page, number>();
    context.on("request", (request) => {
      if (!request.url().startsWith(COUCH)) return;
      let tab: Page;
      try {
        tab = request.frame().page();
      } catch {
        return; // not a page's request
      }
      asked.set(tab, (asked.get(tab) ?? 0) + 1);
      if (request.url().includes("/_bulk_docs")) pushed.set(tab, (pushed.get(tab) ?? 0) + 1);
    });
    const volunteer = await context.newPage();
    await volunteer.clock.setFixedTime(new Date(NOW));
    await pledge(volunteer, "Nguyễn Thị Lan", "0912 345 678");
    await expect.poll(() => (pushed.get(tabs[0]) ?? 0) + (pushed.get(tabs[1]) ?? 0), SYNCED).toBeGreaterThan(0);
    for (const tab of tabs) {
      await expect(line(tab)).toContainText("Đã đồng bộ lúc", SYNCED);
      await expect(line(tab)).not.toContainText("đang chờ", SYNCED);
    }
    const talking = tabs.filter((t) => (asked.get(t) ?? 0) > 0);
    expect(talking.length, "one tab talks to the server").toBe(1);
    const [engine] = talking;
    const other = tabs.find((t) => t !== engine)!;
    await expect(other.locator(".sync-text")).toHaveText(await engine.locator(".sync-text").innerText());

    // The tab with the engine closes: the other's takes over.
    await engine.close();
    await pledge(volunteer, "Lê Thị Hai", "0913 000 002");
    await expect.poll(() => pushed.get(other) ?? 0, SYNCED).toBeGreaterThan(0);
    await expect(line(other)).toContainText("Đã đồng bộ lúc", SYNCED);
    await expect(line(other)).not.toContainText("đang chờ", SYNCED);
  });
}

test("a tampered document is set aside and counted while the rest syncs", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const db = dbName();
  const link = await firstDesk(page, db);
  const all = (await admin("GET", `/${db}/_all_docs?include_docs=true`)).json;
  // The smallest document: a pledge shard (the set-up, which every other shard needs, is large).
  const doc = all.rows
    .filter((r: { id: string }) => r.id.startsWith("s-"))
    .map((r: { doc: { ct: string } }) => r.doc)
    .sort((a: { ct: string }, b: { ct: string }) => a.ct.length - b.ct.length)[0];
  doc.ct = (doc.ct[0] === "A" ? "B" : "A") + doc.ct.slice(1);
  expect((await admin("PUT", `/${db}/${doc._id}`, doc)).status).toBe(201);

  const [contextB, deskB] = await pairedDesk(browser, link);
  await expect(line(deskB)).toContainText("1 tài liệu bị để riêng");
  await deskB.goto("/organizer/data");
  await expect(line(deskB)).toContainText("1 tài liệu bị để riêng");
  const shards = all.rows.filter((r: { id: string }) => r.id.startsWith("s-")).length;
  const kept = await deskB.evaluate(() => JSON.parse(localStorage.getItem("hienmau-sync/state")!));
  expect(kept.set_aside).toEqual([doc._id]);
  expect(Object.values(kept.shards).filter((s) => (s as { rev: string }).rev !== "").length).toBe(shards - 1);
  await contextB.close();
});

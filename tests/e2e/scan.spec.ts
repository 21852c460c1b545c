import { test, expect, loadSampleAt, pledgeLanAtDongDa, untilPrecached } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { videoOf, withCamera } from "./camera";

// The scanners with a camera that shows the QR code the app itself draws (see ./camera): the
// desk and the inbox scan slips, a volunteer's drives list scans a drive, the sync page scans a
// pairing code (tests/e2e/sync.spec.ts pairs a device with it through a real server).

const AT = "2024-05-13T08:00:00+07:00";
const DESK = "Trung tâm Y tế Đống Đa (điểm cố định)";

/** An organizer page (`path`) on a device of its own with the sample campaign loaded. */
async function organizerAt(browser: Browser, baseURL: string, path: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await loadSampleAt(page, AT);
  await page.goto(path);
  return page;
}

/** The check-in desk at Đống Đa on a device of its own with the sample campaign loaded. */
async function desk(browser: Browser, baseURL: string): Promise<Page> {
  const page = await organizerAt(browser, baseURL, "/organizer/check-in");
  await page.getByLabel("Điểm tiếp đón").selectOption({ label: DESK });
  return page;
}

/** Lan's slip, pledged on this (volunteer's) page; its code and its QR code as a video. */
async function lansSlip(page: Page): Promise<[string, string]> {
  await loadSampleAt(page, AT);
  await pledgeLanAtDongDa(page);
  const code = (await page.locator(".slip-code strong").textContent())!;
  await expect(page.locator(".slip-qr figcaption")).toContainText(code);
  return [code, await videoOf(page, ".slip-qr svg")];
}

/** The sample's drive "Đợt 1" as the organizers share it: its QR code as a video. */
async function driveVideo(page: Page): Promise<string> {
  await loadSampleAt(page, AT);
  await page.goto("/organizer/drives");
  const drive = page.locator(".drive-item", { has: page.getByRole("heading", { name: "Đợt 1" }) });
  await drive.getByRole("button", { name: "Chia sẻ" }).click();
  return videoOf(page, ".share-panel .qr svg");
}

test("the desk scans the slip of a pledge it does not have, and one tap marks the donor arrived", async ({
  page,
  baseURL,
}) => {
  // A volunteer pledges on their own phone: its slip shows its QR code without opening anything.
  const [code, video] = await lansSlip(page);
  await withCamera(video, async (browser) => {
    const desk_ = await desk(browser, baseURL!);
    await expect(desk_.locator(".desk-row", { hasText: "Nguyễn Thị Lan" })).toHaveCount(0);
    await desk_.getByRole("button", { name: "Quét mã" }).click();
    const found = desk_.getByRole("group", { name: "Quét mã" });
    await expect(found).toContainText("Phiếu của Nguyễn Thị Lan · 08:30–09:00");
    await expect(found).toContainText(code);
    await expect(found).toContainText("Thiết bị này chưa có phiếu này");
    await found.getByRole("button", { name: "Đã đến" }).click();
    await expect(desk_.getByRole("status").filter({ hasText: "Đã ghi: Nguyễn Thị Lan đã đến." })).toBeVisible();
    await expect(desk_.locator(".desk-row", { hasText: "Nguyễn Thị Lan" }).locator(".desk-state")).toHaveText("Đã đến");
    // The camera stays open for the next donor; the slip still in view is not taken twice.
    await expect(desk_.getByRole("button", { name: "Tắt máy ảnh" })).toBeVisible();
    await expect(desk_.getByLabel("Hình từ máy ảnh")).toBeVisible();
    await desk_.getByRole("button", { name: "Tắt máy ảnh" }).click();
    await expect(desk_.getByLabel("Hình từ máy ảnh")).toHaveCount(0);
  });
});

test("the inbox scans a slip and lists it as a pasted link would", async ({ page, baseURL }) => {
  const [code, video] = await lansSlip(page);
  await withCamera(video, async (browser) => {
    const inbox = await organizerAt(browser, baseURL!, "/organizer/inbox");
    await expect(inbox.getByRole("heading", { name: "Hộp thư trống." })).toBeVisible();
    await inbox.getByRole("button", { name: "Quét mã" }).click();
    await expect(inbox.locator("#inbox-notice")).toHaveText("Đã thêm 1 phiếu vào hộp thư.");
    const item = inbox.locator(".inbox-item", { hasText: "Nguyễn Thị Lan" });
    await expect(item).toContainText(code);
    await expect(inbox.locator(".inbox-item")).toHaveCount(1);
    await expect(inbox.locator("#slip-text-msg")).toBeEmpty();
    // Taken in like a pasted link: merging puts it in the schedule.
    await item.getByRole("button", { name: "Gộp vào lịch" }).click();
    await expect(inbox.getByText("Đã gộp phiếu của Nguyễn Thị Lan vào lịch.")).toBeVisible();
    await expect(inbox.getByRole("heading", { name: "Hộp thư trống." })).toBeVisible();
  });
});

test("a drive's QR code held to the desk's and the inbox's cameras says it is a drive, not a slip", async ({
  page,
  baseURL,
}) => {
  const video = await driveVideo(page);
  await withCamera(video, async (browser) => {
    const desk_ = await desk(browser, baseURL!);
    await desk_.getByRole("button", { name: "Quét mã" }).click();
    await expect(
      desk_.getByRole("alert").filter({ hasText: "Đây là mã của một đợt hiến máu. Ở đây hãy quét mã QR trên phiếu hẹn" }),
    ).toBeVisible();
    await expect(desk_.getByRole("group", { name: "Quét mã" })).toHaveCount(0);

    const inbox = await organizerAt(browser, baseURL!, "/organizer/inbox");
    await inbox.getByRole("button", { name: "Quét mã" }).click();
    await expect(inbox.locator("#slip-text-msg")).toHaveText(
      "Đây là mã của một đợt hiến máu. Ở đây hãy quét mã QR trên phiếu hẹn của người hiến.",
    );
    await expect(inbox.locator(".inbox-item")).toHaveCount(0);
  });
});

test("a refused camera says so and what to do, and the search stays at hand", async ({ baseURL }) => {
  await withCamera(null, async (browser) => {
    const desk_ = await desk(browser, baseURL!);
    await desk_.getByRole("button", { name: "Quét mã" }).click();
    const refused = desk_.getByRole("alert").filter({ hasText: "Trình duyệt chưa được phép dùng máy ảnh" });
    await expect(refused).toContainText("Vẫn có thể tìm theo tên, số điện thoại hay mã phiếu.");
    await expect(desk_.getByLabel("Hình từ máy ảnh")).toBeHidden();
    await desk_.getByLabel("Tìm người hiến").fill("nguyen");
    await expect(desk_.getByLabel("Tìm người hiến")).toHaveValue("nguyen");
  });
});

test("the camera's frame starts at once: it has no first paint to wait for", async ({ request }) => {
  // The pages' start waits for their first paint's heading (3 s at most); the frame has none,
  // and waited the whole 3 s before opening the camera.
  const html = await (await request.get("/organizer/scan/index.html")).text();
  expect(html).not.toContain("largest-contentful-paint");
  // Its wasm's preload stays (attributes in any order, quoted or not: the page is minified).
  expect(html).toMatch(/<link\b(?=[^>]*\brel="?preload\b)(?=[^>]*_bg\.wasm)[^>]*>/);
});

test("a volunteer scans a drive code on the drives list and lands on that drive; offline before one use it says scanning needs the network once", async ({
  page,
  baseURL,
}) => {
  const video = await driveVideo(page);
  await withCamera(video, async (browser) => {
    const context = await browser.newContext({ baseURL });
    const phone = await context.newPage();
    await phone.clock.setFixedTime(new Date(AT));
    await phone.goto("/drives");
    await untilPrecached(phone, false);
    await phone.reload();
    // Offline before the scanner was ever opened: its frame is not on this phone.
    await context.setOffline(true);
    const scan = phone.getByRole("button", { name: "Quét mã đợt" });
    await scan.click();
    await expect(phone.getByRole("alert")).toHaveText(
      "Để quét mã, thiết bị cần mở máy quét một lần khi có mạng (sau đó dùng được cả khi không có mạng). " +
        "Hãy kết nối mạng rồi bấm quét lần nữa. Vẫn có thể mở đường liên kết của đợt mà ban tổ chức gửi cho bạn.",
    );
    await expect(phone.getByLabel("Hình từ máy ảnh")).toHaveCount(0);
    await phone.getByRole("button", { name: "Tắt máy ảnh" }).click();
    // Online: the drive's page opens, as its link does.
    await context.setOffline(false);
    await scan.click();
    await expect(phone).toHaveURL(/\/d#d1\./);
    await expect(phone.getByRole("heading", { name: "Đợt 1" })).toBeVisible();
    // Offline again: the frame was kept at its first use, so scanning works without network.
    await context.setOffline(true);
    await phone.goto("/drives");
    await phone.getByRole("button", { name: "Quét mã đợt" }).click();
    await expect(phone).toHaveURL(/\/d#d1\./);
    await expect(phone.getByRole("heading", { name: "Đợt 1" })).toBeVisible();
  });
});

test("a slip held to the drives list's and the sync page's scanners says what it is and changes nothing", async ({
  page,
  baseURL,
}) => {
  const [, video] = await lansSlip(page);
  await withCamera(video, async (browser) => {
    const phone = await (await browser.newContext({ baseURL })).newPage();
    await phone.goto("/drives");
    await phone.getByRole("button", { name: "Quét mã đợt" }).click();
    await expect(phone.getByRole("alert")).toHaveText(
      "Đây là phiếu đăng ký của một người hiến. Ở đây hãy quét mã QR của đợt hiến máu mà ban tổ chức chia sẻ.",
    );
    await expect(phone).toHaveURL(/\/drives$/);

    const sync = await (await browser.newContext({ baseURL })).newPage();
    await sync.goto("/organizer/sync");
    await sync.getByRole("button", { name: "Quét mã ghép nối" }).click();
    await expect(sync.getByRole("alert")).toHaveText(
      "Đây là phiếu đăng ký của một người hiến. Ở đây hãy quét mã ghép nối: trên thiết bị đã đồng bộ, mở Đồng bộ rồi bấm Hiện mã ghép nối.",
    );
    await expect(sync.getByRole("button", { name: "Dùng khóa này" })).toHaveCount(0);
    expect(await sync.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("hienmau-sync")))).toEqual([]);
  });
});

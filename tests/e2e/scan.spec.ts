import { test, expect, loadSampleAt, pledgeLanAtDongDa } from "./fixtures";
import { chromium, type Browser, type Page } from "@playwright/test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/chromium.mjs";

// The desk's camera, played by Chromium's fake capture device fed a video this test makes from
// the QR code the app itself draws (a slip on the volunteer's confirmation, a drive on the
// organizer's drives page). Each camera needs its own browser: the video is a launch flag.

const AT = "2024-05-13T08:00:00+07:00";
const DESK = "Trung tâm Y tế Đống Đa (điểm cố định)";

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "scan-e2e-"));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a one-frame 640x480 Y4M video (grey desk, the code on white paper in the middle) of
 * the QR code the page shows in `svg`: the page draws the app's SVG on a canvas and gives back
 * its luma; the colour planes are neutral. */
async function videoOf(page: Page, svg: string, name: string): Promise<string> {
  const markup = await page.locator(svg).first().evaluate((el) => el.outerHTML);
  const luma: number[] = await page.evaluate(async (markup) => {
    const img = new Image();
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(markup);
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#777";
    ctx.fillRect(0, 0, 640, 480);
    ctx.drawImage(img, 100, 20, 440, 440);
    const rgba = ctx.getImageData(0, 0, 640, 480).data;
    const out = new Array(640 * 480);
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
    }
    return out;
  }, markup);
  const file = join(dir, name);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from("YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\nFRAME\n"),
      Buffer.from(luma),
      Buffer.alloc(2 * 320 * 240, 128),
    ]),
  );
  return file;
}

/** A browser whose camera shows `video`, or refuses the camera when `video` is null. */
async function cameraBrowser(video: string | null): Promise<Browser> {
  const camera = video
    ? ["--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`]
    : ["--deny-permission-prompts"];
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", ...camera],
  });
}

/** The check-in desk at Đống Đa on a device of its own with the sample campaign loaded. */
async function desk(browser: Browser, baseURL: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await loadSampleAt(page, AT);
  await page.goto("/organizer/check-in");
  await page.getByLabel("Điểm tiếp đón").selectOption({ label: DESK });
  return page;
}

test("the desk scans the slip of a pledge it does not have, and one tap marks the donor arrived", async ({
  page,
  baseURL,
}) => {
  // A volunteer pledges on their own phone: its slip shows its QR code without opening anything.
  await loadSampleAt(page, AT);
  await pledgeLanAtDongDa(page);
  const code = (await page.locator(".slip-code strong").textContent())!;
  await expect(page.locator(".slip-qr figcaption")).toContainText(code);
  const video = await videoOf(page, ".slip-qr svg", "slip.y4m");

  const browser = await cameraBrowser(video);
  try {
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
  } finally {
    await browser.close();
  }
});

test("a drive's QR code held to the desk's camera says it is a drive, not a slip", async ({ page, baseURL }) => {
  await loadSampleAt(page, AT);
  await page.goto("/organizer/drives");
  const drive = page.locator(".drive-item", { has: page.getByRole("heading", { name: "Đợt 1" }) });
  await drive.getByRole("button", { name: "Chia sẻ" }).click();
  const video = await videoOf(page, ".share-panel .qr svg", "drive.y4m");

  const browser = await cameraBrowser(video);
  try {
    const desk_ = await desk(browser, baseURL!);
    await desk_.getByRole("button", { name: "Quét mã" }).click();
    await expect(desk_.getByRole("alert").filter({ hasText: "Đây là mã của một đợt hiến máu, không phải phiếu đăng ký" })).toBeVisible();
    await expect(desk_.getByRole("group", { name: "Quét mã" })).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test("a refused camera says so and what to do, and the search stays at hand", async ({ baseURL }) => {
  const browser = await cameraBrowser(null);
  try {
    const desk_ = await desk(browser, baseURL!);
    await desk_.getByRole("button", { name: "Quét mã" }).click();
    const refused = desk_.getByRole("alert").filter({ hasText: "Trình duyệt chưa được phép dùng máy ảnh" });
    await expect(refused).toContainText("hoặc tìm theo tên, số điện thoại hay mã phiếu");
    await expect(desk_.getByLabel("Hình từ máy ảnh")).toBeHidden();
    await desk_.getByLabel("Tìm người hiến").fill("nguyen");
    await expect(desk_.getByLabel("Tìm người hiến")).toHaveValue("nguyen");
  } finally {
    await browser.close();
  }
});

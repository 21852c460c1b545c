import { chromium, type Browser, type Page } from "@playwright/test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/chromium.mjs";

// A camera for the scanner's tests: Chromium's fake capture device fed a video the test makes
// from a QR code the app itself draws (a slip, a drive, a pairing code). Each camera needs its
// own browser: the video is a launch flag.

const dir = mkdtempSync(join(tmpdir(), "scan-e2e-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
let made = 0;

/** Writes a one-frame 640x480 Y4M video (grey desk, the code on white paper in the middle) of
 * the QR code the page shows in `svg`: the page draws the app's SVG on a canvas and gives back
 * its luma; the colour planes are neutral. */
export async function videoOf(page: Page, svg: string): Promise<string> {
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
  const file = join(dir, `code-${process.pid}-${made++}.y4m`);
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

/** Runs `use` with a browser whose camera shows `video` (refused when null), then closes it. */
export async function withCamera<T>(video: string | null, use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await cameraBrowser(video);
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

// Takes screenshots of pages of a running build, to look at them (not a test).
// Usage: node scripts/screenshots.mjs <base-url> <out-dir> [path ...]
// Defaults: every shell page at 360x740 and 1280x800, light and dark, plus the phone menu open.
// SHOT_TIME=2024-05-13T08:00:00+07:00 fixes the clock; SHOT_SAMPLE=1 loads the sample campaign
// first (through the Data page, as a person would); SHOT_SCHEMES=light keeps one scheme. SHOT_FIRST_PAINT=1 holds back every wasm
// module, so the pictures show each page's first paint, before the app runs.
import { chromium } from "@playwright/test";
import { mkdir } from "node:fs/promises";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const firstPaint = Boolean(process.env.SHOT_FIRST_PAINT);

const [base = "http://127.0.0.1:8080", out = "screenshots", ...given] = process.argv.slice(2);
const paths = given.length ? given : ["/", "/drives", "/organizer/schedule", "/nowhere"];
await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
// SHOT_WIDTHS=390,1280 picks the widths (800 px high at 1280, 740 below).
const widths = (process.env.SHOT_WIDTHS ?? "360,1280").split(",").map(Number);
for (const [w, h] of widths.map((w) => [w, w >= 1000 ? 800 : 740])) {
  for (const scheme of (process.env.SHOT_SCHEMES ?? "light,dark").split(",")) {
    const page = await browser.newPage({
      viewport: { width: w, height: h },
      colorScheme: scheme,
      // The service worker would fetch the wasm out of the page's sight.
      serviceWorkers: firstPaint ? "block" : "allow",
    });
    // Never answered: the app never starts.
    if (firstPaint) await page.route("**/*.wasm", () => {});
    if (process.env.SHOT_TIME) await page.clock.setFixedTime(new Date(process.env.SHOT_TIME));
    if (process.env.SHOT_SAMPLE) {
      await page.goto(base + "/organizer/data");
      await page.getByRole("button", { name: /Nạp chiến dịch mẫu|Load the sample campaign/ }).click();
      await page.getByText(/Đã nạp chiến dịch mẫu|sample campaign is loaded/).waitFor();
    }
    for (const path of paths) {
      await page.goto(base + path);
      await (firstPaint ? page.locator("#boot h1") : page.getByRole("heading", { level: 1 })).waitFor();
      const name = `${out}/${w}-${scheme}${path.replaceAll("/", "_") || "_"}${firstPaint ? "-first" : ""}.png`;
      // SHOT_HEIGHT=n keeps only the top n pixels of each page.
      const clip = process.env.SHOT_HEIGHT ? { x: 0, y: 0, width: w, height: Number(process.env.SHOT_HEIGHT) } : undefined;
      await page.screenshot({ path: name, fullPage: true, clip });
      console.log(name);
    }
    const menu = page.getByRole("button", { name: /Danh mục|Menu/ });
    if (!firstPaint && (await menu.isVisible())) {
      await menu.click();
      await page.screenshot({ path: `${out}/${w}-${scheme}-menu.png` });
    }
    await page.close();
  }
}
await browser.close();

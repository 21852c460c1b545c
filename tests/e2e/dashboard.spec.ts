import { test, expect, loadSampleAt } from "./fixtures";
import type { Page } from "@playwright/test";

async function withSample(page: Page) {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/organizer");
}

/** Share of a canvas's pixels that are not transparent. */
async function inked(page: Page, name: string | RegExp) {
  return page.getByRole("img", { name }).evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n / (c.width * c.height);
  });
}

test("the dashboard states each chart's point, follows the filters and shows the figures as tables", async ({
  page,
}) => {
  await withSample(page);
  const progress = page.getByRole("img", { name: /^0 \/ 1\.799 đơn vị, 0 %, chậm .* đơn vị so với lộ trình$/ });
  await expect(progress).toBeVisible();
  expect(await inked(page, /^0 \/ 1\.799 đơn vị/)).toBeGreaterThan(0.01);

  await page.getByLabel("Chiến dịch").selectOption({ label: "Hiến máu tình nguyện ngành Y tế Hà Nội năm 2023" });
  await expect(page.getByRole("img", { name: "8 ngày, 1.288 lượt đăng ký, 1.635 đơn vị máu" })).toBeVisible();
  await expect(page.getByRole("img", { name: "1.114 người, nhiều nhất: O+" })).toBeVisible();
  await expect(page.getByRole("img", { name: /^1\.114 người, nhiều nhất: (Bệnh viện công lập|Trung tâm|Đơn vị khác|Không thuộc)/ })).toBeVisible();
  await page.getByLabel("Đợt", { exact: true }).selectOption({ label: "Đợt 1" });
  const daily = page.getByRole("img", { name: /^4 ngày, 621 lượt đăng ký/ });
  await expect(daily).toBeVisible();
  const figure = page.locator("figure", { has: daily });
  await figure.getByText("Bảng số liệu").click();
  await expect(figure.getByRole("row")).toHaveCount(1 + 4);
  await expect(figure.getByRole("row").nth(1)).toContainText("24/04/2023");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("img", { name: /^4 days, 621 pledges/ })).toBeVisible();
});

test("a filter changed while the charts are being computed shows no chart of the filter before", async ({ page }) => {
  await withSample(page);
  await expect(page.getByRole("img", { name: /^0 \/ 1\.799 đơn vị/ })).toBeVisible();
  await expect(page.locator("figure[aria-busy]")).toHaveCount(0);
  // Every frame from the drive's change on: the label of each chart shown (not busy).
  const { busy, frames } = await page.evaluate(async () => {
    const pick = (id: string, text: string) => {
      const select = document.querySelector<HTMLSelectElement>(id)!;
      const option = [...select.options].find((o) => o.text === text);
      if (!option) throw new Error(`${id}: ${[...select.options].map((o) => JSON.stringify(o.text)).join(", ")}`);
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    };
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const shown = () =>
      [...document.querySelectorAll("figure.chart")].map((f) =>
        f.hasAttribute("aria-busy") ? null : f.querySelector("canvas")!.getAttribute("aria-label"),
      );
    // The drive is chosen as soon as the whole campaign's first chart is shown, while the
    // others are still being computed (each chart is shown in a task of its own).
    const progress = document.querySelector("figure.chart")!;
    let busy = 0;
    await new Promise<void>((resolve) => {
      let cleared = false;
      const watch = new MutationObserver(() => {
        cleared ||= progress.hasAttribute("aria-busy");
        if (cleared && !progress.hasAttribute("aria-busy")) {
          watch.disconnect();
          busy = shown().filter((l) => l === null).length;
          pick("#dash-drive", "Đợt 1");
          resolve();
        }
      });
      watch.observe(progress, { attributes: true, attributeFilter: ["aria-busy"] });
      pick("#dash-campaign", "Hiến máu tình nguyện ngành Y tế Hà Nội năm 2023");
    });
    const frames = [];
    do {
      await frame();
      frames.push(shown());
    } while (frames.at(-1)!.some((l) => l === null));
    return { busy, frames };
  });
  expect(busy, "charts still being computed when the drive was chosen").toBeGreaterThan(0);
  const last = frames.at(-1)!;
  expect(last[1]).toMatch(/^4 ngày, 621 lượt đăng ký/);
  for (const f of frames) {
    f.forEach((label, i) => {
      if (label !== null) expect(label).toBe(last[i]);
    });
  }
});

test("on a phone at pixel ratio 2 each chart's backing store is twice its CSS size", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await withSample(page);
  const canvases = page.locator("canvas");
  await expect(canvases).toHaveCount(8);
  // The charts below the first two are drawn after the first frame: wait until each is drawn.
  await expect
    .poll(() => canvases.evaluateAll((cs) => (cs as HTMLCanvasElement[]).every((c) => c.width === c.clientWidth * 2)))
    .toBe(true);
  const sizes = await canvases.evaluateAll((cs) =>
    (cs as HTMLCanvasElement[]).map((c) => [c.width, c.height, c.clientWidth, c.clientHeight]),
  );
  for (const [w, h, cw, ch] of sizes) {
    expect(cw).toBeGreaterThan(250);
    expect(w).toBe(cw * 2);
    expect(h).toBe(ch * 2);
  }
  await context.close();
});

for (const scale of [1, 2]) {
  test(`the dashboard at pixel ratio ${scale}: every chart drawn, screenshot kept to look at`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: scale });
    const page = await context.newPage();
    await withSample(page);
    await page.getByLabel("Chiến dịch").selectOption({ label: "Hiến máu tình nguyện ngành Y tế Hà Nội năm 2023" });
    await expect(page.getByRole("img", { name: "8 ngày, 1.288 lượt đăng ký, 1.635 đơn vị máu" })).toBeVisible();
    // After a filter change each chart is computed and drawn in turn: wait for the last.
    await expect(page.locator("figure[aria-busy]")).toHaveCount(0);
    const labels = await page.getByRole("img").evaluateAll((cs) => cs.map((c) => c.getAttribute("aria-label")));
    expect(labels).toHaveLength(8);
    for (const label of labels) {
      expect(await inked(page, label!)).toBeGreaterThan(0.005);
    }
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${scale}x.png`), fullPage: true });
    await context.close();
  });
}

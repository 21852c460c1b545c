import { test, expect, loadSampleAt } from "./fixtures";

// The organizer's schedule of the sample campaign's first 2023 drive.
test("the schedule shows a drive's days by sites with their fill, and a day's slots with names on demand", async ({
  page,
}) => {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/organizer/schedule");
  await page.getByLabel("Đợt hoặc điểm").selectOption({ label: "Đợt 1" });
  const grid = page.getByRole("table");
  await expect(grid.getByRole("row")).toHaveCount(1 + 4);

  const cells = grid.locator("button.cell");
  const labels = await cells.evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label")!));
  const taken = labels.map((l) => Number(l.match(/: ([\d.]+) \//)![1].replace(".", "")));
  expect(taken.reduce((a, b) => a + b, 0)).toBe(621);

  await cells.first().click();
  await expect(cells.first()).toHaveAttribute("aria-pressed", "true");
  const agenda = page.getByRole("region", { name: /^Thứ Hai 24\/04\/2023 · / });
  await expect(agenda).toBeVisible();
  const first = agenda.locator(".agenda-slot").first();
  await first.getByText("Xem tên").click();
  const shown = await first.locator("ol li").count();
  expect(shown).toBeGreaterThan(0);
  await expect(first.locator("strong")).toHaveText(new RegExp(`^${shown} / \\d+$`));

  // The fixed points over the next 30 days, against the 2024 target: every open cell is short
  // (a whole day counts, the morning slots already over included).
  await page.getByLabel("Đợt hoặc điểm").selectOption({ label: "Các điểm cố định (30 ngày tới)" });
  await expect(page.getByText(/^Cần khoảng \d+ lượt đăng ký mỗi điểm mỗi ngày còn lại để đạt 1\.799 đơn vị/)).toBeVisible();
  await expect(grid.getByRole("row")).toHaveCount(1 + 31);
  const open = await cells.count();
  await expect(grid.locator("button.cell", { hasText: "▲" })).toHaveCount(open);
  await expect(cells.first()).toHaveAccessibleName(/^Thứ Hai 13\/05\/2024, .*: 0 \/ 56 ▲ thiếu đăng ký$/);
});

test("a day's roster prints one slot per page without the navigation, and downloads as CSV", async ({ page }, testInfo) => {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/organizer/schedule");
  await page.getByLabel("Đợt hoặc điểm").selectOption({ label: "Đợt 1" });
  const first = page.locator("button.cell").first();
  await first.click();
  const taken = Number((await first.getAttribute("aria-label"))!.match(/: (\d+) \//)![1]);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải danh sách (CSV)" }).click();
  const csv = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.trim().split(/\r?\n/);
  expect(lines.length - 1).toBeGreaterThanOrEqual(taken);
  expect(lines[1]).toMatch(/\d{4}\*+\d{3}/);

  await expect(page.locator(".print-roster")).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".print-roster")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeHidden();
  await expect(page.locator(".sched-grid")).toBeHidden();
  await expect(page.locator(".print-roster h2")).toHaveText(/^Danh sách hiến máu · Đợt 1 · Bệnh viện .* · Thứ Hai 24\/04\/2023$/);
  const slots = page.locator(".print-slot");
  await expect(slots).toHaveCount(7);
  await expect(slots.first()).toHaveCSS("break-after", "page");
  const printed = await page.locator(".print-slot tbody tr").count();
  expect(printed).toBe(taken);
  await page.screenshot({ path: testInfo.outputPath("roster-print.png"), fullPage: true });
});

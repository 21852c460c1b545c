import { test, expect } from "./fixtures";

// The organizer's schedule of the sample campaign's first 2023 drive.
test("the schedule shows a drive's days by sites with their fill, and a day's slots with names on demand", async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date("2024-05-13T08:00:00+07:00"));
  await page.goto("/organizer/data");
  await page.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await expect(page.getByText("Đã nạp chiến dịch mẫu.")).toBeVisible();
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

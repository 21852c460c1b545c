import { test, expect, loadSampleAt } from "./fixtures";
import type { Page } from "@playwright/test";

// The sample campaign seen by a volunteer on Monday 13 May 2024 at 08:00, Hanoi time.
async function withSample(page: Page) {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
}

test("the home page shows this year's campaign, its progress and what opens next; Đăng ký opens the form there", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await withSample(page);
  await page.goto("/");
  const campaign = page.getByRole("region", { name: "Hiến máu tình nguyện ngành Y tế Hà Nội năm 2024" });
  await expect(campaign).toContainText("Hiến giọt máu đào - Trao đời sự sống");
  await expect(campaign).toContainText("0 / 1.799 đơn vị máu · 0,0 %");
  await expect(campaign.getByRole("progressbar", { name: "Tiến độ chiến dịch" })).toBeVisible();
  await expect(campaign).toContainText("Còn 232 ngày");

  const next = page.getByRole("region", { name: "Sắp tới" });
  await expect(next.getByRole("heading", { level: 3 }).first()).toHaveText("Thứ Hai 13/05/2024");
  await expect(next.locator(".opening").first()).toContainText("Trung tâm Y tế Đống Đa (điểm cố định)");
  await expect(next.locator(".opening").first()).toContainText("còn 52/52 chỗ");
  await next.getByRole("link", { name: "Đăng ký" }).first().click();

  await expect(page.getByRole("heading", { level: 1, name: "Đăng ký hiến máu" })).toBeVisible();
  await expect(page.getByLabel("Điểm hiến máu")).toHaveValue(/^f:/);
  await expect(page.getByLabel("Điểm hiến máu").locator("option:checked")).toHaveText(
    "Trung tâm Y tế Đống Đa (điểm cố định)",
  );
  await expect(page.getByLabel("Ngày", { exact: true })).toHaveValue("2024-05-13");
});

test("the drives page filters by district and site and shows one day from the month calendar", async ({ page }) => {
  await withSample(page);
  await page.goto("/drives");
  const list = page.locator(".opening-days");
  // 13 May to 12 June: 23 weekdays at the three fixed points, 4 Saturday mornings at one.
  await expect(list.locator(".opening")).toHaveCount(23 * 3 + 4);

  await page.getByLabel("Quận, huyện").selectOption("Hoàn Kiếm");
  await expect(list.locator(".opening").first()).toContainText("Trung tâm Y tế Hoàn Kiếm");
  await expect(list.locator(".opening", { hasNotText: "Hoàn Kiếm" })).toHaveCount(0);
  await expect(page.getByLabel("Địa điểm").locator("option")).toHaveText(["Mọi địa điểm", "Trung tâm Y tế Hoàn Kiếm"]);

  await page.getByLabel("Quận, huyện").selectOption("");
  const saturday = page.getByRole("button", { name: "18/05/2024: 1 nơi còn chỗ" });
  await saturday.click();
  await expect(saturday).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { level: 2, name: "Thứ Bảy 18/05/2024" })).toBeVisible();
  await expect(list.locator(".opening")).toHaveCount(1);
  await page.getByRole("button", { name: "Mọi ngày" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Danh sách" })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Drives" })).toBeVisible();
  await expect(page.getByRole("button", { name: "18/05/2024: 1 place with room" })).toBeVisible();
  await expect(page.locator("caption").first()).toHaveText("May 2024");
});

import { test, expect, loadSampleAt } from "./fixtures";
import type { Page } from "@playwright/test";

// A volunteer's own pledges on Monday 13 May 2024, 08:00 Hanoi time, with the sample campaign.
async function pledgeOnce(page: Page) {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/pledge");
  await page.getByLabel("Điểm hiến máu").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  await page.getByLabel("Ngày", { exact: true }).selectOption("2024-05-14");
  await page.getByLabel("09:00–09:30").check();
  await page.getByLabel("Họ và tên").fill("Trần Văn Minh");
  await page.getByLabel("Số điện thoại").fill("0987 654 321");
  await page.getByLabel("Ngày sinh").fill("1990-01-20");
  await page.getByLabel("Nam", { exact: true }).check();
  await page.getByLabel("Cân nặng (kg)").fill("65");
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  await expect(page.getByRole("region", { name: "Phiếu hẹn hiến máu" })).toBeVisible();
  return (await page.locator(".slip-code strong").textContent())!;
}

for (const width of [360, 1280]) {
  test(`my pledges survive a reload, move to another free slot and cancel after a confirmation (${width}px)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const code = await pledgeOnce(page);
    await page.getByRole("link", { name: "Xem lịch hẹn của tôi" }).click();
    await page.reload();

    const card = page.getByRole("article");
    await expect(card).toHaveCount(1);
    await expect(card.getByRole("heading", { level: 3 })).toHaveText("Thứ Ba 14/05/2024 09:00–09:30");
    await expect(card).toContainText("Trung tâm Y tế Đống Đa (điểm cố định)");
    await expect(card).toContainText("Trần Văn Minh · Máu toàn phần · 350 ml");
    await expect(card).toContainText("Đã đăng ký");
    await expect(card.locator(".pledge-code")).toHaveText(code);
    const next = page.getByRole("region", { name: "Lần hiến tiếp theo · Trần Văn Minh" });
    await expect(next).toContainText("Máu toàn phần: ngay từ hôm nay");

    await card.getByRole("button", { name: "Đổi lịch" }).click();
    await card.getByLabel("Ngày", { exact: true }).selectOption("2024-05-15");
    await card.getByLabel("10:00–10:30").check();
    await card.getByRole("button", { name: "Lưu lịch mới" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã đổi lịch hẹn." })).toBeVisible();
    await expect(page.getByRole("article").getByRole("heading", { level: 3 })).toHaveText(
      "Thứ Tư 15/05/2024 10:00–10:30",
    );

    await page.getByRole("article").getByRole("button", { name: "Hủy lịch hẹn" }).click();
    await expect(page.getByText("Hủy lịch hẹn này? Chỗ của bạn sẽ được nhường cho người khác.")).toBeVisible();
    await page.getByRole("button", { name: "Giữ lại" }).click();
    await expect(page.getByRole("article")).toContainText("Đã đăng ký");
    await page.getByRole("article").getByRole("button", { name: "Hủy lịch hẹn" }).click();
    await page.getByRole("button", { name: "Có, hủy lịch hẹn" }).click();

    await expect(page.getByRole("region", { name: "Trước đây" }).getByRole("article")).toContainText("Đã hủy");
    await page.reload();
    await expect(page.getByRole("region", { name: "Trước đây" }).getByRole("article")).toContainText("Đã hủy");
    await expect(page.getByRole("region", { name: "Sắp tới" })).toContainText("Đăng ký hiến máu");

    // The freed slot shows its place back on the drives page.
    await page.goto("/drives");
    await page.getByRole("button", { name: /^15\/05\/2024/ }).click();
    await expect(page.locator(".opening", { hasText: "Đống Đa" })).toContainText("còn 56/56 chỗ");
  });
}

test("with no pledge on this device the page says so and leads to the form", async ({ page }) => {
  await page.goto("/my-pledges");
  await expect(page.getByText("Chưa có lịch hẹn nào được đăng ký trên thiết bị này.")).toBeVisible();
  await page.getByRole("link", { name: "Đăng ký hiến máu" }).last().click();
  await expect(page.getByRole("heading", { level: 1, name: "Đăng ký hiến máu" })).toBeVisible();
});

test("the whole journey in English on a phone: find a place, pledge, keep the slip, reload, reschedule, cancel", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await page.getByRole("region", { name: "Coming up" }).getByRole("link", { name: "See every drive and donation point" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Drives" })).toBeVisible();
  await page.getByRole("button", { name: "15/05/2024: 3 places with room" }).click();
  await page.locator(".opening", { hasText: "Hoàn Kiếm" }).getByRole("link", { name: "Pledge" }).click();

  await expect(page.getByLabel("Day", { exact: true })).toHaveValue("2024-05-15");
  await page.getByLabel("10:00–10:30").check();
  await page.getByLabel("Full name").fill("Đỗ Minh Anh");
  await page.getByLabel("Phone number").fill("0945 678 123");
  await page.getByLabel("Date of birth").fill("1996-12-01");
  await page.getByLabel("Female", { exact: true }).check();
  await page.getByLabel("Weight (kg)").fill("50.5");
  await page.getByLabel(/I agree/).check();
  await page.getByRole("button", { name: "Pledge to donate" }).click();
  const slip = page.getByRole("region", { name: "Your donation slip" });
  await expect(slip).toContainText("Wednesday 15/05/2024 10:00–10:30");
  await slip.getByRole("link", { name: "See my pledges" }).click();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My pledges" })).toBeVisible();
  const card = page.getByRole("article");
  await expect(card.getByRole("heading", { level: 3 })).toHaveText("Wednesday 15/05/2024 10:00–10:30");
  await card.getByRole("button", { name: "Reschedule" }).click();
  await card.getByLabel("10:30–11:00").check();
  await card.getByRole("button", { name: "Save the new time" }).click();
  await expect(page.getByRole("article").getByRole("heading", { level: 3 })).toHaveText("Wednesday 15/05/2024 10:30–11:00");
  await page.getByRole("article").getByRole("button", { name: "Cancel pledge" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByRole("region", { name: "Earlier" }).getByRole("article")).toContainText("Cancelled");
});

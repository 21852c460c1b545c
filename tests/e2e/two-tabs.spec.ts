import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// Two tabs of one browser pledging in turn at the same place on the same days (so into the
// same storage shard), 50 pledges each: all 100 are kept, on both tabs and after a reload, and
// the device's "my pledges" lists all of them.

async function pledge(page: Page, n: number, day: string) {
  // A person switches to the tab before typing into it (a background tab gets no animation
  // frames, which Playwright's checks wait for).
  await page.bringToFront();
  const dayField = page.getByLabel("Ngày", { exact: true });
  if ((await dayField.inputValue()) !== day) await dayField.selectOption(day);
  await page.locator(".slot:not(.unavailable) input").first().check();
  await page.getByLabel("Họ và tên").fill(`Người hiến ${n}`);
  await page.getByLabel("Số điện thoại").fill(`0912${String(n).padStart(6, "0")}`);
  await page.getByLabel("Ngày sinh").fill("1992-06-15");
  await page.getByLabel("Nam", { exact: true }).check();
  await page.getByLabel("Cân nặng (kg)").fill("60");
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  await expect(page.getByRole("region", { name: "Phiếu hẹn hiến máu" })).toContainText(`Người hiến ${n}`);
  await page.getByRole("button", { name: "Đăng ký cho đồng nghiệp" }).click();
}

test("two tabs pledging alternately 50 times each end with all 100 pledges", async ({ context }) => {
  test.setTimeout(90_000);
  await context.clock.setFixedTime(new Date("2024-05-13T08:00:00+07:00"));
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto("/organizer/data");
  await a.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await expect(a.getByText("Đã nạp chiến dịch mẫu.")).toBeVisible();
  for (const page of [a, b]) {
    await page.goto("/pledge");
    await page.getByLabel("Điểm hiến máu").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  }
  // 13 May from 08:00 holds 52 (13 slots of 4), 14 May 56: 50 and 50.
  for (let i = 0; i < 50; i++) {
    const day = i < 25 ? "2024-05-13" : "2024-05-14";
    await pledge(a, 2 * i, day);
    await pledge(b, 2 * i + 1, day);
  }

  for (const page of [a, b]) {
    await page.goto("/organizer/data");
    await expect(page.locator(".counts div", { hasText: "Lượt đăng ký" }).locator("dd")).toHaveText("1.388");
  }
  await a.goto("/my-pledges");
  await expect(a.getByRole("article")).toHaveCount(100);
  const names = await a.locator(".pledge-card p:nth-of-type(2)").allTextContents();
  for (let n = 0; n < 100; n++) {
    expect(names.filter((t) => t.startsWith(`Người hiến ${n} ·`)), `pledge ${n}`).toHaveLength(1);
  }
});

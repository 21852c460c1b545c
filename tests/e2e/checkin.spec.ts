import { test, expect, loadSampleAt } from "./fixtures";
import type { Page } from "@playwright/test";

// The desk at a fixed point on Monday 13 May 2024, 08:00 Hanoi time, with the sample campaign and
// two volunteers who pledged for that morning.
async function pledge(page: Page, name: string, phone: string, slot: string, kg = "55") {
  await page.goto("/pledge");
  await page.getByLabel("Điểm hiến máu").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  await page.getByLabel(slot).check();
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Số điện thoại").fill(phone);
  await page.getByLabel("Ngày sinh").fill("1990-01-20");
  await page.getByLabel("Nữ", { exact: true }).check();
  await page.getByLabel("Cân nặng (kg)").fill(kg);
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  await expect(page.getByRole("region", { name: "Phiếu hẹn hiến máu" })).toBeVisible();
  return (await page.locator(".slip-code strong").textContent())!;
}

async function atTheDesk(page: Page) {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  const lan = await pledge(page, "Nguyễn Thị Lan", "0912 345 678", "08:30–09:00");
  const hoa = await pledge(page, "Lê Thị Hoa", "0987 111 222", "09:00–09:30");
  await page.goto("/organizer/check-in");
  await page.getByLabel("Điểm tiếp đón").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  return { lan, hoa };
}

test("a donor found by name without accents arrives with Enter, donates 350 ml and the campaign counts 1,4 units", async ({
  page,
}) => {
  await atTheDesk(page);
  const search = page.getByLabel("Tìm người hiến");
  await expect(search).toBeFocused();
  await expect(page.locator(".desk-summary")).toHaveText("2 lượt hẹn · 0 đã đến · 0 đã hiến");

  await search.fill("nguyen lan");
  await expect(page.locator(".desk-row")).toHaveCount(1);
  await search.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Đã ghi: Nguyễn Thị Lan đã đến." })).toBeVisible();
  await expect(search).toHaveValue("");
  const lan = page.locator(".desk-row", { hasText: "Nguyễn Thị Lan" });
  await expect(lan.locator(".desk-state")).toHaveText("Đã đến");
  await lan.getByLabel("Thể tích").selectOption("350");
  await lan.getByRole("button", { name: "Đã hiến" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã ghi: Nguyễn Thị Lan đã hiến 350 ml (1,4 đơn vị)." })).toBeVisible();
  await expect(page.locator(".desk-summary")).toHaveText("2 lượt hẹn · 1 đã đến · 1 đã hiến");

  await page.goto("/");
  await expect(page.getByRole("region", { name: /năm 2024/ })).toContainText("1,4 / 1.799 đơn vị máu");
});

test("a donor found by pledge code or phone is deferred with a reason and a date, or marked as not come", async ({
  page,
}) => {
  const { hoa } = await atTheDesk(page);
  const search = page.getByLabel("Tìm người hiến");
  await search.fill(hoa.toLowerCase());
  await expect(page.locator(".desk-row")).toHaveCount(1);
  await page.locator(".desk-row").getByRole("button", { name: "Đã đến" }).click();
  const row = page.locator(".desk-row", { hasText: "Lê Thị Hoa" });
  await row.getByRole("button", { name: "Tạm hoãn" }).click();
  await row.locator(".defer-form").getByRole("button", { name: "Tạm hoãn" }).click();
  await expect(row.getByRole("alert")).toHaveText("Hãy nhập lý do tạm hoãn.");
  await row.getByLabel("Lý do tạm hoãn").fill("Huyết sắc tố thấp");
  await row.getByLabel("Hoãn đến ngày").fill("2024-05-10");
  await row.locator(".defer-form").getByRole("button", { name: "Tạm hoãn" }).click();
  await expect(row.getByRole("alert")).toHaveText("Hãy chọn một ngày sau hôm nay.");
  await row.getByLabel("Hoãn đến ngày").fill("2024-08-13");
  await row.locator(".defer-form").getByRole("button", { name: "Tạm hoãn" }).click();
  await expect(page.locator(".desk-row", { hasText: "Lê Thị Hoa" }).locator(".desk-state")).toHaveText(
    "Tạm hoãn đến 13/08/2024 · Huyết sắc tố thấp",
  );

  await search.fill("345 678");
  await expect(page.locator(".desk-row")).toHaveCount(1);
  await page.locator(".desk-row").getByRole("button", { name: "Không đến" }).click();
  await expect(page.locator(".desk-row").locator(".desk-state")).toHaveText("Không đến");
  await search.fill("");
  await expect(page.locator(".desk-summary")).toHaveText("2 lượt hẹn · 1 đã đến · 0 đã hiến");
});

test("a walk-in is registered and arrives; a full slot takes them only when ticked", async ({ page }) => {
  await atTheDesk(page);
  const form = page.getByRole("form", { name: "Đến không hẹn trước" });
  await form.getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(form.getByRole("alert")).toHaveText("Hãy nhập họ và tên.");
  await form.getByLabel("Họ và tên").fill("Phạm Văn Nam");
  await form.getByLabel("Số điện thoại").fill("0903 000 111");
  await form.getByLabel("Ngày sinh").fill("1985-02-02");
  await form.getByLabel("Nam", { exact: true }).check();
  await form.getByLabel("Cân nặng (kg)").fill("70");
  await form.getByLabel("Khung giờ", { exact: true }).selectOption("10:00");
  await form.getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã tiếp nhận Phạm Văn Nam, đã đến." })).toBeVisible();
  const row = page.locator(".desk-row", { hasText: "Phạm Văn Nam" });
  await expect(row).toContainText("không hẹn");
  await expect(row.locator(".desk-state")).toHaveText("Đã đến");
  await expect(form.getByLabel("Họ và tên")).toHaveValue("");

  // 10:00 holds 4: three more walk-ins fill it, the next is refused until the box is ticked.
  for (const n of [1, 2, 3, 4]) {
    await form.getByLabel("Họ và tên").fill(`Người đến ${n}`);
    await form.getByLabel("Số điện thoại").fill(`0903 000 20${n}`);
    await form.getByLabel("Ngày sinh").fill("1985-02-02");
    await form.getByLabel("Cân nặng (kg)").fill("70");
    await form.getByLabel("Khung giờ", { exact: true }).selectOption("10:00");
    if (n < 4) {
      await form.getByRole("button", { name: "Tiếp nhận" }).click();
      await expect(page.getByRole("status").filter({ hasText: `Đã tiếp nhận Người đến ${n}` })).toBeVisible();
    }
  }
  await expect(form.getByLabel("Khung giờ", { exact: true }).locator("option:checked")).toHaveText("10:00–10:30 · Hết chỗ");
  await form.getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(form.getByRole("alert")).toHaveText("Khung giờ này đã đủ chỗ: đánh dấu ô nhận thêm nếu vẫn tiếp nhận.");
  await expect(page.locator(".desk-row", { hasText: "Người đến 4" })).toHaveCount(0);
  await form.getByLabel("Nhận thêm dù khung giờ đã đủ chỗ").check();
  await form.getByRole("button", { name: "Tiếp nhận" }).click();
  await expect(page.locator(".desk-row", { hasText: "Người đến 4" })).toContainText("không hẹn");
});

test("the desk refuses 450 ml from a 44 kg woman beside the volume, and takes it once she weighs 50 kg (TT 26/2013 Điều 4.2a)", async ({
  page,
}) => {
  // Bug guarded: recording an outcome took any volume whatever the donor weighed.
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await pledge(page, "Trần Thị Mai", "0911 222 333", "08:30–09:00", "44");
  await page.goto("/organizer/check-in");
  await page.getByLabel("Điểm tiếp đón").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  const row = page.locator(".desk-row", { hasText: "Trần Thị Mai" });
  await row.getByRole("button", { name: "Đã đến" }).click();
  await expect(row.getByLabel("Cân nặng hôm nay (kg)")).toHaveValue("44");
  await row.getByLabel("Thể tích").selectOption("450");
  await row.getByRole("button", { name: "Đã hiến" }).click();
  const volume = row.getByLabel("Thể tích");
  const refusal = "450 ml vượt mức tối đa 250 ml (Thông tư 26/2013/TT-BYT, Điều 4.2a)";
  await expect(row.getByRole("alert")).toContainText(refusal);
  await expect(volume).toHaveAccessibleDescription(/450 ml vượt mức tối đa 250 ml/);
  // Bug guarded: the desk said the refusal twice, beside the volume and in the page's notice.
  await expect(page.getByText(/450 ml vượt mức tối đa 250 ml/)).toHaveCount(1);
  await expect(row.locator(".desk-state")).toHaveText("Đã đến");
  await expect(page.locator(".desk-summary")).toHaveText("1 lượt hẹn · 1 đã đến · 0 đã hiến");

  await row.getByLabel("Cân nặng hôm nay (kg)").fill("50");
  await row.getByRole("button", { name: "Đã hiến" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã ghi: Trần Thị Mai đã hiến 450 ml" })).toBeVisible();
  await expect(page.locator(".desk-summary")).toHaveText("1 lượt hẹn · 1 đã đến · 1 đã hiến");
});

import { test, expect, loadSampleAt } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

// The organizer's whole path from empty storage: set-up forms, a drive shared by link to a
// volunteer in another browser context, the pledge slip sent back, merged from the inbox,
// checked in, 350 ml recorded, and the campaign and the unit's quota counting 1,4 units more.

const MONDAY = "2025-03-03T08:00:00+07:00";
const DRIVE_DAY = "2025-03-10T08:00:00+07:00";

async function fresh(browser: Browser, baseURL: string, at: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(at));
  return page;
}

async function createCampaign(page: Page) {
  await page.goto("/organizer/setup");
  await page.getByLabel("Năm", { exact: true }).fill("2025");
  await page.getByLabel("Tên", { exact: true }).first().fill("Hiến máu tình nguyện 2025");
  await page.getByLabel("Kết quả năm trước (đơn vị máu)").fill("1.000");
  await page.getByLabel("Tăng trưởng (%)").fill("10");
  await page.getByLabel("Khẩu hiệu").fill("Giọt máu đào, nghĩa tình sâu");
  await page.getByRole("button", { name: "Tạo chiến dịch" }).click();
  await expect(page.getByText("Đã tạo chiến dịch “Hiến máu tình nguyện 2025”, chỉ tiêu 1.100 đơn vị.")).toBeVisible();
}

async function addVenue(page: Page, name: string, district: string) {
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Địa điểm mới" }) });
  await form.getByLabel("Tên", { exact: true }).fill(name);
  await form.getByLabel("Quận/huyện").fill(district);
  await form.getByRole("button", { name: "Thêm địa điểm" }).click();
  await expect(page.getByText(`Đã thêm địa điểm “${name}”.`)).toBeVisible();
}

test("from empty storage: set up, share a drive, a volunteer pledges through the link, the slip is merged, checked in and counted", async ({
  browser,
  baseURL,
}) => {
  const org = await fresh(browser, baseURL!, MONDAY);
  await createCampaign(org);
  await addVenue(org, "Bệnh viện Đa khoa Xanh Pôn", "Ba Đình");
  await addVenue(org, "Bệnh viện Thanh Nhàn", "Hai Bà Trưng");
  await addVenue(org, "Trung tâm Y tế Đống Đa", "Đống Đa");
  await org.getByLabel("Danh sách đơn vị").fill("Bệnh viện Đa khoa Xanh Pôn\t\t40\nTrung tâm Y tế Ba Đình; 20");
  await expect(org.getByText("2 dòng hợp lệ, 0 dòng có lỗi (sẽ không được thêm).")).toBeVisible();
  await org.getByRole("button", { name: "Thêm 2 đơn vị hợp lệ" }).click();
  await expect(org.getByText("Đã thêm 2 đơn vị.")).toBeVisible();

  await org.goto("/organizer/drives");
  await org.getByLabel("Tên", { exact: true }).fill("Đợt xuân");
  await org.getByLabel("Ngày bắt đầu").fill("2025-03-10");
  await org.getByLabel("Ngày kết thúc").fill("2025-03-13");
  await org.getByLabel("Bệnh viện Đa khoa Xanh Pôn").check();
  await org.getByLabel("Bệnh viện Thanh Nhàn").check();
  await org.getByLabel("Ngày khác lịch tại Bệnh viện Thanh Nhàn").fill("13/03/2025: nghỉ");
  await org.getByRole("button", { name: "Tạo đợt" }).click();
  await expect(org.getByText("Đã tạo đợt “Đợt xuân” (đang chuẩn bị: mở đợt để nhận đăng ký).")).toBeVisible();
  const drive = org.locator(".drive-item", { hasText: "Đợt xuân" });
  await expect(drive).toContainText("Đang chuẩn bị · 10/03/2025 – 13/03/2025");
  await expect(drive).toContainText("0 / 560 chỗ đã có người đăng ký");
  await drive.getByRole("button", { name: "Mở đăng ký" }).click();
  await expect(drive).toContainText("Đang nhận đăng ký");
  await drive.getByRole("button", { name: "Chia sẻ" }).click();
  await expect(drive.getByRole("img", { name: "Mã QR của đợt Đợt xuân" })).toBeVisible();
  const link = await drive.getByLabel("Liên kết của đợt").inputValue();
  // The drive's calendar: one event per day and site, none the day Thanh Nhàn is closed.
  const download = org.waitForEvent("download");
  await drive.getByRole("button", { name: "Tải lịch đợt (.ics)" }).click();
  const ics = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString("utf8");
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(7);
  expect(ics).toContain("TZID=Asia/Ho_Chi_Minh");
  expect(link.startsWith(`${baseURL}/d#d1.`)).toBe(true);

  // A volunteer on another device (its own storage) opens the link.
  const vol = await fresh(browser, baseURL!, MONDAY);
  await vol.setViewportSize({ width: 360, height: 740 });
  await vol.goto(link);
  await expect(vol.getByRole("heading", { name: "Đợt xuân" })).toBeVisible();
  await expect(vol.getByRole("region", { name: "Đợt xuân" })).toContainText("10/03/2025 – 13/03/2025 · 2 địa điểm");
  await vol.getByRole("button", { name: "Lưu đợt vào thiết bị này" }).click();
  await expect(vol.getByText("Đã lưu đợt vào thiết bị. Chọn một ngày để đăng ký:")).toBeVisible();
  const xanhPon = vol.locator(".shared-site", { hasText: "Bệnh viện Đa khoa Xanh Pôn" });
  await xanhPon.getByRole("link", { name: "Đăng ký · Thứ Hai 10/03/2025" }).click();
  await expect(vol).toHaveURL(/\/pledge\?place=/);
  await vol.getByLabel("07:30–08:30").check();
  await vol.getByLabel("Họ và tên").fill("Phạm Thị Mai");
  await vol.getByLabel("Số điện thoại").fill("0912 000 111");
  await vol.getByLabel("Ngày sinh").fill("1992-04-02");
  await vol.getByLabel("Nữ", { exact: true }).check();
  await vol.getByLabel("Cân nặng (kg)").fill("52");
  await vol.getByLabel(/Tôi đồng ý/).check();
  await vol.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  const slip = vol.getByRole("region", { name: "Phiếu hẹn hiến máu" });
  await expect(slip).toBeVisible();
  const code = (await slip.locator(".slip-code strong").textContent())!;
  await slip.getByText("Gửi phiếu cho ban tổ chức").click();
  await expect(slip.getByRole("img", { name: `Mã QR của phiếu ${code}` })).toBeVisible();
  const slipLink = await slip.getByLabel("Liên kết phiếu đăng ký").inputValue();
  expect(slipLink.startsWith(`${baseURL}/organizer/inbox#p1.`)).toBe(true);
  // The volunteer's home names the campaign but shows no progress: the link carries no target.
  await vol.goto("/");
  const campaign = vol.getByRole("region", { name: "Hiến máu tình nguyện 2025" });
  await expect(campaign).toContainText("Giọt máu đào, nghĩa tình sâu");
  await expect(campaign.getByRole("progressbar")).toHaveCount(0);

  // The organizer opens the slip link: the slip waits in the inbox until merged.
  await org.goto(slipLink);
  await expect(org.getByRole("heading", { name: "1 phiếu chờ xem xét" })).toBeVisible();
  await expect(org).toHaveURL(/\/organizer\/inbox$/);
  const item = org.getByRole("listitem", { name: `Phạm Thị Mai · ${code}` });
  await expect(item).toContainText("0912000111");
  await item.getByLabel("Đơn vị").selectOption({ label: "Bệnh viện Đa khoa Xanh Pôn" });
  await item.getByRole("button", { name: "Gộp vào lịch" }).click();
  await expect(org.getByText("Đã gộp phiếu của Phạm Thị Mai vào lịch.")).toBeVisible();
  await expect(org.getByRole("heading", { name: "Hộp thư trống." })).toBeVisible();
  // Opening the same link again: already in the schedule, merging would change nothing.
  await org.goto(slipLink);
  await expect(org.getByRole("listitem", { name: `Phạm Thị Mai · ${code}` })).toContainText(
    "Đã có trong lịch: gộp không thay đổi gì.",
  );

  // The schedule holds the pledge once.
  await org.goto("/organizer/schedule");
  await expect(org.getByLabel("Đợt hoặc điểm")).toHaveValue(/.+/);
  await expect(org.getByRole("button", { name: /^Thứ Hai 10\/03\/2025, Bệnh viện Đa khoa Xanh Pôn: 1 \/ 80/ })).toBeVisible();
  await expect(org.locator(".sched-grid button", { hasText: /^1 \/ 80/ })).toHaveCount(1);
  await expect(org.locator(".sched-grid button", { hasText: /^0 \/ 80/ })).toHaveCount(6);

  // The drive's day: the desk checks her in and records 350 ml.
  await org.clock.setFixedTime(new Date(DRIVE_DAY));
  await org.goto("/organizer/check-in");
  await org.getByLabel("Điểm tiếp đón").selectOption({ label: "Đợt xuân · Bệnh viện Đa khoa Xanh Pôn" });
  const search = org.getByLabel("Tìm người hiến");
  await search.fill("pham mai");
  await search.press("Enter");
  const row = org.locator(".desk-row", { hasText: "Phạm Thị Mai" });
  await expect(row.locator(".desk-state")).toHaveText("Đã đến");
  await row.getByLabel("Thể tích").selectOption("350");
  await row.getByRole("button", { name: "Đã hiến" }).click();
  await expect(org.getByText("Đã ghi: Phạm Thị Mai đã hiến 350 ml (1,4 đơn vị).")).toBeVisible();

  await org.goto("/organizer");
  await expect(org.getByRole("img", { name: /^1,4 \/ 1\.100 đơn vị/ })).toBeVisible();
  const quota = org.locator("figure", { has: org.getByRole("img", { name: /đơn vị có chỉ tiêu/ }) });
  await quota.getByText("Bảng số liệu").click();
  await expect(quota.getByRole("row", { name: /Bệnh viện Đa khoa Xanh Pôn/ })).toContainText("1,4");
});

test("each set-up form says what is wrong beside the field and saves nothing", async ({ page }) => {
  await page.clock.setFixedTime(new Date(MONDAY));
  await page.goto("/organizer/setup");
  // Campaign: a year out of range and a baseline that is not a number.
  await page.getByLabel("Năm", { exact: true }).fill("1999");
  await page.getByLabel("Kết quả năm trước (đơn vị máu)").fill("nhiều");
  await page.getByRole("button", { name: "Tạo chiến dịch" }).click();
  await expect(page.locator("#camp-year-msg")).toHaveText("Năm phải từ 2000 đến 2100.");
  await expect(page.locator("#camp-name-msg")).toHaveText("Hãy nhập tên.");
  await expect(page.locator("#camp-baseline-msg")).toHaveText("Hãy nhập một số, ví dụ 1635 hoặc 12,5.");
  await expect(page.getByLabel("Năm", { exact: true })).toBeFocused();
  await expect(page.getByText("Chưa có chiến dịch nào.")).toBeVisible();
  // Fixing a field takes its message away.
  await page.getByLabel("Năm", { exact: true }).fill("2025");
  await expect(page.locator("#camp-year-msg")).toBeHidden();
  await createCampaign(page);
  await page.getByLabel("Năm", { exact: true }).fill("2025");
  await page.getByRole("button", { name: "Tạo chiến dịch" }).click();
  await expect(page.locator("#camp-year-msg")).toHaveText("Năm này đã có chiến dịch.");

  // Site: a fixed point whose Monday hours overlap, and a capacity of 0.
  const siteForm = page.locator("form", { has: page.getByRole("heading", { name: "Địa điểm mới" }) });
  await siteForm.getByLabel("Tên", { exact: true }).fill("Điểm cố định Cầu Giấy");
  await siteForm.getByLabel("Điểm hiến máu cố định, mở theo lịch tuần").check();
  await siteForm.getByLabel("Thứ Hai").fill("07:00-11:30, 11:00-16:00");
  await siteForm.getByLabel("Số người mỗi khung giờ").fill("0");
  await siteForm.getByRole("button", { name: "Thêm địa điểm" }).click();
  await expect(page.locator("#site-day-0-msg")).toHaveText("Hai khoảng giờ trong ngày trùng nhau.");
  await expect(page.locator("#site-capacity-msg")).toHaveText("Số người mỗi khung giờ phải từ 1 trở lên.");
  await expect(page.getByText("Chưa có địa điểm nào.")).toBeVisible();
  await siteForm.getByLabel("Thứ Hai").fill("07:00-11:30, 13:30-16:00");
  await siteForm.getByLabel("Số người mỗi khung giờ").fill("6");
  await siteForm.getByRole("button", { name: "Thêm địa điểm" }).click();
  await expect(page.getByText("Đã thêm địa điểm “Điểm cố định Cầu Giấy”.")).toBeVisible();

  // Units: a pasted list with bad rows adds only the good ones, after confirmation.
  await page.getByLabel("Danh sách đơn vị").fill("Bệnh viện E; 30\n; 5\nViện Huyết học; chuyên khoa; 0");
  await expect(page.getByText("Dòng 2: Hãy nhập tên.")).toBeVisible();
  await expect(page.getByText("Dòng 3: Chỉ tiêu phải lớn hơn 0.")).toBeVisible();
  await expect(page.getByText("Chưa có đơn vị nào.")).toBeVisible();
  await page.getByRole("button", { name: "Thêm 1 đơn vị hợp lệ" }).click();
  await expect(page.getByText("1 đơn vị đang tham gia (bấm để xem danh sách)")).toBeVisible();
  const unitForm = page.locator("form", { has: page.getByRole("heading", { name: "Đơn vị mới" }) });
  await unitForm.getByLabel("Tên", { exact: true }).fill("bệnh viện e");
  await unitForm.getByLabel("Chỉ tiêu (đơn vị máu)").fill("-2");
  await unitForm.getByRole("button", { name: "Thêm đơn vị" }).click();
  await expect(page.locator("#unit-name-msg")).toHaveText("Đã có đơn vị cùng tên.");
  await expect(page.locator("#unit-quota-msg")).toHaveText("Chỉ tiêu phải lớn hơn 0.");

  // Drive: end before start, outside the campaign's year, a slot with 0 places, overlapping
  // slots, and no site chosen; then each fixed in turn.
  await page.goto("/organizer/drives");
  await page.getByLabel("Tên", { exact: true }).fill("Đợt hè");
  await page.getByLabel("Ngày bắt đầu").fill("2025-06-10");
  await page.getByLabel("Ngày kết thúc").fill("2025-06-08");
  await page.getByRole("button", { name: "Tạo đợt" }).click();
  await expect(page.locator("#drive-end-msg")).toHaveText("Ngày kết thúc phải từ ngày bắt đầu trở đi.");
  await expect(page.locator("#drive-sites-msg")).toHaveText("Hãy chọn ít nhất một địa điểm.");
  // Over the longest drive (31 days) first, then a short drive that runs into the next year.
  await page.getByLabel("Ngày kết thúc").fill("2025-07-20");
  await expect(page.locator("#drive-end-msg")).toHaveText("Vượt giới hạn: tối đa 31 ngày trong một đợt.");
  await page.getByLabel("Ngày bắt đầu").fill("2025-12-30");
  await page.getByLabel("Ngày kết thúc").fill("2026-01-02");
  await expect(page.locator("#drive-end-msg")).toHaveText("Đợt phải nằm trong năm 2025 của chiến dịch.");
  await page.getByLabel("Ngày bắt đầu").fill("2025-06-10");
  await page.getByLabel("Ngày kết thúc").fill("2025-06-12");
  await page.getByLabel("Điểm cố định Cầu Giấy").check();
  const template = page.getByLabel("Khung giờ mỗi ngày tại Điểm cố định Cầu Giấy");
  await template.fill("07:30-09:00 0");
  await page.getByRole("button", { name: "Tạo đợt" }).click();
  await expect(template).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Số người mỗi khung giờ phải từ 1 trở lên.")).toBeVisible();
  await template.fill("07:30-09:00 10, 08:30-10:00 10");
  await expect(page.getByText("Hai khung giờ trùng nhau.")).toBeVisible();
  await expect(page.getByText("Chưa có đợt nào.")).toBeVisible();
  await template.fill("07:30-09:00 10, 09:00-10:30 10");
  await page.getByRole("button", { name: "Tạo đợt" }).click();
  await expect(page.getByText("Đã tạo đợt “Đợt hè” (đang chuẩn bị: mở đợt để nhận đăng ký).")).toBeVisible();
});

test("cancelling a drive lists the pledges it cancels before anything happens", async ({ page }) => {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/organizer/drives");
  const drive = page.locator(".drive-item").first();
  await drive.getByRole("button", { name: "Hủy đợt" }).click();
  const panel = drive.getByRole("group", { name: "Hủy đợt" });
  await expect(panel).toContainText(/Hủy đợt này (sẽ hủy \d+ lượt đăng ký|không ảnh hưởng)/);
  await panel.getByRole("button", { name: "Xác nhận hủy đợt" }).click();
  await expect(panel.getByText("Hãy nhập lý do hủy.")).toBeVisible();
  await panel.getByRole("button", { name: "Không hủy" }).click();
  await expect(drive).not.toContainText("Đã hủy");
});

test("a drive is edited in the same form, and an edit that would strand pledges is refused with their count", async ({
  page,
}) => {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/organizer/drives");
  const first = page.locator(".drive-item", { has: page.getByRole("heading", { name: "Đợt 1" }) });
  await first.getByRole("button", { name: "Sửa" }).click();
  await expect(page.getByRole("heading", { name: "Sửa đợt “Đợt 1”" })).toBeVisible();
  await expect(page.getByLabel("Tên", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Tên", { exact: true })).toHaveValue("Đợt 1");
  await expect(page.getByLabel("Ngày bắt đầu")).toHaveValue("2023-04-24");
  await expect(page.getByRole("checkbox", { name: "Bệnh viện Ung bướu Hà Nội" })).toBeChecked();
  // Dropping a site its donors pledged at would leave them without a slot.
  await page.getByRole("checkbox", { name: "Bệnh viện Ung bướu Hà Nội" }).uncheck();
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByText(/^Không lưu: \d+ lượt đăng ký sẽ mất ngày hoặc khung giờ của mình/)).toBeVisible();
  await expect(first).toContainText("Bệnh viện Ung bướu Hà Nội");
  // A change that strands no one is saved.
  await page.getByRole("checkbox", { name: "Bệnh viện Ung bướu Hà Nội" }).check();
  await page.getByLabel("Tên", { exact: true }).fill("Đợt 1 (tháng Tư)");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  await expect(page.getByText("Đã lưu thay đổi của đợt “Đợt 1 (tháng Tư)”.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Đợt 1 (tháng Tư)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Đợt mới" })).toBeVisible();
});

test("one slot's places change on one day; below what is pledged only when ticked", async ({ page }) => {
  await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
  await page.goto("/organizer/drives");
  const first = page.locator(".drive-item", { has: page.getByRole("heading", { name: "Đợt 1" }) });
  await first.getByRole("button", { name: "Sức chứa" }).click();
  await first.getByLabel("Địa điểm").selectOption({ label: "Bệnh viện Đa khoa Xanh Pôn" });
  await first.getByLabel("Ngày", { exact: true }).selectOption({ label: "24/04/2023" });
  const places = first.getByLabel("Số chỗ mới");
  await places.fill("0");
  await first.getByRole("button", { name: "Lưu sức chứa" }).click();
  await expect(first.getByText("Số người mỗi khung giờ phải từ 1 trở lên.")).toBeVisible();
  await places.fill("1");
  await first.getByRole("button", { name: "Lưu sức chứa" }).click();
  await expect(first.getByText(/^Đã có \d+ người đăng ký khung giờ này/)).toBeVisible();
  await expect(places).toHaveAttribute("aria-invalid", "true");
  await first.getByLabel(/^Vẫn giảm/).check();
  await first.getByRole("button", { name: "Lưu sức chứa" }).click();
  await expect(first.getByText(/^Đã lưu: khung \d\d:\d\d có 1 chỗ\.$/)).toBeVisible();
  await first.getByLabel("Ngày", { exact: true }).selectOption({ label: "24/04/2023" });
  await expect(first.getByLabel("Khung giờ · số chỗ hiện tại").locator("option").first()).toHaveText(/· 1$/);
  await first.getByLabel("Ngày", { exact: true }).selectOption({ label: "25/04/2023" });
  await expect(first.getByLabel("Khung giờ · số chỗ hiện tại").locator("option").first()).toHaveText(/· 12$/);
});

import { fileURLToPath } from "node:url";
import { test, expect, loadSampleAt } from "./fixtures";

// Donor lists as organizers really have them (issue 20): a Google Forms export of registrations
// and the same list saved again by Excel (tests/fixtures/), imported on the Data page.
const AT = "2024-05-13T08:00:00+07:00";
const GOOGLE = fileURLToPath(new URL("../fixtures/google-forms-donors.csv", import.meta.url));
const EXCEL = fileURLToPath(new URL("../fixtures/google-forms-donors-excel.csv", import.meta.url));
const GROUPS =
  "Nhóm máu của các hàng hợp lệ: O+: 2, B+: 1, AB-: 1, O (Rh chưa rõ): 1, A (Rh chưa rõ): 1, " +
  "B (Rh chưa rõ): 1, AB (Rh chưa rõ): 1, Không biết: 2.";

/** Every stored donor record's text, joined. */
async function storedDonors(page: import("@playwright/test").Page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("hienmau/donors/"))
      .map((k) => localStorage.getItem(k))
      .join("\n"),
  );
}

test("a Google Forms export imports every valid row with its blood group as given, names composed", async ({ page }) => {
  // Every row was refused for its blood group ("A", "O", "Không biết"), and names typed with
  // combining accents were stored as typed.
  await loadSampleAt(page, AT);
  const file = page.getByLabel("Tệp CSV");
  await file.setInputFiles(GOOGLE);
  await expect(page.getByText("Đã đọc tệp “google-forms-donors.csv”.")).toBeVisible();
  await expect(page.getByLabel("Họ và tên", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("Nhóm máu", { exact: true })).toHaveValue("5");
  await page.getByLabel("Đối tượng cho hàng để trống").selectOption({ label: "Người dân" });
  await expect(page.locator("#import-summary")).toHaveText("10 hàng hợp lệ, 1 hàng có lỗi (sẽ không được thêm).");
  await expect(page.getByText("Hàng 10, Số điện thoại: không phải số điện thoại Việt Nam")).toBeVisible();
  await expect(page.locator("#import-groups")).toHaveText(GROUPS);
  await page.getByRole("button", { name: "Thêm 10 người hiến hợp lệ" }).click();
  await expect(page.getByText("Đã thêm 10 người hiến, cập nhật 0 người đã có (cùng số điện thoại).")).toBeVisible();

  const stored = await storedDonors(page);
  for (const name of ["Trần Thị Bích Ngọc", "Đỗ Quang Huy", "Bùi Thị Hằng", "LÊ HOÀNG NAM"]) {
    expect(stored).toContain(name.normalize("NFC"));
    expect(stored).not.toContain(name.normalize("NFD"));
  }
});

test("the Excel copy reads as the export does, and an import at the same moment says the records were kept", async ({
  page,
}) => {
  // An update whose time equals the stored record's kept the old record while the message
  // said "cập nhật". The page's clock is fixed, so both imports happen at the same moment.
  await loadSampleAt(page, AT);
  const file = page.getByLabel("Tệp CSV");
  await file.setInputFiles(GOOGLE);
  await page.getByLabel("Đối tượng cho hàng để trống").selectOption({ label: "Người dân" });
  await page.getByRole("button", { name: "Thêm 10 người hiến hợp lệ" }).click();
  await expect(page.getByText("Đã thêm 10 người hiến")).toBeVisible();

  await file.setInputFiles(EXCEL);
  await page.getByLabel("Đối tượng cho hàng để trống").selectOption({ label: "Người dân" });
  await expect(page.locator("#import-summary")).toHaveText("10 hàng hợp lệ, 1 hàng có lỗi (sẽ không được thêm).");
  await expect(page.locator("#import-groups")).toHaveText(GROUPS);
  await page.getByRole("button", { name: "Thêm 10 người hiến hợp lệ" }).click();
  await expect(
    page.getByText(
      "Đã thêm 0 người hiến, cập nhật 0 người đã có (cùng số điện thoại). 10 người đã có được giữ nguyên: bản ghi ở đây mới bằng hoặc mới hơn.",
    ),
  ).toBeVisible();
});

test("each file starts from the defaults it shows, and the file field is cleared so the same file reads again", async ({
  page,
}) => {
  // After a staff list imported with a default category and unit, the next file showed both
  // defaults as "— không —" yet applied them; and choosing the same file again did nothing.
  await loadSampleAt(page, AT);
  const file = page.getByLabel("Tệp CSV");
  const staff = "Họ và tên;SĐT;Ngày sinh;Giới tính;Cân nặng\nTrần Văn Hùng;0912 555 001;12/03/1988;Nam;68\n";
  await file.setInputFiles({ name: "nhan-vien.csv", mimeType: "text/csv", buffer: Buffer.from(staff) });
  const category = page.getByLabel("Đối tượng cho hàng để trống");
  const unit = page.getByLabel("Đơn vị cho hàng để trống");
  await category.selectOption({ label: "Cán bộ, nhân viên" });
  await unit.selectOption({ label: "Bệnh viện Thanh Nhàn" });
  await page.getByRole("button", { name: "Thêm 1 người hiến hợp lệ" }).click();
  await expect(page.getByText("Đã thêm 1 người hiến")).toBeVisible();

  await file.setInputFiles(GOOGLE);
  await expect(file).toHaveValue("");
  await expect(category).toHaveValue("");
  await expect(unit).toHaveValue("");
  await expect(page.locator("#import-summary")).toHaveText("0 hàng hợp lệ, 11 hàng có lỗi (sẽ không được thêm).");
  await expect(page.getByText("Hàng 2, Đối tượng: để trống hoặc chưa chọn cột")).toBeVisible();
  await category.selectOption({ label: "Người dân" });
  await expect(page.locator("#import-summary")).toHaveText("10 hàng hợp lệ, 1 hàng có lỗi (sẽ không được thêm).");
});

test("a volunteer who knows only the ABO group pledges with it, typed with combining accents; the desk and the dashboard show it as such", async ({
  page,
}) => {
  // The pledge form offered only the eight groups, and a name typed decomposed (Unikey's
  // "Unicode tổ hợp") was stored as typed.
  await loadSampleAt(page, AT);
  await page.goto("/pledge");
  await page.getByLabel("Điểm hiến máu").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  await page.getByLabel("08:30–09:00").check();
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Lan".normalize("NFD"));
  await page.getByLabel("Số điện thoại").fill("0912 345 678");
  await page.getByLabel("Ngày sinh").fill("1990-01-20");
  await page.getByLabel("Nữ", { exact: true }).check();
  await page.getByLabel("Cân nặng (kg)").fill("55");
  await page.getByLabel("Nhóm máu").selectOption({ label: "O (Rh chưa rõ)" });
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  await expect(page.getByText("Gửi phiếu cho ban tổ chức")).toBeVisible();
  const stored = await storedDonors(page);
  expect(stored).toContain("Nguyễn Thị Lan".normalize("NFC"));
  expect(stored).not.toContain("Nguyễn Thị Lan".normalize("NFD"));

  await page.goto("/organizer/check-in");
  await page.getByLabel("Điểm tiếp đón").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  const row = page.getByRole("listitem").filter({ hasText: "Nguyễn Thị Lan".normalize("NFC") });
  await expect(row).toContainText("Nhóm máu O (Rh chưa rõ)");

  await page.goto("/organizer");
  await expect(page.getByRole("img", { name: "1 người, nhiều nhất: O (Rh chưa rõ)" })).toBeVisible();
});

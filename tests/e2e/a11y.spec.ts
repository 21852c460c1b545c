import AxeBuilder from "@axe-core/playwright";
import { test, expect, ALL_PATHS, loadSampleAt, pledgeLanAtDongDa } from "./fixtures";

// axe-core with the WCAG 2.0/2.1 A and AA rules, on every page, at a phone width and a laptop
// width, in both colour schemes, with the phone menu open so its links are checked too.
const WIDTHS = [360, 1280];
const SCHEMES = ["light", "dark"] as const;

for (const width of WIDTHS) {
  for (const colorScheme of SCHEMES) {
    test(`no WCAG 2.1 AA violation on any page at ${width}px, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      for (const path of ALL_PATHS) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const menu = page.getByRole("button", { name: "Danh mục" });
        if (await menu.isVisible()) await menu.click();
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
          .analyze();
        const found = results.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.help}`);
        expect(found, `axe violations on ${path}`).toEqual([]);
      }
    });
  }
}

// The organizers' new pages with their content open: a drive shared and its cancel panel, an
// edit under way, a pasted unit list with errors, a shared drive kept, a slip in the inbox.
for (const [width, colorScheme] of [[360, "light"], [1280, "dark"]] as const) {
  test(`no WCAG 2.1 AA violation on the set-up, drives, shared drive and inbox with content, ${width}px ${colorScheme}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme });
    const check = async (what: string) => {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations.map((v) => `${what}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
    };
    await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
    await page.getByLabel("Tệp CSV").setInputFiles({
      name: "a.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Họ và tên;SĐT\nLan;123\n"),
    });
    await expect(page.locator("#import-summary")).toBeVisible();
    await check("data with an import");
    await page.goto("/organizer/setup");
    await page.getByLabel("Danh sách đơn vị").fill("Bệnh viện E; 30\n; 5");
    await page.getByRole("button", { name: "Tạo chiến dịch" }).click();
    await page.getByLabel("Điểm hiến máu cố định, mở theo lịch tuần").check();
    await check("setup with errors");
    await page.goto("/organizer/drives");
    const first = page.locator(".drive-item").first();
    await first.getByRole("button", { name: "Chia sẻ" }).click();
    const link = await first.locator(".share-link").inputValue();
    await first.getByRole("button", { name: "Sửa" }).click();
    await expect(page.getByRole("button", { name: "Lưu thay đổi" })).toBeVisible();
    await check("drives, shared and under edit");
    await first.getByRole("button", { name: "Hủy đợt" }).click();
    await check("drives, cancel panel");
    await page.goto(link);
    await page.getByRole("button", { name: "Lưu đợt vào thiết bị này" }).click();
    await check("a shared drive kept");
    await pledgeLanAtDongDa(page);
    await check("the slip with its QR code");
    const slip = await page.getByLabel("Liên kết phiếu đăng ký").inputValue();
    await page.evaluate(() => localStorage.removeItem("hienmau/inbox"));
    await page.goto(slip);
    await expect(page.getByRole("heading", { name: "1 phiếu chờ xem xét" })).toBeVisible();
    await check("the inbox with a slip");
  });
}

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, ALL_PATHS, loadSampleAt, pledgeLanAtDongDa } from "./fixtures";

// axe-core with the WCAG 2.0/2.1 A and AA rules, on every page, at a phone width and a laptop
// width, in both colour schemes, with the phone menu open so its links are checked too.
// Each page is a test of its own: all pages in one test took 25-27 s of the 30 s timeout on a
// quiet machine and timed out on a busy one (issue 20).
const WIDTHS = [360, 1280];
const SCHEMES = ["light", "dark"] as const;

/** Runs axe on the page as it is and expects no violation, naming `what` in the failure. */
async function expectNoViolation(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${what}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([]);
}

for (const width of WIDTHS) {
  for (const colorScheme of SCHEMES) {
    for (const path of ALL_PATHS) {
      test(`no WCAG 2.1 AA violation on ${path} at ${width}px, ${colorScheme}`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme });
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const menu = page.getByRole("button", { name: "Danh mục" });
        if (await menu.isVisible()) await menu.click();
        await expectNoViolation(page, path);
      });
    }
  }
}

// The organizers' pages with their content open: an import read, a pasted unit list with
// errors, a drive shared and under edit and its cancel panel, a shared drive kept, the slip
// and a slip in the inbox. Each group of pages is a test of its own.
for (const [width, colorScheme] of [[360, "light"], [1280, "dark"]] as const) {
  test.describe(`with content, ${width}px ${colorScheme}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await loadSampleAt(page, "2024-05-13T08:00:00+07:00");
    });

    test("no WCAG 2.1 AA violation on the data page with an import read", async ({ page }) => {
      await page.getByLabel("Tệp CSV").setInputFiles({
        name: "a.csv",
        mimeType: "text/csv",
        buffer: Buffer.from("Họ và tên;SĐT;Nhóm máu\nLan;123;O\nHoa;0912345678;O+\n"),
      });
      await expect(page.locator("#import-summary")).toBeVisible();
      await expectNoViolation(page, "data with an import");
    });

    test("no WCAG 2.1 AA violation on the set-up page with errors", async ({ page }) => {
      await page.goto("/organizer/setup");
      await page.getByLabel("Danh sách đơn vị").fill("Bệnh viện E; 30\n; 5");
      await page.getByRole("button", { name: "Tạo chiến dịch" }).click();
      await page.getByLabel("Điểm hiến máu cố định, mở theo lịch tuần").check();
      await expectNoViolation(page, "setup with errors");
    });

    test("no WCAG 2.1 AA violation on the drives page shared, under edit and cancelling", async ({ page }) => {
      await page.goto("/organizer/drives");
      const first = page.locator(".drive-item").first();
      await first.getByRole("button", { name: "Chia sẻ" }).click();
      await first.getByRole("button", { name: "Sửa" }).click();
      await expect(page.getByRole("button", { name: "Lưu thay đổi" })).toBeVisible();
      await expectNoViolation(page, "drives, shared and under edit");
      await first.getByRole("button", { name: "Hủy đợt" }).click();
      await expectNoViolation(page, "drives, cancel panel");
    });

    test("no WCAG 2.1 AA violation on the sync page set up, with its status line and the pairing code", async ({
      page,
    }) => {
      // Set up as a device that joined: an address, a database, an account and a key. The
      // address is the app's own origin, which answers with a page, not CouchDB: the status says
      // so, and no request leaves 127.0.0.1.
      await page.evaluate(() => {
        localStorage.setItem(
          "hienmau-sync/config",
          JSON.stringify({ server: location.origin + "/no-couch", db: "campaign-2024", user: "desk-1" }),
        );
        localStorage.setItem("hienmau-sync/key", "A".repeat(43));
      });
      await page.goto("/organizer/sync");
      await page.getByRole("button", { name: "Hiện mã ghép nối" }).click();
      await expect(page.locator(".qr svg")).toBeVisible();
      await expect(page.locator(".sync-line")).toContainText("Máy chủ trả lời không phải CouchDB", { timeout: 15_000 });
      await expectNoViolation(page, "sync, set up and pairing");
      await page.goto("/organizer/data");
      await expect(page.locator(".sync-line")).toContainText("Máy chủ trả lời không phải CouchDB");
      await expectNoViolation(page, "data with the sync status line");
    });

    test("no WCAG 2.1 AA violation on a shared drive kept, its slip and the inbox", async ({ page }) => {
      await page.goto("/organizer/drives");
      const first = page.locator(".drive-item").first();
      await first.getByRole("button", { name: "Chia sẻ" }).click();
      const link = await first.locator(".share-link").inputValue();
      await page.goto(link);
      // This device holds the drive already: it shows as kept, with no button to keep it again.
      await expect(page.locator("#shared-kept")).toBeVisible();
      await expect(page.getByRole("button", { name: "Lưu đợt vào thiết bị này" })).toHaveCount(0);
      await expectNoViolation(page, "a shared drive kept");
      await pledgeLanAtDongDa(page);
      await expectNoViolation(page, "the slip with its QR code");
      const slip = await page.getByLabel("Liên kết phiếu đăng ký").inputValue();
      await page.evaluate(() => localStorage.removeItem("hienmau/inbox"));
      await page.goto(slip);
      await expect(page.getByRole("heading", { name: "1 phiếu chờ xem xét" })).toBeVisible();
      await expectNoViolation(page, "the inbox with a slip");
    });
  });
}

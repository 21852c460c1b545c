import { test as base, expect } from "@playwright/test";

// Every test runs through this fixture: it records every request the page makes and fails the
// test if one went anywhere but the app's own origin on 127.0.0.1.
export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      context.on("request", (request) => {
        const url = request.url();
        if (url.startsWith("data:") || url.startsWith("blob:")) return;
        if (new URL(url).origin !== origin) foreign.push(url);
      });
      await use(foreign);
      expect(foreign, "requests that left 127.0.0.1").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The navigation links, in order, with the heading each page must show (Vietnamese). */
export const NAV_VI = [
  { name: "Đợt hiến máu", path: "/drives" },
  { name: "Đăng ký hiến máu", path: "/pledge" },
  { name: "Lịch hẹn của tôi", path: "/my-pledges" },
  { name: "Kiểm tra điều kiện", path: "/eligibility" },
  { name: "Tổng quan", path: "/organizer" },
  { name: "Lịch trình", path: "/organizer/schedule" },
  { name: "Tiếp đón", path: "/organizer/check-in" },
  { name: "Hộp thư đăng ký", path: "/organizer/inbox" },
  { name: "Các đợt", path: "/organizer/drives" },
  { name: "Thiết lập", path: "/organizer/setup" },
  { name: "Dữ liệu", path: "/organizer/data" },
];

/** Every page's path, the home page and the not-found page included. */
export const ALL_PATHS = ["/", ...NAV_VI.map((n) => n.path), "/d", "/no-such-page"];

/** Fixes the page's clock at `at` (Hanoi time in the string) and loads the sample campaign
 * through the Data page, as an organizer would. */
export async function loadSampleAt(page: import("@playwright/test").Page, at: string) {
  await page.clock.setFixedTime(new Date(at));
  await page.goto("/organizer/data");
  await page.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await expect(page.getByText("Đã nạp chiến dịch mẫu.")).toBeVisible();
}

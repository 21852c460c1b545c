import { test as base, expect } from "@playwright/test";

// Every test runs through this fixture: it records every request the page makes and fails the
// test if one left this machine's loopback, 127.0.0.1: the app's own origin, the test's
// CouchDB-compatible server (COUCH_URL, which only the sync tests set up) and a door to it that a
// sync test opens on a port of its own are all there.
export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: [
    async ({ context }, use) => {
      const foreign: string[] = [];
      context.on("request", (request) => {
        const url = request.url();
        if (url.startsWith("data:") || url.startsWith("blob:")) return;
        if (new URL(url).hostname !== "127.0.0.1") foreign.push(url);
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
  { name: "Đồng bộ", path: "/organizer/sync" },
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

/** Fills localStorage to the last byte with keys of another app (`filler/…`). */
export async function fillStorage(page: import("@playwright/test").Page) {
  await page.evaluate(() => {
    let n = 0;
    for (const size of [65536, 4096, 256, 16, 1]) {
      const block = "x".repeat(size);
      try {
        for (;;) localStorage.setItem(`filler/${n++}`, block);
      } catch {
        // full at this block size; try smaller ones
      }
    }
  });
}

/** Pledges Nguyễn Thị Lan at the sample's Đống Đa fixed point, 08:30, and opens the part of the
 * slip that sends it to the organizers. */
export async function pledgeLanAtDongDa(page: import("@playwright/test").Page) {
  await page.goto("/pledge");
  await page.getByLabel("Điểm hiến máu").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  await page.getByLabel("08:30–09:00").check();
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Lan");
  await page.getByLabel("Số điện thoại").fill("0912 345 678");
  await page.getByLabel("Ngày sinh").fill("1990-01-20");
  await page.getByLabel("Nữ", { exact: true }).check();
  await page.getByLabel("Cân nặng (kg)").fill("55");
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  await page.getByText("Gửi phiếu cho ban tổ chức").click();
}

/** The paths the volunteers' builds answer (home, drives, pledge, my pledges, eligibility, a
 * shared drive, and a page that does not exist). */
export const VOLUNTEER_PATHS = ["/", "/drives", "/pledge", "/my-pledges", "/eligibility", "/d", "/no-such-page"];

/** Waits until the service worker has precached what this page's audience uses: the
 * volunteers' builds (its install) and, on an organizer page, the organizers' builds too. */
export async function untilPrecached(page: import("@playwright/test").Page, organizer: boolean) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (organizer) {
    await expect.poll(() => page.evaluate(async () => Boolean(await caches.match("/.organizer-precached")))).toBe(true);
  }
}

/** The paths of every file the service worker's cache holds. */
export async function cachedPaths(page: import("@playwright/test").Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) out.push(new URL(request.url).pathname);
    }
    return out.sort();
  });
}

import { test, expect } from "./fixtures";
import { ALL_PATHS, VOLUNTEER_PATHS, cachedPaths, untilPrecached } from "./fixtures";
import { chromium } from "@playwright/test";

// After one visit the service worker has what the visitor's audience uses: with the network
// off the app opens on every address of it, keeps working, and says it is offline. A volunteer's
// phone never downloads the organizers' builds; a device that opens an organizer page gets them.

test("after a volunteer's visit every volunteer page opens offline, and no organizer file was precached", async ({ page, context }) => {
  // Guards a volunteer's phone precaching all eleven builds (2.9 MiB gzip) it never opens.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Trang chủ" })).toBeVisible();
  await untilPrecached(page, false);
  const cached = await cachedPaths(page);
  expect(cached.filter((p) => p.startsWith("/organizer") || p === "/sample-campaign.json")).toEqual([]);
  // Nor the sender, which works only online anyway.
  expect(cached.filter((p) => p.startsWith("/send/"))).toEqual([]);
  for (const build of ["/", "/eligibility/", "/my-pledges/", "/d/"]) expect(cached).toContain(`${build}index.html`);
  // The first visit is not controlled yet; a reload is.
  await page.reload();
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  for (const path of VOLUNTEER_PATHS) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await expect(page.locator("#pwa-offline")).toContainText("Đang không có mạng");
  expect((await cachedPaths(page)).filter((p) => p.startsWith("/organizer"))).toEqual([]);
});

test("after an organizer page is opened every page opens offline, data still saves, and the app says it is offline", async ({ page, context }) => {
  await page.goto("/organizer");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan" })).toBeVisible();
  await untilPrecached(page, true);
  const cached = await cachedPaths(page);
  for (const build of ["/", "/organizer/", "/organizer/data/", "/organizer/check-in/", "/d/"]) expect(cached).toContain(`${build}index.html`);
  await page.reload();
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  await context.setOffline(true);
  for (const path of ALL_PATHS) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await expect(page.locator("#pwa-offline")).toContainText("Đang không có mạng");

  await page.goto("/organizer/data");
  await page.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await expect(page.getByText("Đã nạp chiến dịch mẫu.")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải bản sao lưu" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await page.reload();
  await expect(page.locator(".counts div", { hasText: "Lượt đăng ký" }).locator("dd")).toHaveText("1.288");

  await context.setOffline(false);
  await page.reload();
  await expect(page.locator(".counts div", { hasText: "Lượt đăng ký" }).locator("dd")).toHaveText("1.288");
  await expect(page.locator("#pwa-offline")).toHaveCount(0);
});

test("offline, a volunteer pledges, the desk checks the donor in and records 350 ml, and the dashboard counts it", async ({
  page,
  context,
}) => {
  await context.clock.setFixedTime(new Date("2024-05-13T08:00:00+07:00"));
  await page.goto("/organizer/data");
  await untilPrecached(page, true);
  await page.reload();
  await page.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await expect(page.getByText("Đã nạp chiến dịch mẫu.")).toBeVisible();

  await context.setOffline(true);
  // Every build answers offline: the volunteers', the desk's and the dashboard's.
  await page.goto("/pledge");
  await page.getByLabel("Điểm hiến máu").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  await page.getByLabel("08:30–09:00").check();
  await page.getByLabel("Họ và tên").fill("Vũ Thị Mai");
  await page.getByLabel("Số điện thoại").fill("0933 444 555");
  await page.getByLabel("Ngày sinh").fill("1991-09-09");
  await page.getByLabel("Nữ", { exact: true }).check();
  await page.getByLabel("Cân nặng (kg)").fill("54");
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  await expect(page.getByRole("region", { name: "Phiếu hẹn hiến máu" })).toBeVisible();

  await page.goto("/organizer/check-in");
  await page.getByLabel("Điểm tiếp đón").selectOption({ label: "Trung tâm Y tế Đống Đa (điểm cố định)" });
  await page.getByLabel("Tìm người hiến").fill("vu thi mai");
  await page.getByLabel("Tìm người hiến").press("Enter");
  const row = page.locator(".desk-row", { hasText: "Vũ Thị Mai" });
  await expect(row.locator(".desk-state")).toHaveText("Đã đến");
  await row.getByRole("button", { name: "Đã hiến" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã ghi: Vũ Thị Mai đã hiến 350 ml (1,4 đơn vị)." })).toBeVisible();

  await page.goto("/organizer");
  await expect(page.getByRole("img", { name: /^1,4 \/ 1\.799 đơn vị/ })).toBeVisible();
  await expect(page.locator("#pwa-offline")).toContainText("Đang không có mạng");

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByRole("img", { name: /^1,4 \/ 1\.799 đơn vị/ })).toBeVisible();
});

test("the manifest names the app in both languages, points at real icons, and Chromium finds it installable", async ({
  page,
  request,
}) => {
  // Installability is only judged outside incognito: a persistent profile, like a real browser.
  const profile = await chromium.launchPersistentContext(test.info().outputPath("profile"), {
    executablePath: "/usr/bin/chromium",
    args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
  const installed = await profile.newPage();
  await installed.goto(new URL("/", test.info().project.use.baseURL).href);
  await installed.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const cdp = await profile.newCDPSession(installed);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  await profile.close();

  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toContain("Hiến máu tình nguyện");
  expect(manifest.name).toContain("Voluntary blood donation");
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toBe("/");
  const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
  }
});

test("the page carries a Content-Security-Policy that allows only its own origin", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/organizer/data");
  await expect(page.getByRole("heading", { level: 1, name: "Dữ liệu" })).toBeVisible();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/https?:|\*/);
  expect(violations).toEqual([]);
});

import { test, expect, untilPrecached } from "./fixtures";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// A new release on the server: the open app offers it, a reload runs it, and nothing is lost.
// Build 2 is build 1 with another build id in its service worker, which is what makes a
// release new to the browser, and one changed file: the only file it downloads.

// Its own server beside the suite's (4181 beside the default 4173), moving with E2E_PORT.
const PORT = Number(process.env.E2E_PORT ?? 4173) + 8;
let server: ChildProcess;
let root: string;

test.beforeAll(async ({}, testInfo) => {
  root = testInfo.outputPath("site");
  cpSync(process.env.E2E_DIST ?? "dist", root, { recursive: true });
  server = spawn("node", ["scripts/static-server.mjs", root, String(PORT)], { stdio: "pipe" });
  await new Promise<void>((resolve) => server.stdout!.once("data", () => resolve()));
});

test.afterAll(() => {
  server?.kill();
});

test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test("a waiting new version shows a banner; reloading runs it with all data intact", async ({ page }) => {
  await page.goto("/organizer/data");
  await untilPrecached(page, true);
  await page.reload();
  await page.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await expect(page.getByText("Đã nạp chiến dịch mẫu.")).toBeVisible();
  const before = await page.evaluate(() => caches.keys());

  // Guards a new release downloading every file again (2.9 MiB gzip on a phone each time).
  const changed = join(root, "eligibility", "index.html");
  writeFileSync(changed, readFileSync(changed, "utf8").replace("</body>", "<!-- release 2 -->\n</body>"));
  const swPath = join(root, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  writeFileSync(
    swPath,
    sw
      .replace(/const BUILD = "[0-9a-f]+";/, 'const BUILD = "0000000000000002";')
      .replace(/\["\/eligibility\/index\.html","[0-9a-f]+"\]/, '["/eligibility/index.html","00000000000b"]'),
  );
  // The build's compressed copies of the two files would still hold build 1.
  for (const f of [changed, swPath]) for (const copy of [".gz", ".br"]) rmSync(f + copy, { force: true });
  const downloaded: string[] = [];
  page.context().on("request", (request) => {
    if (request.serviceWorker()) downloaded.push(new URL(request.url()).pathname);
  });
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration!.update();
  });

  const banner = page.locator("#pwa-update");
  await expect(banner).toContainText("Có phiên bản mới của ứng dụng.");
  await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Tải lại" }).click()]);
  await expect(page.getByRole("heading", { level: 1, name: "Dữ liệu" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual(["hienmau-0000000000000002"]);
  expect(before).not.toContain("hienmau-0000000000000002");
  await expect(page.locator(".counts div", { hasText: "Lượt đăng ký" }).locator("dd")).toHaveText("1.288");
  await expect(page.locator("#pwa-update")).toHaveCount(0);
  // The new worker's script, and the one file that changed: nothing else came over the network.
  expect(downloaded).toEqual(["/sw.js", "/eligibility/index.html"]);
});

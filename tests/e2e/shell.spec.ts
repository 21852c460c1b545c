import { test, expect, NAV_VI } from "./fixtures";

test("the app loads in Vietnamese with its name, navigation and home page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Trang chủ" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Hiến máu tình nguyện/ })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page).toHaveTitle("Trang chủ · Hiến máu tình nguyện");
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeAttached();
});

test("every navigation link leads to its page, and a reload of that address shows it again", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  for (const { name, path } of NAV_VI) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
  }
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: NAV_VI[NAV_VI.length - 1].name })).toBeVisible();
});

test("on a phone the menu button opens the navigation and a chosen link closes it", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Danh mục" });
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Tiếp đón" })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await nav.getByRole("link", { name: "Tiếp đón" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tiếp đón" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Tiếp đón" })).toBeHidden();
});

test("the home page leads each audience to its pages", async ({ page }) => {
  await page.goto("/");
  const organizers = page.getByRole("region", { name: "Ban tổ chức" });
  await organizers.getByRole("link", { name: "Lịch trình" }).click();
  await expect(page).toHaveURL("/organizer/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Lịch trình" })).toBeVisible();
});

test("an unknown address shows a not-found page that names it and leads home", async ({ page }) => {
  const response = await page.goto("/drives/nowhere?x=1");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Không tìm thấy trang" })).toBeVisible();
  await expect(page.getByText("/drives/nowhere")).toBeVisible();
  await page.getByRole("link", { name: "Về trang chủ" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trang chủ" })).toBeVisible();
});

test("the language switch changes every word, keeps html lang in step and survives a reload", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/organizer/schedule");
  await expect(page.getByRole("heading", { level: 1, name: "Lịch trình" })).toBeVisible();

  const switcher = page.getByRole("group", { name: "Ngôn ngữ" });
  await switcher.getByRole("button", { name: "English" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Schedule" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveTitle("Schedule · Voluntary blood donation");
  const english = page.getByRole("group", { name: "Language" }).getByRole("button", { name: "English" });
  await expect(english).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Check-in" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Schedule" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lịch trình" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1, name: "Lịch trình" })).toBeVisible();
});

test("with storage disabled the app still works and says nothing will be kept", async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("denied", "SecurityError");
      },
    });
  });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Trang chủ" })).toBeVisible();
  await expect(page.getByRole("status").first()).toContainText("Trình duyệt này không cho lưu dữ liệu: mọi thứ bạn nhập sẽ mất khi tải lại trang");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await context.close();
});

test("each page loads only its own build: the pledges', the Data page's, the eligibility check's", async ({
  page,
}) => {
  const wasm: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith(".wasm")) wasm.push(path);
  });
  // The pledge form lives in the my-pledges build (the root build carries no code that saves).
  await page.goto("/pledge");
  await expect(page.getByRole("heading", { level: 1, name: "Đăng ký hiến máu" })).toBeVisible();
  expect(wasm).toEqual([expect.stringMatching(/^\/my-pledges\/mine-[0-9a-f]+_bg\.wasm$/)]);

  wasm.length = 0;
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Dữ liệu" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dữ liệu" })).toBeVisible();
  expect(wasm).toEqual([expect.stringMatching(/^\/organizer\/data\/data-[0-9a-f]+_bg\.wasm$/)]);

  wasm.length = 0;
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Kiểm tra điều kiện" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kiểm tra điều kiện" })).toBeVisible();
  expect(wasm).toEqual([expect.stringMatching(/^\/eligibility\/eligibility-[0-9a-f]+_bg\.wasm$/)]);
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Đăng ký hiến máu" })).toBeVisible();
});

for (const [width, path, heading, lang] of [
  [390, "/", "Trang chủ", "vi"],
  [390, "/pledge", "Đăng ký hiến máu", "vi"],
  [1280, "/eligibility", "Kiểm tra điều kiện", "vi"],
  [1280, "/organizer/schedule", "Lịch trình", "vi"],
  [390, "/drives", "Drives", "en"],
  [1280, "/organizer/data", "Data", "en"],
] as const) {
  test(`before the wasm runs ${path} shows the frame and its heading${lang === "en" ? " in English, the stored language," : ""} in the place the app then draws them (${width} px)`, async ({
    page,
  }) => {
    // Guards a blank page until the wasm has downloaded and started, a frame that jumps when
    // the app replaces it, and a Vietnamese frame for a person who chose English.
    await page.setViewportSize({ width, height: 800 });
    if (lang === "en") {
      await page.goto("/manifest.webmanifest");
      await page.evaluate(() => localStorage.setItem("hienmau/prefs", JSON.stringify({ schema: 1, lang: "en" })));
    }
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    let release = () => {};
    const held = new Promise<void>((go) => (release = go));
    await page.route("**/*.wasm", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(path);
    const first = page.locator("#boot");
    // Every text of the frame is there in both languages; the one shown is what counts.
    await expect(first.locator("h1")).toHaveText(heading, { useInnerText: true });
    await expect(first.locator(".brand-name")).toHaveText(lang === "en" ? "Voluntary blood donation" : "Hiến máu tình nguyện", {
      useInnerText: true,
    });
    expect(await page.locator("html").getAttribute("lang")).toBe(lang);
    // The frame's navigation marks this page's link (a build with several pages does it with a
    // line of script, which the release build's minifier once broke).
    // (The home page has no link of its own there: the brand leads to it.)
    if (path === "/") await expect(first.locator("nav a[aria-current=page]")).toHaveCount(0);
    else await expect(first.locator("nav a[aria-current=page]")).toHaveAttribute("href", path);
    expect(errors).toEqual([]);
    const before = {
      heading: await first.locator("h1").boundingBox(),
      header: await first.locator("header").boundingBox(),
      pressed: await first.locator(".lang-switch button").evaluateAll((bs) => bs.map((b) => getComputedStyle(b).fontWeight)),
    };
    release();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(first).toHaveCount(0);
    expect(await page.getByRole("heading", { level: 1, name: heading }).boundingBox()).toEqual(before.heading);
    expect(await page.locator("header.site-header").boundingBox()).toEqual(before.header);
    expect(await page.locator(".lang-switch button").evaluateAll((bs) => bs.map((b) => getComputedStyle(b).fontWeight))).toEqual(before.pressed);
  });
}

// /organizer/data: its Backup card's paragraph (5 lines at 412 px) is larger than any lead, so
// its first paint carries that card (and the storage card above it, numbers greyed).
for (const path of ["/", "/pledge", "/eligibility", "/organizer", "/organizer/data"]) {
  test(`on a phone the largest thing ${path} paints is its first paint's, before the wasm runs, and the app paints nothing larger`, async ({
    page,
  }) => {
    // Guards a largest contentful paint that waits for the wasm: the app drawing a larger
    // element than the first paint has (a new candidate for the browser), or the wasm starting
    // before the first frame so that the app, not the first paint, is what shows first.
    await page.setViewportSize({ width: 412, height: 823 });
    await page.addInitScript(() => {
      const seen: { inFirstPaint: boolean; what: string }[] = [];
      (window as unknown as { lcp: typeof seen }).lcp = seen;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & { element: Element | null })[])
          seen.push({ inFirstPaint: !!e.element?.closest("#boot"), what: e.element?.outerHTML.slice(0, 80) ?? "" });
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    await page.goto(path);
    await expect(page.locator("#boot")).toHaveCount(0);
    await expect(page.locator("main h1")).toBeVisible();
    // Two frames after the app's first: every paint of it has been reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const lcp = await page.evaluate(() => (window as unknown as { lcp: { inFirstPaint: boolean; what: string }[] }).lcp);
    expect(lcp.length).toBeGreaterThan(0);
    expect(lcp.filter((e) => !e.inFirstPaint)).toEqual([]);
  });
}

// The app starts a part a task behind the first paint (src/ui/app.rs, `mount`): the frame, the
// page, the page's later part (here the element named), then the switch; each sets a mark.
for (const [path, later] of [
  ["/pledge", "#who-heading"],
  ["/eligibility", "#elig-cause-0"],
  ["/drives", "#calendar-heading"],
] as const) {
  test(`${path} is drawn a part a task while it starts, and what the page holds is its first paint or the whole app, never a part`, async ({
    page,
  }) => {
    // Guards one long start-up task (the frame and the whole page drawn at once, which a phone
    // spends hundreds of milliseconds on, deaf to input) and a half-drawn app in the page.
    await page.addInitScript((later) => {
      const log: string[] = [];
      const seen: { boot: boolean; header: boolean; heading: boolean; later: boolean }[] = [];
      Object.assign(window, { startLog: log, seen });
      // A microtask queued at a mark runs when the task that set it ends: before the next
      // mark only if the next stage is a task of its own.
      const mark = performance.mark.bind(performance);
      performance.mark = (name: string, options?: PerformanceMarkOptions) => {
        if (name.startsWith("app:")) {
          log.push(name);
          queueMicrotask(() => log.push("end of task"));
        }
        return mark(name, options);
      };
      const app = (sel: string) => [...document.querySelectorAll(sel)].some((e) => !e.closest("#boot"));
      new MutationObserver(() => {
        const now = { boot: !!document.getElementById("boot"), header: app("header"), heading: app("h1"), later: app(later) };
        const last = seen[seen.length - 1];
        if (!last || JSON.stringify(last) !== JSON.stringify(now)) seen.push(now);
      }).observe(document, { childList: true, subtree: true });
    }, later);
    await page.goto(path);
    await expect(page.locator("#boot")).toHaveCount(0);
    await expect(page.locator(later)).toBeAttached();
    const { log, seen } = await page.evaluate(() => {
      const w = window as unknown as { startLog: string[]; seen: { boot: boolean; header: boolean; heading: boolean; later: boolean }[] };
      return { log: w.startLog, seen: w.seen };
    });
    expect(log).toEqual([
      "app:frame",
      "end of task",
      "app:page",
      "end of task",
      "app:whole",
      "end of task",
      "app:shown",
      "end of task",
    ]);
    // From the first paint's arrival: the first paint alone, then the whole app alone.
    const since = seen.slice(seen.findIndex((s) => s.boot));
    expect(since.filter((s) => s.boot).every((s) => !s.header && !s.heading && !s.later)).toBe(true);
    expect(since.filter((s) => !s.boot)).toEqual([{ boot: false, header: true, heading: true, later: true }]);
  });
}

test("a page in a hidden frame (the sync engine's, on every organizer page) starts its wasm at once, not after the first-paint wait", async ({
  page,
}) => {
  // With time stopped, the 3 s after which a page starts anyway never comes, and a hidden frame
  // paints nothing: only a start that waits for nothing requests the frame's wasm.
  await page.clock.install({ time: new Date("2024-05-13T07:00:00+07:00") });
  await page.clock.pauseAt(new Date("2024-05-13T08:00:00+07:00"));
  await page.goto("/eligibility");
  const wasm = page.waitForRequest(/\/organizer\/sync\/sync-[0-9a-f]+_bg\.wasm$/, { timeout: 10_000 });
  await page.evaluate(() => {
    const frame = document.createElement("iframe");
    frame.hidden = true;
    frame.src = "/organizer/sync/?run";
    document.body.append(frame);
  });
  await wasm;
});

// The first page of every build (as scripts/lighthouse.mjs measures them).
const FIRST_PAGES = ["/", "/drives", "/pledge", "/eligibility", "/my-pledges", "/d", "/organizer", "/organizer/schedule", "/organizer/check-in", "/organizer/data", "/organizer/setup", "/organizer/drives", "/organizer/inbox", "/organizer/sync"];

for (const path of FIRST_PAGES) {
  test(`on a phone ${path} starts its wasm once its first paint is on screen, not after the 3 s fallback`, async ({ page }) => {
    // Guards the wait for the first paint missing it (it once waited for the heading or lead
    // only, and on a phone the footer's sentence is often the largest text: most pages waited
    // out the 3 s). Time stands still but for what the test runs: a second passes, not three.
    await page.setViewportSize({ width: 412, height: 823 });
    await page.clock.install({ time: new Date("2024-05-13T07:00:00+07:00") });
    await page.clock.pauseAt(new Date("2024-05-13T08:00:00+07:00"));
    const wasm = page.waitForRequest(/_bg\.wasm$/, { timeout: 10_000 });
    await page.goto(path);
    // The browser has reported the first paint's largest text.
    await page.evaluate(
      () =>
        new Promise<void>((done) =>
          new PerformanceObserver((_, observer) => {
            observer.disconnect();
            done();
          }).observe({ type: "largest-contentful-paint", buffered: true }),
        ),
    );
    await page.clock.runFor(1000);
    await wasm;
  });
}

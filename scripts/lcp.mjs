// Which element is each page's largest contentful paint, and when: every
// 'largest-contentful-paint' entry Chromium reports from navigation until the app has drawn,
// with the time the app took over from the first paint (src/ui/boot.rs). The LCP should be
// an element of the first paint, before the app starts: an entry after it means the app drew
// something larger than anything the first paint shows (a new candidate), and the phone's LCP
// waits for the wasm. Mobile viewport (412 × 823, as Lighthouse), CPU slowed 4× as
// Lighthouse's simulation assumes, no service worker.
//
// Usage: node scripts/lcp.mjs <dist> [pages...]   (BENCH_PORT, default 4199; English with LCP_LANG=en)
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const [dist = "dist", ...pagesArg] = process.argv.slice(2);
const PAGES = pagesArg.length
  ? pagesArg
  : "/ /drives /pledge /eligibility /my-pledges /d /organizer /organizer/schedule /organizer/check-in /organizer/data /organizer/setup /organizer/drives /organizer/inbox".split(" ");
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;

// The entries, each with a short description of its element, and when #boot left the page.
const OBSERVE = `
  window.__lcp = [];
  window.__appAt = null;
  const describe = (el) => {
    if (!el) return "(removed)";
    const inBoot = !!el.closest("#boot");
    const cls = el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "";
    return (inBoot ? "first paint " : "app ") + el.tagName.toLowerCase() + cls + " \\"" + (el.textContent || "").trim().slice(0, 40) + "\\"";
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.__lcp.push({ at: Math.round(e.startTime), size: e.size, element: describe(e.element) });
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new MutationObserver((_, obs) => {
    if (window.__appAt === null && document.body && document.readyState !== "loading" && !document.getElementById("boot")) {
      window.__appAt = Math.round(performance.now());
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

const server = spawn("node", ["scripts/static-server.mjs", dist, String(PORT)], { stdio: "pipe" });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const rows = [];
try {
  for (const path of PAGES) {
    const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
    if (process.env.LCP_LANG === "en") {
      await context.addInitScript(() => localStorage.setItem("hienmau/prefs", JSON.stringify({ v: 1, lang: "en" })));
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript(OBSERVE);
    await page.goto(BASE + path);
    await page.waitForFunction(() => window.__appAt !== null, null, { timeout: 60_000 });
    // LCP stops at the first input; until then, give the app time to draw everything.
    await page.waitForTimeout(3000);
    const r = await page.evaluate(() => ({ lcp: window.__lcp, appAt: window.__appAt }));
    const last = r.lcp.at(-1);
    rows.push({ path, appAt: r.appAt, last, before: last && last.at < r.appAt, entries: r.lcp });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log("| page | app took over at ms | LCP at ms | LCP element | size px² | before the app | all entries |");
console.log("|---|---:|---:|---|---:|---|---|");
for (const r of rows) {
  console.log(`| ${r.path} | ${r.appAt} | ${r.last?.at} | ${r.last?.element} | ${r.last?.size} | ${r.before ? "yes" : "**no**"} | ${r.entries.map((e) => `${e.at}: ${e.element} (${e.size})`).join("; ")} |`);
}

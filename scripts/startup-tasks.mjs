// The tasks in which each build's wasm starts its first page on a slow phone (the CPU 4 times
// slower through DevTools, a 412 px wide screen, empty storage): every task of the main thread
// that runs a timer of the app (the mount, its stages, the switch from the first paint), from a
// trace, next to the browser's own cost of the same DOM: the app's <body> once started, set as
// HTML in place of the body of the same page (same style sheet) and laid out, at the same
// slowdown, in the same run. The sum of the app's tasks over that cost is what the app adds (the reactive
// graph, the wasm and its lazy compiling); a task over 50 ms is one Lighthouse counts as blocking.
// Run through `scripts/bench startup [runs]`, which builds dist/ first.
//
// Usage: node scripts/startup-tasks.mjs <dist> [runs] [pages...]   (BENCH_PORT, default 4199)
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { eachPage, median } from "./each-page.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const [dist = "dist", runsArg = "5", ...chosen] = process.argv.slice(2);
const RUNS = Number(runsArg);
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;
const PAGES = chosen.length ? chosen : ["/", "/drives", "/pledge", "/eligibility", "/my-pledges", "/d", "/organizer", "/organizer/schedule", "/organizer/check-in", "/organizer/data", "/organizer/setup", "/organizer/drives", "/organizer/inbox", "/organizer/sync"];
const SLOWDOWN = 4;

const round = (x) => Math.round(x);

const server = spawn("node", ["scripts/static-server.mjs", dist, String(PORT)], { stdio: "pipe" });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function slowPage() {
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 412, height: 823 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
  return { context, page, cdp };
}

// The app's start-up tasks (ms each, in order) and its <body> once started.
async function start(path) {
  const { context, page, cdp } = await slowPage();
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
  await page.goto(BASE + path);
  await page.waitForFunction(() => !document.getElementById("boot"), null, { timeout: 60_000 });
  await page.evaluate(() => new Promise((go) => requestAnimationFrame(() => requestAnimationFrame(go))));
  await cdp.send("Tracing.end");
  await done;
  const body = await page.evaluate(() => document.body.innerHTML);
  await context.close();
  const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === "X" && main.has(`${e.pid}:${e.tid}`));
  const timers = onMain.filter((e) => e.name === "TimerFire");
  const tasks = onMain
    .filter((t) => t.name === "RunTask" && timers.some((f) => f.ts >= t.ts && f.ts < t.ts + t.dur))
    .map((t) => t.dur / 1000)
    .filter((ms) => ms >= 1);
  return { tasks, body };
}

// The browser alone building the same DOM: the body's HTML set in place of the started page's
// body, then laid out (ms).
async function raw(path, body) {
  const { context, page } = await slowPage();
  await page.goto(BASE + path);
  await page.waitForFunction(() => !document.getElementById("boot"), null, { timeout: 60_000 });
  const ms = await page.evaluate((html) => {
    const start = performance.now();
    document.body.innerHTML = html;
    document.body.getBoundingClientRect();
    return performance.now() - start;
  }, body);
  await context.close();
  return ms;
}

let rows;
try {
  rows = await eachPage(
    PAGES,
    RUNS,
    async (path) => {
      const { tasks, body } = await start(path);
      return { tasks, raw: await raw(path, body) };
    },
    (path, runs, load) => {
      const row = {
        page: path,
        tasks_median_ms: median(runs.map((r) => r.tasks.length)),
        longest_ms: round(median(runs.map((r) => Math.max(...r.tasks)))),
        sum_ms: round(median(runs.map((r) => r.tasks.reduce((a, b) => a + b, 0)))),
        over_50_ms: round(median(runs.map((r) => r.tasks.reduce((a, b) => a + Math.max(0, b - 50), 0)))),
        raw_dom_ms: round(median(runs.map((r) => r.raw))),
        runs: runs.map((r) => r.tasks.map(round).join(" + ")),
        load,
      };
      console.error(JSON.stringify(row));
      return row;
    },
  );
} finally {
  await browser.close();
  server.kill();
}

console.log(`\nStart-up tasks at ${SLOWDOWN}x CPU slowdown, 412 px, median of ${RUNS}:\n`);
console.log("| page | tasks | longest ms | sum ms | over 50 ms each, summed | raw DOM of the same page ms | load avg | tasks per run (ms) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---|");
for (const r of rows)
  console.log(`| \`${r.page}\` | ${r.tasks_median_ms} | ${r.longest_ms} | ${r.sum_ms} | ${r.over_50_ms} | ${r.raw_dom_ms} | ${r.load} | ${r.runs.join("; ")} |`);

// How long the dashboard blocks the main thread while it starts and draws its charts: every
// task over 50 ms (the browser's long tasks) from navigation to the last chart drawn, with
// the sample campaign (loaded through the Data page) and with 10,000 generated pledges
// (<data-dir>/pledges-10000.json, written by tests/bench_data.rs), then the same after a filter
// change (the drive filter set to the campaign's first drive, once every chart is drawn), next
// to the browser's own
// cost of the same canvas work in the same run: every call the charts made on their 2D
// contexts, recorded in a second load and replayed in plain JavaScript on canvases of the
// same size. Run through `scripts/bench dashboard [runs]`, which builds dist/ and writes the
// data set first.
//
// Usage: node scripts/dashboard-tasks.mjs <dist> <data-dir> [runs]   (BENCH_PORT, default 4199)
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import os from "node:os";

const [dist = "dist", dataDir = "target/bench", runsArg = "5"] = process.argv.slice(2);
const RUNS = Number(runsArg);
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

const server = spawn("node", ["scripts/static-server.mjs", dist, String(PORT)], { stdio: "pipe" });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
});

// Long tasks from navigation start, and when each chart's canvas was last drawn on.
const OBSERVE = `
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
`;

// Every method call and property set on a 2D context, per canvas, with the canvas's size.
const RECORD = `
  window.__canvases = [];
  const P = CanvasRenderingContext2D.prototype;
  const log = (ctx) => {
    const c = ctx.canvas;
    if (c.__log === undefined) {
      c.__log = [];
      window.__canvases.push(c);
    }
    c.__size = [c.width, c.height];
    return c.__log;
  };
  for (const name of Object.getOwnPropertyNames(P)) {
    const d = Object.getOwnPropertyDescriptor(P, name);
    if (name === "constructor" || name === "canvas") continue;
    if (typeof d.value === "function") {
      const f = d.value;
      P[name] = function (...args) {
        log(this).push([name, args]);
        return f.apply(this, args);
      };
    } else if (d.set) {
      Object.defineProperty(P, name, {
        ...d,
        set(v) {
          log(this).push(["=" + name, [v]]);
          d.set.call(this, v);
        },
      });
    }
  }
`;

// Opens the dashboard in a fresh context holding `data` and waits until no long task has
// ended for a second after the last chart had its figures.
async function open(data, script) {
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(BASE + "/manifest.webmanifest");
  await page.evaluate((all) => {
    for (const [k, v] of Object.entries(all)) localStorage.setItem(k, v);
  }, data);
  await page.waitForFunction((n) => localStorage.length >= n, Object.keys(data).length);
  const dash = await context.newPage();
  await dash.addInitScript(OBSERVE + (script ?? ""));
  await dash.goto(BASE + "/organizer");
  await dash.locator("canvas[aria-label]").first().waitFor({ timeout: 60_000 });
  await settled(dash);
  return { context, page: dash };
}

// Waits until every chart has its figures (a chart still waiting for them is aria-busy) and
// no long task has ended for a second.
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector("figure.chart[aria-busy]"), null, { timeout: 60_000, polling: 100 });
  await page.waitForFunction(
    () => {
      const last = window.__tasks.reduce((t, e) => Math.max(t, e.start + e.duration), 0);
      return performance.now() - last > 1000;
    },
    null,
    { timeout: 60_000, polling: 200 },
  );
}

// The long tasks of one start: each duration, the longest, and the blocking time (each task's
// part over 50 ms), and the charts on the page.
async function tasksOf(data) {
  const { context, page } = await open(data);
  const result = await page.evaluate(() => ({
    tasks: window.__tasks.map((t) => t.duration),
    charts: document.querySelectorAll("canvas[aria-label]").length,
  }));
  // The drive filter set to the first drive: the long tasks from the change on.
  const before = result.tasks.length;
  const drive = page.locator("#dash-drive");
  await drive.selectOption({ index: 1 });
  await settled(page);
  result.filter = (await page.evaluate(() => window.__tasks.map((t) => t.duration))).slice(before);
  await context.close();
  return result;
}

// The same canvas work in plain JavaScript: the recorded calls replayed on new canvases of
// the recorded sizes; the time of the longest chart and of all of them.
async function rawCanvas(data) {
  const { context, page } = await open(data, RECORD);
  const result = await page.evaluate(() => {
    const logs = window.__canvases.map((c) => ({ size: c.__size, log: c.__log }));
    const times = [];
    for (const { size, log } of logs) {
      const c = document.createElement("canvas");
      [c.width, c.height] = size;
      document.body.append(c);
      const ctx = c.getContext("2d");
      const t0 = performance.now();
      for (const [name, args] of log) {
        if (name.startsWith("=")) ctx[name.slice(1)] = args[0];
        else ctx[name](...args);
      }
      // Reading a pixel makes the drawing happen now, as the app's canvas is drawn before the
      // next frame.
      ctx.getImageData(0, 0, 1, 1);
      times.push(performance.now() - t0);
      c.remove();
    }
    return { times, calls: logs.reduce((n, l) => n + l.log.length, 0) };
  });
  await context.close();
  return result;
}

// The sample campaign as the Data page stores it.
async function sampleData() {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(BASE + "/organizer/data");
  await page.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await page.getByText("Đã nạp chiến dịch mẫu.").waitFor();
  const data = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  await context.close();
  return data;
}

// DASH_SAMPLE=0 leaves the sample campaign out (a bundle without the Data page's build).
const sets = [
  ...(process.env.DASH_SAMPLE === "0" ? [] : [["the sample campaign", await sampleData()]]),
  ["10,000 pledges", JSON.parse(await readFile(join(dataDir, "pledges-10000.json"), "utf8"))],
];
const results = { date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, load: os.loadavg()[0], runs: RUNS, sets: [] };
for (const [name, data] of sets) {
  const row = { name, longest: [], blocking: [], count: [], tasks: [], filter: [], raw_total: [], raw_longest: [], calls: 0, charts: 0 };
  for (let r = 0; r < RUNS; r++) {
    const t = await tasksOf(data);
    row.tasks.push(t.tasks.map(round));
    row.longest.push(Math.max(0, ...t.tasks));
    row.blocking.push(t.tasks.reduce((n, d) => n + Math.max(0, d - 50), 0));
    row.count.push(t.tasks.length);
    row.filter.push(t.filter.map(round));
    row.charts = t.charts;
    const raw = await rawCanvas(data);
    row.raw_total.push(raw.times.reduce((a, b) => a + b, 0));
    row.raw_longest.push(Math.max(0, ...raw.times));
    row.calls = raw.calls;
  }
  results.sets.push(row);
  console.error(`measured ${name}`);
}
results.load_after = os.loadavg()[0];
await browser.close();
server.kill();
await writeFile(join(dataDir, "dashboard-tasks.json"), JSON.stringify(results, null, 2));

console.log(`load average ${round(results.load)} before, ${round(results.load_after)} after; ${RUNS} runs each, medians`);
console.log("| data | charts | long tasks | longest task ms | blocking ms (over 50 each) | tasks per run (ms) | raw canvas: all charts ms | raw canvas: longest chart ms | canvas calls |");
console.log("|---|---:|---:|---:|---:|---|---:|---:|---:|");
for (const r of results.sets) {
  console.log(
    `| ${r.name} | ${r.charts} | ${median(r.count)} | ${round(median(r.longest))} | ${round(median(r.blocking))} | ${r.tasks.map((t) => t.join(" + ") || "none").join("; ")} | ${round(median(r.raw_total))} | ${round(median(r.raw_longest))} | ${r.calls.toLocaleString("en-US")} |`,
  );
}
console.log("");
console.log("After a filter change (the first drive):");
console.log("| data | long tasks | longest task ms | blocking ms (over 50 each) | tasks per run (ms) |");
console.log("|---|---:|---:|---:|---|");
for (const r of results.sets) {
  const blocking = r.filter.map((ts) => ts.reduce((n, d) => n + Math.max(0, d - 50), 0));
  console.log(
    `| ${r.name} | ${median(r.filter.map((t) => t.length))} | ${round(median(r.filter.map((t) => Math.max(0, ...t))))} | ${round(median(blocking))} | ${r.filter.map((t) => t.join(" + ") || "none").join("; ")} |`,
  );
}

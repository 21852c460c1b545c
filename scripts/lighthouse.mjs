// Lighthouse (the npm package pinned in package-lock.json, mobile emulation with its default
// simulated throttling) on the first page of every build, served by scripts/static-server.mjs
// as a production host serves it (the gzip or brotli copies made at build time). Each page
// runs <runs> times in a fresh Chromium profile (Debian's /usr/bin/chromium, so no service
// worker or cache helps); the median of each figure is reported with the machine's load
// average, as other work on the machine slows the measured tasks. Run through
// `scripts/bench lighthouse [runs]`, which builds dist/ first.
//
// Usage: node scripts/lighthouse.mjs <dist> [runs] [out.json]   (BENCH_PORT, default 4199)
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import os from "node:os";
import { eachPage, median } from "./each-page.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const [dist = "dist", runsArg = "3", out = "target/bench/lighthouse.json"] = process.argv.slice(2);
const RUNS = Number(runsArg);
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;
// The first page of every build (ui::routes::Build), the root build's three included.
const PAGES = (process.env.LH_PAGES ?? "/ /drives /pledge /eligibility /my-pledges /d /organizer /organizer/schedule /organizer/check-in /organizer/data /organizer/setup /organizer/drives /organizer/inbox /organizer/sync").split(" ");
const FLAGS = ["--headless=new", ...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])];


await mkdir(dirname(out), { recursive: true });
const server = spawn("node", ["scripts/static-server.mjs", dist, String(PORT)], { stdio: "pipe" });
await new Promise((resolve) => server.stdout.once("data", resolve));

async function once(path) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const result = await lighthouse(BASE + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
    });
    const { categories, audits } = result.lhr;
    // The whole report of each run beside the summary, for a closer look (long tasks, bytes).
    const name = path.replace(/\//g, "_") || "_";
    await writeFile(`${dirname(out)}/lighthouse${name}-${Date.now()}.json`, JSON.stringify(result.lhr));
    const failed = (id) =>
      Object.values(audits)
        .filter((a) => result.lhr.categories[id].auditRefs.some((r) => r.id === a.id && r.weight > 0) && a.score !== null && a.score < 1)
        .map((a) => a.id);
    return {
      performance: categories.performance.score,
      accessibility: categories.accessibility.score,
      best_practices: categories["best-practices"].score,
      fcp_ms: Math.round(audits["first-contentful-paint"].numericValue),
      lcp_ms: Math.round(audits["largest-contentful-paint"].numericValue),
      tbt_ms: Math.round(audits["total-blocking-time"].numericValue),
      cls: Number(audits["cumulative-layout-shift"].numericValue.toFixed(3)),
      si_ms: Math.round(audits["speed-index"].numericValue),
      bytes_kib: Math.round(audits["total-byte-weight"].numericValue / 1024),
      short_of_full: [...failed("accessibility"), ...failed("best-practices")],
    };
  } finally {
    chrome.kill();
  }
}

let rows;
try {
  rows = await eachPage(PAGES, RUNS, once, (path, runs, load_avg) => {
    const m = (key) => median(runs.map((r) => r[key]));
    const row = {
      page: path,
      performance: m("performance"),
      performance_runs: runs.map((r) => r.performance),
      accessibility: m("accessibility"),
      best_practices: m("best_practices"),
      fcp_ms: m("fcp_ms"),
      lcp_ms: m("lcp_ms"),
      tbt_ms: m("tbt_ms"),
      tbt_runs: runs.map((r) => r.tbt_ms),
      cls: m("cls"),
      si_ms: m("si_ms"),
      bytes_kib: m("bytes_kib"),
      load_avg,
      short_of_full: [...new Set(runs.flatMap((r) => r.short_of_full))],
    };
    console.error(`${path}: perf ${row.performance_runs.join(", ")}; load ${row.load_avg}`);
    return row;
  });
} finally {
  server.kill();
}

console.log(`Lighthouse ${JSON.parse(await readFile(new URL("../node_modules/lighthouse/package.json", import.meta.url), "utf8")).version}, mobile, simulated throttling, median of ${RUNS}:\n`);
console.log("| page | perf | a11y | best pr. | FCP ms | LCP ms | TBT ms | CLS | SI ms | KiB sent | load avg | perf per run | short of 1.0 |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
for (const r of rows) {
  console.log(
    `| \`${r.page}\` | ${r.performance} | ${r.accessibility} | ${r.best_practices} | ${r.fcp_ms} | ${r.lcp_ms} | ${r.tbt_ms} | ${r.cls} | ${r.si_ms} | ${r.bytes_kib} | ${r.load_avg} | ${r.performance_runs.join(", ")} | ${r.short_of_full.join(", ")} |`,
  );
}
await mkdir(dirname(out), { recursive: true });
await writeFile(out, JSON.stringify({ date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, runs: RUNS, pages: rows }, null, 1));

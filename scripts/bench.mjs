// Measures the release build in headless Chromium with stored data sets of several sizes, next
// to the browser's own cost of the same work in the same run. Run through scripts/bench, which
// builds dist/ and writes the data sets (target/bench/pledges-<n>.json: every localStorage key
// and value the app holds with n generated pledges, each with its donor). Last, it searches for
// the largest generated data set the browser's localStorage quota holds, writing further data
// sets with the same test (tests/bench_data.rs) into <data-dir>/fit/.
//
// Usage: node scripts/bench.mjs <dist> <data-dir> [runs]
// Prints a Markdown table and writes <data-dir>/results.json.
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { measure } from "./bundle-size.mjs";
import { existsSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";

const [dist = "dist", dataDir = "target/bench", runsArg = "5"] = process.argv.slice(2);

/** The build directories under `dir` (relative to `root`), each holding its own index.html. */
async function buildDirs(root, dir) {
  const found = [];
  for (const e of await readdir(join(root, dir), { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = dir ? `${dir}/${e.name}` : e.name;
    const names = await readdir(join(root, sub));
    if (names.includes("index.html")) found.push(sub);
    found.push(...(await buildDirs(root, sub)));
  }
  return found;
}
const RUNS = Number(runsArg);
const SIZES = [0, 1000, 10000, 20000];
// BENCH_PORT moves it, so two checkouts can measure side by side.
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;
// The data sets are generated around today (scripts/bench passes the date), so the app runs on
// the real clock: Playwright's fake clock would also coarsen performance.now().

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const spread = (xs) => [Math.min(...xs), Math.max(...xs)];
const round = (x) => Math.round(x * 10) / 10;

const server = spawn("node", ["scripts/static-server.mjs", dist, String(PORT)], { stdio: "pipe" });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--enable-precise-memory-info",
  ],
});

// Records when the page first shows what it is for, and the wasm memory once started.
const watch = (selector) => `
  window.__shown = null;
  addEventListener("TrunkApplicationStarted", (e) => { window.__wasm = e.detail.wasm; });
  new MutationObserver((_, obs) => {
    if (document.querySelector(${JSON.stringify(selector)})) {
      window.__shown = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
`;

async function freshContext(data) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(BASE + "/manifest.webmanifest");
  if (data) {
    await page.evaluate((all) => {
      for (const [k, v] of Object.entries(all)) localStorage.setItem(k, v);
    }, data);
  }
  // The page that wrote stays open: Chromium hands its storage writes to other pages
  // asynchronously, and closing it at once can lose them.
  context.expectedKeys = data ? Object.keys(data).length : 0;
  return context;
}

// Navigation start to `selector` shown, in a new page of `context`.
async function startTime(context, path, selector) {
  const page = await context.newPage();
  await page.goto(BASE + "/manifest.webmanifest");
  await page.waitForFunction((n) => localStorage.length >= n, context.expectedKeys);
  await page.addInitScript(watch(selector));
  await page.goto(BASE + path);
  await page.waitForFunction(() => window.__shown !== null, null, { timeout: 60_000 }).catch(async (e) => {
    console.error(await page.locator("body").innerText());
    throw e;
  });
  const result = await page.evaluate(() => ({
    shown: window.__shown,
    wasm: window.__wasm?.memory?.buffer?.byteLength ?? null,
  }));
  // The JS heap as Chromium's performance panel reports it.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  result.heap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? null;
  await page.close();
  return result;
}

// The whole dashboard recomputed and redrawn: from choosing "all drives" (after one drive) to
// every chart drawn again (the effects that draw run before the next task).
async function dashboardRedraw(context) {
  const page = await context.newPage();
  await page.goto(BASE + "/organizer");
  await page.locator("canvas[aria-label]").first().waitFor();
  const drive = page.getByLabel("Đợt", { exact: true });
  const drives = await drive.locator("option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  const times = [];
  for (let i = 0; i < 3; i++) {
    if (drives.length) await drive.selectOption(drives[0]);
    times.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const select = document.getElementById("dash-drive");
            const t0 = performance.now();
            select.value = "";
            select.dispatchEvent(new Event("change", { bubbles: true }));
            setTimeout(() => resolve(performance.now() - t0), 0);
          }),
      ),
    );
  }
  await page.close();
  return median(times);
}

// The drive schedule's grid redrawn after a filter change, the same way as the dashboard: from
// one drive to the fixed points over the booking window (the largest grid: 31 days by 3
// points), then, on that grid, from every unit to one unit (each cell then counts that unit's
// donors). Each is timed from the change to the grid and the chosen day's list drawn again.
async function scheduleRedraw(context) {
  const page = await context.newPage();
  await page.goto(BASE + "/organizer/schedule");
  await page.locator("table.sched-grid tbody td").first().waitFor();
  const scopes = await page.locator("#sched-scope option").evaluateAll((os) => os.map((o) => o.value));
  const drive = scopes.find((v) => v.startsWith("d:"));
  const units = await page.locator("#sched-unit option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  const change = (id, value) =>
    page.evaluate(
      ([id, value]) =>
        new Promise((resolve) => {
          const select = document.getElementById(id);
          const t0 = performance.now();
          select.value = value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          setTimeout(() => resolve(performance.now() - t0), 0);
        }),
      [id, value],
    );
  const scope = [];
  const unit = [];
  for (let i = 0; i < 3; i++) {
    if (drive && scopes.includes("f")) {
      await page.locator("#sched-scope").selectOption(drive);
      scope.push(await change("sched-scope", "f"));
    }
    if (units.length) {
      await page.locator("#sched-unit").selectOption("");
      unit.push(await change("sched-unit", units[0]));
    }
  }
  await page.close();
  return { scope: scope.length ? median(scope) : null, unit: unit.length ? median(unit) : null };
}

// The browser's own cost of reading the same stored data: getItem and JSON.parse of every key.
async function rawRead(context) {
  const page = await context.newPage();
  await page.goto(BASE + "/manifest.webmanifest");
  const ms = await page.evaluate(() => {
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith("hienmau/")) n += JSON.stringify(JSON.parse(localStorage.getItem(k))).length > 0;
    }
    return performance.now() - t0 + n * 0;
  });
  await page.close();
  return ms;
}

// Saving one pledge through the form: click to slip shown, and the browser's own cost of
// writing the keys that changed (the same bytes, setItem again).
async function saves(context, count) {
  const page = await context.newPage();
  await page.goto(BASE + "/pledge");
  const place = page.getByLabel("Điểm hiến máu");
  await place.waitFor();
  const options = await place.locator("option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  const day = page.getByLabel("Ngày", { exact: true });
  const free = page.locator(".slot:not(.unavailable) input");
  // A place and day with a free slot (generated data fills many; today's slots may be over).
  async function findRoom() {
    for (const p of options) {
      await place.selectOption(p);
      const days = await day.locator("option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      for (const d of days.reverse()) {
        await day.selectOption(d);
        if ((await free.count()) > 0) return;
      }
    }
    throw new Error("no free slot anywhere");
  }
  const app = [];
  const raw = [];
  for (let i = 0; i < count; i++) {
    if ((await free.count()) === 0) await findRoom();
    await free.first().check();
    await page.getByLabel("Họ và tên").fill(`Người đo ${i}`);
    await page.getByLabel("Số điện thoại").fill(`0988${String(100000 + i)}`);
    await page.getByLabel("Ngày sinh").fill("1990-01-01");
    await page.getByLabel("Nam", { exact: true }).check();
    await page.getByLabel("Cân nặng (kg)").fill("60");
    await page.getByLabel(/Tôi đồng ý/).check();
    const before = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
    const ms = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          const done = () => document.querySelector(".slip") && resolve(performance.now() - t0);
          new MutationObserver(done).observe(document.body, { subtree: true, childList: true });
          document.querySelector("form.pledge-form button[type=submit]").click();
          done();
        }),
    );
    app.push(ms);
    raw.push(
      await page.evaluate((before) => {
        const changed = Object.entries(localStorage).filter(([k, v]) => before[k] !== v);
        const t0 = performance.now();
        for (const [k, v] of changed) localStorage.setItem(k, v);
        return performance.now() - t0;
      }, before),
    );
    await page.getByRole("button", { name: "Đăng ký cho đồng nghiệp" }).click();
  }
  await page.close();
  return { app, raw };
}

const results = { date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model}`, runs: RUNS, sizes: [] };
for (const size of SIZES) {
  const data = JSON.parse(await readFile(join(dataDir, `pledges-${size}.json`), "utf8"));
  const bytes = Object.values(data).reduce((n, v) => n + v.length, 0);
  const row = {
    pledges: size,
    stored_utf16: bytes,
    start: [],
    start_empty: [],
    raw_read: [],
    dashboard: [],
    dashboard_redraw: [],
    schedule: [],
    schedule_scope: [],
    schedule_unit: [],
    heap: [],
    wasm: [],
  };
  for (let r = 0; r < RUNS; r++) {
    const empty = await freshContext(null);
    row.start_empty.push((await startTime(empty, "/", "h1")).shown);
    await empty.close();
    const context = await freshContext(data);
    const start = await startTime(context, "/", ".campaign h2");
    row.start.push(start.shown);
    row.heap.push(start.heap);
    row.wasm.push(start.wasm);
    row.raw_read.push(await rawRead(context));
    row.dashboard.push((await startTime(context, "/organizer", "canvas[aria-label]:nth-of-type(1)")).shown);
    row.dashboard_redraw.push(await dashboardRedraw(context));
    row.schedule.push((await startTime(context, "/organizer/schedule", "table.sched-grid tbody td")).shown);
    const redraw = await scheduleRedraw(context);
    row.schedule_scope.push(redraw.scope);
    row.schedule_unit.push(redraw.unit);
    await context.close();
  }
  const context = await freshContext(data);
  const s = await saves(context, Math.max(10, RUNS * 2));
  await context.close();
  row.save = s.app;
  row.save_raw = s.raw;
  results.sizes.push(row);
  console.error(`measured ${size} pledges`);
}

// ----- the largest data set that fits -----

// Every key of `data` written into a fresh origin's localStorage: whether all fit, and the
// UTF-16 code units (keys and values) written before the first refusal.
async function tryStore(data) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(BASE + "/manifest.webmanifest");
  const result = await page.evaluate((all) => {
    let used = 0;
    try {
      for (const [k, v] of Object.entries(all)) {
        localStorage.setItem(k, v);
        used += k.length + v.length;
      }
      return { fits: true, used };
    } catch (e) {
      // Chromium names it QuotaExceededError; any refusal to write counts as not fitting.
      return { fits: false, used, error: String(e.name) };
    }
  }, data);
  await context.close();
  return result;
}

// The quota itself, in UTF-16 code units: the longest single value an empty origin takes, by
// bisection (keys count too: the key is one unit).
async function rawQuota() {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(BASE + "/manifest.webmanifest");
  const units = await page.evaluate(() => {
    let lo = 0;
    let hi = 64 * 1024 * 1024;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      try {
        localStorage.setItem("q", "x".repeat(mid));
        lo = mid;
      } catch {
        hi = mid;
      }
      localStorage.removeItem("q");
    }
    return lo + 1;
  });
  await context.close();
  return units;
}

// The stored data set of `n` generated pledges: one of the sizes above, else written by
// tests/bench_data.rs (the app's own store, as for those sizes) into <data-dir>/fit/.
async function dataSet(n) {
  const measured = join(dataDir, `pledges-${n}.json`);
  if (existsSync(measured)) return JSON.parse(await readFile(measured, "utf8"));
  const dir = join(dataDir, "fit");
  await mkdir(dir, { recursive: true });
  const run = spawnSync(
    "cargo",
    ["test", "--locked", "--release", "--test", "bench_data", "--", "--ignored", "--exact", "write_bench_data"],
    { env: { ...process.env, BENCH_DATA_DIR: dir, BENCH_SIZES: String(n) }, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`writing the data set of ${n} pledges failed:\n${run.stderr}`);
  const path = join(dir, `pledges-${n}.json`);
  const data = JSON.parse(await readFile(path, "utf8"));
  await rm(path);
  return data;
}

// Bisection over the number of pledges (each with its donor), from the largest size measured
// above (which must fit) and a size that does not, to within STEP pledges.
const STEP = 100;
async function largestThatFits() {
  const quota = await rawQuota();
  const tried = [];
  const probe = async (n) => {
    const r = await tryStore(await dataSet(n));
    const t = { pledges: n, fits: r.fits, utf16: r.used };
    tried.push(t);
    console.error(`fit: ${n} pledges ${r.fits ? "fit" : "do not fit"} (${r.used.toLocaleString("en-US")} units written)`);
    return t;
  };
  let best = await probe(SIZES[SIZES.length - 1]);
  if (!best.fits) throw new Error(`${best.pledges} pledges do not fit: search below them by hand`);
  let hi = Math.ceil((best.pledges * 1.4) / STEP) * STEP;
  for (let t = await probe(hi); t.fits; t = await probe(hi)) {
    best = t;
    hi *= 2;
  }
  while (hi - best.pledges > STEP) {
    const t = await probe(Math.round((best.pledges + hi) / 2 / STEP) * STEP);
    if (t.fits) best = t;
    else hi = t.pledges;
  }
  return {
    quota_utf16: quota,
    pledges: best.pledges,
    first_refused: hi,
    utf16: best.utf16,
    per_record: Math.round(best.utf16 / best.pledges),
    share_of_quota: Math.round((best.utf16 / quota) * 1000) / 10,
    tried,
  };
}

results.fit = await largestThatFits();
// Every build's files, raw and gzip: the root build and each directory holding an index.html.
results.bundle = {};
for (const d of ["", ...(await buildDirs(dist, ""))]) results.bundle[d || "/"] = await measure(join(dist, d));
await rm(join(dataDir, "fit"), { recursive: true, force: true });
await browser.close();
server.kill();
await writeFile(join(dataDir, "results.json"), JSON.stringify(results, null, 2));

console.log("| build | wasm raw / gzip B | js raw / gzip B | css raw / gzip B | total gzip KiB |");
console.log("|---|---:|---:|---:|---:|");
for (const [d, b] of Object.entries(results.bundle)) {
  const of = (kind) => {
    const fs = b.files.filter((f) => f.kind === kind);
    const sum = (k) => fs.reduce((n, f) => n + f[k], 0).toLocaleString("en-US");
    return `${sum("raw")} / ${sum("gzip")}`;
  };
  console.log(`| ${d} | ${of("wasm")} | ${of("js")} | ${of("css")} | ${(b.total.gzip / 1024).toFixed(1)} |`);
}
console.log();

const fmt = (xs) => `${round(median(xs))} (${spread(xs).map(round).join("–")})`;
const fmtSome = (xs) => (xs.some((x) => x === null) ? "–" : fmt(xs));
console.log(`| pledges | stored (UTF-16 units) | start, empty storage ms | raw getItem+parse ms | start with data ms | ratio to empty start + raw | save median / p95 ms | raw setItem ms | dashboard shown ms | dashboard redraw ms | schedule grid shown ms | schedule: drive to fixed points ms | schedule: one unit ms | JS heap MB | wasm memory MB |`);
console.log(`|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const r of results.sizes) {
  const ratio = median(r.start) / (median(r.start_empty) + median(r.raw_read));
  console.log(
    `| ${r.pledges.toLocaleString("en-US")} | ${r.stored_utf16.toLocaleString("en-US")} | ${fmt(r.start_empty)} | ${fmt(r.raw_read)} | ${fmt(r.start)} | ${ratio.toFixed(2)} | ${round(median(r.save))} / ${round(p95(r.save))} | ${median(r.save_raw).toFixed(2)} | ${fmt(r.dashboard)} | ${fmt(r.dashboard_redraw)} | ${fmt(r.schedule)} | ${fmtSome(r.schedule_scope)} | ${fmtSome(r.schedule_unit)} | ${round(median(r.heap) / 1e6)} | ${round(median(r.wasm) / 1048576)} |`,
  );
}
const f = results.fit;
console.log(
  `\nLargest that fits: ${f.pledges.toLocaleString("en-US")} pledges with their donors ` +
    `(${f.first_refused.toLocaleString("en-US")} refused), ${f.utf16.toLocaleString("en-US")} UTF-16 units, ` +
    `${f.per_record} per pledge with its donor, ${f.share_of_quota} % of the ${f.quota_utf16.toLocaleString("en-US")}-unit quota.`,
);

// Measures sync in the release build against the local CouchDB-compatible server, two browser
// contexts as two desks, next to the browser's raw cost of the same work in the same run:
// - desk A holds a generated campaign (<data>, written by tests/bench_data.rs) and creates the
//   campaign's database: its first push;
// - desk B, paired by link, joins: the first sync of the whole campaign to an empty device
//   (time, and bytes over the wire: bodies and headers, both ways);
// - raw: one plain fetch of the same documents from the same server (`_changes` with the
//   documents, in one request), and a plain WebCrypto AES-GCM decrypt of each of them;
// - one change: a pledge made on desk A (its volunteer form in another tab) until desk B's Data
//   page counts it, both desks on their Data page with the engine in its hidden frame.
// Run through `scripts/bench sync`, which builds dist/, writes the data set and starts the
// server (COUCH_URL, COUCH_ADMIN).
//
// Usage: node scripts/sync-bench.mjs <dist> <data.json> [runs]
// Prints a Markdown table and writes target/bench/sync-results.json.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const [dist = "dist", dataFile = "target/bench/pledges-10000.json", runsArg = "3"] = process.argv.slice(2);
const RUNS = Number(runsArg);
const COUCH = process.env.COUCH_URL;
if (!COUCH) throw new Error("COUCH_URL names no server: run through scripts/bench sync");
const [ADMIN, ADMIN_PASSWORD] = (process.env.COUCH_ADMIN ?? "admin:admin-password").split(":");
const AUTH = "Basic " + Buffer.from(`${ADMIN}:${ADMIN_PASSWORD}`).toString("base64");
const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;
/** Long enough for the slowest step on a loaded machine; a bench is not a test. */
const LONG = { timeout: 600_000 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

async function admin(method, path, body) {
  const res = await fetch(COUCH + path, {
    method,
    headers: { Authorization: AUTH, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function organizer() {
  const name = "bench-" + randomBytes(4).toString("hex");
  const password = randomBytes(9).toString("base64url");
  await admin("PUT", `/_users/org.couchdb.user:${name}`, { name, password, roles: ["organizers"], type: "user" });
  return { name, password };
}

/** Counts what a context sends to and receives from the server, headers and bodies. */
function wire(context) {
  const count = { sent: 0, received: 0, requests: {}, pending: [] };
  context.on("requestfinished", (request) => {
    if (!request.url().startsWith(COUCH)) return;
    count.pending.push(
      request.sizes().then((s) => {
        count.sent += s.requestHeadersSize + s.requestBodySize;
        count.received += s.responseHeadersSize + s.responseBodySize;
        const kind = `${request.method()} ${new URL(request.url()).pathname.split("/").pop()}`;
        const k = (count.requests[kind] ??= { n: 0, received: 0 });
        k.n += 1;
        k.received += s.responseBodySize;
      }),
    );
  });
  return count;
}

/** Waits until the page's status line says synced with nothing waiting. */
const synced = (page) =>
  page.waitForFunction(
    () => {
      const t = document.querySelector(".sync-line")?.textContent ?? "";
      return t.includes("Đã đồng bộ lúc") && !t.includes("đang chờ");
    },
    null,
    { ...LONG, polling: 20 },
  );

const pledgeCount = (page) =>
  page.evaluate(() => {
    const dd = [...document.querySelectorAll(".counts div")].find((d) => d.textContent.includes("Lượt đăng ký"));
    return Number((dd?.querySelector("dd")?.textContent ?? "").replace(/\./g, ""));
  });

/** Pledges a new person on the first place, day and slot that takes one. */
async function pledgeSomewhere(page, n) {
  await page.goto(BASE + "/pledge");
  const place = page.getByLabel("Điểm hiến máu");
  const options = await place.locator("option:not([disabled])").allInnerTexts();
  for (const label of options) {
    await place.selectOption({ label });
    const free = page.locator(".slot-grid input[type=radio]:not([disabled])");
    if ((await free.count()) === 0) continue;
    await free.first().check();
    await page.getByLabel("Họ và tên").fill(`Người Đo Thử ${n}`);
    await page.getByLabel("Số điện thoại").fill(`0913 9${String(n).padStart(5, "0")}`);
    await page.getByLabel("Ngày sinh").fill("1990-01-20");
    await page.getByLabel("Nữ", { exact: true }).check();
    await page.getByLabel("Cân nặng (kg)").fill("55");
    await page.getByLabel(/Tôi đồng ý/).check();
    return () => page.getByRole("button", { name: "Đăng ký hiến máu" }).click();
  }
  throw new Error("no place with a free slot in the data set");
}

/** In a page of desk B: one plain fetch of every document, then a plain AES-GCM decrypt of
 * each with the campaign key, as the engine would; times in ms. */
function raw(args) {
  const [couch, db] = args;
  const b64 = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  return (async () => {
    const t0 = performance.now();
    const res = await fetch(`${couch}/${db}/_changes?include_docs=true&since=0`, { credentials: "include" });
    const text = await res.text();
    const fetchMs = performance.now() - t0;
    const docs = JSON.parse(text).results.map((r) => r.doc).filter((d) => d && d.ct);
    const key = await crypto.subtle.importKey("raw", b64(localStorage.getItem("hienmau-sync/key")), "AES-GCM", false, [
      "decrypt",
    ]);
    const enc = new TextEncoder();
    const t1 = performance.now();
    let plain = 0;
    for (const d of docs) {
      const out = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: b64(d.iv), additionalData: enc.encode(d._id) },
        key,
        b64(d.ct),
      );
      plain += out.byteLength;
    }
    return { fetchMs, bytes: text.length, docs: docs.length, decryptMs: performance.now() - t1, plain };
  })();
}

const server = spawn("node", ["scripts/static-server.mjs", dist, String(PORT)], { stdio: "pipe" });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const data = JSON.parse(await readFile(dataFile, "utf8"));
const pledgeKeys = Object.keys(data).filter((k) => k.startsWith("hienmau/pledges/")).length;

const runs = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const db = "bench-" + randomBytes(4).toString("hex");
    // Desk A: the campaign, the database created, the first push.
    const contextA = await browser.newContext();
    await contextA.addInitScript((all) => {
      if (localStorage.getItem("hienmau/setup") === null) for (const [k, v] of Object.entries(all)) localStorage.setItem(k, v);
    }, data);
    const deskA = await contextA.newPage();
    await deskA.goto(BASE + "/organizer/sync");
    await deskA.getByLabel("Địa chỉ máy chủ").fill(COUCH);
    await deskA.getByLabel("Cơ sở dữ liệu của chiến dịch").fill(db);
    await deskA.getByLabel("Tài khoản").fill(ADMIN);
    await deskA.getByLabel("Mật khẩu").fill(ADMIN_PASSWORD);
    const wireA = wire(contextA);
    const tPush = Date.now();
    await deskA.getByRole("button", { name: "Tạo cơ sở dữ liệu cho chiến dịch này" }).click();
    await synced(deskA);
    const pushMs = Date.now() - tPush;
    await Promise.all(wireA.pending);
    await deskA.getByRole("button", { name: "Hiện mã ghép nối" }).click();
    const link = await deskA.getByRole("textbox", { name: "Liên kết ghép nối" }).inputValue();

    // Desk B: an empty device, paired, joins: the first sync.
    const contextB = await browser.newContext();
    const deskB = await contextB.newPage();
    const { name, password } = await organizer();
    await deskB.goto(link);
    await deskB.getByRole("button", { name: "Dùng khóa này" }).click();
    await deskB.getByLabel("Tài khoản").fill(name);
    await deskB.getByLabel("Mật khẩu").fill(password);
    const wireB = wire(contextB);
    const tPull = Date.now();
    await deskB.getByRole("button", { name: "Tham gia", exact: true }).click();
    await synced(deskB);
    const pullMs = Date.now() - tPull;
    await Promise.all(wireB.pending);
    // What the sync took, before the raw fetch below adds its own.
    const pulled = { received: wireB.received, sent: wireB.sent, requests: structuredClone(wireB.requests) };
    const got = await deskB.evaluate(
      () => Object.keys(localStorage).filter((k) => k.startsWith("hienmau/pledges/")).length,
    );
    if (got !== pledgeKeys) throw new Error(`desk B holds ${got} pledge shards of ${pledgeKeys}`);
    const rawCost = await deskB.evaluate(raw, [COUCH, db]);

    // One change from desk A shown on desk B.
    await deskA.goto(BASE + "/organizer/data");
    await deskB.goto(BASE + "/organizer/data");
    await Promise.all([synced(deskA), synced(deskB)]);
    const before = await pledgeCount(deskB);
    const volunteer = await contextA.newPage();
    const submit = await pledgeSomewhere(volunteer, run);
    const tChange = Date.now();
    await submit();
    await deskB.waitForFunction(
      (n) => {
        const dd = [...document.querySelectorAll(".counts div")].find((d) => d.textContent.includes("Lượt đăng ký"));
        return Number((dd?.querySelector("dd")?.textContent ?? "").replace(/\./g, "")) === n;
      },
      before + 1,
      { ...LONG, polling: 20 },
    );
    const changeMs = Date.now() - tChange;

    runs.push({
      pushMs,
      pushSent: wireA.sent,
      pullMs,
      pullReceived: pulled.received,
      pullSent: pulled.sent,
      pullRequests: pulled.requests,
      changeMs,
      raw: rawCost,
    });
    console.error(`run ${run + 1}/${RUNS}:`, JSON.stringify(runs.at(-1)));
    await contextA.close();
    await contextB.close();
  }
} finally {
  await browser.close();
  server.kill();
}

const pick = (f) => runs.map(f);
const mb = (b) => (b / 1e6).toFixed(2);
const load = os.loadavg().map((x) => x.toFixed(2)).join(", ");
const table = [
  `Sync, release build, ${pledgeKeys} pledge shards (${Object.keys(data).length} stored keys), ${RUNS} runs, median (range); load average ${load}:`,
  "",
  "| Case | Time, ms | Bytes over the wire | Raw browser cost, same run |",
  "|---|---|---|---|",
  `| First push from desk A (create) | ${median(pick((r) => r.pushMs))} (${spread(pick((r) => r.pushMs))}) | ${mb(median(pick((r) => r.pushSent)))} MB sent | |`,
  `| First sync to an empty device (join) | ${median(pick((r) => r.pullMs))} (${spread(pick((r) => r.pullMs))}) | ${mb(median(pick((r) => r.pullReceived)))} MB received, ${mb(median(pick((r) => r.pullSent)))} MB sent | one fetch of the same ${runs[0].raw.docs} documents (${mb(runs[0].raw.bytes)} MB of JSON): ${Math.round(median(pick((r) => r.raw.fetchMs)))} ms; AES-GCM decrypt of each: ${Math.round(median(pick((r) => r.raw.decryptMs)))} ms |`,
  `| One change on desk A shown on desk B | ${median(pick((r) => r.changeMs))} (${spread(pick((r) => r.changeMs))}) | | |`,
].join("\n");
console.log(table);
await mkdir("target/bench", { recursive: true });
await writeFile("target/bench/sync-results.json", JSON.stringify({ load, runs }, null, 2));

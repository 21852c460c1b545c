// How long the scanner takes to start: from pressing "Quét mã" in the inbox to the frame's first
// `scan:looking` (its page fetched, its wasm started, the camera opened and playing), next to
// the browser's own cost of the same camera work in the same run: getUserMedia and a playing
// <video> in a blank page of the same origin, and a blank page loaded in a frame. Chromium's
// fake camera (its own test pattern, no file). Cold: each run a new browser context (nothing
// cached, no service worker); warm: the same page, the scanner closed and opened again.
//
// Usage: node scripts/scan-bench.mjs <dist> [runs]   (BENCH_PORT, default 4199). Run through
// `scripts/bench scan [runs]`, which builds dist/ first.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import os from "node:os";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.mjs";

const [dist = "dist", runsArg = "7"] = process.argv.slice(2);
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
  executablePath: CHROMIUM,
  args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
});

async function context() {
  const c = await browser.newContext({ serviceWorkers: "block", viewport: { width: 390, height: 844 } });
  // A blank page of the app's origin for the raw measurements.
  await c.route(`${BASE}/bench-blank`, (r) => r.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title>" }));
  return c;
}

// Presses Scan and resolves with the milliseconds until the frame says it is looking.
const PRESS = () =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const heard = (e) => {
      if (e.data === "scan:looking") {
        removeEventListener("message", heard);
        resolve(performance.now() - t0);
      }
    };
    addEventListener("message", heard);
    document.querySelector(".scan-toggle").click();
  });

async function inbox(c) {
  const page = await c.newPage();
  await page.goto(`${BASE}/organizer/inbox`);
  await page.locator(".scan-toggle").waitFor();
  return page;
}

const results = { cold: [], warm: [], camera: [], frame: [] };
for (let i = 0; i < RUNS; i++) {
  const c = await context();
  const page = await inbox(c);
  results.cold.push(await page.evaluate(PRESS));
  await page.locator(".scan-toggle").click(); // closed: the frame and the camera go
  results.warm.push(await page.evaluate(PRESS));
  await c.close();

  const raw = await context();
  const blank = await raw.newPage();
  await blank.goto(`${BASE}/bench-blank`);
  results.camera.push(
    await blank.evaluate(async () => {
      const t0 = performance.now();
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      const video = document.createElement("video");
      video.muted = true;
      video.setAttribute("playsinline", "");
      video.srcObject = stream;
      document.body.append(video);
      await video.play();
      const t = performance.now() - t0;
      stream.getTracks().forEach((track) => track.stop());
      return t;
    }),
  );
  results.frame.push(
    await blank.evaluate(
      () =>
        new Promise((resolve) => {
          const t0 = performance.now();
          const f = document.createElement("iframe");
          f.onload = () => resolve(performance.now() - t0);
          f.src = "/bench-blank";
          document.body.append(f);
        }),
    ),
  );
  await raw.close();
}
await browser.close();
server.kill();

const line = (name, xs) =>
  `| ${name} | ${round(median(xs))} | ${round(Math.min(...xs))} | ${round(Math.max(...xs))} |`;
console.log(`Scanner start-up, ${RUNS} runs, ms (median, min, max); ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
console.log("| measure | median | min | max |\n|---|---:|---:|---:|");
console.log(line("Scan pressed → first `scan:looking`, cold (new context)", results.cold));
console.log(line("Scan pressed → first `scan:looking`, warm (opened again)", results.warm));
console.log(line("raw: getUserMedia + <video> playing, blank page", results.camera));
console.log(line("raw: a blank page loaded in a frame", results.frame));

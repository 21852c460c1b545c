// The offline layer of a build, in two steps.
//
// As Trunk's post_build hook (TRUNK_STAGING_DIR set), for each build: in a release build its
// scripts minified; in its index.html: the wasm started after the first paint, and a
// Content-Security-Policy that allows only the app's own origin (plus the hashes of the inline
// scripts: Trunk's that starts the wasm, and the root build's first-paint heading); the builds
// that talk to the campaign's CouchDB server may also connect to it (any https origin, or a
// loopback one for trying it): the sync build (organizer/sync/), the inbox (organizer/inbox/,
// which reads the drop box) and the sender (send/, the frame my-pledges loads to send slips to
// it). In a development build it also writes a service worker that
// removes itself, so reloads show edits.
//
// As `node scripts/pwa-build.mjs --worker <dist>`, once every release build is in <dist>: the
// service worker at its root, listing every built file in two parts (what volunteers use, and
// the organizers' builds, fetched only once a device opens an organizer page; the online-only
// builds, such as the sender, are in neither and the worker leaves them to the network), each file with a
// hash of its contents so a new release downloads only the files that changed, and a build id
// from all of them, so each release is a new worker. Then every text file and wasm module gets
// a gzip (`.gz`) and a brotli (`.br`) copy beside it, made once here, for a host to send to
// browsers that accept them (`scripts/static-server.mjs` does).
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { minify } from "terser";

/** The kinds of file a host sends compressed; images are compressed already. */
const COMPRESSED = [".wasm", ".js", ".css", ".html", ".json", ".svg", ".webmanifest"];

/** The builds used only online (scripts/tools.sh's ONLINE): never precached, always fetched. */
const ONLINE = ["/send/"];

const args = process.argv.slice(2);
if (args[0] === "--worker") {
  await writeWorker(args[1] ?? "dist");
} else {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook, or pass --worker <dist>");
  if (process.env.TRUNK_PROFILE === "release") await minifyScripts(staging, join(staging, "index.html"));
  await startAfterFirstPaint(join(staging, "index.html"));
  const url = process.env.TRUNK_PUBLIC_URL ?? "";
  const sync = ["/organizer/sync", "/organizer/inbox", "/send"].some((p) => url.startsWith(p));
  await writePolicy(join(staging, "index.html"), sync);
  if (process.env.TRUNK_PROFILE !== "release") {
    await writeFile(
      join(staging, "sw.js"),
      "self.addEventListener('install', () => self.skipWaiting());\n" +
        "self.addEventListener('activate', () => self.registration.unregister());\n",
    );
  }
}

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

// The page's own scripts, minified with terser: wasm-bindgen's glue (Trunk's minifier cannot
// read it and leaves it whole: about 50 KB, 8.6 KB gzip, against 23 KB and 6.4 KB) and
// src/pwa.js (`data-no-minify` in index.html: Trunk's minifier orders its names differently
// from build to build, which would make each build's copy a file of its own and every release
// a change). Trunk has already written each file's integrity (SRI) into the page, so each tag
// naming the file gets the new file's.
async function minifyScripts(staging, indexPath) {
  let html = await readFile(indexPath, "utf8");
  const names = await readdir(staging);
  const glue = (n) => names.includes(n.replace(/\.js$/, "_bg.wasm"));
  for (const name of names.filter((n) => n.endsWith(".js") && (glue(n) || n.startsWith("pwa-")))) {
    const path = join(staging, name);
    const { code } = await minify(await readFile(path, "utf8"), { module: glue(name), compress: true, mangle: true });
    await writeFile(path, code);
    const sri = `sha384-${createHash("sha384").update(code).digest("base64")}`;
    html = html.replace(/<(?:link|script)\b[^>]*>/g, (tag) =>
      tag.includes(name) ? tag.replace(/\bintegrity=("[^"]*"|[^\s>]+)/, `integrity="${sri}"`) : tag,
    );
  }
  await writeFile(indexPath, html);
}

// The page shows its first paint (the frame and heading of src/ui/boot.rs) before the wasm is
// requested: Trunk's preload of the wasm goes, and its start-up script waits until the browser
// has reported a text of the first paint as the largest contentful paint, which it does once
// that frame is on screen (where there is no such report, the first animation frame). Any text
// of it: on a phone the largest is often the footer's privacy sentence, not the heading or lead
// (waiting for those, most pages waited out the 3 s below on a phone).
// Waiting for a frame to be drawn is not enough: on a busy phone its presentation can take a
// second, and when the app replaced the first paint's heading before then, the browser never
// counted it and took the app's, drawn after the whole wasm, as the page's largest paint. A tab
// that is hidden paints nothing, so there it goes at once (or when it is hidden), as does a page
// in a frame (the sync engine's hidden frame, which every organizer page adds: it waited out the
// 3 s before its first sync); and after 3 s it goes anyway, so nothing can keep the app from
// starting.
//
// A frame's page (the scanner's camera, FRAMES in scripts/tools.sh, and the sender, ONLINE) has
// no first paint: it starts at once, its wasm preloaded. (It once waited out the 3 s, most of
// the scanner's start-up.)
async function startAfterFirstPaint(indexPath) {
  let html = await readFile(indexPath, "utf8");
  // The first paint's block, `id="boot"` or, minified, `id=boot`.
  if (!/\bid="?boot\b/.test(html)) return;
  // Trunk's preload of the wasm, its attributes in any order, quoted or not (minified).
  const preload = /<link\b(?=[^>]*\brel="?preload\b)(?=[^>]*_bg\.wasm)[^>]*>/;
  if (!preload.test(html)) throw new Error(`${indexPath}: Trunk's preload of the wasm has changed`);
  html = html.replace(preload, "");
  const start = "const wasm = await init(";
  if (!html.includes(start)) throw new Error(`${indexPath}: Trunk's start-up script has changed`);
  html = html.replace(
    start,
    'await new Promise((go) => { const hidden = () => document.visibilityState === "hidden"; if (hidden() || self !== top) return go(); addEventListener("visibilitychange", () => hidden() && go()); setTimeout(go, 3000); if (!PerformanceObserver.supportedEntryTypes?.includes("largest-contentful-paint")) return requestAnimationFrame(() => setTimeout(go)); new PerformanceObserver((list) => list.getEntries().some((e) => e.element?.closest("#boot")) && setTimeout(go)).observe({ type: "largest-contentful-paint", buffered: true }); });\n' + start,
  );
  await writeFile(indexPath, html);
}

// Content-Security-Policy: only this origin; the inline start-up script by its hash;
// WebAssembly compilation allowed. `sync`: the page also talks to a CouchDB server, whose
// address is set on the page: any https origin (a page served over https cannot fetch plain
// http anyway), or http on this machine's loopback for a local server.
async function writePolicy(indexPath, sync = false) {
  let html = await readFile(indexPath, "utf8");
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
  );
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")} 'wasm-unsafe-eval'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    sync ? "connect-src 'self' https: http://127.0.0.1:* http://localhost:*" : "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
  // After the charset, written as in index.html or as Trunk's minifier writes it.
  const charset = /<meta charset="?utf-8"?\s*\/?>/i;
  if (!charset.test(html)) throw new Error(`${indexPath}: no <meta charset> to put the policy after`);
  html = html.replace(charset, (m) => `${m}<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  await writeFile(indexPath, html);
}

/** Organizer-only files: the organizers' builds and the sample campaign their Data page loads. */
function forOrganizers(path) {
  return path.startsWith("/organizer/") || path === "/sample-campaign.json";
}

// The service worker: every built file of every build, as [path, content hash] in two lists,
// and a build id from their contents. A file whose contents another path already has (each
// build's copy of the stylesheet, the PWA script, the icon) is listed once, the other paths as
// aliases of it: volunteers' paths first, so a volunteer never needs an organizer's copy.
// Compressed copies (.gz, .br) are not listed: the browser's fetch undoes the compression, so
// the cache holds the files themselves.
async function writeWorker(dist) {
  for (const f of await files(dist)) {
    if (f.endsWith(".gz") || f.endsWith(".br")) await rm(f);
  }
  const all = (await files(dist))
    .filter((f) => !f.endsWith("sw.js"))
    .filter((f) => !ONLINE.some((dir) => ("/" + relative(dist, f).split("\\").join("/")).startsWith(dir)))
    .sort();
  const id = createHash("sha256");
  const read = [];
  for (const f of all) {
    const bytes = await readFile(f);
    const path = "/" + relative(dist, f).split("\\").join("/");
    id.update(path).update(bytes);
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 12);
    const gzip = COMPRESSED.includes(extname(f)) ? gzipSync(bytes, { level: 9 }).length : bytes.length;
    read.push({ path, hash, gzip, organizer: forOrganizers(path) });
  }
  read.sort((a, b) => Number(a.organizer) - Number(b.organizer));
  const lists = { volunteer: [], organizer: [] };
  const sizes = { volunteer: 0, organizer: 0 };
  const first = new Map();
  const aliases = {};
  for (const f of read) {
    if (first.has(f.hash)) {
      aliases[f.path] = first.get(f.hash);
      continue;
    }
    first.set(f.hash, f.path);
    const side = f.organizer ? "organizer" : "volunteer";
    lists[side].push([f.path, f.hash]);
    sizes[side] += f.gzip;
  }
  const build = id.digest("hex").slice(0, 16);
  const template = await readFile(join(import.meta.dirname, "..", "src", "sw.js"), "utf8");
  const worker = template
    .replace("__BUILD_ID__", build)
    .replace("__VOLUNTEER__", JSON.stringify(lists.volunteer))
    .replace("__ORGANIZER__", JSON.stringify(lists.organizer))
    .replace("__ALIASES__", JSON.stringify(aliases))
    .replace("__ONLINE__", JSON.stringify(ONLINE));
  await writeFile(join(dist, "sw.js"), worker);
  const kib = (n) => (n / 1024).toFixed(1);
  console.log(
    `pwa-build: build ${build}; precached for volunteers ${lists.volunteer.length} files, ${kib(sizes.volunteer)} KiB gzip; ` +
      `for organizers ${lists.organizer.length} more, ${kib(sizes.organizer)} KiB gzip; ${Object.keys(aliases).length} paths share a file`,
  );
  await compressAll(dist);
}

// Each compressible file's .gz (level 9) and .br (quality 11) beside it, unless it would not
// be smaller.
async function compressAll(dist) {
  let count = 0;
  for (const f of await files(dist)) {
    if (!COMPRESSED.includes(extname(f))) continue;
    const bytes = await readFile(f);
    const gz = gzipSync(bytes, { level: 9 });
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: extname(f) === ".wasm" ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    if (gz.length < bytes.length) await writeFile(f + ".gz", gz);
    if (br.length < bytes.length) await writeFile(f + ".br", br);
    count++;
  }
  console.log(`pwa-build: ${count} files precompressed (.gz, .br)`);
}

// Trunk post_build hook: writes the service worker with this build's file list and id, and a
// Content-Security-Policy that allows only the app's own origin (plus the hash of the one inline
// script Trunk writes to start the wasm). Runs in Trunk's staging directory.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? ".";
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

// Content-Security-Policy: only this origin; the inline start-up script by its hash;
// WebAssembly compilation allowed.
const indexPath = join(staging, "index.html");
let html = await readFile(indexPath, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
);
const csp = [
  "default-src 'self'",
  `script-src 'self' ${hashes.join(" ")} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");
html = html.replace(
  /<meta charset="utf-8" \/>/,
  `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
);
await writeFile(indexPath, html);

// The service worker: every built file, and a build id from their contents.
const all = (await files(staging)).filter((f) => !f.endsWith("sw.js")).sort();
const id = createHash("sha256");
for (const f of all) id.update(relative(staging, f)).update(await readFile(f));
const build = id.digest("hex").slice(0, 16);
const list = all.map((f) => "/" + relative(staging, f).split("\\").join("/"));
const template = await readFile(join(source, "src", "sw.js"), "utf8");
const worker =
  process.env.TRUNK_PROFILE === "release"
    ? template.replace("__BUILD_ID__", build).replace("__FILES__", JSON.stringify(list))
    : // In development nothing is cached: the worker removes itself, so reloads show edits.
      "self.addEventListener('install', () => self.skipWaiting());\n" +
      "self.addEventListener('activate', () => self.registration.unregister());\n";
await writeFile(join(staging, "sw.js"), worker);
console.log(`pwa-build: ${list.length} files precached, build ${build}`);

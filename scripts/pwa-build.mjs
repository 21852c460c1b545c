// The offline layer of a build, in two steps.
//
// As Trunk's post_build hook (TRUNK_STAGING_DIR set), for each of the two builds (index.html for
// volunteers, organizer.html for organizers): a Content-Security-Policy that allows only the
// app's own origin (plus the hash of the one inline script Trunk writes to start the wasm). In a
// development build it also writes a service worker that removes itself, so reloads show edits.
//
// As `node scripts/pwa-build.mjs --worker <dist>`, once both release builds are in <dist>: the
// service worker at its root, listing every built file of both, with a build id from their
// contents, so each release is a new worker.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

const args = process.argv.slice(2);
if (args[0] === "--worker") {
  await writeWorker(args[1] ?? "dist");
} else {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook, or pass --worker <dist>");
  await writePolicy(join(staging, "index.html"));
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

// Content-Security-Policy: only this origin; the inline start-up script by its hash;
// WebAssembly compilation allowed.
async function writePolicy(indexPath) {
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
}

// The service worker: every built file of both builds, and a build id from their contents.
async function writeWorker(dist) {
  const all = (await files(dist)).filter((f) => !f.endsWith("sw.js")).sort();
  const id = createHash("sha256");
  for (const f of all) id.update(relative(dist, f)).update(await readFile(f));
  const build = id.digest("hex").slice(0, 16);
  const list = all.map((f) => "/" + relative(dist, f).split("\\").join("/"));
  const template = await readFile(join(import.meta.dirname, "..", "src", "sw.js"), "utf8");
  const worker = template.replace("__BUILD_ID__", build).replace("__FILES__", JSON.stringify(list));
  await writeFile(join(dist, "sw.js"), worker);
  console.log(`pwa-build: ${list.length} files precached, build ${build}`);
}

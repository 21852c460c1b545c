// Serves a built bundle as static files on 127.0.0.1, as any static host would, with the one
// thing a single-page app needs: a path without a file extension answers its build's index.html
// (organizer/index.html under /organizer, index.html elsewhere), so a reload of a deep link
// (/organizer/schedule) shows that page. Like a production host it sends the gzip or brotli
// copy made at build time when the browser accepts it (Content-Encoding, Vary), and lets
// browsers keep content-hashed files for a year. No dependencies.
//
// Usage: node scripts/static-server.mjs <dir> <port>

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const [dir = "dist", port = "8080"] = process.argv.slice(2);
const root = resolve(dir);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

async function file(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

// Which build answers a path: the one in the deepest directory holding it that has an
// index.html (organizer/check-in/, organizer/, eligibility/), else the root build.
async function appFor(pathname) {
  const parts = pathname.split("/").filter((p) => p && !p.startsWith("."));
  for (let n = parts.length; n > 0; n--) {
    const found = await file(join(root, ...parts.slice(0, n), "index.html"));
    if (found) return found;
  }
  return join(root, "index.html");
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end("bad path");
    return;
  }
  const wanted = normalize(join(root, pathname));
  if (wanted !== root && !wanted.startsWith(root + sep)) {
    res.writeHead(403).end("forbidden");
    return;
  }
  let found = await file(wanted);
  if (!found && extname(pathname) === "") {
    found = await file(await appFor(pathname));
  }
  if (!found) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    return;
  }
  const type = TYPES[extname(found)] ?? "application/octet-stream";
  // Hashed assets never change; the page and anything unhashed is revalidated every time.
  const hashed = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(found);
  const headers = {
    "content-type": type,
    "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
  };
  // The copies compressed at build time (scripts/pwa-build.mjs), brotli first when the browser
  // takes it; a file that has them varies by Accept-Encoding, so caches keep one per encoding.
  let body = found;
  const accepted = encodings(req.headers["accept-encoding"]);
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    const packed = await file(found + suffix);
    if (!packed) continue;
    headers["vary"] = "Accept-Encoding";
    if (body === found && accepted.has(encoding)) {
      body = packed;
      headers["content-encoding"] = encoding;
    }
  }
  const bytes = await readFile(body);
  headers["content-length"] = bytes.length;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : bytes);
});

// The encodings an Accept-Encoding header takes (those with q=0 refused).
function encodings(header = "") {
  const out = new Set();
  for (const part of String(header).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

server.listen(Number(port), "127.0.0.1", () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}`);
});

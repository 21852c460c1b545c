// Where a wasm module's bytes go, from its own name section (a stand-in for `twiggy top`,
// which this project does not install): the largest functions, and the code per crate and
// per module path, with the data segments' total. Read the module cargo builds before
// wasm-bindgen and wasm-opt (target/wasm32-unknown-unknown/release/<bin>.wasm): it still has
// its names; the shipped sizes after wasm-opt are smaller but in about the same proportions.
//
// Usage: node scripts/wasm-top.mjs <module.wasm> [rows] [depth]
import { readFileSync } from "node:fs";

const [path, rowsArg = "40", depthArg = "3"] = process.argv.slice(2);
const bytes = readFileSync(path);
let at = 8;

function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return result;
  }
}
function name() {
  const len = leb();
  const s = bytes.toString("utf8", at, at + len);
  at += len;
  return s;
}

let imported = 0;
const bodies = [];
const names = new Map();
let data = 0;
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      name();
      name();
      const kind = bytes[at++];
      if (kind === 0) {
        leb();
        imported++;
      } else if (kind === 1) {
        at++;
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = leb();
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) at += 2;
      else leb(), leb();
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const len = leb();
      bodies.push(len);
      at += len;
    }
  } else if (id === 11) {
    data = size;
  } else if (id === 0 && name() === "name") {
    while (at < end) {
      const sub = bytes[at++];
      const len = leb();
      const stop = at + len;
      if (sub === 1) for (let n = leb(); n > 0; n--) names.set(leb(), name());
      at = stop;
    }
  }
  at = end;
}

// Rust's legacy mangling: _ZN <len><segment>... 17h<hash> E.
function demangle(s) {
  if (!s.startsWith("_ZN")) return s;
  const parts = [];
  let i = 3;
  while (i < s.length && s[i] !== "E") {
    let j = i;
    while (/[0-9]/.test(s[j])) j++;
    const len = Number(s.slice(i, j));
    if (!len) break;
    parts.push(s.slice(j, j + len));
    i = j + len;
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? "")) parts.pop();
  return parts
    .join("::")
    .replace(/\$LT\$/g, "<")
    .replace(/\$GT\$/g, ">")
    .replace(/\$u20\$/g, " ")
    .replace(/\$u7b\$/g, "{")
    .replace(/\$u7d\$/g, "}")
    .replace(/\$RF\$/g, "&")
    .replace(/\$C\$/g, ",")
    .replace(/\$BP\$/g, "*")
    .replace(/\.\./g, "::");
}

const fns = bodies.map((size, i) => ({ size, name: demangle(names.get(imported + i) ?? `#${imported + i}`) }));
const code = fns.reduce((t, f) => t + f.size, 0);
const rows = Number(rowsArg);
const depth = Number(depthArg);
console.log(`${path}: ${bytes.length} B; code ${code} B in ${fns.length} functions; data ${data} B\n`);
console.log("largest functions:");
for (const f of [...fns].sort((a, b) => b.size - a.size).slice(0, rows)) console.log(`${String(f.size).padStart(8)}  ${f.name.slice(0, 150)}`);
const groups = new Map();
for (const f of fns) {
  // The path a function belongs to: the trait impl's type when it is one (<T as Trait>::f).
  const plain = f.name.replace(/^_?<+/, "").split(/ as |[<>,]/)[0];
  const key = plain.split("::").slice(0, depth).join("::");
  groups.set(key, (groups.get(key) ?? 0) + f.size);
}
console.log(`\ncode per path (first ${depth} segments):`);
for (const [key, size] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${String(size).padStart(8)}  ${key}`);

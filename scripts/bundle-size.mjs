// Reports the raw and gzip (level 9) bytes of a built bundle's wasm, js and css, and fails when
// their gzip total passes the budget. Usage: node scripts/bundle-size.mjs <dist> [--budget-kib N] [--json]
// scripts/bench imports measure() for its report.
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** The wasm, js and css files of one build directory, each raw and gzip, and their total. */
export async function measure(dir) {
  const files = [];
  for (const name of (await readdir(dir)).sort()) {
    const kind = extname(name).slice(1);
    if (!["wasm", "js", "css"].includes(kind)) continue;
    const bytes = await readFile(join(dir, name));
    files.push({ kind, file: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  const total = files.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return { files, total };
}

// Run as a command (not imported).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const dir = args[0] ?? "dist";
  const budgetAt = args.indexOf("--budget-kib");
  const budgetKib = budgetAt >= 0 ? Number(args[budgetAt + 1]) : Infinity;

  const { files: rows, total } = await measure(dir);

  if (args.includes("--json")) {
    console.log(JSON.stringify({ files: rows, total }, null, 2));
  } else {
    const fmt = (n) => n.toLocaleString("en-US").padStart(9);
    console.log(`${"kind".padEnd(5)} ${"raw B".padStart(9)} ${"gzip B".padStart(9)}  file`);
    for (const r of rows) console.log(`${r.kind.padEnd(5)} ${fmt(r.raw)} ${fmt(r.gzip)}  ${r.file}`);
    console.log(`${"total".padEnd(5)} ${fmt(total.raw)} ${fmt(total.gzip)}  (${(total.gzip / 1024).toFixed(1)} KiB gzip, budget ${budgetKib} KiB)`);
  }
  if (total.gzip > budgetKib * 1024) {
    console.error(`bundle is ${(total.gzip / 1024).toFixed(1)} KiB gzip, over the ${budgetKib} KiB budget`);
    process.exit(1);
  }
}

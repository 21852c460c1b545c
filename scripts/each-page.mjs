// What the page benchmarks share: the median, and each page measured <runs> times in a row with
// the machine's load average at each run (other work on the machine slows what they measure).
import os from "node:os";

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Calls `once(path)` <runs> times per page, then `row(path, results, loadAvgMedian)`; returns the rows.
export async function eachPage(pages, runs, once, row) {
  const rows = [];
  for (const path of pages) {
    const results = [];
    const load = [];
    for (let i = 0; i < runs; i++) {
      load.push(os.loadavg()[0]);
      results.push(await once(path));
    }
    rows.push(row(path, results, Number(median(load).toFixed(2))));
  }
  return rows;
}

// Debian's Chromium and the flags every headless run here uses: without the last five it keeps
// trying the closed network (see ../shared/TOOLCHAIN.md). playwright.config.ts, the benchmarks
// and Lighthouse start it from here.
export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

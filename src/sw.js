// The service worker: precaches the hashed build so the app opens and works with the network
// off. scripts/pwa-build.mjs fills in the build id and the file list at build time, so every
// release is a new worker. Cache first; any navigation (deep links included) gets its build's index.html.
// A new worker waits until the page asks it to take over (the "new version" banner).
const BUILD = "__BUILD_ID__";
const FILES = __FILES__;
const CACHE = "hienmau-" + BUILD;

self.addEventListener("install", (event) => {
  // addAll rejects when any file fails to download, so a half-cached build never installs.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("message", (event) => {
  if (event.data === "activate-new-version") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("hienmau-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // The build in the deepest directory holding the path, else the root build.
    const parts = new URL(request.url).pathname.split("/").filter(Boolean);
    let app = "/index.html";
    for (let n = parts.length; n > 0; n--) {
      const nested = "/" + parts.slice(0, n).join("/") + "/index.html";
      if (FILES.includes(nested)) {
        app = nested;
        break;
      }
    }
    event.respondWith(caches.match(app, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});

// The service worker: precaches the hashed build so the app opens and works with the network
// off. scripts/pwa-build.mjs fills in the build id and the file lists at build time, so every
// release is a new worker. Cache first; any navigation (deep links included) gets its build's
// index.html. A new worker waits until the page asks it to take over (the "new version" banner).
//
// Two lists of [path, content hash] (a file several builds share listed once): what volunteers use (every device precaches it on its
// first visit) and the organizers' builds, precached only once the device opens an organizer
// page (the page says which it is, see src/pwa.js), and from then on by every new release. Each
// file is cached under its path and hash, so a new release copies the files it shares with the
// last one from the old cache and downloads only those that changed.
//
// A listed file that is not cached yet (an organizers' file on a volunteer's device: the
// scanner's frame, which a volunteer's scan of a drive code opens) is cached the first time
// it is fetched, and kept by each new release that has the same file.
const BUILD = "__BUILD_ID__";
const VOLUNTEER = __VOLUNTEER__;
const ORGANIZER = __ORGANIZER__;
// Paths whose file is listed under another path (the same contents in several builds).
const ALIASES = __ALIASES__;
// Directories of the builds used only online (the sender frame): not precached, and left to
// the network (offline the frame's load fails, and the page waits for the network).
const ONLINE = __ONLINE__;
const CACHE = "hienmau-" + BUILD;
// Present in a cache once this device has precached the organizers' builds.
const ORGANIZER_MARK = "/.organizer-precached";

const KEYS = new Map([...VOLUNTEER, ...ORGANIZER].map(([path, hash]) => [path, path + "?v=" + hash]));
for (const [path, listed] of Object.entries(ALIASES)) KEYS.set(path, KEYS.get(listed));

// Puts every listed file in this release's cache: from any earlier cache when the same file
// (same path and hash) is there, else from the network. Rejects when one download fails, so a
// half-cached part is never taken for a whole one.
async function precache(list) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    list.map(async ([path]) => {
      const key = KEYS.get(path);
      if (await cache.match(key)) return;
      const kept = await caches.match(key);
      if (kept) return cache.put(key, kept);
      const response = await fetch(path, { cache: "no-cache" });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await cache.put(key, response);
    }),
  );
}

// The files of `list` already in an earlier cache, copied into this release's; nothing is
// downloaded.
async function carryOver(list) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    list.map(async ([path]) => {
      const key = KEYS.get(path);
      const kept = await caches.match(key);
      if (kept) await cache.put(key, kept);
    }),
  );
}

async function precacheOrganizer() {
  await precache(ORGANIZER);
  const cache = await caches.open(CACHE);
  await cache.put(ORGANIZER_MARK, new Response("1"));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await precache(VOLUNTEER);
      // A device that had the organizers' builds keeps them across releases.
      if (await caches.match(ORGANIZER_MARK)) await precacheOrganizer();
      else await carryOver(ORGANIZER);
    })(),
  );
});

// The build serving a path: the one in the deepest directory holding it, else the root build.
function appFor(pathname) {
  const parts = pathname.split("/").filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const nested = "/" + parts.slice(0, n).join("/") + "/index.html";
    if (KEYS.has(nested)) return nested;
  }
  return "/index.html";
}

self.addEventListener("message", (event) => {
  if (event.data === "activate-new-version") self.skipWaiting();
  // A page opened: an organizer page makes this device precache the organizers' builds.
  if (event.data?.opened && ORGANIZER.some(([path]) => path === appFor(event.data.opened))) {
    event.waitUntil(precacheOrganizer());
  }
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
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (ONLINE.some((dir) => url.pathname.startsWith(dir))) return;
  const path = request.mode === "navigate" ? appFor(url.pathname) : url.pathname;
  const key = KEYS.get(path);
  if (!key) return;
  // Kept on a miss only when the path is the file itself (a navigation to a directory is its
  // index.html), never another build's page served for a path of its own.
  const itself = url.pathname === path || url.pathname + "index.html" === path;
  event.respondWith(
    caches.match(key, { cacheName: CACHE }).then(
      (hit) =>
        hit ||
        fetch(request).then((response) => {
          if (itself && response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
          }
          return response;
        }),
    ),
  );
});

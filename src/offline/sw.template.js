// gotune's service worker: after the first visit the app works with the network
// cut. The build fills in the list of its files (src/offline/buildServiceWorker.ts).
// The app's page is fetched network-first (a new deploy shows at once, the
// cached copy offline); the hashed assets, the worker and the examples come
// from the cache.
/* eslint-disable */
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = 'gotune-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('gotune-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The app's own page: the scope ('…/') or '…/index.html'. Only a navigation to
// it may refresh the cached shell, and only with an HTML answer that is not a
// redirect; any other same-origin page (examples/manifest.json, a file a
// static host also serves) is fetched or read from the precache as itself and
// never becomes the app offline.
const SHELL_PATHS = [new URL('./', self.registration.scope).pathname, new URL('./index.html', self.registration.scope).pathname];
const isShell = (url) => SHELL_PATHS.includes(new URL(url).pathname);
const isHtml = (res) => (res.headers.get('content-type') || '').split(';')[0].trim().toLowerCase() === 'text/html';

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate' && isShell(req.url)) {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok && !res.redirected && res.type === 'basic' && isHtml(res)) {
            const copy = res.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put('./', copy)));
          }
          return res;
        })
        .catch(() => caches.match('./', { cacheName: CACHE, ignoreVary: true }).then((hit) => hit || Response.error())),
    );
    return;
  }
  event.respondWith(caches.match(req, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true }).then((hit) => hit || fetch(req)));
});

// yoken demo service worker: after one visit the pages, the widget, the wasm, the packs and the
// 様式 writer work offline.
// Network first (so updates arrive when online), the cache when the network is gone.
const CACHE = 'yoken-demo-v4';
const ASSETS = [
  './', './index.html', './mohouhin.html', './hinshu.html', './monozukuri.html', './annotated.html',
  './yoken.css', './live-fields.js', './favicon.svg', './pkg/yoken.js', './pkg/yoken_bg.wasm',
  './pkg/yoken-widget.js', './pkg/yoken-form.js', './pkg/yoken.css',
  './pkg/xlsx/yoken_xlsx.js', './pkg/xlsx/yoken_xlsx_bg.wasm',
  './pkg/packs/maff-mohouhin-r7.ykp', './pkg/packs/maff-hinshu-r7.ykp', './pkg/packs/chuokai-monozukuri-20.ykp',
  // The packs' JSON, which the 様式 writer reads (the layouts are not in the compiled packs).
  './pkg/packs/maff-mohouhin-r7.json', './pkg/packs/maff-hinshu-r7.json',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      if (response.ok) {
        const cache = await caches.open(CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    } catch (error) {
      const cached = await caches.match(request, { ignoreSearch: true });
      if (cached) return cached;
      throw error;
    }
  })());
});

// yoken demo service worker: after one visit the pages, the widget, the wasm, the packs and the
// 様式 writer work offline.
//
// The build's files (ASSETS) come from the cache first, one cache per build: scripts/build-wasm
// writes pkg/build.js, a digest of pkg/ and www/. On each visit the browser compares this script
// and the scripts it imports with the server's, so a new build installs a new worker, which
// fetches the new files into a new cache and drops the old one; a page gets one build's files,
// never a mix. Answering from the cache rather than the network takes about a quarter off a warm
// start (BENCHMARKS.md). Anything else (the HTTP API, say) goes to the network first, the cache
// only when it is gone. Without pkg/build.js (a package not built by that script) everything goes
// to the network first. A page in www/ edited after the build is seen once scripts/build-wasm
// runs again (scripts/demo runs it).
let BUILD = null;
try {
  importScripts('./pkg/build.js');
  BUILD = self.YOKEN_BUILD ?? null;
} catch {
  BUILD = null;
}
const CACHE = BUILD ? `yoken-demo-${BUILD}` : 'yoken-demo-unbuilt';
const ASSETS = [
  './', './index.html', './mohouhin.html', './hinshu.html', './monozukuri.html', './annotated.html',
  './yoken.css', './live-fields.js', './favicon.svg', './pkg/yoken.js', './pkg/yoken_bg.wasm',
  './pkg/yoken-widget.js', './pkg/yoken-form.js', './pkg/yoken.css',
  './pkg/xlsx/yoken_xlsx.js', './pkg/xlsx/yoken_xlsx_bg.wasm',
  './pkg/packs/maff-mohouhin-r7.ykp', './pkg/packs/maff-hinshu-r7.ykp', './pkg/packs/chuokai-monozukuri-20.ykp',
  // The packs' JSON, which the 様式 writer reads (the layouts are not in the compiled packs).
  './pkg/packs/maff-mohouhin-r7.json', './pkg/packs/maff-hinshu-r7.json',
];

/** The files of a build, by address without query: answered from the cache first. */
const PRECACHED = new Set(ASSETS.map((url) => new URL(url, self.location.href).href));

self.addEventListener('install', (event) => {
  // `reload`: the files of this build from the server, never older copies in the HTTP cache.
  const requests = ASSETS.map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
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
    const cache = await caches.open(CACHE);
    const url = new URL(request.url);
    if (BUILD && PRECACHED.has(url.origin + url.pathname)) {
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
    }
    try {
      const response = await fetch(request);
      // The page gets the response at once; the copy is written beside it.
      if (response.ok) event.waitUntil(cache.put(request, response.clone()));
      return response;
    } catch (error) {
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      throw error;
    }
  })());
});

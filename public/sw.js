/* Broadsheet's service worker. scripts/sw-precache.sh writes BUILD and PRECACHE for each build (Trunk post_build
   hook); this file is the template. Strategies: the app shell precached per build; articles network-first with a
   short timeout, then the cache; listings and rails stale-while-revalidate; images cache-first with a cap.
   Only successful answers are cached. Other origins, non-GET requests and Trunk's reload socket are left alone. */
'use strict';

const BUILD = '__BUILD__';
const PRECACHE = [/* PRECACHE */];

const SHELL = 'broadsheet-shell-' + BUILD;
const ARTICLES = 'broadsheet-articles-v1';
const LISTINGS = 'broadsheet-listings-v1';
const IMAGES = 'broadsheet-images-v1';
const SAVED = 'broadsheet-saved'; // written by the page ("Save for offline"); kept across builds
const KEEP = [SHELL, ARTICLES, LISTINGS, IMAGES, SAVED];
const ARTICLE_TIMEOUT_MS = 3000;
const NAVIGATION_TIMEOUT_MS = 3000;
const MAX_IMAGES = 80;
const MAX_ARTICLES = 100;
// Pages the server alone serves (readers' comment forms, the newsletter's, the privacy notice, editors' previews, the
// page for partners): never the app shell in their place, and never stored.
const SERVER_PAGES = ['/comment', '/newsletter', '/privacy', '/preview', '/embed'];

// The API's base, given by the page at registration (`/sw.js?api=…`): it may be on another origin.
const API = new URL(new URL(self.location.href).searchParams.get('api') || '/api/v1', self.location.origin)
  .href.replace(/\/$/, '');

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) =>
    cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('broadsheet-') && !KEEP.includes(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The page asks a waiting worker to take over when the reader accepts the update.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const here = url.origin === self.location.origin;
  if (here && url.pathname.startsWith('/.well-known/trunk/')) return;

  if (url.href.startsWith(API + '/')) {
    const path = url.pathname.slice(new URL(API).pathname.length);
    if (/^\/articles\/[^/]+\/[^/]+(\/comments)?$/.test(path)) {
      event.respondWith(networkFirst(event, ARTICLES, ARTICLE_TIMEOUT_MS, MAX_ARTICLES));
    } else if (/^\/(front|rails|sections|articles|topics|authors)(\/|$)/.test(path)) {
      event.respondWith(staleWhileRevalidate(event, LISTINGS));
    }
    return;
  }
  if (request.destination === 'image' && (here || url.origin === new URL(API).origin)) {
    event.respondWith(image(request));
    return;
  }
  if (!here) return;
  if (request.mode === 'navigate') {
    // Widgets (under /embed, a server page), API documents, feeds, sitemaps and robots.txt are not app pages:
    // offline, no shell stands in.
    if (url.pathname.startsWith('/api/')) return;
    if (/\.(xml|atom|txt)$/.test(url.pathname)) return;
    if (SERVER_PAGES.some((p) => url.pathname === p || url.pathname.startsWith(p + '/'))) return;
    event.respondWith(navigation(event));
    return;
  }
  if (PRECACHE.includes(url.pathname)) event.respondWith(cacheFirst(request, SHELL, 0));
});

function cacheable(response) {
  return response && response.ok && (response.type === 'basic' || response.type === 'cors');
}

async function put(cacheName, request, response, limit) {
  const cache = await caches.open(cacheName);
  await cache.put(request, response);
  if (limit > 0) {
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
  }
}

// Any cache holding the request: a visited copy, a saved one, or the shell.
function fromCache(request) {
  return caches.match(request, { ignoreVary: true });
}

function timeout(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

async function networkFirst(event, cacheName, ms, limit) {
  const request = event.request;
  const network = fetch(request).then((response) => {
    if (cacheable(response)) event.waitUntil(put(cacheName, request, response.clone(), limit));
    return response;
  });
  // The network wins if it answers in time; otherwise a cached copy, if there is one; otherwise keep waiting.
  const first = await Promise.race([network.catch(() => null), timeout(ms)]);
  if (first) return first;
  return (await fromCache(request)) || network;
}

async function staleWhileRevalidate(event, cacheName) {
  const request = event.request;
  const cached = await fromCache(request);
  const network = fetch(request).then((response) => {
    if (cacheable(response)) return put(cacheName, request, response.clone(), 0).then(() => response);
    return response;
  });
  if (cached) {
    event.waitUntil(network.catch(() => undefined));
    return cached;
  }
  return network;
}

// Keep only a 200 image: never a 404 or a page answered for an image's path.
function isImage(response) {
  const type = response.headers.get('content-type') || '';
  return response.status === 200 && type.toLowerCase().startsWith('image/');
}

// Offline, an image missing from the caches is answered by another width of it a reader saved (copies are
// `{stem}-{width}w.{ext}`: crates/content/src/responsive.rs).
async function image(request) {
  try {
    return await cacheFirst(request, IMAGES, MAX_IMAGES, isImage);
  } catch (e) {
    const cache = await caches.open(SAVED), key = (await cache.keys()).find((r) => stem(r.url) === stem(request.url));
    if (key) return cache.match(key);
    throw e;
  }
}

function stem(url) {
  return url.replace(/(-\d+w)?\.\w+$/, '');
}

async function cacheFirst(request, cacheName, limit, keep = () => true) {
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(response) && keep(response)) await put(cacheName, request, response.clone(), limit);
  return response;
}

// App pages: the network's index.html when it answers in time, otherwise the precached shell, which renders
// whatever the cache holds (or the offline page).
async function navigation(event) {
  const network = fetch(event.request);
  const first = await Promise.race([network.catch(() => null), timeout(NAVIGATION_TIMEOUT_MS)]);
  if (first) return first;
  const shell = await caches.match('/index.html', { cacheName: SHELL });
  return shell || network;
}

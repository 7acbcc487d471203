//! Offline reading: the service worker's registration and update, and the caches of visited and saved articles.
//! The browser's Cache Storage and service worker APIs are reached through a few lines of JavaScript (smaller
//! than their web-sys bindings). Where the browser has neither, or blocks storage, every function here does
//! nothing and says so; the app stays the normal online app.

use broadsheet_content::{Article, Block, Page};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const SAVED = 'broadsheet-saved', VISITED = 'broadsheet-articles-v1';
let registration = null, accepted = false;
export function register_worker(api, onUpdate) {
  try { watch(api, onUpdate); } catch (e) { /* no worker: the online app as it is */ }
}
function watch(api, onUpdate) {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const offer = () => { if (registration && registration.waiting && sw.controller) onUpdate(); };
  sw.addEventListener('controllerchange', () => { if (accepted) location.reload(); });
  const start = () => sw.register('/sw.js?api=' + encodeURIComponent(api)).then((reg) => {
    registration = reg;
    offer();
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', () => { if (w.state === 'installed') offer(); });
    });
  }).catch(() => {});
  // After the page has loaded: the worker's precache must not compete with the first render.
  if (document.readyState === 'complete') setTimeout(start, 0); else addEventListener('load', () => setTimeout(start, 0));
  const check = () => { if (registration) registration.update().catch(() => {}); };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') check(); });
  addEventListener('online', check);
  setInterval(check, 30 * 60 * 1000);
}
export function apply_update() {
  accepted = true;
  if (registration && registration.waiting) registration.waiting.postMessage({ type: 'skip-waiting' });
  else location.reload();
}
export async function offline_articles() {
  const out = new Map();
  for (const name of [SAVED, VISITED]) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      if (out.has(req.url) || !/\/articles\/[^/]+\/[^/]+$/.test(new URL(req.url).pathname)) continue;
      try {
        const a = await (await cache.match(req)).json();
        out.set(req.url, { path: '/' + a.section.slug + '/' + a.slug, headline: a.headline, section: a.section.name,
          saved: name === SAVED });
      } catch (e) { /* not an article: skip */ }
    }
  }
  return JSON.stringify([...out.values()]);
}
export async function save_article(url, images) {
  const cache = await caches.open(SAVED);
  await cache.add(url);
  // With the copies the article's pictures chose from their srcset (the ones it shows offline).
  const shown = Array.from(document.querySelectorAll('main .article img'), (i) => i.currentSrc).filter(Boolean);
  await Promise.all([...new Set([...images, ...shown])].map((i) => cache.add(i).catch(() => {})));
}
export async function remove_saved(url) {
  const cache = await caches.open(SAVED), saved = await cache.match(url, { ignoreVary: true });
  let images = [];
  try {
    const a = await saved.json();
    images = [a.image, ...a.body.map((b) => b.image || (b.video && b.video.poster))].filter(Boolean).map((i) => i.url);
  } catch (e) { /* nothing more to remove */ }
  // Each image with its copies (`{stem}-{width}w.{ext}`: crates/content/src/responsive.rs).
  const stem = (u) => u.replace(/(-\d+w)?\.\w+$/, ''), stems = images.map((u) => stem(new URL(u, location.href).href));
  const keys = (await cache.keys()).map((r) => r.url).filter((k) => stems.includes(stem(k)));
  await Promise.all([url, ...keys].map((u) => cache.delete(u, { ignoreVary: true })));
}
export async function is_saved(url) {
  return !!(await (await caches.open(SAVED)).match(url, { ignoreVary: true }));
}
"#)]
extern "C" {
    fn register_worker(api: &str, on_update: &js_sys::Function);
    fn apply_update();
    #[wasm_bindgen(catch)]
    async fn offline_articles() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn save_article(url: &str, images: Vec<String>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn remove_saved(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn is_saved(url: &str) -> Result<JsValue, JsValue>;
}

/// An article this device can show without the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineArticle {
    pub path: String,
    pub headline: String,
    pub section: String,
    /// Saved by the reader (kept until removed), rather than only visited (kept while there is room).
    pub saved: bool,
}

broadsheet_content::reads_fields!(OfflineArticle {
    path: String,
    headline: String,
    section: String,
    saved: bool,
});

/// Storage is not available here (no Cache Storage, or the reader's settings block it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageBlocked;

/// Registers the service worker once the page has loaded; `on_update` runs when a new build is waiting.
pub fn register(on_update: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn()>::new(on_update);
    register_worker(&crate::api::url(""), callback.as_ref().unchecked_ref());
    // Lives as long as the app.
    callback.forget();
}

/// Switches to the waiting build (the page reloads once the new worker controls it).
pub fn accept_update() {
    apply_update();
}

/// Whether the browser believes it is online.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// The API URL of the article at site path `path`; the path itself (which no request is ever made for) if it is not
/// an article's.
fn article_url(path: &str) -> String {
    let api = Page::parse(path, None)
        .filter(|p| matches!(p, Page::Article { .. }))
        .and_then(|p| p.api_path());
    crate::api::url(&api.unwrap_or_else(|| path.to_string()))
}

/// The pictures an article shows: its lead image and those in its body.
pub fn images(article: &Article) -> Vec<String> {
    let body = article.body.iter().filter_map(|b| match b {
        Block::Image { image } => Some(image.url.clone()),
        Block::Video { video } => video.poster.as_ref().map(|p| p.url.clone()),
        _ => None,
    });
    article
        .image
        .iter()
        .map(|i| i.url.clone())
        .chain(body)
        .collect()
}

/// Visited and saved articles this device holds, saved ones first.
pub async fn available() -> Result<Vec<OfflineArticle>, StorageBlocked> {
    let json = offline_articles().await.map_err(|_| StorageBlocked)?;
    crate::json::from_str(&json.as_string().unwrap_or_default()).map_err(|_| StorageBlocked)
}

/// Keeps the article at `path` (its JSON and pictures) until the reader removes it.
pub async fn save(path: &str, images: Vec<String>) -> Result<(), StorageBlocked> {
    save_article(&article_url(path), images)
        .await
        .map(|_| ())
        .map_err(|_| StorageBlocked)
}

/// Forgets a saved article and its pictures.
pub async fn remove(path: &str) -> Result<(), StorageBlocked> {
    remove_saved(&article_url(path))
        .await
        .map(|_| ())
        .map_err(|_| StorageBlocked)
}

/// Whether the article at `path` is saved.
pub async fn saved(path: &str) -> Result<bool, StorageBlocked> {
    is_saved(&article_url(path))
        .await
        .map(|v| v.is_truthy())
        .map_err(|_| StorageBlocked)
}

/* Broadsheet widgets: turns each div[data-broadsheet-widget] into an iframe of /embed/{section} (or, with
   data-live, /embed/live/{section}/{slug})
   and keeps its height in step with the widget. No cookies, no storage. See docs/embedding.md. */
(function () {
  'use strict';
  // Loaded twice: the first copy does the work; just pick up any new widgets.
  if (window.BroadsheetWidgets) { window.BroadsheetWidgets.scan(); return; }

  // The widget origin is where this script came from.
  var script = document.currentScript;
  if (!script) {
    var all = document.scripts;
    for (var i = all.length - 1; i >= 0 && !script; i--) {
      if (/\/embed\.js$/.test(all[i].src.split(/[?#]/)[0])) script = all[i];
    }
  }
  if (!script) return;
  var widgetOrigin = new URL(script.src, location.href).origin;

  var SLUG = /^[a-z0-9-]{1,120}$/;
  var DONE = 'data-broadsheet-processed';
  // The options' rules, as broadsheet_content::widget defines them (crates/content/src/widget.rs tests the two
  // against each other): the headline count's bounds and default, the themes (the default first), the flags'
  // defaults.
  var LIMIT = { min: 1, max: 10, dflt: 5 };
  var THEMES = ['auto', 'light', 'dark'];
  var FLAGS = { images: 0, dates: 1, standfirst: 0, most_read: 0 };
  var LIVE = '/embed/live';
  var frames = new Map(); // widget id -> iframe
  var count = 0;

  function themeOf(el) {
    var t = el.getAttribute('data-theme');
    return THEMES.indexOf(t) >= 0 ? t : THEMES[0];
  }
  // Absent -> default; "0", "false", "no", "off" -> 0; anything else (even "") -> 1.
  function flag(el, name, dflt) {
    var v = el.getAttribute(name);
    return v === null ? dflt : /^\s*(0|false|no|off)\s*$/i.test(v) ? 0 : 1;
  }

  function setup(el) {
    // data-live="{section}/{slug}": a live blog's latest posts; otherwise data-section's headlines.
    var live = (el.getAttribute('data-live') || '').trim();
    var section = (el.getAttribute('data-section') || '').trim();
    var parts = live.split('/');
    if (live ? parts.length !== 2 || !SLUG.test(parts[0]) || !SLUG.test(parts[1]) : !SLUG.test(section)) {
      console.warn('Broadsheet widget skipped: data-section must be a section slug, data-live section/slug', el);
      return;
    }
    el.setAttribute(DONE, '');

    var limit = parseInt(el.getAttribute('data-limit'), 10);
    limit = isFinite(limit) ? Math.min(LIMIT.max, Math.max(LIMIT.min, limit)) : LIMIT.dflt;
    var theme = themeOf(el);
    var id = 'bsw-' + (++count) + '-' + Math.random().toString(36).slice(2, 8);
    var link = el.querySelector('a');
    var text = link ? link.textContent.replace(/\s+/g, ' ').trim() : '';
    var options = { limit: limit, theme: theme };
    Object.keys(FLAGS).forEach(function (name) { options[name] = flag(el, 'data-' + name, FLAGS[name]); });
    options.origin = location.origin;
    options.id = id;
    var query = new URLSearchParams(options);

    var frame = document.createElement('iframe');
    frame.title = live ? 'Live updates: ' + (text || live) : text ? 'Latest headlines: ' + text : 'Latest headlines from Broadsheet';
    frame.setAttribute('loading', 'lazy');
    frame.setAttribute('scrolling', 'no');
    // No allow-top-navigation, no allow-forms: the widget cannot move or submit from the host page.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    frame.style.cssText = 'border:0;width:100%;display:block;height:320px';
    frame.src = widgetOrigin + (live ? LIVE + '/' + live : '/embed/' + section) + '?' + query;
    frames.set(id, frame);

    function sendTheme(t) {
      if (frame.contentWindow) frame.contentWindow.postMessage({ type: 'broadsheet:theme', theme: t }, widgetOrigin);
    }
    // data-theme changed on the div: switch the widget in place.
    new MutationObserver(function () { sendTheme(themeOf(el)); })
      .observe(el, { attributes: true, attributeFilter: ['data-theme'] });
    // A change made before the (lazy) frame loaded was dropped: send it now.
    frame.addEventListener('load', function () {
      if (themeOf(el) !== theme) sendTheme(themeOf(el));
    });

    el.textContent = '';
    el.appendChild(frame);
  }

  function scan() {
    var els = document.querySelectorAll('div[data-broadsheet-widget]:not([' + DONE + '])');
    for (var i = 0; i < els.length; i++) setup(els[i]);
  }

  // One listener for every widget: resize the frame that sent its height, and nothing else.
  window.addEventListener('message', function (e) {
    var d = e.data;
    if (e.origin !== widgetOrigin || !d || typeof d !== 'object' || d.type !== 'broadsheet:height') return;
    var frame = typeof d.id === 'string' ? frames.get(d.id) : null;
    var h = d.height;
    if (!frame || e.source !== frame.contentWindow) return;
    if (typeof h !== 'number' || !isFinite(h) || h < 0 || h > 10000) return;
    frame.style.height = Math.ceil(h) + 'px';
  });

  window.BroadsheetWidgets = { scan: scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();

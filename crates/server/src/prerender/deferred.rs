//! A page that arrives as HTML (the front page, a listing, an article, the not-found page) is readable before any script runs, so the
//! app need not compete with it: the page starts the app once it has loaded (text, CSS and its first image
//! painted), and does not preload the app's files. The reader sees the page as soon as a static page would show
//! it; the app takes over a moment later.

/// The longest the app waits for `load` (a slow image host must not keep comments and saving away for long).
const WAIT_MS: u32 = 3000;

/// How long after `load` the app waits for the lead image's paint entry before it starts anyway.
const LATE_MS: u32 = 500;

/// Trunk's start script, rewritten to run once the article's lead image is painted (or after `WAIT_MS`), so the
/// article's own elements are on screen before the app's files are even requested; and the preloads of the app's files removed. `None` when the page is not in the shape Trunk writes (it is
/// then served unchanged).
pub fn start_after_load(html: &str) -> Option<(String, String)> {
    const OPEN: &str = "<script type=\"module\">";
    let start = html.find(OPEN)?;
    let body_at = start + OPEN.len();
    let end = body_at + html[body_at..].find("</script>")?;
    let body = &html[body_at..end];
    let js = quoted_after(body, " from '")?;
    let wasm = quoted_after(body, "module_or_path: '");
    if !is_path(js) || !wasm.is_none_or(is_path) {
        return None;
    }
    let init = wasm.map_or(String::new(), |w| format!("{{module_or_path:'{w}'}}"));
    // Once the browser reports the lead image painted (a largest-contentful-paint entry for it), or else LATE_MS
    // after `load` and two frames (a wide screen, where the headline is the largest element and the image never
    // gets an entry; the entry comes later than `load`, so the app must not start at `load` on a phone). Without
    // a lead image or that API: two frames after `load`. In any case after WAIT_MS at most.
    let script = format!(
        "const go=async()=>{{const b=await import('{js}');const wasm=await b.default({init});\
         window.wasmBindings=b;dispatchEvent(new CustomEvent('TrunkApplicationStarted',{{detail:{{wasm}}}}))}};\
         let started=0;const once=()=>{{if(!started){{started=1;go()}}}};\
         const img=document.querySelector('#prerender img[fetchpriority=high]');\
         const lcp=img&&typeof PerformanceObserver!=='undefined'&&(PerformanceObserver.supportedEntryTypes||[]).includes('largest-contentful-paint');\
         if(lcp){{new PerformanceObserver((l,o)=>{{if(l.getEntries().some(e=>e.element===img)){{o.disconnect();setTimeout(once)}}}})\
         .observe({{type:'largest-contentful-paint',buffered:true}})}}\
         const later=()=>requestAnimationFrame(()=>requestAnimationFrame(()=>setTimeout(once,lcp?{LATE_MS}:0)));\
         document.readyState==='complete'?later():addEventListener('load',later,{{once:true}});\
         setTimeout(once,{WAIT_MS});"
    );
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..body_at]);
    out.push_str(&script);
    out.push_str(&html[end..]);
    Some((without_preloads(&out), script))
}

/// index.html without the app: its module script and the preloads of its files removed.
pub fn without_app(html: &str) -> String {
    const OPEN: &str = "<script type=\"module\">";
    let mut out = html.to_string();
    if let Some(start) = out.find(OPEN) {
        if let Some(len) = out[start..].find("</script>") {
            out.replace_range(start..start + len + "</script>".len(), "");
        }
    }
    without_preloads(&out)
}

/// The text between `'` after `marker` and the next `'`.
fn quoted_after<'a>(s: &'a str, marker: &str) -> Option<&'a str> {
    let from = s.find(marker)? + marker.len();
    Some(&s[from..from + s[from..].find('\'')?])
}

/// A same-origin path that cannot break out of a JS string.
fn is_path(p: &str) -> bool {
    p.starts_with('/')
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b))
}

/// The document without the preloads of the app's files: `<link rel="modulepreload">`, and `<link rel="preload">`
/// of the wasm (other preloads stay).
fn without_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link rel=\"") {
        let tail = &rest[at..];
        let Some(close) = tail.find('>') else { break };
        out.push_str(&rest[..at]);
        let tag = &tail[..=close];
        let app_file = tag.starts_with("<link rel=\"modulepreload\"")
            || (tag.starts_with("<link rel=\"preload\"") && tag.contains(".wasm\""));
        if !app_file {
            out.push_str(tag);
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::start_after_load;

    const TRUNK: &str = "<head><script type=\"module\">\nimport init, * as bindings from '/app-1.js';\n\
        const wasm = await init({ module_or_path: '/app-1_bg.wasm' });\n</script>\
        <link rel=\"stylesheet\" href=\"/main.css\"/><link rel=\"modulepreload\" href=\"/app-1.js\">\
        <link rel=\"preload\" href=\"/app-1_bg.wasm\" as=\"fetch\"><link rel=\"preload\" href=\"/font.woff2\" as=\"font\"></head>";

    #[test]
    fn the_app_starts_after_load_without_preloads() {
        let (html, script) = start_after_load(TRUNK).unwrap();
        assert!(html.contains(&script));
        assert!(script.contains("import('/app-1.js')"));
        assert!(script.contains("module_or_path:'/app-1_bg.wasm'"));
        assert!(script.contains("e.element===img"));
        assert!(script.contains("addEventListener('load',later"));
        assert!(script.contains("setTimeout(once,lcp?500:0)"));
        assert!(!html.contains("import init"));
        assert!(!html.contains("modulepreload") && !html.contains("_bg.wasm\" as"));
        assert!(html.contains("<link rel=\"preload\" href=\"/font.woff2\" as=\"font\">"));
        assert!(script.contains("setTimeout(once,3000)"));
        assert!(html.contains("<link rel=\"stylesheet\" href=\"/main.css\"/>"));
    }

    #[test]
    fn pages_without_the_app_have_no_script_and_no_preloads() {
        let html = super::without_app(TRUNK);
        assert!(
            !html.contains("<script") && !html.contains("modulepreload"),
            "{html}"
        );
        assert!(html.contains("<link rel=\"stylesheet\" href=\"/main.css\"/>"));
    }

    #[test]
    fn other_shapes_are_left_alone() {
        assert!(start_after_load("<head></head>").is_none());
        assert!(start_after_load("<script type=\"module\">go()</script>").is_none());
        let odd = TRUNK.replace("/app-1.js", "/app\\u0027.js");
        assert!(start_after_load(&odd).is_none());
    }
}

//! Security headers, and a Content-Security-Policy that allows the app's inline scripts by hash only.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The `'sha256-…'` sources of every inline `<script>` (one without `src`) in an HTML document.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body = &rest[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=")
            && !tag.contains("application/ld+json")
            && !tag.contains("application/json")
        {
            out.push(script_hash(&body[..close]));
        }
        rest = &body[close..];
    }
    out
}

/// The `'sha256-…'` source that allows one inline script.
pub fn script_hash(script: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

/// The Content-Security-Policy for pages. `connect` lists extra origins the app may call (an API elsewhere).
pub fn content_security_policy(script_hashes: &[String], connect: &[String]) -> String {
    let mut scripts = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    scripts.extend(script_hashes.iter().cloned());
    let mut connect_src = vec!["'self'".to_string()];
    connect_src.extend(connect.iter().cloned());
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data: https:; font-src 'self'; \
         connect-src {}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'; \
         manifest-src 'self'; worker-src 'self'",
        scripts.join(" "),
        connect_src.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<script src="/a.js"></script><script type="module">go()</script>
            <script type="application/ld+json">{}</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"go()"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        let csp = content_security_policy(&hashes, &[]);
        assert!(csp.contains(&hashes[0]));
        assert!(!csp.contains("unsafe-inline"));
    }
}

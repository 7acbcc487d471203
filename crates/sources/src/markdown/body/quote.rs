//! A block quote into a quote block: its paragraphs joined by line breaks, a last line starting with a dash taken
//! as the attribution.

use broadsheet_content::{Block, Inline};

/// A block quote: its paragraphs, with a last line starting with a dash taken as the attribution.
pub(super) fn quote_block(mut paras: Vec<Vec<Inline>>) -> Option<Block> {
    let mut attribution = None;
    if let Some(last) = paras.last() {
        let text = Inline::plain_text(last);
        let t = text.trim();
        if let Some(rest) = t
            .strip_prefix('—')
            .or(t.strip_prefix("--"))
            .or(t.strip_prefix('–'))
        {
            attribution = Some(rest.trim().to_string());
            paras.pop();
        }
    }
    // "Quote text\n— Name" in one paragraph: the attribution follows the last soft break.
    if attribution.is_none() {
        if let Some(Some(Inline::Text { text })) = paras.last_mut().map(|p| p.last_mut()) {
            if let Some(idx) = text.rfind(" — ") {
                attribution = Some(text[idx + " — ".len()..].trim().to_string());
                text.truncate(idx);
            }
        }
    }
    let mut content = Vec::new();
    for (i, para) in paras.into_iter().filter(|p| !p.is_empty()).enumerate() {
        if i > 0 {
            content.push(Inline::Break);
        }
        content.extend(para);
    }
    (!content.is_empty()).then_some(Block::Quote {
        content,
        attribution,
    })
}

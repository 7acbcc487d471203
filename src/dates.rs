//! Dates in the reader's locale, through the browser's `Intl` (no date library in the wasm).

use wasm_bindgen::JsValue;

/// The calendar date of an RFC 3339 timestamp (`2026-09-14`), used when the browser cannot format it.
pub fn date_part(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

thread_local! {
    /// Building an `Intl.DateTimeFormat` costs far more than using one: one per style, made once.
    static FORMATTERS: [js_sys::Function; 2] = [formatter(false), formatter(true)];
}

/// The bound `format` function of a medium-date formatter in the reader's locale.
fn formatter(with_time: bool) -> js_sys::Function {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    if with_time {
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    }
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format()
}

/// "14 Sept 2026" (or the reader's locale's way of writing it); `with_time` adds the time of day.
pub fn format(rfc3339: &str, with_time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return date_part(rfc3339).to_string();
    }
    FORMATTERS
        .with(|f| f[usize::from(with_time)].call1(&JsValue::NULL, &date).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| date_part(rfc3339).to_string())
}

#[cfg(test)]
mod tests {
    use super::date_part;

    #[test]
    fn date_part_never_panics() {
        assert_eq!(date_part("2026-09-14T08:30:00Z"), "2026-09-14");
        assert_eq!(date_part("short"), "short");
        assert_eq!(date_part("ééééééééééé"), "ééééé");
        assert_eq!(date_part("aéééééééééé"), "aéééééééééé");
    }
}

//! HTML escaping as a browser serialises the DOM: `&`, `<`, `>` in text; `&`, `"`, `<`, `>`
//! in attribute values. Apostrophes stay as they are (`O'Brien`), as in the captured pages.

/// Escapes element content.
pub(crate) fn text(s: &str) -> String {
    escape_with(s, false)
}

/// Escapes a double-quoted attribute value.
pub(crate) fn attr(s: &str) -> String {
    escape_with(s, true)
}

fn escape_with(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
    out
}

//! What the parser knows about HTML element names: which never have content, which hold raw
//! text, which a start tag of the same name closes, and which end a line of text.

/// Elements that never have content.
pub(super) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content is text up to their end tag; `Some(true)` when entities in it are
/// decoded (`title`, `textarea`), `Some(false)` for raw text (`script`, `style`, …).
pub(super) fn text_only(name: &str) -> Option<bool> {
    match name {
        "title" | "textarea" => Some(true),
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(false),
        _ => None,
    }
}

/// Elements that a start tag of the same name closes when it is the open one (`<li>a<li>b`).
pub(super) fn closes_itself(name: &str) -> bool {
    matches!(
        name,
        "li" | "p" | "option" | "dt" | "dd" | "tr" | "td" | "th"
    )
}

/// Elements that end a line of text.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "p"
            | "li"
            | "ul"
            | "ol"
            | "br"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "form"
            | "label"
            | "hr"
    )
}

//! HTML mutation helpers for the parser tests: wrap, remove or reorder the markup the ways the
//! real site's markup varies (good enough for the fixtures' markup, not a general HTML tool).

#![allow(dead_code, clippy::unwrap_used)]

/// The byte ranges of every `<div …>` start tag whose class list holds `class`, each with the
/// end of its matching `</div>`.
pub fn divs_with_class(html: &str, class: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find("<div").map(|i| i + from) {
        from = at + 4;
        let tag_end = at + html[at..].find('>').unwrap() + 1;
        let tag = &html[at..tag_end];
        let has = tag
            .split("class=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .is_some_and(|classes| classes.split_whitespace().any(|c| c == class));
        if has {
            found.push((at, matching_div_end(html, tag_end)));
        }
    }
    found
}

/// The end (after `</div>`) of the div whose start tag ends at `inside`.
pub fn matching_div_end(html: &str, inside: usize) -> usize {
    let mut depth = 1;
    let mut at = inside;
    loop {
        let open = html[at..].find("<div").map(|i| i + at);
        let close = html[at..].find("</div>").map(|i| i + at).unwrap();
        match open {
            Some(open) if open < close => {
                depth += 1;
                at = open + 4;
            }
            _ => {
                depth -= 1;
                at = close + 6;
                if depth == 0 {
                    return at;
                }
            }
        }
    }
}

pub fn wrap_divs_with_class(html: &str, class: &str, wrapper_class: &str) -> String {
    let mut inserts: Vec<(usize, u8, String)> = Vec::new();
    for (start, end) in divs_with_class(html, class) {
        inserts.push((start, 0, format!("<div class=\"{wrapper_class}\">")));
        inserts.push((end, 1, "</div>".to_owned()));
    }
    // From the end; at one position a closing tag goes before an opening one.
    inserts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = html.to_owned();
    for (at, _, text) in inserts {
        out.insert_str(at, &text);
    }
    out
}

pub fn remove_divs_with_class(html: &str, class: &str) -> String {
    let mut out = html.to_owned();
    for (start, end) in divs_with_class(html, class).into_iter().rev() {
        out.replace_range(start..end, "");
    }
    out
}

pub fn remove_first_div_with_class(html: &str, class: &str) -> String {
    let (start, end) = divs_with_class(html, class)[0];
    let mut out = html.to_owned();
    out.replace_range(start..end, "");
    out
}

/// Every start tag with its attributes in reverse order, and every class list reversed.
pub fn reverse_attributes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let is_start_tag = rest[1..].starts_with(|c: char| c.is_ascii_alphabetic());
        let gt = rest.find('>').unwrap();
        if !is_start_tag {
            out.push_str(&rest[..=gt]);
            rest = &rest[gt + 1..];
            continue;
        }
        let (name, attrs) = split_attributes(&rest[1..gt]);
        out.push('<');
        out.push_str(name);
        for attr in attrs.iter().rev() {
            out.push(' ');
            match attr.strip_prefix("class=\"") {
                Some(classes) => {
                    let classes: Vec<&str> = classes.trim_end_matches('"').split(' ').collect();
                    let reversed: Vec<&str> = classes.into_iter().rev().collect();
                    out.push_str(&format!("class=\"{}\"", reversed.join(" ")));
                }
                None => out.push_str(attr),
            }
        }
        out.push('>');
        rest = &rest[gt + 1..];
    }
    out.push_str(rest);
    out
}

/// `div a="1" b c="x y"` -> (`div`, [`a="1"`, `b`, `c="x y"`]).
pub fn split_attributes(tag: &str) -> (&str, Vec<&str>) {
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let (name, mut rest) = tag.split_at(name_end);
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let mut end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        if rest[end..].starts_with("=\"") {
            end += 2 + rest[end + 2..].find('"').unwrap() + 1;
        }
        attrs.push(&rest[..end]);
        rest = &rest[end..];
    }
    (name, attrs)
}

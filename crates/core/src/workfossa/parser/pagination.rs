//! The list paginator's details: the page size the site applied, the row count it shows, and the
//! page number an old-style `next-page` link carries.

use url::Url;

use super::dom::{folded_text, text_of, NodeRef};
use super::text::parse_summary;

/// `input[name=limit]`'s value; when it has none (the real site), the `Show 100` of the
/// drop-down it belongs to (`div.ks-select > div.ks-select-selection`).
pub(super) fn page_size(limit_input: NodeRef<'_>) -> Option<u32> {
    if let Some(size) = limit_input
        .attr("value")
        .and_then(|value| value.trim().parse().ok())
    {
        return Some(size);
    }
    let select = limit_input
        .ancestors()
        .take(3)
        .find(|e| e.has_class("ks-select"))?;
    let selection = select
        .descendants()
        .find(|e| e.has_class("ks-select-selection"))?;
    parse_show(&folded_text(selection))
}

/// `Show 100` -> 100.
fn parse_show(text: &str) -> Option<u32> {
    let mut words = text.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("show") {
        return None;
    }
    words.next()?.parse().ok().filter(|size| *size > 0)
}

/// The count the paginator shows: `58 matches` (`1 match`, `1,234 matches`), or the older
/// `Showing 1 to 25 of 58`.
pub(super) fn total(paginator: NodeRef<'_>) -> Option<u64> {
    paginator
        .descendants()
        .filter(|e| e.is_element())
        .find_map(|e| {
            if e.has_class("pagination-summary") {
                return text_of(e)
                    .and_then(|s| parse_summary(&s))
                    .map(|(_, _, of)| of);
            }
            // Only an element holding the words itself, not a wrapper around it.
            let own: String = e.children_texts().collect();
            parse_matches(&own)
        })
}

/// `58 matches` -> 58.
fn parse_matches(text: &str) -> Option<u64> {
    let mut words = text.split_whitespace();
    let number = words.next()?.replace(',', "");
    let word = words.next()?;
    if words.next().is_some() || !matches!(word.to_ascii_lowercase().as_str(), "match" | "matches")
    {
        return None;
    }
    number.parse().ok()
}

/// `?page=3` in an enabled next link's `href` (old-style links); `href="#"` gives `None`.
pub(super) fn page_in_href(link: NodeRef<'_>, base: &Url) -> Option<u32> {
    let href = link.attr("href")?.trim();
    let url = base.join(href).ok()?;
    url.query_pairs()
        .find(|(key, _)| key == "page")
        .and_then(|(_, value)| value.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_and_matches() {
        assert_eq!(parse_show("Show 100"), Some(100));
        assert_eq!(parse_show("  show\n 25 "), Some(25));
        assert_eq!(parse_show("Show all"), None);
        assert_eq!(parse_show("Show 0"), None);
        assert_eq!(parse_matches("58 matches"), Some(58));
        assert_eq!(parse_matches(" 1 match "), Some(1));
        assert_eq!(parse_matches("1,234 Matches"), Some(1234));
        assert_eq!(parse_matches("matches"), None);
        assert_eq!(parse_matches("58 matches found"), None);
        assert_eq!(parse_matches("Showing 58"), None);
    }
}

//! Shaping the one-sentence error messages users read. Pure, and imports nothing from the crate:
//! the schedule rule's errors and the engine's errors both use it.

/// Longest quoted value an error sentence shows in full.
const QUOTED_MAX: usize = 48;

/// An error sentence with each long quoted value (`"…"`, as `{:?}` writes the value a user sent)
/// cut to its start and `…`, so a huge input gives a sentence one can still read.
pub fn shorten_quoted(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len().min(512));
    let mut rest = sentence;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        let mut escaped = false;
        let close = inside.char_indices().find_map(|(at, c)| {
            let end = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            end.then_some(at)
        });
        let Some(close) = close else {
            rest = inside;
            break;
        };
        let value = &inside[..close];
        if value.chars().count() > QUOTED_MAX {
            out.extend(value.chars().take(QUOTED_MAX - 8));
            out.push('…');
        } else {
            out.push_str(value);
        }
        out.push('"');
        rest = &inside[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::shorten_quoted;

    #[test]
    fn long_quoted_values_are_cut_and_the_rest_kept() {
        let huge = "x".repeat(10_000);
        let sentence = shorten_quoted(&format!("{huge:?} is not a zone; use \"UTC\""));
        assert_eq!(
            sentence,
            format!("\"{}…\" is not a zone; use \"UTC\"", "x".repeat(40))
        );
        assert_eq!(shorten_quoted("a \"b\\\"c\" d"), "a \"b\\\"c\" d");
        assert_eq!(shorten_quoted("no quotes"), "no quotes");
        assert_eq!(shorten_quoted("open \"end"), "open \"end");
    }
}

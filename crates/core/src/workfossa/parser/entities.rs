//! Character references (`&amp;`, `&bull;`, `&#39;`, `&#x2022;`) decoded as a browser does, with
//! the HTML5 table of named references (`markup5ever::data::NAMED_ENTITIES`, the one html5ever
//! uses): the longest known name wins, legacy names such as `&amp` also work without their `;`
//! (but not inside an attribute value when a letter, digit or `=` follows: `?a=1&copy=2` stays),
//! numbers out of range become U+FFFD and 0x80–0x9F are read as Windows-1252. An `&` that starts
//! no reference is kept as it is.

use std::borrow::Cow;

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// The longest reference name in the table, `;` included (`CounterClockwiseContourIntegral;`).
const LONGEST_NAME: usize = 32;

/// `text` with its character references decoded; borrowed when it has none.
pub(super) fn decode(text: &str, in_attribute: bool) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(at) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match reference(after, in_attribute) {
            Some((decoded, used)) => {
                out.push_str(decoded.as_str());
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Up to two characters (some named references stand for two).
struct Chars {
    buf: [u8; 8],
    len: usize,
}

impl Chars {
    fn new(chars: &[char]) -> Self {
        let mut out = Chars {
            buf: [0; 8],
            len: 0,
        };
        for c in chars {
            out.len += c.encode_utf8(&mut out.buf[out.len..]).len();
        }
        out
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("\u{fffd}")
    }
}

/// The reference at the start of `after` (the text after an `&`): what it stands for and how
/// many bytes of `after` it used.
fn reference(after: &str, in_attribute: bool) -> Option<(Chars, usize)> {
    match after.as_bytes().first()? {
        b'#' => numeric(after),
        b if b.is_ascii_alphanumeric() => named(after, in_attribute),
        _ => None,
    }
}

fn numeric(after: &str) -> Option<(Chars, usize)> {
    let bytes = after.as_bytes();
    let (radix, start) = match bytes.get(1) {
        Some(b'x' | b'X') => (16, 2),
        _ => (10, 1),
    };
    let digits = bytes[start..]
        .iter()
        .take_while(|b| (*b).is_ascii_digit() || (radix == 16 && b.is_ascii_hexdigit()))
        .count();
    if digits == 0 {
        return None;
    }
    let value = bytes[start..start + digits].iter().fold(0u32, |acc, &b| {
        let digit = char::from(b).to_digit(radix).unwrap_or(0);
        acc.saturating_mul(radix)
            .saturating_add(digit)
            .min(0x11_0000)
    });
    let mut used = start + digits;
    if bytes.get(used) == Some(&b';') {
        used += 1;
    }
    let c = match value {
        0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{fffd}',
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize]
            .or_else(|| char::from_u32(value))
            .unwrap_or('\u{fffd}'),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    };
    Some((Chars::new(&[c]), used))
}

fn named(after: &str, in_attribute: bool) -> Option<(Chars, usize)> {
    let bytes = after.as_bytes();
    let run = bytes
        .iter()
        .take(LONGEST_NAME)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let lookup = |name: &[u8]| {
        let name = std::str::from_utf8(name).ok()?;
        match NAMED_ENTITIES.get(name) {
            // Prefixes of longer names are in the table as (0, 0).
            Some(&(0, _)) | None => None,
            Some(&(first, second)) => {
                let first = char::from_u32(first)?;
                Some(match char::from_u32(second).filter(|c| *c != '\0') {
                    Some(second) => Chars::new(&[first, second]),
                    None => Chars::new(&[first]),
                })
            }
        }
    };
    if bytes.get(run) == Some(&b';') {
        if let Some(chars) = lookup(&bytes[..=run]) {
            return Some((chars, run + 1));
        }
    }
    // A legacy name without its `;`: the longest one that starts the run.
    let (chars, len) = (1..=run)
        .rev()
        .find_map(|len| Some((lookup(&bytes[..len])?, len)))?;
    let next = bytes.get(len).copied();
    if in_attribute && next.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'=') {
        return None;
    }
    Some((chars, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        decode(s, false).into_owned()
    }

    #[test]
    fn named_references() {
        assert_eq!(text("Murphy USA &amp; Sons"), "Murphy USA & Sons");
        assert_eq!(text("Renée &bull; 06/17"), "Renée • 06/17");
        assert_eq!(
            text("&lt;loading&gt; &quot;x&quot; &apos;"),
            "<loading> \"x\" '"
        );
        assert_eq!(text("a&nbsp;b&mdash;c&hellip;"), "a\u{a0}b—c…");
        assert_eq!(text("&CounterClockwiseContourIntegral;"), "∳");
        // Two characters for one name.
        assert_eq!(text("&NotEqualTilde;"), "≂\u{338}");
    }

    #[test]
    fn numeric_references() {
        assert_eq!(
            text("O&#39;Brien O&#x27;Brien O&#X27;Brien"),
            "O'Brien O'Brien O'Brien"
        );
        assert_eq!(text("&#8226;&#x2022"), "••");
        assert_eq!(
            text("&#0;&#xD800;&#x110000;&#99999999999999;"),
            "\u{fffd}".repeat(4)
        );
        // 0x80-0x9F as Windows-1252.
        assert_eq!(text("&#150;&#x80;"), "–€");
        assert_eq!(text("&#;&#x;&#xg;"), "&#;&#x;&#xg;");
    }

    #[test]
    fn legacy_names_without_semicolon() {
        assert_eq!(text("AT&T &amp co &copy2025"), "AT&T & co ©2025");
        assert_eq!(text("&notit; &notin;"), "¬it; ∉");
        // In attribute values, not before a letter, digit or `=`.
        assert_eq!(decode("?a=1&copy=2&amp;b&ampx", true), "?a=1&copy=2&b&ampx");
        assert_eq!(decode("x &amp y", true), "x & y");
    }

    #[test]
    fn unknown_and_stray_ampersands_stay() {
        assert_eq!(text("& &; &unknown; &x"), "& &; &unknown; &x");
        assert_eq!(text("tail &"), "tail &");
        assert_eq!(
            text(&format!("&{};", "a".repeat(100))),
            format!("&{};", "a".repeat(100))
        );
        assert!(matches!(decode("no references", false), Cow::Borrowed(_)));
    }
}

//! A small, fast HTML reader: one pass over the bytes into a flat tree of elements and text.
//!
//! It reads what the WorkFossa pages are made of (tags, quoted or bare attributes, comments,
//! a doctype, entities, `<script>`/`<style>` raw text) the way a browser does, and never fails:
//! anything it does not understand becomes text or is skipped, an unclosed tag ends at the end of
//! the input, an end tag closes the nearest open element of its name (or nothing). It does not do
//! the HTML5 tree-construction corner cases (table foster parenting, formatting-element
//! reconstruction): the parser finds its landmarks by class and link target, not by position.
//! Comments are dropped; text on either side of one stays two text nodes, as in a browser.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use super::elements::{closes_itself, is_void, text_only};
use super::entities::decode;

/// No node (end of a sibling list, no parent).
pub(super) const NONE: u32 = u32::MAX;

/// What a node is.
pub(super) enum Kind<'h> {
    /// The document itself: the parent of the top-level nodes.
    Root,
    /// An element: its lowercased name and its attributes (`Document::attrs[range]`).
    Element {
        name: Cow<'h, str>,
        attrs: std::ops::Range<u32>,
    },
    /// Text, entities decoded.
    Text(Cow<'h, str>),
}

/// One node and its links (indices into `Document::nodes`, [`NONE`] for none).
pub(super) struct Node<'h> {
    pub(super) kind: Kind<'h>,
    pub(super) parent: u32,
    pub(super) first_child: u32,
    pub(super) last_child: u32,
    pub(super) prev: u32,
    pub(super) next: u32,
}

/// A parsed page: node 0 is the root.
pub(super) struct Document<'h> {
    pub(super) nodes: Vec<Node<'h>>,
    /// Attribute (lowercased name, decoded value) pairs, in source order.
    pub(super) attrs: Vec<(Cow<'h, str>, Cow<'h, str>)>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r' | b'\x0c')
}

/// `s` in ASCII lowercase, borrowed when it already is.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Line breaks as a browser reads them: `\r\n` and a lone `\r` become `\n`.
fn normalise_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    }
}

struct Builder<'h> {
    doc: Document<'h>,
    /// Open elements, the root first.
    stack: Vec<u32>,
    /// The text node just appended, when nothing came after it (the next text joins it).
    open_text: Option<u32>,
    /// How many open elements are `svg` or `math` (where `<x/>` closes itself).
    foreign: usize,
}

impl<'h> Document<'h> {
    /// Reads a whole page. Never fails; see the module doc for what it does with odd markup.
    pub(super) fn parse(html: &'h str) -> Self {
        let root = Node {
            kind: Kind::Root,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
        };
        let mut nodes = Vec::with_capacity((html.len() / 24).min(1 << 16) + 1);
        nodes.push(root);
        let mut b = Builder {
            doc: Document {
                nodes,
                attrs: Vec::with_capacity((html.len() / 48).min(1 << 15)),
            },
            stack: vec![0],
            open_text: None,
            foreign: 0,
        };
        let mut pos = 0;
        while pos < html.len() {
            let lt = memchr(b'<', &html.as_bytes()[pos..]).map_or(html.len(), |i| pos + i);
            if lt > pos {
                b.text(&html[pos..lt], true);
            }
            if lt >= html.len() {
                break;
            }
            pos = b.markup(html, lt);
        }
        b.doc
    }
}

impl<'h> Builder<'h> {
    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn append(&mut self, kind: Kind<'h>) -> u32 {
        let parent = self.current();
        let id = u32::try_from(self.doc.nodes.len()).unwrap_or(NONE);
        let prev = self.doc.nodes[parent as usize].last_child;
        if prev != NONE {
            self.doc.nodes[prev as usize].next = id;
        } else {
            self.doc.nodes[parent as usize].first_child = id;
        }
        self.doc.nodes[parent as usize].last_child = id;
        self.doc.nodes.push(Node {
            kind,
            parent,
            first_child: NONE,
            last_child: NONE,
            prev,
            next: NONE,
        });
        self.open_text = None;
        id
    }

    /// Text from the page (`decoded`: entities are read), joined to the text node just before.
    fn text(&mut self, raw: &'h str, decoded: bool) {
        let text = if decoded && memchr(b'&', raw.as_bytes()).is_some() {
            decode(raw, false)
        } else {
            Cow::Borrowed(raw)
        };
        let text = normalise_newlines(text);
        if let Some(id) = self.open_text {
            if let Kind::Text(before) = &mut self.doc.nodes[id as usize].kind {
                before.to_mut().push_str(&text);
                return;
            }
        }
        let id = self.append(Kind::Text(text));
        self.open_text = Some(id);
    }

    /// Reads the markup at `lt` (a `<`); returns where the text after it starts.
    fn markup(&mut self, html: &'h str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let end_of = |from: usize, what: &str| {
            memmem::find(&bytes[from.min(bytes.len())..], what.as_bytes())
        };
        match bytes.get(lt + 1) {
            Some(b'!') if html[lt..].starts_with("<!--") => {
                self.open_text = None;
                let body = lt + 4;
                if html[body..].starts_with('>') {
                    body + 1
                } else if html[body..].starts_with("->") {
                    body + 2
                } else {
                    end_of(body, "-->").map_or(html.len(), |i| body + i + 3)
                }
            }
            Some(b'!' | b'?') => {
                self.open_text = None;
                end_of(lt + 2, ">").map_or(html.len(), |i| lt + 2 + i + 1)
            }
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.end_tag(html, lt),
                Some(b'>') => lt + 3,
                Some(_) => {
                    self.open_text = None;
                    end_of(lt + 2, ">").map_or(html.len(), |i| lt + 2 + i + 1)
                }
                None => {
                    self.text(&html[lt..], false);
                    html.len()
                }
            },
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(html, lt),
            _ => {
                self.text(&html[lt..lt + 1], false);
                lt + 1
            }
        }
    }

    /// The end of a tag name or attribute name starting at `from`.
    fn name_end(bytes: &[u8], mut from: usize, stop_at_equals: bool) -> usize {
        while from < bytes.len() {
            let b = bytes[from];
            if is_space(b) || b == b'/' || b == b'>' || (stop_at_equals && b == b'=') {
                break;
            }
            from += 1;
        }
        from
    }

    fn start_tag(&mut self, html: &'h str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let mut i = Self::name_end(bytes, lt + 1, false);
        let name = lowercase(&html[lt + 1..i]);
        let attrs_start = self.doc.attrs.len();
        let mut self_closing = false;
        loop {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                // The input ends inside the tag: a browser drops the tag.
                None => {
                    self.doc.attrs.truncate(attrs_start);
                    return html.len();
                }
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    i += 1;
                    if bytes.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                Some(_) => {}
            }
            // A name's first character may be anything, even `=`.
            let name_start = i;
            i = Self::name_end(bytes, i + 1, true);
            let attr_name = &html[name_start..i];
            let mut j = i;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            let mut value = "";
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                while j < bytes.len() && is_space(bytes[j]) {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let start = j + 1;
                        let close = memchr(quote, &bytes[start..]);
                        let end = close.map_or(html.len(), |k| start + k);
                        value = &html[start..end];
                        i = close.map_or(html.len(), |_| end + 1);
                    }
                    Some(b'>') | None => i = j,
                    Some(_) => {
                        let start = j;
                        while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' {
                            j += 1;
                        }
                        value = &html[start..j];
                        i = j;
                    }
                }
            }
            let value = if memchr(b'&', value.as_bytes()).is_some() {
                decode(value, true)
            } else {
                Cow::Borrowed(value)
            };
            self.doc.attrs.push((lowercase(attr_name), value));
        }

        let attrs_end = self.doc.attrs.len();
        let range =
            u32::try_from(attrs_start).unwrap_or(NONE)..u32::try_from(attrs_end).unwrap_or(NONE);
        let current = self.current();
        if closes_itself(&name) && self.name_of(current) == Some(&*name) {
            self.stack.pop();
        }
        let void = is_void(&name) || (self_closing && self.foreign > 0);
        let text_only = text_only(&name);
        let foreign = matches!(&*name, "svg" | "math");
        let id = self.append(Kind::Element { name, attrs: range });
        if void {
            return i;
        }
        if foreign && !self_closing {
            self.foreign += 1;
        } else if foreign {
            return i;
        }
        self.stack.push(id);
        match text_only {
            Some(decoded) => {
                let end = self.raw_text_end(html, i, id);
                if end > i {
                    self.text(&html[i..end], decoded);
                }
                end
            }
            None => i,
        }
    }

    /// Where the raw text of element `id` starting at `from` ends: at its `</name`.
    fn raw_text_end(&self, html: &str, from: usize, id: u32) -> usize {
        let name = self.name_of(id).unwrap_or_default();
        let bytes = html.as_bytes();
        let mut at = from;
        while let Some(k) = memmem::find(&bytes[at..], b"</") {
            let tag = at + k + 2;
            let after = tag + name.len();
            if bytes
                .get(tag..after)
                .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()))
                && bytes
                    .get(after)
                    .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
            {
                return at + k;
            }
            at = tag;
        }
        html.len()
    }

    fn name_of(&self, id: u32) -> Option<&str> {
        match &self.doc.nodes.get(id as usize)?.kind {
            Kind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    fn end_tag(&mut self, html: &'h str, lt: usize) -> usize {
        let bytes = html.as_bytes();
        let name_end = Self::name_end(bytes, lt + 2, false);
        let name = lowercase(&html[lt + 2..name_end]);
        let Some(close) = memchr(b'>', &bytes[name_end..]) else {
            // The input ends inside the tag: dropped.
            return html.len();
        };
        let after = name_end + close + 1;
        if name == "br" {
            // `</br>` is read as `<br>`.
            self.append(Kind::Element { name, attrs: 0..0 });
            return after;
        }
        self.open_text = None;
        let open = self
            .stack
            .iter()
            .rposition(|&id| id != 0 && self.name_of(id) == Some(&*name));
        if let Some(at) = open {
            for &id in &self.stack[at..] {
                if matches!(self.name_of(id), Some("svg" | "math")) {
                    self.foreign = self.foreign.saturating_sub(1);
                }
            }
            self.stack.truncate(at);
        }
        after
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;

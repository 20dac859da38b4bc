//! Reading a page parsed by `scraper` (html5ever, the HTML5 parser browsers follow): a copyable
//! node handle with parent/sibling/child links and attribute and class tests, an iterative
//! open/close walk that can skip subtrees, whitespace-folded text and block "lines".

use scraper::{Html, Node};

/// A parsed page.
pub(super) type Document = Html;

/// Parses a whole page the way a browser does (entities decoded, tags closed, comments kept
/// apart from text).
pub(super) fn parse_document(html: &str) -> Document {
    Html::parse_document(html)
}

/// A node of a parsed page (an element, a text, a comment or the root).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct NodeRef<'a>(ego_tree::NodeRef<'a, Node>);

impl std::fmt::Debug for NodeRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "node {:?} ({:?})",
            self.0.id(),
            self.name().or(self.as_text())
        )
    }
}

impl<'a> NodeRef<'a> {
    /// The document's root (the parent of `<html>`).
    pub(super) fn root(doc: &'a Document) -> Self {
        NodeRef(doc.tree.root())
    }

    pub(super) fn parent(self) -> Option<Self> {
        self.0.parent().map(NodeRef)
    }

    pub(super) fn first_child(self) -> Option<Self> {
        self.0.first_child().map(NodeRef)
    }

    pub(super) fn next_sibling(self) -> Option<Self> {
        self.0.next_sibling().map(NodeRef)
    }

    pub(super) fn prev_sibling(self) -> Option<Self> {
        self.0.prev_sibling().map(NodeRef)
    }

    /// The element's lowercased name; `None` for text, comments and the root.
    pub(super) fn name(self) -> Option<&'a str> {
        self.0.value().as_element().map(|e| e.name())
    }

    pub(super) fn is_element(self) -> bool {
        self.0.value().is_element()
    }

    /// The text of a text node (entities decoded).
    pub(super) fn as_text(self) -> Option<&'a str> {
        self.0.value().as_text().map(|t| &**t)
    }

    /// An attribute's value; `None` for text and the root.
    pub(super) fn attr(self, name: &str) -> Option<&'a str> {
        self.0.value().as_element()?.attr(name)
    }

    /// Whether the `class` attribute holds `class`.
    pub(super) fn has_class(self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|classes| classes.split_ascii_whitespace().any(|c| c == class))
    }

    /// Parent, grandparent, … up to the root (this node not included).
    pub(super) fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// The siblings after this node, in order.
    pub(super) fn next_siblings(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.next_sibling(), |n| n.next_sibling())
    }

    /// The siblings before this node, nearest first.
    pub(super) fn prev_siblings(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.prev_sibling(), |n| n.prev_sibling())
    }

    /// This node and everything under it, in document order.
    pub(super) fn descendants(self) -> impl Iterator<Item = NodeRef<'a>> {
        Walk::new(self).filter_map(|step| match step {
            Step::Open(node) => Some(node),
            Step::Close(_) => None,
        })
    }

    /// The texts under this node, in document order.
    pub(super) fn texts(self) -> impl Iterator<Item = &'a str> {
        self.descendants().filter_map(NodeRef::as_text)
    }

    /// The texts that are direct children of this node, in order.
    pub(super) fn children_texts(self) -> impl Iterator<Item = &'a str> {
        self.first_child()
            .into_iter()
            .flat_map(|first| std::iter::once(first).chain(first.next_siblings()))
            .filter_map(NodeRef::as_text)
    }

    /// The child elements, in order (text and comments skipped).
    pub(super) fn children_elements(self) -> impl Iterator<Item = NodeRef<'a>> {
        self.first_child()
            .into_iter()
            .flat_map(|first| std::iter::once(first).chain(first.next_siblings()))
            .filter(|n| n.is_element())
    }

    /// Whether `other` is this node or under it.
    pub(super) fn contains(self, other: NodeRef<'a>) -> bool {
        other == self || other.ancestors().any(|a| a == self)
    }
}

/// One step of a depth-first walk: entering or leaving a node.
#[derive(Clone, Copy)]
pub(super) enum Step<'a> {
    Open(NodeRef<'a>),
    Close(NodeRef<'a>),
}

/// Depth-first open/close walk over a subtree (the root included), without recursion.
pub(super) struct Walk<'a> {
    root: NodeRef<'a>,
    last: Option<Step<'a>>,
    started: bool,
}

impl<'a> Walk<'a> {
    pub(super) fn new(root: NodeRef<'a>) -> Self {
        Walk {
            root,
            last: None,
            started: false,
        }
    }

    /// Do not descend into the node just opened: the walk continues after its end (its `Close`
    /// step is not reported).
    pub(super) fn skip_subtree(&mut self) {
        if let Some(Step::Open(node)) = self.last {
            self.last = Some(Step::Close(node));
        }
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = Step<'a>;

    fn next(&mut self) -> Option<Step<'a>> {
        let next = if !self.started {
            self.started = true;
            Some(Step::Open(self.root))
        } else {
            match self.last? {
                Step::Open(node) => Some(match node.first_child() {
                    Some(child) => Step::Open(child),
                    None => Step::Close(node),
                }),
                Step::Close(node) if node == self.root => None,
                Step::Close(node) => match node.next_sibling() {
                    Some(sibling) => Some(Step::Open(sibling)),
                    None => node.parent().map(Step::Close),
                },
            }
        };
        self.last = next;
        next
    }
}

/// Whether the node is an element that ends a line of text.
pub(super) fn is_block_node(node: NodeRef<'_>) -> bool {
    node.name().is_some_and(|name| {
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
    })
}

/// Accumulates text, folding every run of whitespace (across text nodes too) into one space and
/// dropping leading and trailing whitespace.
#[derive(Default)]
pub(super) struct Folder {
    out: String,
    pending_space: bool,
}

impl Folder {
    pub(super) fn push(&mut self, text: &str) {
        if text.is_ascii() {
            self.push_ascii(text);
        } else {
            self.push_words(text);
        }
    }

    fn push_words(&mut self, text: &str) {
        let mut words = text.split_whitespace();
        let Some(first) = words.next() else {
            // Whitespace only (or nothing): at most a separator.
            self.pending_space |= !text.is_empty() && !self.out.is_empty();
            return;
        };
        if (self.pending_space || text.starts_with(char::is_whitespace)) && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.out.push_str(first);
        for word in words {
            self.out.push(' ');
            self.out.push_str(word);
        }
        self.pending_space = text.ends_with(char::is_whitespace);
    }

    /// [`Folder::push`] for ASCII text: the same folding, one pass over the bytes.
    fn push_ascii(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'\x0b' {
                i += 1;
            }
            if i > start {
                if self.pending_space && !self.out.is_empty() {
                    self.out.push(' ');
                }
                self.out.push_str(&text[start..i]);
                self.pending_space = false;
            }
            if i < bytes.len() {
                self.pending_space = true;
                i += 1;
            }
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The folded text so far, leaving the folder empty.
    pub(super) fn take(&mut self) -> String {
        self.pending_space = false;
        std::mem::take(&mut self.out)
    }
}

/// All the text under `node`, whitespace folded (see [`Folder`]).
pub(super) fn folded_text(node: NodeRef<'_>) -> String {
    let mut folder = Folder::default();
    for chunk in node.texts() {
        folder.push(chunk);
    }
    folder.take()
}

/// The text under `node` as [`folded_text`], `None` when empty.
pub(super) fn text_of(node: NodeRef<'_>) -> Option<String> {
    Some(folded_text(node)).filter(|s| !s.is_empty())
}

/// The text under `node` with `<br>` as a line break and nothing folded (for pre-wrap text).
pub(super) fn raw_text_with_breaks(node: NodeRef<'_>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        match n.as_text() {
            Some(text) => out.push_str(text),
            None if n.name() == Some("br") => out.push('\n'),
            None => {}
        }
    }
    out
}

/// The non-empty, whitespace-folded lines of text under `node`, a line ending at every block
/// element boundary. Subtrees of elements for which `skip` is true are left out.
pub(super) fn block_lines(node: NodeRef<'_>, skip: impl Fn(NodeRef<'_>) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut folder = Folder::default();
    let mut walk = Walk::new(node);
    while let Some(step) = walk.next() {
        let (n, opening) = match step {
            Step::Open(n) => (n, true),
            Step::Close(n) => (n, false),
        };
        if let Some(text) = n.as_text() {
            if opening {
                folder.push(text);
            }
        } else if n.is_element() {
            if opening && n != node && skip(n) {
                walk.skip_subtree();
            }
            if is_block_node(n) && !folder.is_empty() {
                lines.push(folder.take());
            }
        }
    }
    if !folder.is_empty() {
        lines.push(folder.take());
    }
    lines
}

/// The element after `node` among its siblings (text skipped).
pub(super) fn next_element_sibling(node: NodeRef<'_>) -> Option<NodeRef<'_>> {
    node.next_siblings().find(|n| n.is_element())
}

#[cfg(test)]
#[path = "dom_tests.rs"]
mod tests;

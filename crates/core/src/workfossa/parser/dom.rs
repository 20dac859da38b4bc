//! Small helpers over `scraper`'s tree: an iterative open/close walk that can skip subtrees,
//! class tests that read the raw `class` attribute, whitespace-folded text and block "lines".

use scraper::node::Element;
use scraper::{ElementRef, Node};

/// The tree node type behind [`ElementRef`] (`ego_tree::NodeRef<Node>`), named without a direct
/// dependency on `ego_tree`.
pub(super) type NodeRef<'a> = <ElementRef<'a> as std::ops::Deref>::Target;

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

/// An attribute's value, found by a scan of the element's few attributes (cheaper than
/// `Element::attr`, which builds a qualified name for a binary search).
pub(super) fn attr<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    el.attrs().find(|(n, _)| *n == name).map(|(_, value)| value)
}

/// Whether the element's `class` attribute holds `class` (read from the raw attribute: cheaper
/// than `Element::has_class`, which interns every class name of the element).
pub(super) fn has_class(el: &Element, class: &str) -> bool {
    attr(el, "class").is_some_and(|classes| classes.split_ascii_whitespace().any(|c| c == class))
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

/// Accumulates text, folding every run of whitespace (across text nodes too) into one space and
/// dropping leading and trailing whitespace.
#[derive(Default)]
pub(super) struct Folder {
    out: String,
    pending_space: bool,
}

impl Folder {
    pub(super) fn push(&mut self, text: &str) {
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

    pub(super) fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The folded text so far, leaving the folder empty.
    pub(super) fn take(&mut self) -> String {
        self.pending_space = false;
        std::mem::take(&mut self.out)
    }
}

/// All the text under `el`, whitespace folded (see [`Folder`]).
pub(super) fn folded_text(el: ElementRef<'_>) -> String {
    let mut folder = Folder::default();
    for chunk in el.text() {
        folder.push(chunk);
    }
    folder.take()
}

/// The text under `el` as [`folded_text`], `None` when empty.
pub(super) fn text_of(el: ElementRef<'_>) -> Option<String> {
    Some(folded_text(el)).filter(|s| !s.is_empty())
}

/// The text under `el` with `<br>` as a line break and nothing folded (for pre-wrap text).
pub(super) fn raw_text_with_breaks(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    for step in Walk::new(*el) {
        if let Step::Open(node) = step {
            match node.value() {
                Node::Text(text) => out.push_str(text),
                Node::Element(e) if e.name() == "br" => out.push('\n'),
                _ => {}
            }
        }
    }
    out
}

/// The non-empty, whitespace-folded lines of text under `el`, a line ending at every block
/// element boundary. Subtrees of elements for which `skip` is true are left out.
pub(super) fn block_lines(el: ElementRef<'_>, skip: impl Fn(&Element) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut folder = Folder::default();
    let mut walk = Walk::new(*el);
    while let Some(step) = walk.next() {
        let (node, opening) = match step {
            Step::Open(node) => (node, true),
            Step::Close(node) => (node, false),
        };
        match node.value() {
            Node::Text(text) if opening => folder.push(text),
            Node::Element(e) => {
                if opening && node != *el && skip(e) {
                    walk.skip_subtree();
                }
                if is_block(e.name()) && !folder.is_empty() {
                    lines.push(folder.take());
                }
            }
            _ => {}
        }
    }
    if !folder.is_empty() {
        lines.push(folder.take());
    }
    lines
}

/// The element after `node` among its siblings (text and comments skipped).
pub(super) fn next_element_sibling(node: NodeRef<'_>) -> Option<ElementRef<'_>> {
    node.next_siblings().find_map(ElementRef::wrap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn walk_visits_every_node_once_and_skips_on_request() {
        let html = Html::parse_fragment("<div><p>a<b>b</b></p><i>c</i><span>d</span></div>");
        let mut walk = Walk::new(*html.root_element());
        let mut texts = String::new();
        while let Some(step) = walk.next() {
            if let Step::Open(node) = step {
                match node.value() {
                    Node::Text(t) => texts.push_str(t),
                    Node::Element(e) if e.name() == "i" => walk.skip_subtree(),
                    _ => {}
                }
            }
        }
        assert_eq!(texts, "abd");
    }

    #[test]
    fn lines_break_at_blocks_and_fold_inside() {
        let html = Html::parse_fragment(
            "<div><div> 77  Old\n Mill Rd. </div> <!----> <div>Tampa <span>FL</span> 33603</div><em>x</em></div>",
        );
        let lines = block_lines(html.root_element(), |e| e.name() == "em");
        assert_eq!(lines, vec!["77 Old Mill Rd.", "Tampa FL 33603"]);
    }

    #[test]
    fn folder_folds_across_text_nodes() {
        let mut f = Folder::default();
        for chunk in ["  W", "-1 ", " \n", "x", "\u{a0}y  z", "", " "] {
            f.push(chunk);
        }
        assert_eq!(f.take(), "W-1 x y z");
        f.push(" a ");
        assert_eq!(f.take(), "a");
    }

    #[test]
    fn class_test_reads_the_attribute() {
        let html = Html::parse_fragment(r#"<div class=" row  work-list-item w-1 "></div>"#);
        let div = html
            .root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "div")
            .unwrap();
        assert!(has_class(div.value(), "work-list-item"));
        assert!(!has_class(div.value(), "work-list"));
    }
}

//! Tests of the HTML reader: odd markup read as a browser reads it, and the fixture pages read
//! into the same elements, attributes and text as html5ever (`scraper`) reads them.

use super::*;
use crate::workfossa::parser::dom::NodeRef;

/// `name[attr=value,…]` for elements and `"text"` for text, in document order.
fn outline(html: &str) -> Vec<String> {
    outline_with(html, false)
}

/// [`outline`], attributes sorted by name when `sort`.
fn outline_with(html: &str, sort: bool) -> Vec<String> {
    let doc = Document::parse(html);
    NodeRef::root(&doc)
        .descendants()
        .filter_map(|n| match (n.name(), n.as_text()) {
            (_, Some(text)) => Some(format!("{text:?}")),
            (Some(name), _) => {
                let Kind::Element { attrs, .. } = &doc.nodes[node_id(&doc, n)].kind else {
                    return None;
                };
                let mut attrs: Vec<String> = doc.attrs[attrs.start as usize..attrs.end as usize]
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                if sort {
                    attrs.sort();
                }
                Some(format!("{name}[{}]", attrs.join(",")))
            }
            _ => None,
        })
        .collect()
}

fn node_id(doc: &Document<'_>, node: NodeRef<'_>) -> usize {
    NodeRef::root(doc)
        .descendants()
        .position(|n| n == node)
        .unwrap_or(0)
}

#[test]
fn attributes_quoted_bare_and_empty() {
    assert_eq!(
        outline(r#"<DIV Class='a b' data-v-1a2b id=x title="a &amp; b" hidden>t</DIV>"#),
        vec![
            r#"div[class=a b,data-v-1a2b=,id=x,title=a & b,hidden=]"#,
            r#""t""#
        ]
    );
    assert_eq!(
        outline("<a href = /x?a=1&copy=2 / >"),
        vec!["a[href=/x?a=1&copy=2]"]
    );
    assert_eq!(outline("<p =x a=\"unterminated"), Vec::<String>::new());
}

#[test]
fn comments_doctype_and_bogus_markup_are_dropped() {
    assert_eq!(
        outline("<!DOCTYPE html><!-- a <div> --><p>a<!---->b<!-->c<!--->d</p><?php x ?></b >"),
        vec!["p[]", r#""a""#, r#""b""#, r#""c""#, r#""d""#]
    );
    assert_eq!(outline("x<!-- never closed <p>"), vec![r#""x""#]);
}

#[test]
fn stray_angle_brackets_stay_in_one_text() {
    assert_eq!(
        outline("<p>a < b <> c</>d &lt;e</p>"),
        vec!["p[]", r#""a < b <> cd <e""#]
    );
    assert_eq!(outline("tail <"), vec![r#""tail <""#]);
    assert_eq!(outline("tail </"), vec![r#""tail </""#]);
}

#[test]
fn raw_text_is_not_markup() {
    assert_eq!(
        outline(r#"<script>if (a<b) x = "<div class='work-list-item'>";</SCRIPT ><p>t"#),
        vec![
            "script[]",
            r#""if (a<b) x = \"<div class='work-list-item'>\";""#,
            "p[]",
            r#""t""#
        ]
    );
    assert_eq!(
        outline("<title>A &amp; B</title><style>a > b {}</style><textarea>never closed <b>"),
        vec![
            "title[]",
            r#""A & B""#,
            "style[]",
            r#""a > b {}""#,
            "textarea[]",
            r#""never closed <b>""#
        ]
    );
}

#[test]
fn tree_shape() {
    let doc = Document::parse(
        "<ul><li>a<li>b</ul><div>x<br>y</br>z<img src=i><svg><path d=1 /></svg></span>w</div>",
    );
    let root = NodeRef::root(&doc);
    let find = |name: &str| root.descendants().find(|n| n.name() == Some(name)).unwrap();
    let children = |n: NodeRef<'_>| {
        std::iter::successors(n.first_child(), |c| c.next_sibling())
            .map(|c| c.name().or(c.as_text()).unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(children(find("ul")), vec!["li", "li"]);
    assert_eq!(
        children(find("div")),
        vec!["x", "br", "y", "br", "z", "img", "svg", "w"]
    );
    assert_eq!(children(find("svg")), vec!["path"]);
    // Unclosed elements end with the input.
    let doc = Document::parse("<div><div><p>deep");
    let p = NodeRef::root(&doc)
        .descendants()
        .find(|n| n.name() == Some("p"))
        .unwrap();
    assert_eq!(p.ancestors().count(), 3);
}

#[test]
fn line_breaks_are_normalised() {
    assert_eq!(outline("<p>a\r\nb\rc</p>"), vec!["p[]", r#""a\nb\nc""#]);
}

#[test]
fn never_panics_on_cut_pages() {
    let page = include_str!("../../../tests/fixtures/list-page1-of-2.html");
    let mut cut = 0;
    while cut < page.len() {
        if page.is_char_boundary(cut) {
            Document::parse(&page[..cut]);
            Document::parse(&page[cut..]);
        }
        cut += 97;
    }
}

/// The fixture pages give the same elements (names, attributes) and the same text, in the same
/// order, as html5ever builds (compared inside `<body>`).
#[test]
fn fixtures_read_as_html5ever_reads_them() {
    for page in [
        include_str!("../../../tests/fixtures/list-page1-of-2.html"),
        include_str!("../../../tests/fixtures/list-page2-of-2.html"),
        include_str!("../../../tests/fixtures/list-empty.html"),
        include_str!("../../../tests/fixtures/login.html"),
        include_str!("../../../tests/fixtures/login-rejected.html"),
    ] {
        let ours: Vec<String> = {
            let all = outline_with(page, true);
            let body = all.iter().position(|n| n.starts_with("body[")).unwrap();
            all[body..].to_vec()
        };
        let html = scraper::Html::parse_document(page);
        let body = html
            .root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "body")
            .unwrap();
        let theirs: Vec<String> = body
            .descendants()
            .filter_map(|n| match n.value() {
                scraper::Node::Text(t) => Some(format!("{:?}", &**t)),
                scraper::Node::Element(e) => {
                    // html5ever restores SVG's camel case (`viewBox`); the parser ignores it.
                    let mut attrs: Vec<String> = e
                        .attrs()
                        .map(|(k, v)| format!("{}={v}", k.to_ascii_lowercase()))
                        .collect();
                    attrs.sort();
                    Some(format!("{}[{}]", e.name(), attrs.join(",")))
                }
                _ => None,
            })
            .collect();
        assert_eq!(ours.len(), theirs.len());
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!(a, b, "node {i}");
        }
    }
}

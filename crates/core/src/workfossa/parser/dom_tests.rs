//! Tests of the tree-reading helpers: walks, relations, text folding and lines.

use super::*;

fn first<'a>(doc: &'a Document, name: &str) -> NodeRef<'a> {
    NodeRef::root(doc)
        .descendants()
        .find(|n| n.name() == Some(name))
        .unwrap()
}

#[test]
fn walk_visits_every_node_once_and_skips_on_request() {
    let doc = parse_document("<div><p>a<b>b</b></p><i>c</i><span>d</span></div>");
    let mut walk = Walk::new(NodeRef::root(&doc));
    let mut texts = String::new();
    while let Some(step) = walk.next() {
        if let Step::Open(node) = step {
            match (node.as_text(), node.name()) {
                (Some(t), _) => texts.push_str(t),
                (_, Some("i")) => walk.skip_subtree(),
                _ => {}
            }
        }
    }
    assert_eq!(texts, "abd");
}

#[test]
fn lines_break_at_blocks_and_fold_inside() {
    let doc = parse_document(
        "<div><div> 77  Old\n Mill Rd. </div> <!----> <div>Tampa <span>FL</span> 33603</div><em>x</em></div>",
    );
    let lines = block_lines(first(&doc, "div"), |e| e.name() == Some("em"));
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
fn ascii_fast_path_folds_like_the_general_one() {
    let chunks = [
        " a\x0bb ",
        "\t",
        "c",
        "",
        "  d\r\ne  ",
        "f",
        " ",
        "g\x0c",
        "h",
    ];
    for start in 0..chunks.len() {
        let (mut fast, mut general) = (Folder::default(), Folder::default());
        for chunk in &chunks[start..] {
            fast.push_ascii(chunk);
            general.push_words(chunk);
            assert_eq!(fast.out, general.out, "{chunks:?} from {start}");
        }
        assert_eq!(fast.take(), general.take());
    }
}

#[test]
fn class_test_reads_the_attribute() {
    let doc = parse_document(r#"<div class=" row  work-list-item w-1 "></div>"#);
    let div = first(&doc, "div");
    assert!(div.has_class("work-list-item"));
    assert!(!div.has_class("work-list"));
}

#[test]
fn relations() {
    let doc = parse_document("<ul><li>a</li><li>b<b>c</b></li><li>d</ul>");
    let ul = first(&doc, "ul");
    let items: Vec<_> = ul
        .descendants()
        .filter(|n| n.name() == Some("li"))
        .collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1].prev_siblings().next(), Some(items[0]));
    assert_eq!(items[1].next_siblings().count(), 1);
    assert_eq!(next_element_sibling(items[0]), Some(items[1]));
    assert!(ul.contains(items[2]) && !items[0].contains(items[1]));
    assert_eq!(folded_text(items[1]), "bc");
    assert_eq!(items[1].ancestors().next(), Some(ul));
    assert_eq!(ul.texts().collect::<String>(), "abcd");
}

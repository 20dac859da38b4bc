//! Reading the row's columns from their landmarks: the customer block's site name, the address
//! lines, the items (quantity, description, code, group) and the next visit.

use chrono::NaiveDate;

use super::dom::{
    block_lines, folded_text, is_block_node, next_element_sibling, Folder, NodeRef, Step, Walk,
};
use super::links::{number_after, SiteRoot};
use super::text::{
    code_in_parens, is_city_state_zip, non_empty, parse_due, parse_quantity, parse_us_date,
    parse_window, split_trailing_code,
};
use crate::workfossa::record::{Address, Item, NextVisit};

/// The first line of text after `after` (the location link) in the customer block, leaving out
/// links, the address and the contact block: the brand or site name (`7-Eleven`).
pub(super) fn site_name(block: NodeRef<'_>, after: Option<NodeRef<'_>>) -> Option<String> {
    let mut armed = after.is_none();
    let mut folder = Folder::default();
    let mut walk = Walk::new(block);
    while let Some(step) = walk.next() {
        match step {
            Step::Open(node) => {
                if let Some(text) = node.as_text() {
                    if armed {
                        folder.push(text);
                    }
                } else if after == Some(node) {
                    armed = true;
                    walk.skip_subtree();
                } else if node.has_class("address-info") || node.has_class("contact-info-block") {
                    break;
                } else if matches!(node.name(), Some("a" | "svg" | "script" | "style")) {
                    walk.skip_subtree();
                } else if is_block_node(node) && !folder.is_empty() {
                    break;
                }
            }
            Step::Close(node) => {
                if is_block_node(node) && !folder.is_empty() {
                    break;
                }
            }
        }
    }
    non_empty(folder.take())
}

/// `div.address-info` lines: street, optional intersection, `City ST 12345`, optional county.
pub(super) fn address(info: NodeRef<'_>) -> Address {
    let mut lines = block_lines(info, |_| false);
    let take = |lines: &[String], range: std::ops::Range<usize>| {
        let joined = lines.get(range).map(|l| l.join(", ")).unwrap_or_default();
        non_empty(joined)
    };
    match lines.iter().position(|l| is_city_state_zip(l)) {
        Some(at) => Address {
            street: take(&lines, 0..at.min(1)),
            intersection: take(&lines, 1.min(at)..at),
            city_state_zip: take(&lines, at..at + 1),
            county: take(&lines, at + 1..lines.len()),
        },
        // No line reads like `City ST 12345`: go by position, a trailing county recognised.
        None => {
            let county = match lines.last() {
                Some(l) if lines.len() > 2 && is_county(l) => lines.pop(),
                _ => None,
            };
            let n = lines.len();
            Address {
                street: lines.first().cloned(),
                intersection: (n > 2).then(|| lines[1..n - 1].join(", ")),
                city_state_zip: (n > 1).then(|| lines[n - 1].clone()),
                county,
            }
        }
    }
}

fn is_county(line: &str) -> bool {
    ["County", "Parish", "Borough"]
        .iter()
        .any(|w| line.ends_with(&format!(" {w}")))
}

/// One item from its quantity element (`<div>6 x </div>`): the description is the element after
/// it, the service code the parenthesised part, the group the nearest preceding plain line.
pub(super) fn item(quantity_el: NodeRef<'_>, quantity: i64, row: NodeRef<'_>) -> Item {
    // Climb out of wrappers until there is a following element: the description.
    let mut line_start = quantity_el;
    let description_el = loop {
        if let Some(next) = next_element_sibling(line_start) {
            break Some(next);
        }
        match line_start.parent() {
            Some(parent) if parent != row => line_start = parent,
            _ => break None,
        }
    };
    let (description, code) = match description_el {
        Some(el) => description_and_code(el),
        None => (None, None),
    };
    Item {
        group: item_group(line_start, row),
        quantity: Some(quantity),
        description,
        code,
    }
}

/// `All Dispensers <span class="muted">(2861)</span>` -> (`All Dispensers`, `2861`).
fn description_and_code(el: NodeRef<'_>) -> (Option<String>, Option<String>) {
    let code_el = el
        .descendants()
        .filter(|e| e.is_element() && *e != el && code_in_parens(&folded_text(*e)).is_some())
        .last();
    if let Some(code_el) = code_el {
        let mut folder = Folder::default();
        for node in el.descendants() {
            if let Some(t) = node.as_text() {
                if !code_el.contains(node) {
                    folder.push(t);
                }
            }
        }
        let code = code_in_parens(&folded_text(code_el)).map(str::to_owned);
        return (non_empty(folder.take()), code);
    }
    let text = folded_text(el);
    let (description, code) = split_trailing_code(&text);
    (non_empty(description.to_owned()), code.map(str::to_owned))
}

/// The group name (`Meter Calibration`) of the item line starting at `line`: the nearest earlier
/// sibling, at this level or a wrapper's, that is a plain line of text and holds no item.
fn item_group(line: NodeRef<'_>, row: NodeRef<'_>) -> Option<String> {
    let mut current = line;
    loop {
        for sibling in current.prev_siblings().filter(|s| s.is_element()) {
            if sibling.texts().any(|t| parse_quantity(t).is_some()) {
                continue;
            }
            let mut lines = block_lines(sibling, |_| false);
            match lines.len() {
                0 => continue,
                1 => return lines.pop(),
                _ => return None,
            }
        }
        match current.parent() {
            Some(parent) if parent != row => current = parent,
            _ => return None,
        }
    }
}

/// `a[title="Next Visit"]`: visit id from its URL, the date, the window without parentheses.
pub(super) fn next_visit(link: NodeRef<'_>, base: &SiteRoot<'_>) -> NextVisit {
    let url = base.join(link);
    let mut date = None;
    let mut window = None;
    for chunk in link.texts() {
        let chunk = chunk.trim();
        if chunk.is_empty() || chunk.to_ascii_lowercase().starts_with("due") {
            continue;
        }
        if date.is_none() {
            date = chunk.split_whitespace().find_map(parse_us_date);
        }
        if window.is_none() {
            window = parse_window(chunk);
        }
    }
    NextVisit {
        id: url.as_ref().and_then(|u| number_after(u, "visits")),
        date,
        window,
        url,
    }
}

/// `Due: 06/14/2025`, the date possibly in a child of the label's element.
pub(super) fn due_date(el: NodeRef<'_>) -> Option<NaiveDate> {
    parse_due(&folded_text(el)).or_else(|| {
        let parent = el.parent().filter(|p| p.is_element())?;
        parse_due(&folded_text(parent))
    })
}

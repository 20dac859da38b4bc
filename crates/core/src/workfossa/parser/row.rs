//! One `div.work-list-item` row -> one [`WorkOrder`].
//!
//! The row is walked once to find its landmarks by what they mean (semantic classes, link
//! targets, label words such as `Reason:`, `Due:`, `visits`, `13 x`), not by the position of
//! layout wrappers; each field is then read from its landmark.

use super::columns::{address, due_date, item, next_visit, site_name};
use super::dom::{block_lines, folded_text, raw_text_with_breaks, text_of, NodeRef, Step, Walk};
use super::links::{link_kind, number_after, LinkKind, SiteRoot};
use super::text::{
    multiline_text, non_empty, parse_created_line, parse_quantity, parse_visits, parse_work_id,
};
use super::ParseError;
use crate::workfossa::record::{Address, Contact, Customer, Location, Visits, WorkOrder};

/// The landmarks of one row, found in one walk.
#[derive(Default)]
struct Landmarks<'a> {
    /// Work links, the first one reading `W-<number>` preferred.
    work_links: Vec<NodeRef<'a>>,
    status: Option<NodeRef<'a>>,
    creator: Option<NodeRef<'a>>,
    reason: Option<NodeRef<'a>>,
    project: Option<NodeRef<'a>>,
    po_number: Option<NodeRef<'a>>,
    /// `div.wo-category-show` swatch blocks, each holding one hidden tooltip per category.
    category_blocks: Vec<NodeRef<'a>>,
    contact_block: Option<NodeRef<'a>>,
    address_block: Option<NodeRef<'a>>,
    address_info: Option<NodeRef<'a>>,
    customer_link: Option<NodeRef<'a>>,
    location_link: Option<NodeRef<'a>>,
    next_visit: Option<NodeRef<'a>>,
    due: Option<NodeRef<'a>>,
    /// The element reading `visits` (or `0 / 2 visits`).
    visits: Option<NodeRef<'a>>,
    quantities: Vec<(NodeRef<'a>, i64)>,
    /// Hidden tooltips outside the category swatches; the instructions' one is in the last
    /// column.
    tooltips: Vec<NodeRef<'a>>,
    /// Visible `span.pre-wrap` texts outside tooltips.
    visible_texts: Vec<NodeRef<'a>>,
    instructions_cut: bool,
}

impl<'a> Landmarks<'a> {
    fn find(row: NodeRef<'a>) -> Self {
        let mut marks = Landmarks::default();
        let mut walk = Walk::new(row);
        while let Some(step) = walk.next() {
            let Step::Open(node) = step else { continue };
            if let Some(text) = node.as_text() {
                marks.text(node, text);
            } else if marks.element(node) {
                walk.skip_subtree();
            }
        }
        marks
    }

    /// Notes an element; true when its subtree is not to be searched further.
    fn element(&mut self, er: NodeRef<'a>) -> bool {
        match er.name() {
            None => return false,
            Some("svg" | "script" | "style" | "template") => return true,
            Some("a") => {
                let kind = er.attr("href").map_or(LinkKind::Other, link_kind);
                let title = er.attr("title").map(str::trim).unwrap_or_default();
                if title.eq_ignore_ascii_case("next visit") || kind == LinkKind::Visit {
                    self.next_visit.get_or_insert(er);
                }
                match kind {
                    LinkKind::Work => self.work_links.push(er),
                    LinkKind::Location => {
                        self.location_link.get_or_insert(er);
                    }
                    LinkKind::Customer => {
                        self.customer_link.get_or_insert(er);
                    }
                    LinkKind::Visit | LinkKind::Other => {}
                }
                return false;
            }
            _ => {}
        }
        let Some(classes) = er.attr("class") else {
            return false;
        };
        for class in classes.split_ascii_whitespace() {
            match class {
                "work-status-badge" => {
                    self.status.get_or_insert(er);
                    return true;
                }
                "work-creator" => {
                    self.creator.get_or_insert(er);
                    return true;
                }
                "address" => {
                    self.address_block.get_or_insert(er);
                }
                "address-info" => {
                    self.address_info.get_or_insert(er);
                    return true;
                }
                "contact-info-block" => {
                    self.contact_block.get_or_insert(er);
                    return true;
                }
                "wo-category-show" => {
                    self.category_blocks.push(er);
                    return true;
                }
                "ks-tooltip" => {
                    self.tooltips.push(er);
                    return true;
                }
                "pre-wrap" => {
                    self.visible_texts.push(er);
                    return true;
                }
                _ => {}
            }
        }
        false
    }

    fn text(&mut self, node: NodeRef<'a>, text: &str) {
        let t = text.trim();
        if t.is_empty() {
            return;
        }
        let Some(parent) = node.parent().filter(|p| p.is_element()) else {
            return;
        };
        if t.starts_with("Reason:") {
            self.reason.get_or_insert(parent);
        } else if t.starts_with("Project:") {
            self.project.get_or_insert(parent);
        } else if po_label(t).is_some() {
            self.po_number.get_or_insert(parent);
        } else if t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("due")) && t.contains(':') {
            self.due.get_or_insert(parent);
        } else if t.len() >= 6
            && t.get(t.len() - 6..)
                .is_some_and(|w| w.eq_ignore_ascii_case("visits"))
        {
            // The `visits` label, or a whole `0 / 2 visits` text.
            self.visits.get_or_insert(parent);
        } else if t.eq_ignore_ascii_case("more...") || t.eq_ignore_ascii_case("more…") {
            self.instructions_cut = true;
        } else if let Some(quantity) = parse_quantity(t) {
            self.quantities.push((parent, quantity));
        }
    }
}

/// `row 3 (w-124767)`: how errors name a row (1-based).
pub(super) fn row_label(index: usize, row: NodeRef<'_>) -> String {
    let class = row.attr("class").and_then(|c| {
        c.split_ascii_whitespace().find(|c| {
            c.strip_prefix("w-")
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
    });
    match class {
        Some(class) => format!("row {} ({class})", index + 1),
        None => format!("row {}", index + 1),
    }
}

/// Reads one row; `index` (0-based) names it in errors.
pub(super) fn parse_row(
    row: NodeRef<'_>,
    index: usize,
    base: &SiteRoot<'_>,
) -> Result<WorkOrder, ParseError> {
    let marks = Landmarks::find(row);
    let missing = |what: &str| {
        ParseError::LayoutNotRecognised(format!("{}: no {what}", row_label(index, row)))
    };

    // The work link: the one reading `W-<number>`, else the first, numbered from its URL.
    let numbered = marks
        .work_links
        .iter()
        .find_map(|a| parse_work_id(&folded_text(*a)).map(|n| (*a, n)));
    let (work_link, number) = match numbered {
        Some(found) => found,
        None => marks
            .work_links
            .first()
            .and_then(|a| Some((*a, number_after(&base.join(*a)?, "work")?)))
            .ok_or_else(|| {
                missing("work-order link (a[href=/app/work/<number>/] reading W-<number>)")
            })?,
    };
    let url = base
        .join(work_link)
        .ok_or_else(|| missing("usable work-order link URL"))?;

    let status = marks
        .status
        .and_then(text_of)
        .ok_or_else(|| missing("status (div.work-status-badge text)"))?;

    let (completed, total) = marks
        .visits
        .and_then(visit_counts)
        .ok_or_else(|| missing("visit count (`<completed> / <total> visits`)"))?;

    let (created_by, created_at) = match marks.creator.and_then(text_of) {
        Some(line) => parse_created_line(&line),
        None => (None, None),
    };

    let location_url = marks.location_link.and_then(|a| base.join(a));
    Ok(WorkOrder {
        id: format!("W-{number}"),
        number,
        url,
        status,
        reason: marks.reason.and_then(|e| labelled_value(e, "Reason:")),
        project: marks.project.and_then(|e| labelled_value(e, "Project:")),
        po_number: marks.po_number.and_then(po_number),
        categories: marks
            .category_blocks
            .iter()
            .flat_map(|block| categories(*block))
            .collect(),
        contact: marks.contact_block.and_then(contact),
        created_by,
        created_at,
        customer: Customer {
            name: marks.customer_link.and_then(text_of),
            url: marks.customer_link.and_then(|a| base.join(a)),
        },
        location: Location {
            id: location_url
                .as_ref()
                .and_then(|u| number_after(u, "locations")),
            store_number: marks.location_link.and_then(text_of),
            site_name: marks
                .address_block
                .and_then(|block| site_name(block, marks.location_link.or(marks.customer_link))),
            url: location_url,
        },
        address: marks.address_info.map(address).unwrap_or(Address {
            street: None,
            intersection: None,
            city_state_zip: None,
            county: None,
        }),
        items: marks
            .quantities
            .iter()
            .map(|&(q, n)| item(q, n, row))
            .collect(),
        visits: Visits { completed, total },
        next_visit: marks.next_visit.map(|a| next_visit(a, base)),
        due_date: marks.due.and_then(due_date),
        instructions: instructions(&marks, row),
    })
}

/// `Reason: AccuMeasure` -> `AccuMeasure`; `holder` holds the label text or is the label itself.
fn labelled_value(holder: NodeRef<'_>, label: &str) -> Option<String> {
    let mut text = folded_text(holder);
    if text == label {
        // The label has its own element (`<span class="muted">Reason:</span> AccuMeasure`).
        text = holder
            .parent()
            .filter(|p| p.is_element())
            .map(folded_text)?;
    }
    let value = text.strip_prefix(label).unwrap_or(&text).trim();
    non_empty(value.to_owned())
}

/// `0 / 2 visits`, read from the element holding the word `visits` or one of its two parents.
fn visit_counts(label: NodeRef<'_>) -> Option<(i64, i64)> {
    std::iter::once(label)
        .chain(label.ancestors().take(2).filter(|a| a.is_element()))
        .find_map(|e| parse_visits(&folded_text(e)))
}

/// The instructions, read from the row's last column only (category swatches and other
/// columns have tooltips too): the full text from its hidden tooltip; else its visible text when
/// that is not cut short.
fn instructions(marks: &Landmarks<'_>, row: NodeRef<'_>) -> Option<String> {
    let last_column = row.children_elements().last()?;
    if let Some(tooltip) = marks
        .tooltips
        .iter()
        .rev()
        .find(|t| last_column.contains(**t))
    {
        let full = tooltip
            .descendants()
            .find(|e| e.has_class("pre-wrap"))
            .unwrap_or(*tooltip);
        return multiline_text(&raw_text_with_breaks(full));
    }
    if marks.instructions_cut {
        return None;
    }
    marks
        .visible_texts
        .iter()
        .rev()
        .find(|t| last_column.contains(**t))
        .and_then(|e| multiline_text(&raw_text_with_breaks(*e)))
}

/// `PO #: C000020103` (also `PO#:`, `PO Number:`) -> the label's length.
fn po_label(text: &str) -> Option<&'static str> {
    ["PO #:", "PO#:", "PO Number:", "P.O. #:"]
        .into_iter()
        .find(|label| text.starts_with(label))
}

fn po_number(holder: NodeRef<'_>) -> Option<String> {
    let label = po_label(&folded_text(holder)).or_else(|| {
        let parent = holder.parent().filter(|p| p.is_element())?;
        po_label(&folded_text(parent))
    })?;
    labelled_value(holder, label)
}

/// The category names of one `div.wo-category-show`: each swatch's hidden tooltip text.
fn categories(block: NodeRef<'_>) -> Vec<String> {
    let names: Vec<String> = block
        .descendants()
        .filter(|e| e.has_class("ks-tooltip"))
        .filter_map(text_of)
        .collect();
    if names.is_empty() {
        // A swatch block without tooltips: its own text, when it has any.
        return text_of(block).into_iter().collect();
    }
    names
}

/// The contact block: the direct child `div`s of `div.contact-name` are its lines (blank ones
/// skipped), the name first. Without `div.contact-name`, the block's own lines.
fn contact(block: NodeRef<'_>) -> Option<Contact> {
    let lines: Vec<String> = match block.descendants().find(|e| e.has_class("contact-name")) {
        Some(names) => names
            .children_elements()
            .filter_map(|line| text_of(line))
            .collect(),
        None => block_lines(block, |_| false),
    };
    let mut lines = lines.into_iter();
    let name = lines.next()?;
    Some(Contact {
        name,
        lines: lines.collect(),
    })
}

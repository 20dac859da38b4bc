//! Location pages (`/app/customers/locations/<id>/`, see [`crate::workfossa::dispenser`]): the
//! `Equipment` tab's `Dispenser` group -> [`Dispenser`] records, pure.
//!
//! Equipment groups are found by their heading (`div.group-heading` holding a link titled
//! `Hide equipment` / `Show equipment` and the group's name in `span.bold`, the count `(8)`
//! beside it); a group's blocks are the `div.py-1.5` after its heading and before the next one.
//! In a block: the title is the bare text of `div.flex.align-start > div`, the serial the
//! `S/N:` line, `Make:` / `Model:` lines by their label, and `div.custom-fields-view`'s
//! label/value pairs. The answer is the dispensers, "no dispensers" (other groups only), or "not
//! found" (a deleted location's message); anything else is an error, never an empty list: an
//! application shell, a login page, a page without equipment groups, a `Dispenser` group whose
//! count does not match its blocks (e.g. collapsed), a block without a title.

use std::collections::BTreeMap;

use super::dom::{folded_text, next_element_sibling, parse_document, NodeRef, Step, Walk};
use super::{is_undrawn, login, ParseError};
use crate::workfossa::dispenser::{
    grade_by_name, Dispenser, LocationEquipment, LOCATION_NOT_FOUND_TEXT,
};

/// The group whose blocks are dispensers.
const DISPENSER_GROUP: &str = "Dispenser";

/// One equipment group: its name, its heading's count and its blocks.
struct Group<'a> {
    name: String,
    count: Option<usize>,
    blocks: Vec<NodeRef<'a>>,
}

/// The landmarks of a location page, found in one walk.
#[derive(Default)]
struct LocationLandmarks<'a> {
    groups: Vec<Group<'a>>,
    not_found: bool,
    login_form: bool,
    app_root: Option<NodeRef<'a>>,
    module_script: bool,
}

impl<'a> LocationLandmarks<'a> {
    fn find(root: NodeRef<'a>) -> Self {
        let mut marks = LocationLandmarks::default();
        let mut walk = Walk::new(root);
        while let Some(step) = walk.next() {
            let Step::Open(node) = step else { continue };
            if let Some(text) = node.as_text() {
                marks.not_found |= is_not_found_text(text);
                continue;
            }
            let Some(name) = node.name() else { continue };
            match name {
                _ if login::is_login_field(node) => marks.login_form = true,
                "script" => {
                    marks.module_script |= node.attr("type") == Some("module");
                    walk.skip_subtree();
                }
                "style" | "svg" | "template" => walk.skip_subtree(),
                _ if node.has_class("group-heading") => {
                    if let Some(group) = group_heading(node) {
                        marks.groups.push(group);
                    }
                    walk.skip_subtree();
                }
                _ if node.has_class("py-1.5") => {
                    if let Some(group) = marks.groups.last_mut() {
                        group.blocks.push(node);
                    }
                    walk.skip_subtree();
                }
                _ if node.attr("id") == Some("app") => {
                    marks.app_root.get_or_insert(node);
                }
                _ => {}
            }
        }
        marks
    }
}

/// Whether a text holds the deleted location's message (its first sentence, whitespace folded).
fn is_not_found_text(text: &str) -> bool {
    let first_sentence = LOCATION_NOT_FOUND_TEXT
        .split_inclusive('.')
        .next()
        .unwrap_or(LOCATION_NOT_FOUND_TEXT);
    text.contains("Could not find")
        && super::text::fold_whitespace(text).contains(first_sentence.trim_end_matches('.'))
}

/// A heading with its `Hide equipment` / `Show equipment` link, the name in `span.bold` and the
/// `(8)` count; `None` for a heading that is not an equipment group's.
fn group_heading(heading: NodeRef<'_>) -> Option<Group<'_>> {
    let link = heading.descendants().find(|n| {
        n.name() == Some("a")
            && n.attr("title").is_some_and(|t| {
                let t = t.trim();
                t.eq_ignore_ascii_case("Hide equipment") || t.eq_ignore_ascii_case("Show equipment")
            })
    })?;
    let name_node = link
        .descendants()
        .find(|n| n.name() == Some("span") && n.has_class("bold"))?;
    let name = folded_text(name_node);
    let count = link.children_texts().find_map(count_in_parens);
    Some(Group {
        name,
        count,
        blocks: Vec::new(),
    })
}

/// `(8)` -> 8.
fn count_in_parens(text: &str) -> Option<usize> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    inner.parse().ok()
}

/// The equipment of location `location_id` from its page (the whole page, the `#app` content or
/// just the equipment tab).
pub fn parse_location_equipment(
    html: &str,
    location_id: i64,
) -> Result<LocationEquipment, ParseError> {
    let doc = parse_document(html);
    let marks = LocationLandmarks::find(NodeRef::root(&doc));
    if marks.login_form {
        return Err(layout(
            "got the login page instead of the location page (session expired?)",
        ));
    }
    if marks.not_found && marks.groups.is_empty() {
        return Ok(LocationEquipment::LocationNotFound);
    }
    if marks.groups.is_empty() {
        if marks.module_script && marks.app_root.is_some_and(is_undrawn) {
            return Err(ParseError::ApplicationShell);
        }
        return Err(layout(
            "no equipment group (div.group-heading with a Hide/Show equipment link) and no \
             \"Could not find this location\" message",
        ));
    }
    let mut dispenser_groups = marks
        .groups
        .iter()
        .filter(|g| g.name.eq_ignore_ascii_case(DISPENSER_GROUP));
    let Some(group) = dispenser_groups.next() else {
        return Ok(LocationEquipment::NoDispensers);
    };
    if dispenser_groups.next().is_some() {
        return Err(layout("two Dispenser groups"));
    }
    if let Some(count) = group.count.filter(|c| *c != group.blocks.len()) {
        return Err(layout(&format!(
            "the Dispenser group says ({count}) but holds {} dispenser blocks (div.py-1.5); \
             collapsed or changed?",
            group.blocks.len()
        )));
    }
    group
        .blocks
        .iter()
        .enumerate()
        .map(|(index, block)| parse_block(*block, index, location_id))
        .collect::<Result<Vec<_>, _>>()
        .map(LocationEquipment::Dispensers)
}

fn layout(what: &str) -> ParseError {
    ParseError::LayoutNotRecognised(what.to_owned())
}

/// One `div.py-1.5` block of the Dispenser group.
fn parse_block(
    block: NodeRef<'_>,
    index: usize,
    location_id: i64,
) -> Result<Dispenser, ParseError> {
    let title = block_title(block).ok_or_else(|| {
        layout(&format!(
            "dispenser block {} has no title (the text of div.flex.align-start > div)",
            index + 1
        ))
    })?;
    let parts = TitleParts::split(&title);
    let labelled = |label: &str| labelled_line(block, label);
    let make = labelled("Make").or_else(|| parts.make.clone());
    let fields = custom_fields(block);
    let field = |label: &str| {
        fields
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(label))
            .map(|(_, v)| v.clone())
    };
    let grades_text = field("Grade").or_else(|| parts.grades.clone());
    let grades = grades_text
        .as_deref()
        .map(|text| {
            text.split(',')
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(grade_by_name)
                .collect()
        })
        .unwrap_or_default();
    let nozzles_per_side = field("Number of Nozzles (per side)").and_then(|n| n.parse().ok());
    Ok(Dispenser {
        location_id,
        number: parts.number,
        make,
        model: labelled("Model"),
        serial: serial(block),
        grades,
        stand_alone_code: field("Stand Alone Code"),
        nozzles_per_side,
        meter_type: field("Meter Type"),
        fields: fields.into_iter().collect::<BTreeMap<_, _>>(),
        title,
    })
}

/// `1/2 - Regular, Plus - Gilbarco` cut on ` - ` (grade names hold hyphens without spaces).
struct TitleParts {
    number: String,
    grades: Option<String>,
    make: Option<String>,
}

impl TitleParts {
    fn split(title: &str) -> Self {
        let parts: Vec<&str> = title.split(" - ").map(str::trim).collect();
        let number = parts.first().copied().unwrap_or(title).to_owned();
        let (grades, make) = match parts.as_slice() {
            [_, grades] => ((*grades).to_owned(), None),
            [_, middle @ .., make] if !middle.is_empty() => (middle.join(" - "), Some(*make)),
            _ => return Self::only(number),
        };
        TitleParts {
            number,
            grades: Some(grades).filter(|g| !g.is_empty()),
            make: make.map(str::to_owned).filter(|m| !m.is_empty()),
        }
    }

    fn only(number: String) -> Self {
        TitleParts {
            number,
            grades: None,
            make: None,
        }
    }
}

/// The bare text of the block's `div.flex.align-start > div` (links, tooltips and lines below
/// it left out), folded.
fn block_title(block: NodeRef<'_>) -> Option<String> {
    let flex = block
        .descendants()
        .find(|n| n.has_class("flex") && n.has_class("align-start"))?;
    let holder = flex.children_elements().next()?;
    let mut folder = super::dom::Folder::default();
    for text in holder.children_texts() {
        folder.push(text);
        folder.push(" ");
    }
    Some(folder.take()).filter(|t| !t.is_empty())
}

/// The value of a `<span class="muted">Make:</span> Gilbarco` line.
fn labelled_line(block: NodeRef<'_>, label: &str) -> Option<String> {
    block.descendants().find_map(|span| {
        if span.name() != Some("span") || !span.has_class("muted") {
            return None;
        }
        let shown = folded_text(span);
        let name = shown.trim_end_matches(':').trim();
        if !name.eq_ignore_ascii_case(label) {
            return None;
        }
        let line = folded_text(span.parent()?);
        let value = line.strip_prefix(shown.as_str())?.trim();
        Some(value.to_owned()).filter(|v| !v.is_empty())
    })
}

/// `S/N: EN00037196` -> `EN00037196`.
fn serial(block: NodeRef<'_>) -> Option<String> {
    block.descendants().find_map(|n| {
        if !n.is_element() || !n.has_class("muted") {
            return None;
        }
        let text = folded_text(n);
        let rest = text
            .strip_prefix("S/N:")
            .or_else(|| text.strip_prefix("S/N"))?;
        Some(rest.trim().to_owned()).filter(|s| !s.is_empty())
    })
}

/// `div.custom-fields-view`'s pairs: label (`div.muted.uppercase`) and the value in the element
/// after it; blank values left out.
fn custom_fields(block: NodeRef<'_>) -> Vec<(String, String)> {
    let Some(view) = block
        .descendants()
        .find(|n| n.has_class("custom-fields-view"))
    else {
        return Vec::new();
    };
    view.descendants()
        .filter(|n| n.has_class("muted") && n.has_class("uppercase"))
        .filter_map(|label| {
            let value = folded_text(next_element_sibling(label)?);
            let label = folded_text(label);
            (!label.is_empty() && !value.is_empty()).then_some((label, value))
        })
        .collect()
}

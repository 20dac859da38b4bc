//! The location page parser (dispensers) against the real site's captured `Dispenser` group
//! (`tests/fixtures/captured/location-dispensers.html`): every field of every record, the page
//! mutated the ways real markup varies, and the answers that are not dispensers (no Dispenser
//! group, a deleted location, an application shell, a page not recognised).

#![allow(clippy::unwrap_used)]

#[path = "support/mutate.rs"]
mod mutate;

use fossa_core::workfossa::dispenser::{Dispenser, LocationEquipment};
use fossa_core::workfossa::parser::dispensers::parse_location_equipment;
use fossa_core::workfossa::parser::ParseError;
use mutate::{divs_with_class, remove_first_div_with_class, reverse_attributes};
use serde_json::Value;

const CAPTURED: &str = include_str!("fixtures/captured/location-dispensers.html");
const EXPECTED: &str = include_str!("fixtures/captured/location-dispensers.expected.json");
const LOCATION: i64 = 32951;

fn dispensers(html: &str) -> Vec<Dispenser> {
    match parse_location_equipment(html, LOCATION) {
        Ok(LocationEquipment::Dispensers(list)) => list,
        other => panic!("expected dispensers, got {other:?}"),
    }
}

fn layout_error(html: &str) -> String {
    match parse_location_equipment(html, LOCATION) {
        Err(ParseError::LayoutNotRecognised(what)) => what,
        other => panic!("expected LayoutNotRecognised, got {other:?}"),
    }
}

/// Compares record by record, so a failure names the dispenser and field.
fn assert_records(actual: &[Dispenser], expected_json: &str) {
    let expected: Vec<Value> = serde_json::from_str(expected_json).unwrap();
    assert_eq!(actual.len(), expected.len(), "number of dispensers");
    for (actual, expected) in actual.iter().zip(&expected) {
        let actual = serde_json::to_value(actual).unwrap();
        let number = &expected["number"];
        for (field, value) in expected.as_object().unwrap() {
            assert_eq!(&actual[field], value, "{number}: field `{field}`");
        }
        assert_eq!(&actual, expected, "{number}: whole record");
    }
}

/// The captured group, mutated, still gives exactly its records.
fn assert_same_as_captured(mutated: &str) {
    assert_ne!(mutated, CAPTURED, "the mutation changed nothing");
    assert_records(&dispensers(mutated), EXPECTED);
}

#[test]
fn captured_group_gives_its_records() {
    let list = dispensers(CAPTURED);
    assert_records(&list, EXPECTED);
    // The block whose Model line is a `<!---->` placeholder.
    let without_model: Vec<&str> = list
        .iter()
        .filter(|d| d.model.is_none())
        .map(|d| d.number.as_str())
        .collect();
    assert_eq!(without_model, ["13/14"]);
}

#[test]
fn whitespace_does_not_matter() {
    let spread = CAPTURED
        .replace("> <", ">\n \t <")
        .replace("\n    ", "\n\t  \n        ")
        .replace(": ", ":   ");
    assert_same_as_captured(&spread);
    let tight = CAPTURED.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_same_as_captured(&tight);
}

#[test]
fn attribute_order_and_scoped_attributes_do_not_matter() {
    assert_same_as_captured(&reverse_attributes(CAPTURED));
    let scoped = CAPTURED
        .replace("<div ", "<div data-v-a381df7b=\"\" ")
        .replace("<span ", "<span data-v-a381df7b ");
    assert_same_as_captured(&scoped);
    let other_hash = scoped.replace("data-v-a381df7b", "data-v-0c9e44d2");
    assert_same_as_captured(&other_hash);
}

#[test]
fn extra_wrappers_and_a_whole_page_do_not_matter() {
    let wrapped = mutate::wrap_divs_with_class(CAPTURED, "py-1.5", "transition-item");
    assert_same_as_captured(&wrapped);
    let page = format!(
        "<!DOCTYPE html><html><head><title>Location | WorkFossa</title></head><body>\
         <div class=\"full-height\" id=\"app\"><nav><a href=\"/app/work/list\">Work</a></nav>\
         <div class=\"tabs\"><a class=\"tab active\">Equipment</a><a class=\"tab\">Contacts</a></div>\
         {CAPTURED}</div><script type=\"module\" src=\"/build/js/app.1.js\"></script></body></html>"
    );
    assert_same_as_captured(&page);
}

#[test]
fn a_block_without_model_line_gives_null() {
    let model_line = "<div><span class=\"muted uppercase\">Model:</span> NL3</div>";
    let first = CAPTURED.find(model_line).unwrap();
    let mut html = CAPTURED.to_owned();
    html.replace_range(first..first + model_line.len(), "<!---->");
    let list = dispensers(&html);
    assert_eq!(list[0].number, "1/2");
    assert_eq!(list[0].model, None);
    assert_eq!(list[0].make.as_deref(), Some("Gilbarco"));
    assert_eq!(list[1].model.as_deref(), Some("NL2"));
}

#[test]
fn grade_codes_are_read_as_names() {
    let names = "Regular, Plus, Diesel, Ethanol-Free Gasoline Plus, Super";
    let codes = "0126, 0135, 0119, 0140, 0128";
    let html = CAPTURED.replace(names, codes);
    let list = dispensers(&html);
    let expected: Vec<Value> = serde_json::from_str(EXPECTED).unwrap();
    for (dispenser, expected) in list.iter().zip(&expected) {
        let grades: Vec<String> = serde_json::from_value(expected["grades"].clone()).unwrap();
        assert_eq!(dispenser.grades, grades, "{}", dispenser.number);
        // The stand-alone code stays a code.
        assert_eq!(dispenser.stand_alone_code.as_deref(), Some("0128"));
    }
    // Fields and the title stay as shown.
    assert_eq!(list[0].fields["Grade"], codes);
    assert_eq!(list[0].title, format!("1/2 - {codes} - Gilbarco"));
    // Without the Grade field the grades come from the title.
    let no_grade_field = html.replace("\n        Grade\n", "\n        Octanes\n");
    let list = dispensers(&no_grade_field);
    assert_eq!(
        list[0].grades,
        [
            "Regular",
            "Plus",
            "Diesel",
            "Ethanol-Free Gasoline Plus",
            "Super"
        ]
    );
    assert_eq!(list[0].fields["Octanes"], codes);
}

#[test]
fn other_groups_only_is_no_dispensers() {
    let renamed = CAPTURED.replace(">Dispenser</span>", ">Tank Monitor</span>");
    assert_ne!(renamed, CAPTURED);
    assert_eq!(
        parse_location_equipment(&renamed, LOCATION),
        Ok(LocationEquipment::NoDispensers)
    );
    // Another group next to the Dispenser group: only the Dispenser group's blocks are taken.
    let both = format!("{CAPTURED}{renamed}");
    assert_records(&dispensers(&both), EXPECTED);
    let other_first = format!("{renamed}{CAPTURED}");
    assert_records(&dispensers(&other_first), EXPECTED);
}

#[test]
fn a_deleted_location_is_reported() {
    let page = "<html><body><div id=\"app\"><div class=\"empty-state\">\n  Could not find this \
                location.   It may have been deleted.\n</div></div></body></html>";
    assert_eq!(
        parse_location_equipment(page, LOCATION),
        Ok(LocationEquipment::LocationNotFound)
    );
}

#[test]
fn an_unrecognised_page_is_a_layout_error() {
    let without_heading = mutate::remove_divs_with_class(CAPTURED, "group-heading");
    assert!(layout_error(&without_heading).contains("no equipment group"));
    let unrelated = "<html><body><div id=\"app\"><h1>Dashboard</h1></div></body></html>";
    assert!(layout_error(unrelated).contains("no equipment group"));
    // A heading whose link is no longer titled as an equipment group's.
    let retitled = CAPTURED.replace("title=\"Hide equipment\"", "title=\"Hide\"");
    assert!(layout_error(&retitled).contains("no equipment group"));
    let login = "<html><body><form name=\"login\" method=\"post\" action=\"/login\">\
                 <input type=\"hidden\" name=\"_token\" value=\"t\"><input type=\"email\" \
                 name=\"email\"><input type=\"password\" name=\"password\"></form></body></html>";
    assert!(layout_error(login).contains("login page"));
}

#[test]
fn fewer_blocks_than_the_count_is_a_layout_error() {
    let one_less = remove_first_div_with_class(CAPTURED, "py-1.5");
    assert_eq!(divs_with_class(&one_less, "py-1.5").len(), 7);
    assert!(layout_error(&one_less).contains("says (8) but holds 7"));
    // Collapsed: the link reads "Show equipment" and no block is drawn.
    let collapsed = mutate::remove_divs_with_class(CAPTURED, "py-1.5")
        .replace("title=\"Hide equipment\"", "title=\"Show equipment\"");
    assert!(layout_error(&collapsed).contains("says (8) but holds 0"));
}

#[test]
fn a_block_without_title_is_a_layout_error() {
    let title =
        "\n    1/2 - Regular, Plus, Diesel, Ethanol-Free Gasoline Plus, Super - Gilbarco\n    ";
    let html = CAPTURED.replacen(title, "", 1);
    assert_ne!(html, CAPTURED);
    assert!(layout_error(&html).contains("dispenser block 1 has no title"));
}

#[test]
fn the_application_shell_is_recognised() {
    let shell = "<!DOCTYPE html><html><head><title>WorkFossa</title></head><body>\
                 <div class=\"full-height\" id=\"app\"><div class=\"loader-line\"></div></div>\
                 <script type=\"module\" src=\"/build/js/app.3f9c2a1b.js\"></script></body></html>";
    assert_eq!(
        parse_location_equipment(shell, LOCATION),
        Err(ParseError::ApplicationShell)
    );
}

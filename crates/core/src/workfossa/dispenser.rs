//! The dispenser record (the second job type), the fuel grade codes and the location page's URL,
//! as `shared/workfossa/SITE.md` ("Location pages (dispensers)") describes them.
//!
//! A work order's row links its location (`record::Location::id`, read from
//! `/app/customers/locations/<id>/`); that same URL, [`location_url`], is the location page whose
//! `Equipment` tab lists the dispensers. In the real app the tab is drawn by a script after a
//! loader, so a client may need the browser to read it. The page is read by
//! [`super::parser::dispensers::parse_location_equipment`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;

use super::record::WorkOrder;

/// One dispenser of a location's `Dispenser` equipment group. Absent values are `None`
/// (`null`); text is trimmed with runs of whitespace folded to one space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Dispenser {
    /// The location page's id (`/app/customers/locations/<id>/`).
    pub location_id: i64,
    /// The dispenser numbers, the title's first part: `1/2`.
    pub number: String,
    /// The block's title as shown: `1/2 - Regular, Plus, Diesel - Gilbarco`.
    pub title: String,
    /// The `Make:` line (else the title's last part).
    pub make: Option<String>,
    /// The `Model:` line; `None` when the block has none.
    pub model: Option<String>,
    /// `S/N: EN00037196` -> `EN00037196`.
    pub serial: Option<String>,
    /// Fuel grades by name, in the site's order; codes (`0126`) are turned into names.
    pub grades: Vec<String>,
    /// The `Stand Alone Code` field (a grade code, not a grade of this dispenser).
    pub stand_alone_code: Option<String>,
    /// The `Number of Nozzles (per side)` field.
    pub nozzles_per_side: Option<i64>,
    /// The `Meter Type` field (`Electronic`).
    pub meter_type: Option<String>,
    /// Every label/value pair of the block's fields as shown (label as in the markup, values
    /// not translated); a field with a blank value is left out.
    pub fields: BTreeMap<String, String>,
}

/// What a location page says about the location's dispensers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "dispensers", rename_all = "snake_case")]
pub enum LocationEquipment {
    /// The `Dispenser` group and its dispensers, in the page's order.
    Dispensers(Vec<Dispenser>),
    /// The equipment tab was recognised (other equipment groups) but it has no `Dispenser`
    /// group.
    NoDispensers,
    /// `Could not find this location. It may have been deleted.`: reported, never a reason to
    /// delete what is stored.
    LocationNotFound,
}

/// The message of the page of a deleted (or unknown) location.
pub const LOCATION_NOT_FOUND_TEXT: &str = "Could not find this location. It may have been deleted.";

/// Fuel grade codes some sites show instead of names, with the names they stand for.
pub const GRADE_CODES: [(&str, &str); 13] = [
    ("0118", "Diesel"),
    ("0119", "Diesel"),
    ("0120", "Diesel"),
    ("0126", "Regular"),
    ("0127", "Regular"),
    ("0128", "Super"),
    ("0129", "Premium"),
    ("0135", "Plus"),
    ("0136", "Premium"),
    ("0140", "Ethanol-Free Gasoline Plus"),
    ("0141", "E85"),
    ("0142", "E15"),
    ("0150", "DEF"),
];

/// The grade a code stands for (`0126` -> `Regular`; leading zeros optional); `None` for a
/// name or an unknown code.
pub fn grade_name(code: &str) -> Option<&'static str> {
    let code = code.trim();
    if code.is_empty() || code.len() > 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u32 = code.parse().ok()?;
    GRADE_CODES
        .iter()
        .find(|(known, _)| known.parse::<u32>().ok() == Some(value))
        .map(|(_, name)| *name)
}

/// A grade as shown, by name: a known code becomes its name, anything else stays as shown.
pub fn grade_by_name(shown: &str) -> String {
    grade_name(shown).map_or_else(|| shown.trim().to_owned(), str::to_owned)
}

/// The location page of location `location_id` on the site at `base`:
/// `<base>/app/customers/locations/<id>/`.
pub fn location_url(base: &Url, location_id: i64) -> Result<Url, url::ParseError> {
    base.join(&format!("/app/customers/locations/{location_id}/"))
}

/// The distinct location ids the work orders link to, ascending.
pub fn location_ids(orders: &[WorkOrder]) -> Vec<i64> {
    let mut ids: Vec<i64> = orders.iter().filter_map(|o| o.location.id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_codes_become_names() {
        assert_eq!(grade_name("0126"), Some("Regular"));
        assert_eq!(grade_name(" 0135 "), Some("Plus"));
        assert_eq!(grade_name("136"), Some("Premium"));
        assert_eq!(grade_name("0119"), Some("Diesel"));
        assert_eq!(grade_name("0140"), Some("Ethanol-Free Gasoline Plus"));
        assert_eq!(grade_name("0150"), Some("DEF"));
        assert_eq!(grade_name("Regular"), None);
        assert_eq!(grade_name("0999"), None);
        assert_eq!(grade_by_name("0128"), "Super");
        assert_eq!(grade_by_name(" Diesel "), "Diesel");
        assert_eq!(grade_by_name("0999"), "0999");
    }

    #[test]
    fn location_page_url() {
        let base = Url::parse("https://app.workfossa.com").unwrap();
        assert_eq!(
            location_url(&base, 46769).unwrap().as_str(),
            "https://app.workfossa.com/app/customers/locations/46769/"
        );
        let sim = Url::parse("http://127.0.0.1:4000/").unwrap();
        assert_eq!(
            location_url(&sim, 7).unwrap().as_str(),
            "http://127.0.0.1:4000/app/customers/locations/7/"
        );
    }
}

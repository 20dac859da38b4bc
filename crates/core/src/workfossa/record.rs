//! The work-order record this project keeps, exactly as `../shared/workfossa/SITE.md` describes it.
//!
//! Absent values are `None` (serialised as `null`), URLs are absolute, dates are ISO.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One WorkFossa work order as read from a row of the work-order list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkOrder {
    /// `W-129651`.
    pub id: String,
    /// `129651`.
    pub number: i64,
    pub url: String,
    pub status: String,
    pub reason: Option<String>,
    pub project: Option<String>,
    /// `PO #: C000020103`, when the row shows one.
    #[serde(default)]
    pub po_number: Option<String>,
    /// The category swatches' names (`Meter Calibration`), in the row's order; `[]` when none.
    #[serde(default)]
    pub categories: Vec<String>,
    /// The contact block, `None` when the row has none.
    #[serde(default)]
    pub contact: Option<Contact>,
    pub created_by: Option<String>,
    /// Local date-time without offset (`2025-04-08T09:41:00`).
    pub created_at: Option<NaiveDateTime>,
    pub customer: Customer,
    pub location: Location,
    pub address: Address,
    pub items: Vec<Item>,
    pub visits: Visits,
    pub next_visit: Option<NextVisit>,
    pub due_date: Option<NaiveDate>,
    pub instructions: Option<String>,
}

/// The row's contact block: the contact's name, then its other lines (company, account code,
/// payment terms), blank lines left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Contact {
    pub name: String,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Customer {
    pub name: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Location {
    pub id: Option<i64>,
    pub store_number: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Address {
    pub street: Option<String>,
    pub intersection: Option<String>,
    pub city_state_zip: Option<String>,
    pub county: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Item {
    pub group: Option<String>,
    pub quantity: Option<i64>,
    pub description: Option<String>,
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Visits {
    pub completed: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NextVisit {
    pub id: Option<i64>,
    pub date: Option<NaiveDate>,
    /// `anytime` or `8:00am - 12:00pm` (without the parentheses).
    pub window: Option<String>,
    pub url: Option<String>,
}

//! The work-order list page in the shape the real site's browser rendered
//! (`shared/workfossa/fixtures/captured/list.html`): the captured page's chrome (top bar with
//! the notifications modal and its own paginator first in the document, side nav, search
//! header, the export/update/note modals after the list), the list's paginator in
//! `div.paginator-wrapper`, then the header row and the rows (or the empty state).
//!
//! Records hold absolute URLs; rows carry them as relative hrefs (path and query), as the
//! real site does, so that parsing a rendered page against the same base gives the records back.

use std::fmt;

use fossa_core::workfossa::record::WorkOrder;
use url::Url;

use crate::pagination::{write_paginator, Paginator};
use crate::row::write_row;

/// The technicians' filter value: hide work orders whose visits are all completed.
pub const TECH_FILTER: &str = "none||No visits completed||Work Visits Completed";

/// Page sizes the `ks-select` drop-down offers.
pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];

/// From the document start to the `<body>` tag (as captured): the `<head>`.
pub(crate) const HEAD: &str = include_str!("html/head.html");
/// The opening of the application's root element, `#app`.
pub(crate) const APP_OPEN: &str = "<div class=\"full-height\" id=\"app\">";
/// Inside `#app`, to the opening of `div.paginator-wrapper` (as captured).
const TOP: &str = include_str!("html/top.html");
/// The list's container and its header row (`Work | Customer | Items | Visits`).
const LIST_HEADER: &str = include_str!("html/list_header.html");
/// After the rows: the closing of the list, the page's modals and footer (inside `#app`).
const BOTTOM: &str = include_str!("html/bottom.html");
/// The closing of `#app`, the page's preloads and script, the end of the document.
pub(crate) const TAIL: &str = include_str!("html/tail.html");

/// What one list page shows.
#[derive(Debug, Clone)]
pub struct ListPageParams<'a> {
    /// The rows of this page, in display order.
    pub rows: &'a [WorkOrder],
    /// 1-based page number.
    pub page: u32,
    /// Rows per page the site applied (shown as `Show N` in the page-size block).
    pub limit: u32,
    /// Rows over all pages (the length-aware paginator's `N matches`).
    pub total: usize,
    /// `order_direction` query value (which order button is active).
    pub order_direction: Option<&'a str>,
    /// The paginator's shape.
    pub paginator: Paginator,
    /// Render rows with other class names (a site deploy a parser must reject).
    pub changed_layout: bool,
}

impl<'a> ListPageParams<'a> {
    /// All `rows` on one page (limit 100, ascending, the simple paginator at its end).
    pub fn single_page(rows: &'a [WorkOrder]) -> Self {
        Self {
            rows,
            page: 1,
            limit: 100,
            total: rows.len(),
            order_direction: Some("asc"),
            paginator: Paginator::Simple,
            changed_layout: false,
        }
    }
}

/// One page of the work-order list.
pub fn render_list_page(params: &ListPageParams<'_>) -> String {
    let mut out =
        String::with_capacity(HEAD.len() + APP_OPEN.len() + inner_capacity(params) + TAIL.len());
    out.push_str(HEAD);
    out.push_str(APP_OPEN);
    // Writing into a String cannot fail.
    let _ = write_app_inner(&mut out, params);
    out.push_str(TAIL);
    out
}

/// The inner HTML of `#app` of one list page, exactly as [`render_list_page`] has it: what
/// the application mode's fragment endpoint answers and its script puts into `#app`.
pub fn render_list_fragment(params: &ListPageParams<'_>) -> String {
    let mut out = String::with_capacity(inner_capacity(params));
    // Writing into a String cannot fail.
    let _ = write_app_inner(&mut out, params);
    out
}

fn inner_capacity(params: &ListPageParams<'_>) -> usize {
    TOP.len() + LIST_HEADER.len() + BOTTOM.len() + 4_000 + params.rows.len() * 6_000
}

fn write_app_inner(out: &mut String, p: &ListPageParams<'_>) -> fmt::Result {
    out.push_str(TOP);
    write_paginator(out, p)?;
    out.push_str(LIST_HEADER);
    if p.rows.is_empty() {
        if !p.changed_layout {
            out.push_str("<div class=\"empty-state\">No work orders found</div>");
        }
    } else {
        for (i, order) in p.rows.iter().enumerate() {
            write_row(out, order, i, p.changed_layout)?;
        }
    }
    out.push_str(BOTTOM);
    Ok(())
}

/// The badge kind class (`work-status-<kind>`) of a status.
pub fn status_kind(status: &str) -> String {
    match status {
        "Work Created" => "open".to_string(),
        "Scheduled" => "scheduled".to_string(),
        "In Progress" | "Quality Approved" => "in-progress".to_string(),
        other => other
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-"),
    }
}

/// An absolute URL as the site writes it in an href: path and query only.
pub(crate) fn relative(url: &str) -> String {
    match Url::parse(url) {
        Ok(u) => match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        },
        Err(_) => url.to_string(),
    }
}

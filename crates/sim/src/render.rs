//! The work-order list page, rendered like the fixtures in `crates/core/tests/fixtures/`.
//!
//! Records hold absolute URLs; rows carry them as relative hrefs (path and query), as the
//! real site does, so that parsing a rendered page against the same base gives the records back.

use std::fmt::{self, Write};

use fossa_core::workfossa::record::WorkOrder;
use url::Url;

use crate::pages::{escape, page_head, PAGE_TAIL};
use crate::pagination::write_pagination;

/// The technicians' filter value: hide work orders whose visits are all completed.
pub const TECH_FILTER: &str = "none||No visits completed||Work Visits Completed";

/// Page sizes the `ks-select` drop-down offers.
pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];

/// What one list page shows.
#[derive(Debug, Clone)]
pub struct ListPageParams<'a> {
    /// The rows of this page, in display order.
    pub rows: &'a [WorkOrder],
    /// 1-based page number.
    pub page: u32,
    /// Rows per page the site applied (shown in the page-size block).
    pub limit: u32,
    /// Rows over all pages.
    pub total: usize,
    /// `work_visit_completion` query value, carried into the pagination links.
    pub visit_filter: Option<&'a str>,
    /// `order_direction` query value, carried into the pagination links.
    pub order_direction: Option<&'a str>,
    /// Render rows with other class names (a site deploy a parser must reject).
    pub changed_layout: bool,
}

impl<'a> ListPageParams<'a> {
    /// All `rows` on one page (limit 100, the technicians' filter, no next page).
    pub fn single_page(rows: &'a [WorkOrder]) -> Self {
        Self {
            rows,
            page: 1,
            limit: 100,
            total: rows.len(),
            visit_filter: Some(TECH_FILTER),
            order_direction: Some("asc"),
            changed_layout: false,
        }
    }
}

/// One page of the work-order list.
pub fn render_list_page(params: &ListPageParams<'_>) -> String {
    let mut out = String::with_capacity(2_500 + params.rows.len() * 2_600);
    // Writing into a String cannot fail.
    let _ = write_list_page(&mut out, params);
    out
}

fn write_list_page(out: &mut String, p: &ListPageParams<'_>) -> fmt::Result {
    out.push_str(&page_head("Work"));
    out.push_str(
        "<main class=\"content\"><h1 class=\"heading-label\"><ul class=\"breadcrumb\"><li>Work</li></ul></h1>\
         <form id=\"work-order-search-bar\"><input type=\"text\" name=\"search_term\" placeholder=\"Search\"></form>",
    );
    write!(
        out,
        "<div tabindex=\"0\" class=\"ks-select mb-0\"><input type=\"text\" name=\"limit\" tabindex=\"-1\" \
         class=\"select-input-field\" value=\"{0}\"><div class=\"ks-select-selection\">Show {0} \
         <span class=\"ks-select-arrow\"></span></div><div class=\"ks-select-dropdown\" style=\"display: none;\">\
         <div class=\"ks-select-list\"><ul class=\"autocomplete-list\">",
        p.limit
    )?;
    for size in PAGE_SIZES {
        let class = if size == p.limit { "selected-item" } else { "" };
        write!(out, "<li class=\"{class}\">Show {size}</li>")?;
    }
    out.push_str(
        "</ul></div></div></div><div class=\"row list-header text-xs muted uppercase\">\
         <div class=\"sm-6 med-3\">Work</div><div class=\"sm-6 med-4\">Customer</div>\
         <div class=\"sm-6 med-3\">Items</div><div class=\"sm-6 med-2\">Visits</div></div>",
    );
    if p.rows.is_empty() {
        if !p.changed_layout {
            out.push_str("<div class=\"empty-state\">No work orders found</div>");
        }
    } else {
        for (i, order) in p.rows.iter().enumerate() {
            write_row(out, order, i % 2 == 1, p.changed_layout)?;
        }
    }
    out.push_str(
        "<div class=\"modal\" style=\"display:none\"><h3>Export Work Order Items</h3><table><thead>\
         <tr><th>Item</th></tr></thead><tbody></tbody></table></div>",
    );
    write_pagination(out, p)?;
    out.push_str("</main>");
    out.push_str(PAGE_TAIL);
    Ok(())
}

fn write_row(out: &mut String, o: &WorkOrder, shaded: bool, changed: bool) -> fmt::Result {
    let n = o.number;
    let row_class = if changed {
        "work-row"
    } else {
        "work-list-item"
    };
    let shade = if shaded { " bg-gray-50" } else { "" };
    write!(
        out,
        "<div data-v-7f3a21c9 class=\"row py-2 {row_class} w-{n}{shade}\"><div class=\"sm-6 med-3 mb-2\">\
         <label class=\"ks-checkbox flex align-center\"><input type=\"checkbox\" value=\"{n}\"> \
         <span class=\"checkmark\"></span> <a href=\"{}\" class=\"bold\">{}</a></label>",
        escape(&relative(&o.url)),
        escape(&o.id)
    )?;
    let badge = if changed {
        "status-pill"
    } else {
        "work-status-badge"
    };
    write!(
        out,
        "<div class=\"{badge} mt-1\"><div class=\"inline-block text-xs py-0.5 px-2 outline work-status-{}\">{}</div></div>",
        status_kind(&o.status),
        escape(&o.status)
    )?;
    if let Some(reason) = &o.reason {
        write!(
            out,
            "<div class=\"text-sm mb-1\"><span class=\"muted\">Reason:</span> {}</div>",
            escape(reason)
        )?;
    }
    match &o.project {
        Some(project) => write!(
            out,
            "<div title=\"Project: {0}\" class=\"text-sm mb-1\"><span class=\"muted\">Project:</span> {0}</div>",
            escape(project)
        )?,
        None => out.push_str("<!---->"),
    }
    let creator = o.created_by.as_deref().map(escape).unwrap_or_default();
    let created = o
        .created_at
        .map(|c| c.format("%m/%d/%Y %I:%M%P").to_string())
        .unwrap_or_default();
    write!(
        out,
        "<div title=\"Created by: {creator}\" class=\"work-creator text-xs muted ellipsis mt-2.5\">{creator} &bull; {created}</div></div>"
    )?;
    write_customer(out, o)?;
    write_items_and_visits(out, o)?;
    write_instructions(out, o)?;
    out.push_str("</div>");
    Ok(())
}

fn write_customer(out: &mut String, o: &WorkOrder) -> fmt::Result {
    out.push_str(
        "<div class=\"sm-6 med-4 mb-2\"><div class=\"address flex align-start text-sm\">\
         <div class=\"icon mr-2\"><svg viewBox=\"0 0 8 8\"></svg></div><div>",
    );
    let name = o.customer.name.as_deref().map(escape).unwrap_or_default();
    let href = o.customer.url.as_deref().map(relative).unwrap_or_default();
    write!(
        out,
        "<div class=\"mb-1\"><a href=\"{}\">{name}</a></div>",
        escape(&href)
    )?;
    let loc = &o.location;
    let href = loc.url.as_deref().map(relative).unwrap_or_default();
    let store = loc.store_number.as_deref().map(escape).unwrap_or_default();
    write!(
        out,
        "<div class=\"mb-1\"><a href=\"{}\">{store}</a></div>",
        escape(&href)
    )?;
    let site = loc.site_name.as_deref().map(escape).unwrap_or_default();
    write!(out, "<div class=\"mb-1\">{site}</div>")?;
    let a = &o.address;
    let street = a.street.as_deref().map(escape).unwrap_or_default();
    write!(
        out,
        "<div class=\"address-info text-sm\"><div><div>{street}</div> "
    )?;
    for (i, line) in [&a.intersection, &a.city_state_zip, &a.county]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        match line {
            Some(text) => write!(out, "<div class=\"mt-1\">{}</div>", escape(text))?,
            None => out.push_str("<!---->"),
        }
    }
    write!(
        out,
        "</div></div><div class=\"contact-info-block mt-2 text-xs muted\"><div>Site Manager</div>\
         <div>{name}</div><div>Net 30</div></div></div></div></div>"
    )
}

fn write_items_and_visits(out: &mut String, o: &WorkOrder) -> fmt::Result {
    out.push_str(
        "<div class=\"sm-12 med-5\"><div class=\"row row-collapse\"><div class=\"sm-6 med-7\">",
    );
    let mut open_group: Option<Option<&str>> = None;
    for item in &o.items {
        let group = item.group.as_deref();
        if open_group != Some(group) {
            if open_group.is_some() {
                out.push_str("</div>");
            }
            write!(
                out,
                "<div class=\"text-xs mb-2\"><div>{}</div> ",
                escape(group.unwrap_or_default())
            )?;
            open_group = Some(group);
        }
        let quantity = item.quantity.map(|q| format!("{q} x ")).unwrap_or_default();
        let description = item.description.as_deref().map(escape).unwrap_or_default();
        let code = item
            .code
            .as_deref()
            .map(|c| format!(" <span class=\"muted\">({})</span>", escape(c)))
            .unwrap_or_default();
        write!(
            out,
            "<div class=\"flex align-center\"><div>{quantity}</div> <div class=\"ml-2\"><div>{description}{code}</div></div></div>"
        )?;
    }
    if open_group.is_some() {
        out.push_str("</div>");
    }
    let v = o.visits;
    let strike = if v.total > 0 && v.completed >= v.total {
        " class=\"strike-through\""
    } else {
        ""
    };
    write!(
        out,
        "</div><div class=\"sm-6 med-5\"><div title=\"{0} / {1}\" class=\"text-sm muted\"><span{strike}>{0} / {1} \
         <span class=\"text-xs uppercase\">visits</span></span></div>",
        v.completed, v.total
    )?;
    let due = |near: bool| {
        o.due_date.map(|d| {
            let class = if near { "text-orange" } else { "muted" };
            format!(
                "<div class=\"mt-1 text-sm uppercase {class}\">Due: {}</div>",
                d.format("%m/%d/%Y")
            )
        })
    };
    if let Some(next) = &o.next_visit {
        let href = next.url.as_deref().map(relative).unwrap_or_default();
        write!(
            out,
            "<div class=\"mt-2\"><a href=\"{}\" title=\"Next Visit\"><div class=\"text-xs muted uppercase\">Next Visit</div>",
            escape(&href)
        )?;
        if let Some(date) = next.date {
            write!(
                out,
                "<div class=\"mt-0.5\">{}</div>",
                date.format("%m/%d/%Y")
            )?;
        }
        if let Some(window) = &next.window {
            write!(out, "<div class=\"text-sm\">({})</div>", escape(window))?;
        }
        let near = match (next.date, o.due_date) {
            (Some(date), Some(due)) => due <= date + chrono::Days::new(14),
            _ => false,
        };
        out.push_str(&due(near).unwrap_or_default());
        out.push_str("</a></div>");
    } else if let Some(line) = due(false) {
        write!(out, "<div class=\"mt-2\">{line}</div>")?;
    }
    out.push_str("</div></div></div>");
    Ok(())
}

fn write_instructions(out: &mut String, o: &WorkOrder) -> fmt::Result {
    out.push_str("<div class=\"sm-12 med-10 text-sm mt-2\">");
    if let Some(text) = &o.instructions {
        // Like the real page, continuation lines may be indented; the parser trims them.
        let full: Vec<String> = text
            .lines()
            .enumerate()
            .map(|(i, line)| {
                let indent = if i == 1 { "  " } else { "" };
                format!("{indent}{}", escape(line))
            })
            .collect();
        let short: String = text
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c })
            .take(24)
            .collect();
        write!(
            out,
            "<div class=\"ks-tooltip tooltip-top\" style=\"display: none;\"><span class=\"pre-wrap\">{}</span></div>\
             <div><span class=\"text-sm pre-wrap\">{}</span> <a href=\"#\" class=\"ml-1 text-xs\">more...</a></div>",
            full.join("\n"),
            escape(short.trim_end())
        )?;
    }
    out.push_str("</div>");
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
fn relative(url: &str) -> String {
    match Url::parse(url) {
        Ok(u) => match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        },
        Err(_) => url.to_string(),
    }
}

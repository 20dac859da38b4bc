//! The list's paginator block inside `div.paginator-wrapper`, in the two shapes the real site
//! shows ([`Paginator`]), with the page-size drop-down and the order buttons; and
//! [`list_path`], the list's URL with its query parameters.
//!
//! Links are `href="#"` as on the real site (its script turns pages); the simulated site also
//! honours `?page=N&limit=L`.

use std::fmt::{self, Write};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use url::form_urlencoded;

use crate::render::{ListPageParams, PAGE_SIZES};

/// The shape of the list's paginator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paginator {
    /// `div.simple-pagination`: prev/next only, `disabled` at the ends, no count
    /// (`fixtures/captured/list.html`, what a real user's site gives).
    #[default]
    Simple,
    /// `div.length-aware-pagination`: prev/next always enabled, `a.page-link` items, the
    /// links hidden on a single page, and an `N matches` count.
    LengthAware,
}

impl Paginator {
    /// `simple` or `length-aware`.
    pub fn as_str(self) -> &'static str {
        match self {
            Paginator::Simple => "simple",
            Paginator::LengthAware => "length-aware",
        }
    }
}

impl fmt::Display for Paginator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Paginator {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "simple" => Ok(Paginator::Simple),
            "length-aware" => Ok(Paginator::LengthAware),
            other => Err(format!(
                "{other:?} is not a paginator (simple or length-aware)"
            )),
        }
    }
}

/// `/app/work/list?…` with the parameters in the real site's order.
pub fn list_path(
    visit_filter: Option<&str>,
    order_direction: Option<&str>,
    page: u32,
    limit: u32,
) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(filter) = visit_filter {
        query.append_pair("work_visit_completion", filter);
    }
    if let Some(direction) = order_direction {
        query.append_pair("order_direction", direction);
    }
    query.append_pair("page", &page.to_string());
    query.append_pair("limit", &limit.to_string());
    format!("/app/work/list?{}", query.finish())
}

const VIEW_SELECTION: &str = include_str!("html/view_selection.html");
const LIMIT_DROPDOWN: &str = include_str!("html/limit_dropdown.html");

/// Pages the list has at this page size (at least one, even when empty).
pub(crate) fn page_count(total: usize, limit: u32) -> u32 {
    let pages = total.div_ceil(limit.max(1) as usize).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// Everything inside `div.paginator-wrapper`.
pub(crate) fn write_paginator(out: &mut String, p: &ListPageParams<'_>) -> fmt::Result {
    let pages = page_count(p.total, p.limit);
    let page = p.page.max(1);
    let root = match p.paginator {
        Paginator::Simple => "simple-pagination",
        Paginator::LengthAware => "length-aware-pagination",
    };
    write!(
        out,
        "<div class=\"{root} flex align-center jc-between\">{VIEW_SELECTION} "
    )?;
    match p.paginator {
        Paginator::Simple => {
            out.push_str("<div class=\"pagination text-sm\"><ul><li>");
            write_arrow(out, "prev-page", "&lt;", page <= 1);
            out.push_str("</li> <li>");
            write_arrow(out, "next-page", "&gt;", page >= pages);
            out.push_str("</li></ul></div>");
        }
        Paginator::LengthAware => {
            let hidden = if pages <= 1 {
                " style=\"display: none;\""
            } else {
                ""
            };
            write!(out, "<div class=\"pagination text-sm\"{hidden}><ul><li>")?;
            write_arrow(out, "prev-page", "&lt;", false);
            out.push_str("</li> ");
            write_page_links(out, page, pages)?;
            out.push_str("<li>");
            write_arrow(out, "next-page", "&gt;", false);
            write!(
                out,
                "</li></ul></div><div class=\"text-right muted text-sm ks-padding-fix\">\n                    {} matches\n                </div>",
                p.total
            )?;
        }
    }
    write!(
        out,
        "</div> <div class=\"text-sm flex align-center\"><div class=\"ks-select mb-0\" tabindex=\"0\">\
         <input class=\"select-input-field\" name=\"limit\" tabindex=\"-1\" type=\"text\"/> \
         <div class=\"ks-select-selection\">\n                Show {}\n             <!-- --> \
         <span class=\"ks-select-arrow\"></span></div>{LIMIT_DROPDOWN}",
        p.limit
    )?;
    // As captured, the list marks the first size `selected-item` whatever is shown.
    for (i, size) in PAGE_SIZES.iter().enumerate() {
        let class = if i == 0 { "selected-item" } else { "" };
        write!(out, "<li class=\"{class}\">Show {size}</li>")?;
    }
    out.push_str(" <!-- --> <!-- --></ul></div></div></div> ");
    write_order_buttons(out, p.order_direction)?;
    out.push_str("</div></div></div></div> ");
    Ok(())
}

fn write_arrow(out: &mut String, class: &str, label: &str, disabled: bool) {
    let disabled = if disabled { " disabled" } else { "" };
    // Writing into a String cannot fail.
    let _ = write!(
        out,
        "<a class=\"{class}{disabled}\" href=\"#\">\n                            {label}\n                        </a>"
    );
}

/// `li > a.page-link` items: all pages when few, else the ends and the current page's
/// neighbourhood with `…` gaps. A page past the end marks none current.
fn write_page_links(out: &mut String, page: u32, pages: u32) -> fmt::Result {
    let shown = |n: u32| pages <= 9 || n <= 2 || n + 1 >= pages || n.abs_diff(page) <= 2;
    let mut gap = false;
    for n in 1..=pages {
        if !shown(n) {
            if !gap {
                out.push_str("<li><span class=\"page-gap muted\">…</span></li> ");
                gap = true;
            }
            continue;
        }
        gap = false;
        let current = if n == page { " current-page" } else { "" };
        write!(
            out,
            "<li><a class=\"page-link{current}\" href=\"#\">{n}</a></li> "
        )?;
    }
    Ok(())
}

fn write_order_buttons(out: &mut String, direction: Option<&str>) -> fmt::Result {
    let desc = direction.is_some_and(|d| d.eq_ignore_ascii_case("desc"));
    let (asc_state, desc_state) = if desc {
        ("", " ks-state-active")
    } else {
        (" ks-state-active", "")
    };
    out.push_str(
        "<div class=\"ks-radio-group ml-2 option-buttons\" style=\"white-space: nowrap;\"><!-- --> <div class=\"radio\">",
    );
    for (value, state, title, icon) in [
        ("asc", asc_state, "Ascending order", "arrow-down-a-z"),
        ("desc", desc_state, "Descending order", "arrow-down-z-a"),
    ] {
        write!(
            out,
            "<label class=\"ks-radio{state}\"><input name=\"order_direction\" type=\"radio\" value=\"{value}\"/> \
             <div class=\"ks-radio-input-wrapper\"><span class=\"radio-check\"></span></div> \
             <div class=\"ks-radio-label-wrapper\"><div title=\"{title}\"><svg aria-hidden=\"true\" \
             class=\"svg-inline--fa fa-{icon}\" data-icon=\"{icon}\" data-prefix=\"far\" focusable=\"false\" \
             role=\"img\" viewbox=\"0 0 576 512\" xmlns=\"http://www.w3.org/2000/svg\"></svg></div></div></label>"
        )?;
    }
    out.push_str("</div></div>");
    Ok(())
}

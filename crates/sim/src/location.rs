//! Location pages, `GET /app/customers/locations/<id>/`: the location's heading, its tabs and
//! the `Equipment` tab in the shape of the real site's captured `Dispenser` group
//! (`fixtures/captured/location-dispensers.html`), one group per equipment type, with odd
//! whitespace that a parser must fold.
//!
//! - A location some work order links to has a page; a location in
//!   [`crate::Faults::deleted_locations`] (or one no order links to) answers `200` with the real
//!   site's `Could not find this location. It may have been deleted.`;
//! - a location in [`crate::Faults::locations_without_dispensers`] has other groups only;
//! - in application mode the page is the application shell and the script fetches
//!   [`location_fragment_path`] (the `#app` content), `401` without a session.

use std::fmt::{self, Write};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use fossa_core::workfossa::dispenser::{Dispenser, LOCATION_NOT_FOUND_TEXT};

use crate::dispensers::{LocationView, OtherEquipment};
use crate::list::{html_response, Delivery};
use crate::pages::{escape, simple_page};
use crate::render::{APP_OPEN, HEAD, TAIL};
use crate::routes::{redirect, session_id};
use crate::state::SimState;

/// The fragment endpoint the application script fetches for location `id`.
pub fn location_fragment_path(location_id: i64) -> String {
    format!("/app/api/customers/locations/{location_id}/equipment")
}

/// The whole location page (HTTP mode).
pub(crate) fn render_location_page(view: &LocationView) -> String {
    let inner = render_location_fragment(view);
    let mut out = String::with_capacity(HEAD.len() + inner.len() + TAIL.len() + 64);
    out.push_str(HEAD);
    out.push_str(APP_OPEN);
    out.push_str(&inner);
    out.push_str(TAIL);
    out
}

/// The inner HTML of `#app` of a location page.
pub fn render_location_fragment(view: &LocationView) -> String {
    let mut out = String::with_capacity(4_000 + view.dispensers.len() * 3_500);
    // Writing into a String cannot fail.
    let _ = write_location(&mut out, view);
    out
}

fn write_location(out: &mut String, view: &LocationView) -> fmt::Result {
    let Some(store) = &view.store else {
        return write!(
            out,
            "<div class=\"px-4 py-8\"><div class=\"text-center muted\">\n    {}\n  </div></div>",
            escape(LOCATION_NOT_FOUND_TEXT)
        );
    };
    if view.unrecognised {
        // A redesigned page: the heading and tabs, the equipment as a plain table.
        write!(
            out,
            "<div class=\"location-page px-4\"><h1 class=\"heading-label\">{}</h1>\
             <div class=\"ks-tabs\"><a class=\"tab\" href=\"#\">Details</a> \
             <a class=\"tab router-link-active\" href=\"#\">Equipment</a> \
             <a class=\"tab\" href=\"#\">Work</a></div><table class=\"equipment-table\">\
             <thead><tr><th>Type</th><th>Equipment</th></tr></thead><tbody>",
            escape(store)
        )?;
        for dispenser in &view.dispensers {
            write!(
                out,
                "<tr><td>Dispenser</td><td>{}</td></tr>",
                escape(&dispenser.title)
            )?;
        }
        return out.write_str("</tbody></table></div>");
    }
    write!(
        out,
        "<div class=\"location-page px-4\"><h1 class=\"heading-label\">{}</h1>\
         <div class=\"ks-tabs\"><a class=\"tab\" href=\"#\">Details</a> \
         <a class=\"tab router-link-active\" href=\"#\">Equipment</a> \
         <a class=\"tab\" href=\"#\">Work</a></div><div class=\"equipment-tab\">",
        escape(store)
    )?;
    // Other groups before and after the Dispenser group (the Tank Gauge after it on odd ids), so
    // that a parser must keep each group's blocks apart.
    let (before, after): (Vec<_>, Vec<_>) = view
        .others
        .iter()
        .partition(|o| view.id % 2 == 0 || o.group == "Air/Water");
    for other in &before {
        write_other_group(out, view.id, other)?;
    }
    if !view.dispensers.is_empty() {
        write_heading(out, view.id, "Dispenser", view.dispensers.len())?;
        out.push_str(" <div class=\"\" style=\"opacity: 1;\">");
        for (index, dispenser) in view.dispensers.iter().enumerate() {
            write_block(out, index, dispenser)?;
        }
        out.push_str("</div></div>");
    }
    for other in &after {
        write_other_group(out, view.id, other)?;
    }
    out.push_str("</div></div>");
    Ok(())
}

/// Opens the group's `div.mt-4` and writes its heading (the caller closes the group).
fn write_heading(out: &mut String, id: i64, group: &str, count: usize) -> fmt::Result {
    write!(
        out,
        "<div class=\"mt-4\"><div class=\"group-heading flex align-baseline jc-between px-2 py-2\">\
         <div class=\"text-normal text-gray-600\"><a class=\"ml-1\" href=\"#\" title=\"Hide equipment\">\
         <span class=\"bold\" style=\"text-transform: capitalize;\">{group}</span> ({count})\n    \
         <svg class=\"rotate svg-inline--fa fa-chevron-up\" viewbox=\"0 0 512 512\"></svg></a></div> \
         <div class=\"right text-sm\"><a class=\"\" href=\"/app/customers/locations/{id}/equipment?location_id={id}&amp;equipment_type_id=3\">\n    \
         Add {group}\n    </a></div></div>",
        group = escape(group),
    )
}

fn write_other_group(out: &mut String, id: i64, other: &OtherEquipment) -> fmt::Result {
    write_heading(out, id, other.group, 1)?;
    out.push_str(" <div class=\"\" style=\"opacity: 1;\">");
    write!(
        out,
        "<div class=\"py-1.5\"><div class=\"px-2\"><div class=\"flex align-start\"><div>\n    {}\n    \
         <div class=\"text-tiny\"><div><span class=\"muted uppercase\">Make:</span> {}</div></div>\
         </div></div></div></div></div></div>",
        escape(other.title),
        escape(other.make)
    )
}

/// Odd whitespace, the same for the same block: what the real markup's indentation and a
/// careless editor leave.
fn gap(index: usize) -> &'static str {
    ["\n    ", " \t\n\n        ", "  ", "\n\t"][index % 4]
}

fn write_block(out: &mut String, index: usize, d: &Dispenser) -> fmt::Result {
    let shade = if index % 2 == 1 { " bg-gray-50" } else { "" };
    let g = gap(index);
    let title = escape(&d.title).replacen(" - ", &format!(" -{g}"), 1);
    write!(
        out,
        "<div class=\"py-1.5{shade}\"><div class=\"right\"><div class=\"ks-action-menu mx-2 my-1.5\">\
         <button class=\"menu-button\"><svg height=\"20\" viewbox=\"0 0 20 20\" width=\"20\"><title>menu</title></svg></button> \
         <div class=\"ks-menu-list\"><a class=\"p-2 list-item\" href=\"#\">\n        Edit\n    </a> \
         <a class=\"p-2 list-item\" href=\"#\">\n        Form History\n    </a> <!----></div></div></div> \
         <div class=\"px-2\"><div class=\"flex align-start\"><div>{g}{title}{g}\
         <a class=\"ml-2 text-xs hover:text-blue-800\" href=\"#\"><svg viewbox=\"0 0 512 512\"></svg> \
         <div class=\"ks-tooltip mx-2\" style=\"display: none;\"><!----> <div class=\"px-3 py-2\">\
         <div class=\"history-log-list\"><!----> <ul></ul></div></div></div></a> <!----> "
    )?;
    if let Some(serial) = &d.serial {
        write!(
            out,
            "<div class=\"muted text-tiny\">{g}S/N: {}{g}</div> ",
            escape(serial)
        )?;
    }
    out.push_str("<div class=\"text-tiny\">");
    if let Some(make) = &d.make {
        write!(
            out,
            "<div><span class=\"muted uppercase\">Make:</span>{g}{}</div> ",
            escape(make)
        )?;
    }
    match &d.model {
        Some(model) => write!(
            out,
            "<div><span class=\"muted uppercase\">Model:</span> {}</div>",
            escape(model)
        )?,
        None => out.push_str("<!---->"),
    }
    out.push_str("</div> <!----></div></div> <div class=\"custom-fields-view\"><div class=\"row row-collapse\">");
    for (label, value) in &d.fields {
        write!(
            out,
            "<div class=\"mt-2 sm-12 tab-6 lg-4\"><div class=\"muted uppercase text-xs\">{g}{}{g}</div> \
             <div class=\"text-xs mt-1\">{g}{}{g}</div></div>",
            escape(label),
            escape(value)
        )?;
    }
    out.push_str("</div></div></div></div>");
    Ok(())
}

/// `GET /app/customers/locations/<id>/`: the page, the application shell, or `302` to `/login`.
pub(crate) async fn location_page(
    State(state): State<SimState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let session = session_id(&headers);
    if !state.lock().is_authenticated(session.as_deref()) {
        return redirect(&state, "/login");
    }
    let Ok(id) = id.trim().parse::<i64>() else {
        return not_found();
    };
    if let Some(delay_ms) = state.spa_render_delay() {
        let shell = crate::spa::render_shell_for(delay_ms, &location_fragment_path(id));
        return html_response(shell, Delivery::Whole);
    }
    if !state.count_location_page(session.as_deref()) {
        return redirect(&state, "/login");
    }
    let view = state.location_view(id);
    html_response(render_location_page(&view), Delivery::Whole)
}

/// `GET /app/api/customers/locations/<id>/equipment`: the `#app` content, or `401`.
pub(crate) async fn location_fragment(
    State(state): State<SimState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let session = session_id(&headers);
    if !state.count_location_page(session.as_deref()) {
        return crate::spa::unauthenticated();
    }
    let Ok(id) = id.trim().parse::<i64>() else {
        return not_found();
    };
    let view = state.location_view(id);
    let mut response = html_response(render_location_fragment(&view), Delivery::Whole);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(simple_page("Not Found", "404 | Not Found")),
    )
        .into_response()
}

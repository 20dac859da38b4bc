//! One `div.work-list-item` row, written the way the real site's browser serialises it
//! (`fixtures/captured/list.html`): the same wrappers, classes, whitespace, `<!-- -->`
//! placeholders and `data-v-a381df7b` scoped attributes, with all text escaped.

use std::fmt::{self, Write};

use chrono::{Days, NaiveDate};
use fossa_core::workfossa::record::{Contact, WorkOrder};

use crate::escape::{attr, text};
use crate::render::{relative, status_kind};

/// The visible cut of the instructions keeps at most this many characters (whole words).
const INSTRUCTIONS_CUT: usize = 192;

const CHECKBOX: &str = "<label class=\"ks-checkbox mb-1 mr-2\"><input type=\"checkbox\" value=\"true\"/> \
<div class=\"ks-checkbox-input-wrapper\"><svg height=\"20\" style=\"display: none;\" viewbox=\"0 0 20 20\" \
width=\"20\" xmlns=\"http://www.w3.org/2000/svg\"></svg></div> <div class=\"ks-checkbox-label-wrapper\">";

const LOCATION_ICON: &str = "<div class=\"icon w-5 mr-2 text-center text-blue-800 tab-hide-down\">\
<svg aria-hidden=\"true\" class=\"svg-inline--fa fa-location-dot\" data-icon=\"location-dot\" data-prefix=\"fas\" \
focusable=\"false\" role=\"img\" viewbox=\"0 0 384 512\" xmlns=\"http://www.w3.org/2000/svg\"></svg></div>";

const CONTACT_ICON: &str = "<div class=\"icon w-5 mr-2 text-sm text-center text-blue-800 tab-hide-down\">\
<svg aria-hidden=\"true\" class=\"svg-inline--fa fa-user\" data-icon=\"user\" data-prefix=\"fas\" \
focusable=\"false\" role=\"img\" viewbox=\"0 0 448 512\" xmlns=\"http://www.w3.org/2000/svg\"></svg></div>";

const DONE_ICON: &str = "<svg aria-hidden=\"true\" class=\"ml-2 svg-inline--fa fa-circle-check\" \
data-icon=\"circle-check\" data-prefix=\"far\" focusable=\"false\" role=\"img\" viewbox=\"0 0 512 512\" \
xmlns=\"http://www.w3.org/2000/svg\"></svg>";

/// Writes row `index` of the page (even rows shaded, as captured). `changed` renders the
/// row with other class names: a site deploy the parser must reject.
pub(crate) fn write_row(
    out: &mut String,
    o: &WorkOrder,
    index: usize,
    changed: bool,
) -> fmt::Result {
    let shade = if index % 2 == 1 { "" } else { "bg-gray-50" };
    let row_class = if changed {
        "work-row"
    } else {
        "work-list-item"
    };
    write!(
        out,
        "<div class=\"{shade}\" data-v-a381df7b=\"\"><div class=\"row py-2 {row_class} w-{}\" data-v-a381df7b=\"\">",
        o.number
    )?;
    write_work_column(out, o, changed)?;
    write_customer_column(out, o)?;
    write_items_and_visits(out, o)?;
    write_instructions(out, o)?;
    out.push_str("</div></div>");
    Ok(())
}

fn write_work_column(out: &mut String, o: &WorkOrder, changed: bool) -> fmt::Result {
    write!(
        out,
        "<div class=\"sm-6 med-3 mb-2\"><div class=\"flex align-center wrap\">{CHECKBOX}<a class=\"\" href=\"{}\">\n                    {}\n                </a></div></label> <!-- --> <!-- --> ",
        attr(&relative(&o.url)),
        text(&o.id)
    )?;
    if o.categories.is_empty() {
        out.push_str("<!-- -->");
    } else {
        out.push_str("<div class=\"wo-category-show mb-1 mr-2\"><div class=\"flex\">");
        for name in &o.categories {
            write!(
                out,
                "<div class=\"w-4 h-1.5\" style=\"background: {};\"><div class=\"ks-tooltip show-arrow\" style=\"display: none;\"><div class=\"ks-tooltip-arrow\"></div> \n            {}\n        </div></div>",
                category_colour(name),
                text(name)
            )?;
        }
        out.push_str("</div> <!-- --> <!-- --></div>");
    }
    let badge = if changed {
        "status-pill"
    } else {
        "work-status-badge"
    };
    write!(
        out,
        "</div> <div class=\"{badge} mb-1 mt-0.5\" title=\"\"><div class=\"inline-block text-xs py-0.5 px-2 outline work-status-{}\">\n        {}\n    </div> </div> ",
        status_kind(&o.status),
        text(&o.status)
    )?;
    match &o.reason {
        Some(reason) => write!(
            out,
            "<div class=\"text-sm mb-1\"><span class=\"muted\">Reason:</span> {}\n        </div>",
            text(reason)
        )?,
        None => out.push_str("<!-- -->"),
    }
    out.push_str(" <div>");
    match &o.po_number {
        Some(po) => write!(
            out,
            "<div class=\"text-sm mb-1\"><span class=\"muted\">PO #:</span> {}\n            </div>",
            text(po)
        )?,
        None => out.push_str("<!-- -->"),
    }
    out.push(' ');
    match &o.project {
        Some(project) => write!(
            out,
            "<div class=\"text-sm mb-1\" title=\"Project: {}\"><span class=\"muted\">Project:</span> {}\n            </div>",
            attr(project),
            text(project)
        )?,
        None => out.push_str("<!-- -->"),
    }
    let creator = o.created_by.as_deref().unwrap_or_default();
    let created = o
        .created_at
        .map(|c| c.format("%m/%d/%Y %I:%M%P").to_string())
        .unwrap_or_default();
    write!(
        out,
        "</div> <div class=\"work-creator text-xs muted ellipsis mt-2.5\" title=\"Created by: {}  {created}\">{} • {created}</div> <!-- --></div>",
        attr(creator),
        text(creator)
    )
}

fn write_customer_column(out: &mut String, o: &WorkOrder) -> fmt::Result {
    let customer_href = o.customer.url.as_deref().map(relative).unwrap_or_default();
    let customer = o.customer.name.as_deref().unwrap_or_default();
    let loc = &o.location;
    let location_href = loc.url.as_deref().map(relative).unwrap_or_default();
    write!(
        out,
        " <div class=\"sm-6 med-4 mb-2\"><div class=\"address flex align-start text-sm\">{LOCATION_ICON} <div>\
         <div class=\"mb-1\"><a class=\"\" href=\"{}\">\n                    {}\n                </a></div> \
         <div class=\"mb-1\"><a class=\"\" href=\"{}\">\n                    {}\n                </a></div> \
         <div class=\"mb-1\">\n                {}\n            </div> ",
        attr(&customer_href),
        text(customer),
        attr(&location_href),
        text(loc.store_number.as_deref().unwrap_or_default()),
        text(loc.site_name.as_deref().unwrap_or_default()),
    )?;
    let a = &o.address;
    write!(
        out,
        "<div class=\"address-info text-sm\"><div><div>{}</div>",
        text(a.street.as_deref().unwrap_or_default())
    )?;
    for line in [&a.intersection, &a.city_state_zip, &a.county] {
        match line {
            Some(line) => write!(out, " <div class=\"mt-1\">{}</div>", text(line))?,
            None => out.push_str(" <!-- -->"),
        }
    }
    out.push_str(" <!-- --></div> <!-- --></div></div></div> ");
    match &o.contact {
        Some(contact) => write_contact(out, contact, o.number)?,
        None => out.push_str("<!-- -->"),
    }
    out.push_str("</div>");
    Ok(())
}

/// The contact block: the name, the first line plain, the others `muted-dark`; a missing
/// title slot is a `<!-- -->` (as captured) and some rows carry a blank line a parser skips.
fn write_contact(out: &mut String, contact: &Contact, number: i64) -> fmt::Result {
    write!(
        out,
        "<div class=\"contact-info-block mt-1.5 text-sm\"><div class=\"flex align-start\">{CONTACT_ICON} <div> \
         <div class=\"contact-name text-sm\"><!-- --> <div>{} <!-- --></div>",
        text(&contact.name)
    )?;
    for (i, line) in contact.lines.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"muted-dark\"" };
        write!(
            out,
            " <div{class}>\n                    {}\n                </div>",
            text(line)
        )?;
        if i == 0 && contact.lines.len() < 4 {
            out.push_str(" <!-- -->");
        }
    }
    if matches!(number % 5, 2 | 3) {
        out.push_str(" <div class=\"muted-dark\">\n                    \n                </div>");
    }
    out.push_str("</div></div></div> <!-- --></div>");
    Ok(())
}

fn write_items_and_visits(out: &mut String, o: &WorkOrder) -> fmt::Result {
    out.push_str(
        " <div class=\"sm-12 med-5\"><div class=\"row row-collapse\"><div class=\"sm-6 med-7\">",
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
                text(group.unwrap_or_default())
            )?;
            open_group = Some(group);
        }
        let quantity = item.quantity.map(|q| format!("{q} x ")).unwrap_or_default();
        let code = item
            .code
            .as_deref()
            .map(|c| format!(" <span class=\"muted\">({})</span>", text(c)))
            .unwrap_or_default();
        write!(
            out,
            "<div class=\"flex align-center\"><div>{quantity}</div> <div class=\"ml-2\"><div>{}{code}</div></div></div>",
            text(item.description.as_deref().unwrap_or_default())
        )?;
    }
    if open_group.is_some() {
        out.push_str("</div>");
    }
    let v = o.visits;
    let done = v.total > 0 && v.completed >= v.total;
    let (strike, icon) = if done {
        ("strike-through", DONE_ICON)
    } else {
        ("", "<!-- -->")
    };
    write!(
        out,
        " <!-- --> <!-- --></div> <div class=\"sm-6 med-5\"><div class=\"text-sm muted\" title=\"{0} / {1}\"><span class=\"{strike}\">\n            {0} / {1}\n            <span class=\"text-xs uppercase\">visits</span></span> {icon}</div> ",
        v.completed, v.total
    )?;
    // The completion date (not kept in the record), a due line without a visit, the visit.
    match (done, o.created_at) {
        (true, Some(created)) => write!(
            out,
            "<div class=\"mt-1 text-xs muted\">{}</div>",
            us_date(created.date() + Days::new(o.number.unsigned_abs() % 90 + 1))
        )?,
        _ => out.push_str("<!-- -->"),
    }
    match (&o.next_visit, o.due_date) {
        (None, Some(due)) => write!(out, " {}", due_line(due, false))?,
        _ => out.push_str(" <!-- -->"),
    }
    match &o.next_visit {
        Some(next) => {
            let href = next.url.as_deref().map(relative).unwrap_or_default();
            write!(
                out,
                " <div class=\"mt-2\"><a class=\"\" href=\"{}\" title=\"Next Visit\"><div class=\"text-xs muted uppercase\">Next Visit</div> ",
                attr(&href)
            )?;
            match next.date {
                Some(date) => write!(
                    out,
                    "<div class=\"mt-0.5\">\n                    {}\n                </div>",
                    us_date(date)
                )?,
                None => out.push_str("<!-- -->"),
            }
            match &next.window {
                Some(window) => write!(
                    out,
                    " <div class=\"text-sm\">\n                        ({})\n                    </div>",
                    text(window)
                )?,
                None => out.push_str(" <!-- -->"),
            }
            match o.due_date {
                Some(due) => {
                    // Orange when the due date lies well before the visit (late work).
                    let late = next.date.is_some_and(|d| due + Days::new(30) < d);
                    write!(out, " {}", due_line(due, late))?;
                }
                None => out.push_str(" <!-- -->"),
            }
            out.push_str("</a></div>");
        }
        None => out.push_str(" <!-- -->"),
    }
    out.push_str("</div></div></div>");
    Ok(())
}

fn due_line(due: NaiveDate, late: bool) -> String {
    let class = if late { "text-orange" } else { "muted" };
    format!(
        "<div class=\"mt-1 text-sm uppercase {class}\">\n                Due: {}\n            </div>",
        us_date(due)
    )
}

fn write_instructions(out: &mut String, o: &WorkOrder) -> fmt::Result {
    out.push_str(" <div class=\"sm-12 med-10 text-sm mt-2\">");
    match &o.instructions {
        Some(full) => {
            let cut = cut_short(full);
            let more = if cut.len() < full.len() {
                ""
            } else {
                " style=\"display: none;\""
            };
            write!(
                out,
                "<div class=\"ks-tooltip text-sm shadow-lg p-3\" style=\"z-index: 9; display: none;\"><span class=\"pre-wrap\">{}</span> \
                 <a class=\"block t-right text-xs\" href=\"#\">Close</a></div> <div><span class=\"text-sm pre-wrap\" \
                 style=\"overflow: hidden; text-overflow: ellipsis; white-space: pre-wrap;\">{}</span> \
                 <a class=\"ml-1 text-xs\" href=\"#\"{more}>more...</a></div>",
                text(full),
                text(cut)
            )?;
        }
        None => out.push_str("<!-- -->"),
    }
    out.push_str("</div>");
    Ok(())
}

/// The visible part of the instructions: whole words within [`INSTRUCTIONS_CUT`] characters.
fn cut_short(full: &str) -> &str {
    let Some((end, _)) = full.char_indices().nth(INSTRUCTIONS_CUT) else {
        return full;
    };
    let head = &full[..end];
    match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => head[..space].trim_end(),
        _ => head,
    }
}

fn us_date(date: NaiveDate) -> String {
    date.format("%m/%d/%Y").to_string()
}

/// The swatch colour of a category (the real site's for the two captured ones).
fn category_colour(name: &str) -> &'static str {
    match name {
        "Meter Calibration" => "rgb(128, 0, 255)",
        "Post Construction" => "rgb(255, 97, 0)",
        "Annual Inspection" => "rgb(0, 153, 76)",
        _ => "rgb(0, 112, 192)",
    }
}

//! The list page's pagination block (`a.prev-page`/`a.next-page`, summary) and its links.

use std::fmt::{self, Write};

use url::form_urlencoded;

use crate::pages::escape;
use crate::render::ListPageParams;

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

pub(crate) fn write_pagination(out: &mut String, p: &ListPageParams<'_>) -> fmt::Result {
    let limit = u64::from(p.limit.max(1));
    let first = u64::from(p.page.max(1) - 1) * limit + 1;
    let shown = p.rows.len() as u64;
    let last = first + shown.saturating_sub(1);
    let total = p.total as u64;
    out.push_str(
        "<div class=\"paginator-wrapper\"><div class=\"simple-pagination\"><div class=\"pagination text-sm\"><ul><li>",
    );
    if p.page > 1 {
        let href = list_path(p.visit_filter, p.order_direction, p.page - 1, p.limit);
        write!(
            out,
            "<a href=\"{}\" class=\"prev-page\">&lt;</a>",
            escape(&href)
        )?;
    } else {
        out.push_str("<a href=\"#\" class=\"prev-page disabled\">&lt;</a>");
    }
    out.push_str("</li> <li>");
    if shown > 0 && last < total {
        let href = list_path(p.visit_filter, p.order_direction, p.page + 1, p.limit);
        write!(
            out,
            "<a href=\"{}\" class=\"next-page\">&gt;</a>",
            escape(&href)
        )?;
    } else {
        out.push_str("<a href=\"#\" class=\"next-page disabled\">&gt;</a>");
    }
    out.push_str("</li></ul></div>");
    if shown > 0 {
        write!(
            out,
            "<div class=\"pagination-summary\">Showing {first} to {last} of {total}</div>"
        )?;
    }
    out.push_str("</div></div>");
    Ok(())
}

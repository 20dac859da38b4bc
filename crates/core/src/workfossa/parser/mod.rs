//! Pure page parser: WorkFossa HTML -> records, as `shared/workfossa/SITE.md` describes the pages.
//!
//! No I/O and no clock. Elements are found by the classes and structure that carry meaning
//! (`div.work-list-item`, `div.work-status-badge`, link targets, label words), so whitespace,
//! attribute order, `data-v-*` attributes, comments and extra wrappers do not matter. A page that
//! does not look like the list (no rows and no empty state, a login page, a row without its
//! number or status) is [`ParseError::LayoutNotRecognised`], never an empty list.

mod columns;
mod dom;
mod links;
mod login;
mod row;
mod text;

use url::Url;

use super::record::WorkOrder;
use dom::{parse_document, text_of, NodeRef, Step, Walk};

pub use login::{looks_like_login_page, parse_login_page};

/// What one page of the work-order list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    pub work_orders: Vec<WorkOrder>,
    pub pagination: Pagination,
}

/// The pagination block of a list page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pagination {
    /// The next page number when the `next-page` link is enabled.
    pub next_page: Option<u32>,
    /// Rows per page the site applied (`input[name=limit]`), when shown.
    pub page_size: Option<u32>,
    /// `Showing 101 to 200 of 234` -> (101, 200, 234), when present.
    pub summary: Option<(u64, u64, u64)>,
}

/// The login form as the client needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginPage {
    pub csrf_token: String,
    /// The error block's text, e.g. `These credentials do not match our records.`
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the WorkFossa page layout was not recognised ({0}); the site may have changed")]
    LayoutNotRecognised(String),
}

/// The landmarks of a list page, found in one walk of the document.
#[derive(Default)]
struct PageLandmarks<'a> {
    rows: Vec<NodeRef<'a>>,
    empty_state: bool,
    login_form: bool,
    next_page: Option<NodeRef<'a>>,
    limit: Option<NodeRef<'a>>,
    summary: Option<NodeRef<'a>>,
}

impl<'a> PageLandmarks<'a> {
    fn find(doc: &'a dom::Document) -> Self {
        let mut marks = PageLandmarks::default();
        let mut walk = Walk::new(NodeRef::root(doc));
        while let Some(step) = walk.next() {
            let Step::Open(node) = step else { continue };
            let Some(name) = node.name() else { continue };
            match name {
                _ if login::is_login_field(node) => marks.login_form = true,
                "input" if node.attr("name") == Some("limit") => {
                    marks.limit.get_or_insert(node);
                }
                "a" if node.has_class("next-page") => {
                    marks.next_page.get_or_insert(node);
                }
                "script" | "style" | "svg" | "template" => walk.skip_subtree(),
                _ if node.has_class("work-list-item") => {
                    marks.rows.push(node);
                    walk.skip_subtree();
                }
                _ if node.has_class("empty-state") => marks.empty_state = true,
                _ if node.has_class("pagination-summary") => {
                    marks.summary.get_or_insert(node);
                }
                _ => {}
            }
        }
        marks
    }
}

/// One page of `/app/work/list`: its work orders (URLs joined on `base`, the site root) and its
/// pagination.
pub fn parse_work_order_list(html: &str, base: &Url) -> Result<ListPage, ParseError> {
    let doc = parse_document(html);
    let marks = PageLandmarks::find(&doc);
    if marks.login_form {
        return Err(ParseError::LayoutNotRecognised(
            "got the login page instead of the work-order list (session expired?)".into(),
        ));
    }
    if marks.rows.is_empty() && !marks.empty_state {
        return Err(ParseError::LayoutNotRecognised(
            "no work-order rows (div.work-list-item) and no empty-state line (div.empty-state)"
                .into(),
        ));
    }
    let root = links::SiteRoot::new(base);
    let work_orders = marks
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| row::parse_row(*row, index, &root))
        .collect::<Result<Vec<_>, _>>()?;
    let pagination = pagination(&marks, base)?;
    Ok(ListPage {
        work_orders,
        pagination,
    })
}

fn pagination(marks: &PageLandmarks<'_>, base: &Url) -> Result<Pagination, ParseError> {
    let page_size = marks
        .limit
        .and_then(|input| input.attr("value"))
        .and_then(|v| v.trim().parse().ok());
    let summary = marks
        .summary
        .and_then(text_of)
        .and_then(|s| text::parse_summary(&s));
    let next_page = match marks.next_page {
        Some(link) if link.has_class("disabled") => None,
        Some(link) => Some(
            link.attr("href")
                .and_then(|href| base.join(href.trim()).ok())
                .and_then(|url| {
                    url.query_pairs()
                        .find(|(key, _)| key == "page")
                        .and_then(|(_, value)| value.trim().parse().ok())
                })
                .ok_or_else(|| {
                    ParseError::LayoutNotRecognised(
                        "the next-page link is enabled but gives no page number".into(),
                    )
                })?,
        ),
        None => {
            // Without the link, only a page known to be the last may end the list.
            let rows = marks.rows.len();
            let short_page = page_size.is_some_and(|size| rows < size as usize);
            let summary_at_end = summary.is_some_and(|(_, to, of)| to >= of);
            if rows > 0 && !short_page && !summary_at_end {
                return Err(ParseError::LayoutNotRecognised(
                    "no pagination link (a.next-page) below a full page of rows".into(),
                ));
            }
            None
        }
    };
    Ok(Pagination {
        next_page,
        page_size,
        summary,
    })
}

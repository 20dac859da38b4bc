//! Pure page parser: WorkFossa HTML -> records, as `shared/workfossa/SITE.md` describes the pages.
//!
//! No I/O and no clock. Elements are found by the classes and structure that carry meaning
//! (`div.work-list-item`, `div.work-status-badge`, link targets, label words), so whitespace,
//! attribute order, `data-v-*` attributes, comments and extra wrappers do not matter. A page that
//! does not look like the list (no rows and no empty state, a login page, a row without its
//! number or status) is [`ParseError::LayoutNotRecognised`], never an empty list.

mod columns;
pub mod dispensers;
mod dom;
mod links;
mod login;
mod pagination;
mod row;
mod text;

use url::Url;

use super::record::WorkOrder;
use dom::{parse_document, NodeRef, Step, Walk};

pub use login::{looks_like_login_page, parse_login_page};

/// What one page of the work-order list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    pub work_orders: Vec<WorkOrder>,
    pub pagination: Pagination,
}

/// The list paginator of a page (the one inside `div.paginator-wrapper`, never the
/// notifications modal's) and the page-size and count lines: the signals that end the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pagination {
    /// The list paginator's `a.next-page`.
    pub next: NextLink,
    /// The next page number, when the enabled link's `href` carries one (`?page=3`); the real
    /// site's links are `href="#"` and carry none.
    pub next_page: Option<u32>,
    /// Rows per page the site applied: `input[name=limit]`'s value, else the drop-down's
    /// `Show 100`.
    pub page_size: Option<u32>,
    /// Rows over all pages, when shown: `58 matches` (or `Showing 1 to 25 of 58`).
    pub total: Option<u64>,
}

/// The state of the list paginator's next-page link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NextLink {
    /// No list paginator, or none with a next-page link.
    #[default]
    Missing,
    /// `a.next-page.disabled`: this is the last page.
    Disabled,
    /// An enabled link (on `length-aware-pagination` even on the only page).
    Enabled,
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
    /// The page is an application shell (`#app` and a module script, neither rows nor the empty
    /// state): its rows are drawn by a script, so only a browser can read it.
    #[error("the WorkFossa list page is an application shell whose rows only a browser draws")]
    ApplicationShell,
}

/// The landmarks of a list page, found in one walk of the document.
#[derive(Default)]
struct PageLandmarks<'a> {
    rows: Vec<NodeRef<'a>>,
    empty_state: bool,
    login_form: bool,
    /// `#app`, the root an application draws into.
    app_root: Option<NodeRef<'a>>,
    /// `<script type="module">`: the application's code.
    module_script: bool,
    /// `div.paginator-wrapper`: the list's paginator.
    paginator: Option<NodeRef<'a>>,
    limit: Option<NodeRef<'a>>,
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
                "script" => {
                    marks.module_script |= node.attr("type") == Some("module");
                    walk.skip_subtree();
                }
                "style" | "svg" | "template" => walk.skip_subtree(),
                _ if node.has_class("work-list-item") => {
                    marks.rows.push(node);
                    walk.skip_subtree();
                }
                _ if node.has_class("empty-state") => marks.empty_state = true,
                _ if node.attr("id") == Some("app") => {
                    marks.app_root.get_or_insert(node);
                }
                _ if node.has_class("paginator-wrapper") => {
                    marks.paginator.get_or_insert(node);
                }
                _ => {}
            }
        }
        marks
    }
}

/// Whether an application's root holds (nearly) nothing yet: at most a loader, not a page whose
/// rows were renamed.
fn is_undrawn(root: NodeRef<'_>) -> bool {
    root.descendants()
        .filter(|n| n.is_element())
        .take(12)
        .count()
        < 12
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
        if marks.module_script && marks.app_root.is_some_and(is_undrawn) {
            return Err(ParseError::ApplicationShell);
        }
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
    let pagination = pagination(&marks, base);
    Ok(ListPage {
        work_orders,
        pagination,
    })
}

fn pagination(marks: &PageLandmarks<'_>, base: &Url) -> Pagination {
    let page_size = marks.limit.and_then(pagination::page_size);
    let Some(paginator) = marks.paginator else {
        return Pagination {
            page_size,
            ..Pagination::default()
        };
    };
    let next_link = paginator
        .descendants()
        .find(|e| e.name() == Some("a") && e.has_class("next-page"));
    let next = match next_link {
        None => NextLink::Missing,
        Some(link) if link.has_class("disabled") => NextLink::Disabled,
        Some(_) => NextLink::Enabled,
    };
    Pagination {
        next,
        next_page: next_link
            .filter(|_| next == NextLink::Enabled)
            .and_then(|link| pagination::page_in_href(link, base)),
        page_size,
        total: pagination::total(paginator),
    }
}

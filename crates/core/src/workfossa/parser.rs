//! Pure page parser: WorkFossa HTML -> records (placeholder; being written).

use super::record::WorkOrder;
use url::Url;

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

pub fn parse_work_order_list(_html: &str, _base: &Url) -> Result<ListPage, ParseError> {
    Err(ParseError::LayoutNotRecognised("parser not written yet".into()))
}

pub fn parse_login_page(_html: &str) -> Result<LoginPage, ParseError> {
    Err(ParseError::LayoutNotRecognised("parser not written yet".into()))
}

pub fn looks_like_login_page(_html: &str) -> bool {
    false
}

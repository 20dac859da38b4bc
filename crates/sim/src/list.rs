//! `GET /app/work/list`: filter, sort and paginate the orders (`?page=N&limit=L`; a page past
//! the end shows the empty state), apply the list-page faults (session expiry, empty list,
//! changed layout, ignored page size, dropped or slow body) and the paginator knob. In
//! application mode the page is only the shell ([`crate::spa`]); [`serve_list`] then serves
//! the same rows to the fragment endpoint.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};
use serde::Deserialize;

use fossa_core::workfossa::record::WorkOrder;

use crate::faults::Faults;
use crate::render::{render_list_page, ListPageParams, PAGE_SIZES};
use crate::routes::{redirect, session_id};
use crate::state::{is_open, SimState};

/// The list's query parameters, all optional and leniently parsed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    work_visit_completion: Option<String>,
    order_direction: Option<String>,
    limit: Option<String>,
    page: Option<String>,
}

/// How the body of a list page is sent.
pub(crate) enum Delivery {
    Whole,
    Drop,
    Slow(Duration),
}

/// `GET /app/work/list`: the page in HTTP mode, the application shell in application mode.
pub(crate) async fn work_list(
    State(state): State<SimState>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    let session = session_id(&headers);
    let shell = {
        let data = state.lock();
        if !data.is_authenticated(session.as_deref()) {
            drop(data);
            return redirect(&state, "/login");
        }
        data.spa.then_some(data.faults.spa_render_delay_ms)
    };
    if let Some(delay_ms) = shell {
        return html_response(crate::spa::render_app_shell(delay_ms), Delivery::Whole);
    }
    match serve_list(&state, session, &query) {
        Some(served) => {
            let html = render_list_page(&served.params(&query));
            html_response(html, served.delivery)
        }
        None => redirect(&state, "/login"),
    }
}

/// One list page served to a logged-in session: its rows and how to send it.
pub(crate) struct Served {
    rows: Vec<WorkOrder>,
    total: usize,
    page: u32,
    limit: u32,
    faults: Faults,
    pub(crate) delivery: Delivery,
}

impl Served {
    pub(crate) fn params<'a>(&'a self, query: &'a ListQuery) -> ListPageParams<'a> {
        ListPageParams {
            rows: &self.rows,
            page: self.page,
            limit: self.limit,
            total: self.total,
            order_direction: query.order_direction.as_deref(),
            paginator: self.faults.paginator,
            changed_layout: self.faults.changed_layout,
        }
    }
}

/// Filters, sorts and paginates for a logged-in `session` (`None` when it is not), applying
/// the list-page faults and counting the page (stats, the session's pages and its expiry).
pub(crate) fn serve_list(
    state: &SimState,
    session: Option<String>,
    query: &ListQuery,
) -> Option<Served> {
    let requested_limit = query
        .limit
        .as_deref()
        .and_then(|l| l.trim().parse::<u32>().ok())
        .filter(|l| PAGE_SIZES.contains(l))
        .unwrap_or(25);
    let requested_page = query
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let open_only = query
        .work_visit_completion
        .as_deref()
        .is_some_and(|f| f.starts_with("none"));
    let descending = query
        .order_direction
        .as_deref()
        .is_some_and(|d| d.eq_ignore_ascii_case("desc"));

    let mut guard = state.lock();
    let data = &mut *guard;
    let id = session.filter(|id| data.is_authenticated(Some(id)))?;
    let faults = data.faults.clone();
    let page = if faults.ignore_page {
        1
    } else {
        requested_page
    };
    let limit = if faults.ignore_page_size {
        25
    } else {
        requested_limit
    };
    let mut matching: Vec<_> = if faults.empty_list {
        Vec::new()
    } else {
        data.orders
            .values()
            .filter(|o| !open_only || is_open(o))
            .collect()
    };
    if descending {
        matching.reverse();
    }
    let total = matching.len();
    let start = (page as usize - 1).saturating_mul(limit as usize);
    let rows: Vec<_> = matching
        .into_iter()
        .skip(start)
        .take(limit as usize)
        .cloned()
        .collect();

    data.stats.list_pages_served += 1;
    if let Some(session) = data.sessions.get_mut(&id) {
        session.pages += 1;
        if faults
            .session_expires_every_pages
            .is_some_and(|n| session.pages >= n)
        {
            data.sessions.remove(&id);
        }
    }
    let delivery = if data.faults.drop_connection_next > 0 {
        data.faults.drop_connection_next -= 1;
        Delivery::Drop
    } else if let Some(ms) = faults.slow_body_ms {
        Delivery::Slow(Duration::from_millis(ms))
    } else {
        Delivery::Whole
    };
    Some(Served {
        rows,
        total,
        page,
        limit,
        faults,
        delivery,
    })
}

pub(crate) fn html_response(html: String, delivery: Delivery) -> Response {
    let body = match delivery {
        Delivery::Whole => Body::from(html),
        Delivery::Drop | Delivery::Slow(_) => {
            let (head, tail) = split_half(html);
            let first = stream::once(async move { Ok::<_, std::io::Error>(head) });
            let rest = stream::once(async move {
                match delivery {
                    Delivery::Slow(stall) => {
                        tokio::time::sleep(stall).await;
                        Ok(tail)
                    }
                    _ => {
                        // Let the first part reach the client, then break the connection.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Err(std::io::Error::new(
                            std::io::ErrorKind::ConnectionAborted,
                            "fossa-sim: connection dropped (fault)",
                        ))
                    }
                }
            });
            Body::from_stream(first.chain(rest))
        }
    };
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// The page cut in two at a character boundary near the middle.
fn split_half(html: String) -> (Bytes, Bytes) {
    let mut mid = html.len() / 2;
    while !html.is_char_boundary(mid) {
        mid -= 1;
    }
    let bytes = Bytes::from(html);
    (bytes.slice(..mid), bytes.slice(mid..))
}

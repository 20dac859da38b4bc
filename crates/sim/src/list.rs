//! `GET /app/work/list`: filter, sort and paginate the orders (`?page=N&limit=L`; a page past
//! the end shows the empty state), apply the list-page faults (session expiry, empty list,
//! changed layout, ignored page size, dropped or slow body) and the paginator knob.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, StreamExt};
use serde::Deserialize;

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
enum Delivery {
    Whole,
    Drop,
    Slow(Duration),
}

pub(crate) async fn work_list(
    State(state): State<SimState>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    let session = session_id(&headers);
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

    let prepared = {
        let mut guard = state.lock();
        let data = &mut *guard;
        let Some(id) = session.filter(|id| data.is_authenticated(Some(id))) else {
            drop(guard);
            return redirect(&state, "/login");
        };
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
        (rows, total, page, limit, faults, delivery)
    };
    let (rows, total, page, limit, faults, delivery) = prepared;
    let html = render_list_page(&ListPageParams {
        rows: &rows,
        page,
        limit,
        total,
        order_direction: query.order_direction.as_deref(),
        paginator: faults.paginator,
        changed_layout: faults.changed_layout,
    });
    html_response(html, delivery)
}

fn html_response(html: String, delivery: Delivery) -> Response {
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

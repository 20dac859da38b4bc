//! The site's routes: login flow, dashboard, and the router that ties everything together.
//!
//! Sessions live in a `workfossa_session` cookie; `/app/...` without a logged-in session
//! answers `302` to `/login`, as SITE.md describes.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use crate::faults::{self, too_many_requests};
use crate::pages::{
    render_dashboard, render_login_page, render_page_expired, simple_page, BAD_CREDENTIALS,
};
use crate::state::{is_open, SimState};
use crate::{control, list, location, spa};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "workfossa_session";

/// Failed logins allowed per client within [`THROTTLE_WINDOW`] before `429`.
pub const MAX_FAILED_LOGINS: usize = 5;

/// The login throttle's window.
pub const THROTTLE_WINDOW: Duration = Duration::from_secs(60);

/// The whole site: pages behind the fault middleware, `/_sim/...` control endpoints without.
pub(crate) fn router(state: SimState) -> Router {
    let site = Router::new()
        .route("/", get(root))
        .route("/login", get(login_form).post(login_submit))
        .route("/logout", get(logout).post(logout))
        .route("/app/dashboard", get(dashboard))
        .route("/app/dashboard/", get(dashboard))
        .route("/app/work/list", get(list::work_list))
        .route(spa::FRAGMENT_PATH, get(spa::work_list_fragment))
        .route(
            "/app/customers/locations/{id}",
            get(location::location_page),
        )
        .route(
            "/app/customers/locations/{id}/",
            get(location::location_page),
        )
        .route(
            "/app/api/customers/locations/{id}/equipment",
            get(location::location_fragment),
        )
        .route("/app/{*rest}", get(app_other))
        .layer(middleware::from_fn_with_state(state.clone(), faults::apply));
    site.merge(control::router())
        .merge(spa::assets_router())
        .with_state(state)
}

/// The session id from the request's cookies.
pub(crate) fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
}

/// `302` to a path of the site.
pub(crate) fn redirect(state: &SimState, path: &str) -> Response {
    let target = state
        .base_url()
        .join(path)
        .map(String::from)
        .unwrap_or_else(|_| path.to_string());
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(&target) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn with_session_cookie(mut response: Response, id: &str) -> Response {
    let cookie = format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

async fn root(State(state): State<SimState>, headers: HeaderMap) -> Response {
    let session = session_id(&headers);
    let logged_in = state.lock().is_authenticated(session.as_deref());
    redirect(
        &state,
        if logged_in {
            "/app/dashboard"
        } else {
            "/login"
        },
    )
}

async fn login_form(State(state): State<SimState>, headers: HeaderMap) -> Response {
    let cookie = session_id(&headers);
    let (id, token, error, new_cookie) = {
        let mut data = state.lock();
        let known = cookie.filter(|id| data.sessions.contains_key(id));
        let new_cookie = known.is_none();
        let id = match known {
            Some(id) => id,
            None => data.new_session(),
        };
        let token = crate::state::random_token(40);
        let mut error = false;
        if let Some(session) = data.sessions.get_mut(&id) {
            session.csrf = token.clone();
            error = std::mem::take(&mut session.login_error);
        }
        (id, token, error, new_cookie)
    };
    let page = render_login_page(&state.base_url(), &token, error.then_some(BAD_CREDENTIALS));
    let response = Html(page).into_response();
    if new_cookie {
        with_session_cookie(response, &id)
    } else {
        response
    }
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    #[serde(rename = "_token")]
    token: Option<String>,
    email: Option<String>,
    password: Option<String>,
}

enum LoginOutcome {
    BadToken,
    Throttled(u64),
    Rejected,
    Accepted(String),
}

async fn login_submit(
    State(state): State<SimState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let cookie = session_id(&headers);
    let outcome = {
        let mut guard = state.lock();
        let data = &mut *guard;
        let now = Instant::now();
        let session = cookie.as_deref().and_then(|id| data.sessions.get(id));
        let token_ok = match (session, form.token.as_deref()) {
            (Some(s), Some(token)) => !token.is_empty() && s.csrf == token,
            _ => false,
        };
        let failures = data.failed_logins.entry(peer.ip()).or_default();
        while failures
            .front()
            .is_some_and(|t| now.duration_since(*t) >= THROTTLE_WINDOW)
        {
            failures.pop_front();
        }
        let throttled_for = if failures.len() >= MAX_FAILED_LOGINS {
            failures.front().map(|first| {
                let left = THROTTLE_WINDOW.saturating_sub(now.duration_since(*first));
                left.as_secs().max(1)
            })
        } else {
            None
        };
        if !token_ok {
            LoginOutcome::BadToken
        } else if let Some(secs) = throttled_for {
            LoginOutcome::Throttled(secs)
        } else if data.faults.reject_credentials
            || form.email.as_deref() != Some(data.email.as_str())
            || form.password.as_deref() != Some(data.password.as_str())
        {
            failures.push_back(now);
            data.stats.logins_failed += 1;
            if let Some(s) = cookie.as_deref().and_then(|id| data.sessions.get_mut(id)) {
                s.login_error = true;
            }
            LoginOutcome::Rejected
        } else {
            failures.clear();
            data.stats.logins_ok += 1;
            // Laravel regenerates the session id on login.
            if let Some(old) = cookie.as_deref() {
                data.sessions.remove(old);
            }
            let id = data.new_session();
            if let Some(s) = data.sessions.get_mut(&id) {
                s.authenticated = true;
            }
            LoginOutcome::Accepted(id)
        }
    };
    match outcome {
        LoginOutcome::BadToken => (
            StatusCode::from_u16(419).unwrap_or(StatusCode::FORBIDDEN),
            Html(render_page_expired()),
        )
            .into_response(),
        LoginOutcome::Throttled(secs) => too_many_requests(secs),
        LoginOutcome::Rejected => redirect(&state, "/login"),
        LoginOutcome::Accepted(id) => with_session_cookie(redirect(&state, "/app/dashboard"), &id),
    }
}

async fn logout(State(state): State<SimState>, headers: HeaderMap) -> Response {
    if let Some(id) = session_id(&headers) {
        state.lock().sessions.remove(&id);
    }
    redirect(&state, "/login")
}

async fn dashboard(State(state): State<SimState>, headers: HeaderMap) -> Response {
    let session = session_id(&headers);
    let open = {
        let data = state.lock();
        if !data.is_authenticated(session.as_deref()) {
            None
        } else {
            Some(data.orders.values().filter(|o| is_open(o)).count())
        }
    };
    match open {
        Some(count) => Html(render_dashboard(count)).into_response(),
        None => redirect(&state, "/login"),
    }
}

async fn app_other(State(state): State<SimState>, headers: HeaderMap) -> Response {
    let session = session_id(&headers);
    if !state.lock().is_authenticated(session.as_deref()) {
        return redirect(&state, "/login");
    }
    (
        StatusCode::NOT_FOUND,
        Html(simple_page("Not Found", "404 | Not Found")),
    )
        .into_response()
}

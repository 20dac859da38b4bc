//! The WorkFossa HTTP client: cookies, timeouts, login with the CSRF token, session expiry noticed
//! and healed by one fresh login, and transient failures retried under the run's budget.

use super::parser::{self, ListPage};
use super::retry::{parse_retry_after, RetryBudget, RetryPolicy};
use crate::error::SyncError;
use reqwest::cookie::Jar;
use reqwest::{redirect, StatusCode};
use secrecy::ExposeSecret;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

pub use super::password::Password;

/// The default site address.
pub const DEFAULT_SITE_URL: &str = "https://app.workfossa.com";
/// The list filter technicians use: hide work orders whose visits are all completed.
const LIST_FILTER: &str =
    "work_visit_completion=none%7C%7CNo+visits+completed%7C%7CWork+Visits+Completed&order_direction=asc";

/// Everything the client needs to know.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub base_url: Url,
    pub email: String,
    pub password: Password,
    /// Pages fetched at once after the first (1 to 8).
    pub concurrency: usize,
    /// Rows per page asked for.
    pub page_size: u32,
    pub connect_timeout: Duration,
    /// Bounds each request; in the browser, each wait for a page to show its rows.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// The Chromium to read application pages with; `None`: `FOSSA_CHROMIUM`, else Debian's.
    pub chromium: Option<std::path::PathBuf>,
}

impl ClientConfig {
    pub fn new(base_url: Url, email: impl Into<String>, password: Password) -> Self {
        Self {
            base_url,
            email: email.into(),
            password,
            concurrency: 4,
            page_size: 100,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            chromium: None,
        }
    }
}

/// What a GET gave: a page, or a sign that the session is gone.
enum Answer {
    Html(String),
    LoginRequired,
}

pub struct WorkFossaClient {
    http: reqwest::Client,
    pub(super) config: ClientConfig,
    pub(super) budget: RetryBudget,
    /// Bumped at every successful login; a task re-logs in only if nobody did since it looked.
    session_generation: AtomicU64,
    relogin: tokio::sync::Mutex<()>,
    /// Set once the session has expired during this run: pages are then read one at a time.
    serial: AtomicBool,
    serial_lock: tokio::sync::Mutex<()>,
    /// Whether the site has answered at least once (a connect failure before that = offline).
    reached: AtomicBool,
}

impl WorkFossaClient {
    pub fn new(config: ClientConfig) -> Result<Self, SyncError> {
        Self::with_cookies(config, Arc::new(Jar::default()))
    }

    /// A client whose cookies (the login session) live in `jar`: clients made one after the
    /// other with the same jar continue one session.
    pub fn with_cookies(config: ClientConfig, jar: Arc<Jar>) -> Result<Self, SyncError> {
        let http = reqwest::Client::builder()
            .cookie_provider(jar)
            .gzip(true)
            .redirect(redirect::Policy::none())
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("FossaSync/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::Connection(format!("could not set up HTTP: {e}")))?;
        Ok(Self {
            http,
            budget: RetryBudget::new(config.retry.run_budget),
            config,
            session_generation: AtomicU64::new(0),
            relogin: tokio::sync::Mutex::new(()),
            serial: AtomicBool::new(false),
            serial_lock: tokio::sync::Mutex::new(()),
            reached: AtomicBool::new(false),
        })
    }

    /// The configuration the client was made with.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Tries made in total: one plus every retry.
    pub fn attempts(&self) -> i64 {
        1 + i64::from(self.budget.used())
    }

    fn url(&self, path_and_query: &str) -> Result<Url, SyncError> {
        self.config
            .base_url
            .join(path_and_query)
            .map_err(|e| SyncError::Connection(format!("bad site address: {e}")))
    }

    pub(super) fn list_url(&self, page: u32) -> Result<Url, SyncError> {
        list_url(&self.config, page)
    }

    /// Logs in: GET the form for its CSRF token, POST the credentials, read where it sends us.
    pub async fn login(&self) -> Result<(), SyncError> {
        let login_url = self.url("/login")?;
        let html = match self.get(&login_url).await? {
            Answer::Html(html) => html,
            // Already logged in: the site sent us on from /login.
            Answer::LoginRequired => {
                self.session_generation.fetch_add(1, Ordering::SeqCst);
                return Ok(());
            }
        };
        let form = parser::parse_login_page(&html)
            .map_err(|e| SyncError::LayoutNotRecognised(format!("login page: {e}")))?;
        let fields = [
            ("_token", form.csrf_token.as_str()),
            ("email", self.config.email.as_str()),
            ("password", self.config.password.expose_secret()),
            ("remember", "1"),
        ];
        let response = self
            .send_with_retry(|| self.http.post(login_url.clone()).form(&fields))
            .await?;
        let status = response.status();
        if status.is_redirection() {
            let target = location(&response, &login_url);
            if target.as_ref().is_some_and(is_login_url) {
                return Err(SyncError::CredentialsRejected);
            }
            self.session_generation.fetch_add(1, Ordering::SeqCst);
            return Ok(());
        }
        if status.is_success() {
            let body = self.body(response).await?;
            if parser::looks_like_login_page(&body) {
                return Err(SyncError::CredentialsRejected);
            }
            self.session_generation.fetch_add(1, Ordering::SeqCst);
            return Ok(());
        }
        Err(SyncError::UnexpectedStatus(
            status.as_u16(),
            "the login form".into(),
        ))
    }

    /// One page of the work-order list. Pages are read concurrently until the session first
    /// expires; from then on one at a time, so that after a fresh login the next request is this
    /// page's. An expired session is renewed once per page; a fresh session that is refused at
    /// once is [`SyncError::SessionLost`].
    pub async fn list_page(&self, page: u32) -> Result<ListPage, SyncError> {
        let url = self.list_url(page)?;
        if !self.serial.load(Ordering::SeqCst) {
            if let Answer::Html(html) = self.get(&url).await? {
                if !parser::looks_like_login_page(&html) {
                    return self.parse_list(html, page).await;
                }
            }
            self.serial.store(true, Ordering::SeqCst);
        }
        let _one_at_a_time = self.serial_lock.lock().await;
        let generation = self.session_generation.load(Ordering::SeqCst);
        if let Answer::Html(html) = self.get(&url).await? {
            if !parser::looks_like_login_page(&html) {
                return self.parse_list(html, page).await;
            }
        }
        self.relogin_if_still(generation).await?;
        match self.get(&url).await? {
            Answer::Html(html) if !parser::looks_like_login_page(&html) => {
                self.parse_list(html, page).await
            }
            _ => Err(SyncError::SessionLost),
        }
    }

    async fn parse_list(&self, html: String, page: u32) -> Result<ListPage, SyncError> {
        parse_list_page(html, self.config.base_url.clone(), page).await
    }

    async fn relogin_if_still(&self, generation: u64) -> Result<(), SyncError> {
        let _guard = self.relogin.lock().await;
        if self.session_generation.load(Ordering::SeqCst) != generation {
            return Ok(());
        }
        tracing::info!("WorkFossa session expired; logging in again");
        self.login().await
    }

    async fn get(&self, url: &Url) -> Result<Answer, SyncError> {
        loop {
            let response = self.send_with_retry(|| self.http.get(url.clone())).await?;
            let status = response.status();
            if status.is_redirection() {
                return match location(&response, url) {
                    Some(target) if is_login_url(&target) => Ok(Answer::LoginRequired),
                    Some(_) if url.path() == "/login" => Ok(Answer::LoginRequired),
                    _ => Err(SyncError::UnexpectedStatus(
                        status.as_u16(),
                        url.path().into(),
                    )),
                };
            }
            if !status.is_success() {
                return Err(SyncError::UnexpectedStatus(
                    status.as_u16(),
                    url.path().into(),
                ));
            }
            match self.body(response).await {
                Ok(html) => return Ok(Answer::Html(html)),
                Err(error) if error.class() == crate::error::ErrorClass::Transient => {
                    self.wait_before_retry(1, None, error).await?;
                }
                Err(error) => return Err(error),
            }
        }
    }

    async fn body(&self, response: reqwest::Response) -> Result<String, SyncError> {
        response.text().await.map_err(classify_transport)
    }

    /// Sends, retrying transient answers (5xx, 429, timeouts, resets) within the budget.
    async fn send_with_retry(
        &self,
        request: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, SyncError> {
        let mut attempt = 1;
        loop {
            let (error, retry_after) = match request().send().await {
                Ok(response) => {
                    self.reached.store(true, Ordering::SeqCst);
                    let status = response.status();
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        let wait = response
                            .headers()
                            .get(reqwest::header::RETRY_AFTER)
                            .and_then(|value| value.to_str().ok())
                            .and_then(parse_retry_after);
                        (SyncError::RateLimited, wait)
                    } else if status.is_server_error() {
                        (
                            SyncError::SiteUnavailable(format!("HTTP {}", status.as_u16())),
                            None,
                        )
                    } else {
                        return Ok(response);
                    }
                }
                Err(error) if error.is_connect() && !self.reached.load(Ordering::SeqCst) => {
                    return Err(SyncError::Offline(short_reason(&error)));
                }
                Err(error) => (classify_transport(error), None),
            };
            if error.class() != crate::error::ErrorClass::Transient
                || attempt >= self.config.retry.max_attempts_per_request
            {
                return Err(error);
            }
            self.wait_before_retry(attempt, retry_after, error).await?;
            attempt += 1;
        }
    }

    async fn wait_before_retry(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        error: SyncError,
    ) -> Result<(), SyncError> {
        if !self.budget.take() {
            return Err(error);
        }
        let delay = self
            .config
            .retry
            .delay(retry, retry_after, rand::random::<f64>());
        tracing::info!(%error, ?delay, "transient WorkFossa failure; retrying");
        tokio::time::sleep(delay).await;
        Ok(())
    }

    /// What location `location_id`'s page says about its dispensers, read like a list page:
    /// transient failures retried under the run's budget, an expired session renewed once (a
    /// fresh session refused at once is [`SyncError::SessionLost`]), a page that is not
    /// recognised [`SyncError::LayoutNotRecognised`], an application shell
    /// [`SyncError::NeedsBrowser`].
    pub async fn location_page(
        &self,
        location_id: i64,
    ) -> Result<super::dispenser::LocationEquipment, SyncError> {
        let url = super::dispenser::location_url(&self.config.base_url, location_id)
            .map_err(|e| SyncError::Connection(format!("bad site address: {e}")))?;
        let generation = self.session_generation.load(Ordering::SeqCst);
        let html = match self.get(&url).await? {
            Answer::Html(html) if !parser::looks_like_login_page(&html) => html,
            _ => {
                self.relogin_if_still(generation).await?;
                match self.get(&url).await? {
                    Answer::Html(html) if !parser::looks_like_login_page(&html) => html,
                    _ => return Err(SyncError::SessionLost),
                }
            }
        };
        tokio::task::spawn_blocking(move || {
            parser::dispensers::parse_location_equipment(&html, location_id)
        })
        .await
        .map_err(|e| {
            SyncError::LayoutNotRecognised(format!("location {location_id}: parser failed: {e}"))
        })?
        .map_err(|e| match e {
            parser::ParseError::ApplicationShell => SyncError::NeedsBrowser,
            parser::ParseError::LayoutNotRecognised(reason) => {
                SyncError::LayoutNotRecognised(format!("location {location_id} page: {reason}"))
            }
        })
    }
}

/// The list's address for `page`: the technicians' filter, `page=N` and the page size asked for.
pub(super) fn list_url(config: &ClientConfig, page: u32) -> Result<Url, SyncError> {
    config
        .base_url
        .join(&format!(
            "/app/work/list?{LIST_FILTER}&page={page}&limit={}",
            config.page_size
        ))
        .map_err(|e| SyncError::Connection(format!("bad site address: {e}")))
}

/// Parses a list page on tokio's blocking pool: a 100-row page takes a few milliseconds of CPU,
/// which would otherwise hold up the worker that drives the other pages' requests. A page that is
/// an application shell (rows drawn by a script) is [`SyncError::NeedsBrowser`].
pub(super) async fn parse_list_page(
    html: String,
    base: Url,
    page: u32,
) -> Result<ListPage, SyncError> {
    tokio::task::spawn_blocking(move || parser::parse_work_order_list(&html, &base))
        .await
        .map_err(|e| {
            SyncError::LayoutNotRecognised(format!("work list page {page}: parser failed: {e}"))
        })?
        .map_err(|e| match e {
            parser::ParseError::ApplicationShell => SyncError::NeedsBrowser,
            e => SyncError::LayoutNotRecognised(format!("work list page {page}: {e}")),
        })
}

fn location(response: &reqwest::Response, base: &Url) -> Option<Url> {
    let value = response.headers().get(reqwest::header::LOCATION)?;
    base.join(value.to_str().ok()?).ok()
}

fn is_login_url(url: &Url) -> bool {
    url.path().trim_end_matches('/') == "/login"
}

fn short_reason(error: &reqwest::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = Some(error);
    let mut last = error.to_string();
    while let Some(inner) = source {
        last = inner.to_string();
        source = inner.source();
    }
    last
}

/// Transport failures: a timeout, or a connection that broke.
fn classify_transport(error: reqwest::Error) -> SyncError {
    if error.is_timeout() {
        SyncError::Timeout(short_reason(&error))
    } else {
        SyncError::Connection(short_reason(&error))
    }
}

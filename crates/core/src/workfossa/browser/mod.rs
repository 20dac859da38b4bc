//! Reading WorkFossa through a real browser, for sites whose `/app/` pages are an application
//! (the plain HTTP answer is a shell without rows): the same login, list, end rules and parser
//! as the HTTP path, with Debian's headless Chromium in between. The browser lives only for
//! the length of one sync. [`locations::BrowserLocationPages`] reads location pages (their
//! script-drawn Equipment tab) the same way, one at a time through one browser.

mod launch;
pub mod locations;
mod session;

pub use launch::{find_chromium, Leftovers, PROFILE_PREFIX};
pub use locations::BrowserLocationPages;
pub use session::{BrowserSession, Shown};

use super::client::{list_url, parse_list_page, ClientConfig};
use super::fetch::FetchProgress;
use super::list_end::ListReader;
use super::record::WorkOrder;
use crate::error::SyncError;
use crate::events::Phase;
use secrecy::ExposeSecret;

/// Every work order on the list, read through a browser started for this call and closed
/// before it returns (on success and on failure).
pub async fn fetch_all_with_browser(
    config: &ClientConfig,
    phase: &(dyn Fn(Phase) + Send + Sync),
    progress: FetchProgress<'_>,
) -> Result<Vec<WorkOrder>, SyncError> {
    phase(Phase::StartingBrowser);
    let session = BrowserSession::start(config.chromium.as_deref(), config.request_timeout).await?;
    let result = read_list(&session, config, phase, progress).await;
    session.close().await;
    result
}

async fn read_list(
    session: &BrowserSession,
    config: &ClientConfig,
    phase: &(dyn Fn(Phase) + Send + Sync),
    progress: FetchProgress<'_>,
) -> Result<Vec<WorkOrder>, SyncError> {
    phase(Phase::LoggingIn);
    let login_url = config
        .base_url
        .join("/login")
        .map_err(|e| SyncError::Connection(format!("bad site address: {e}")))?;
    let login = || session.login(&login_url, &config.email, config.password.expose_secret());
    login().await?;
    phase(Phase::Fetching);

    let mut reader = ListReader::default();
    let mut page = 1;
    let mut shown = session.open(&list_url(config, page)?).await?;
    loop {
        if shown == Shown::Unchanged {
            // The next link does nothing here: open the page by its number.
            shown = session.open(&list_url(config, page)?).await?;
        }
        if shown == Shown::Login {
            // The session expired: log in again once, then open this page by its number.
            tracing::info!(
                page,
                "WorkFossa session expired in the browser; logging in again"
            );
            login().await?;
            if session.open(&list_url(config, page)?).await? == Shown::Login {
                return Err(SyncError::SessionLost);
            }
        }
        let html = session.html().await?;
        let list = parse_list_page(html, config.base_url.clone(), page).await?;
        let end = reader.add(page, list)?;
        progress(page, reader.pages_needed(), reader.rows());
        if end.is_some() {
            return reader.finish();
        }
        page += 1;
        if page > 10_000 {
            return Err(SyncError::SiteUnavailable(
                "the list did not end after 10,000 pages".into(),
            ));
        }
        shown = session.next_page().await?.ok_or_else(|| {
            SyncError::LayoutNotRecognised(format!(
                "page {} of the list has no enabled next-page link to click",
                page - 1
            ))
        })?;
    }
}

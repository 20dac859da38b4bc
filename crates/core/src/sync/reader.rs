//! Which way a sync reads WorkFossa's pages: plain HTTP (the fast path) or a headless browser
//! (for sites whose `/app/` pages are an application). The setting `page_reader` is `auto`
//! (default), `http` or `browser`; in `auto` the sync starts with what the site needed last time
//! (remembered in `page_reader_detected`), switches to the browser when the list answers with an
//! application shell, and forgets what it remembered after a failure, so the next sync checks
//! again.

use crate::error::SyncError;
use crate::events::Phase;
use crate::store::Store;
use crate::workfossa::browser::fetch_all_with_browser;
use crate::workfossa::fetch::FetchProgress;
use crate::workfossa::{WorkFossaClient, WorkOrder};
use tokio_util::sync::CancellationToken;

// Kept at their old paths; defined with the other settings.
pub use crate::settings::keys::{PAGE_READER_DETECTED_SETTING, PAGE_READER_SETTING};
pub use crate::settings::PageReader;

/// The reader a sync starts with: the setting, or in `auto` what the site needed last time.
pub fn first_reader(setting: PageReader, remembered: Option<PageReader>) -> PageReader {
    match setting {
        PageReader::Auto => match remembered {
            Some(PageReader::Browser) => PageReader::Browser,
            _ => PageReader::Http,
        },
        fixed => fixed,
    }
}

/// Reads the whole list the way the settings say; in `auto`, falls back to the browser on an
/// application shell and keeps what the site needed for next time.
pub async fn read_work_orders(
    client: &WorkFossaClient,
    store: &Store,
    phase: &(dyn Fn(Phase) + Send + Sync),
    progress: FetchProgress<'_>,
    cancel: &CancellationToken,
) -> Result<Vec<WorkOrder>, SyncError> {
    let setting = store.page_reader().await.map_err(store_error)?;
    let remembered = store.page_reader_detected().await.map_err(store_error)?;
    let first = first_reader(setting, remembered);
    let browser = || async {
        tokio::select! {
            _ = cancel.cancelled() => Err(SyncError::Cancelled),
            result = fetch_all_with_browser(client.config(), phase, progress) => result,
        }
    };
    let result = match first {
        PageReader::Browser => browser().await,
        _ => {
            phase(Phase::LoggingIn);
            match client.fetch_all(progress, cancel).await {
                Err(SyncError::NeedsBrowser) if setting == PageReader::Auto => {
                    tracing::info!(
                        "WorkFossa served an application shell; reading it with a browser"
                    );
                    let result = browser().await;
                    if result.is_ok() {
                        remember(store, Some(PageReader::Browser)).await?;
                    }
                    return forget_on_failure(store, setting, result).await;
                }
                result => result,
            }
        }
    };
    if setting == PageReader::Auto && result.is_ok() && remembered != Some(first) {
        remember(store, Some(first)).await?;
    }
    forget_on_failure(store, setting, result).await
}

/// In `auto`, a failed sync forgets what the site needed: the next one checks again.
async fn forget_on_failure(
    store: &Store,
    setting: PageReader,
    result: Result<Vec<WorkOrder>, SyncError>,
) -> Result<Vec<WorkOrder>, SyncError> {
    if setting == PageReader::Auto && result.is_err() {
        remember(store, None).await?;
    }
    result
}

async fn remember(store: &Store, reader: Option<PageReader>) -> Result<(), SyncError> {
    store
        .remember_page_reader(reader)
        .await
        .map_err(store_error)
}

fn store_error(error: crate::error::EngineError) -> SyncError {
    SyncError::Store(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_reader() {
        use PageReader::*;
        assert_eq!(first_reader(Auto, None), Http);
        assert_eq!(first_reader(Auto, Some(Http)), Http);
        assert_eq!(first_reader(Auto, Some(Browser)), Browser);
        assert_eq!(first_reader(Http, Some(Browser)), Http);
        assert_eq!(first_reader(Browser, None), Browser);
    }
}

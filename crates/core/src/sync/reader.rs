//! Which way a sync reads WorkFossa's pages: plain HTTP (the fast path) or a headless browser
//! (for sites whose `/app/` pages are an application). The setting `page_reader` is `auto`
//! (default), `http` or `browser`; in `auto` the sync starts with what the site needed last time
//! (remembered in `page_reader_detected`), switches to the browser when the list answers with an
//! application shell, and forgets what it remembered after a failure, so the next sync checks
//! again.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::SyncError;
use crate::events::Phase;
use crate::store::Store;
use crate::workfossa::browser::fetch_all_with_browser;
use crate::workfossa::fetch::FetchProgress;
use crate::workfossa::{WorkFossaClient, WorkOrder};
use tokio_util::sync::CancellationToken;

/// The setting that chooses the page reader.
pub const PAGE_READER_SETTING: &str = "page_reader";
/// What `auto` found the site needs (`http` or `browser`), kept between syncs.
pub const PAGE_READER_DETECTED_SETTING: &str = "page_reader_detected";

/// How the pages are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PageReader {
    /// HTTP, switching to the browser when the site serves an application shell.
    #[default]
    Auto,
    Http,
    Browser,
}

impl PageReader {
    pub fn as_str(self) -> &'static str {
        match self {
            PageReader::Auto => "auto",
            PageReader::Http => "http",
            PageReader::Browser => "browser",
        }
    }
}

impl fmt::Display for PageReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PageReader {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(PageReader::Auto),
            "http" => Ok(PageReader::Http),
            "browser" => Ok(PageReader::Browser),
            other => Err(format!(
                "{other:?} is not a page reader: use auto, http or browser"
            )),
        }
    }
}

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
    let setting = stored(store, PAGE_READER_SETTING)
        .await?
        .unwrap_or_default();
    let remembered = stored(store, PAGE_READER_DETECTED_SETTING).await?;
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

async fn stored(store: &Store, key: &str) -> Result<Option<PageReader>, SyncError> {
    let value = store
        .setting(key)
        .await
        .map_err(|e| SyncError::Store(e.to_string()))?;
    Ok(value.and_then(|v| v.parse().ok()))
}

async fn remember(store: &Store, reader: Option<PageReader>) -> Result<(), SyncError> {
    let value = reader.map_or("", PageReader::as_str);
    store
        .set_setting(PAGE_READER_DETECTED_SETTING, value)
        .await
        .map_err(|e| SyncError::Store(e.to_string()))
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

    #[test]
    fn parsing() {
        assert_eq!(" Browser ".parse(), Ok(PageReader::Browser));
        assert_eq!("auto".parse(), Ok(PageReader::Auto));
        let err = "chrome".parse::<PageReader>().unwrap_err();
        assert!(err.contains("auto, http or browser"), "{err}");
    }
}

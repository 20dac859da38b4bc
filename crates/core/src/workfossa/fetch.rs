//! Reading the whole work-order list: log in, read page 1, then the next pages in order with a
//! window of concurrent requests, until the list ends ([`ListReader`]); nothing is returned
//! unless the pages are complete.

use super::client::WorkFossaClient;
use super::list_end::ListReader;
use super::record::WorkOrder;
use crate::error::SyncError;
use futures::stream::{self, StreamExt};
use tokio_util::sync::CancellationToken;

/// Progress as pages arrive: (pages done, pages in all when known, rows so far).
pub type FetchProgress<'a> = &'a (dyn Fn(u32, Option<u32>, u64) + Send + Sync);

/// A bound on pages, so that a site that never ends its list fails instead of looping.
const MAX_PAGES: u32 = 10_000;

impl WorkFossaClient {
    /// Every work order on the list, sorted by number; an error if any page failed or the pages
    /// do not add up (never a partial list).
    pub async fn fetch_all(
        &self,
        progress: FetchProgress<'_>,
        cancel: &CancellationToken,
    ) -> Result<Vec<WorkOrder>, SyncError> {
        tokio::select! {
            _ = cancel.cancelled() => Err(SyncError::Cancelled),
            result = self.fetch_all_pages(progress) => result,
        }
    }

    async fn fetch_all_pages(
        &self,
        progress: FetchProgress<'_>,
    ) -> Result<Vec<WorkOrder>, SyncError> {
        self.login().await?;
        let mut reader = ListReader::default();
        let mut end = reader.add(1, self.list_page(1).await?)?;
        progress(1, reader.pages_needed(), reader.rows());
        if end.is_none() {
            // With a count, exactly the pages it needs; without one, pages in order, a few
            // requested ahead (those past the end are dropped unread).
            let last = reader.pages_needed().unwrap_or(MAX_PAGES);
            let concurrency = self.config.concurrency.clamp(1, 8);
            let mut pages = stream::iter(2..=last)
                .map(|page| async move { self.list_page(page).await.map(|list| (page, list)) })
                .buffered(concurrency);
            while let Some(next) = pages.next().await {
                let (page, list) = next?;
                end = reader.add(page, list)?;
                progress(page, reader.pages_needed(), reader.rows());
                if end.is_some() {
                    break;
                }
            }
        }
        if end.is_none() {
            return Err(SyncError::SiteUnavailable(format!(
                "the list did not end after {} pages; it may have changed while it was read",
                reader.pages()
            )));
        }
        reader.finish()
    }
}

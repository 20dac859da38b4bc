//! Reading the whole work-order list: log in, read page 1, then the other pages with bounded
//! concurrency, and check that together they are complete before anything is saved.

use super::client::WorkFossaClient;
use super::parser::ListPage;
use super::record::WorkOrder;
use crate::error::SyncError;
use futures::stream::{self, StreamExt, TryStreamExt};
use std::collections::BTreeMap;
use tokio_util::sync::CancellationToken;

/// Progress as pages arrive: (pages done, pages in all when known, rows so far).
pub type FetchProgress<'a> = &'a (dyn Fn(u32, Option<u32>, u64) + Send + Sync);

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
        let first = self.list_page(1).await?;
        let summary_total = first.pagination.summary.map(|(_, _, total)| total);
        let page_size = u64::from(
            first
                .pagination
                .page_size
                .unwrap_or(u32::try_from(first.work_orders.len()).unwrap_or(u32::MAX)),
        )
        .max(1);
        let total_pages = summary_total
            .map(|total| u32::try_from(total.div_ceil(page_size).max(1)).unwrap_or(u32::MAX));
        let mut rows = first.work_orders.len() as u64;
        progress(1, total_pages, rows);

        let mut pages: BTreeMap<u32, ListPage> = BTreeMap::new();
        let mut next = first.pagination.next_page;
        pages.insert(1, first);
        match total_pages {
            Some(total) if total > 1 => {
                let concurrency = self.config.concurrency.clamp(1, 8);
                let mut fetched = stream::iter(2..=total)
                    .map(|page| async move { self.list_page(page).await.map(|list| (page, list)) })
                    .buffer_unordered(concurrency);
                while let Some((page, list)) = fetched.try_next().await? {
                    rows += list.work_orders.len() as u64;
                    pages.insert(page, list);
                    progress(
                        u32::try_from(pages.len()).unwrap_or(u32::MAX),
                        Some(total),
                        rows,
                    );
                }
            }
            Some(_) => {}
            None => {
                // No summary line: follow the next links one by one.
                while let Some(page) = next {
                    if pages.contains_key(&page) || page > 10_000 {
                        return Err(SyncError::LayoutNotRecognised(format!(
                            "the pagination points back to page {page}"
                        )));
                    }
                    let list = self.list_page(page).await?;
                    rows += list.work_orders.len() as u64;
                    next = list.pagination.next_page;
                    pages.insert(page, list);
                    progress(u32::try_from(pages.len()).unwrap_or(u32::MAX), None, rows);
                }
            }
        }
        assemble(pages, summary_total)
    }
}

/// Joins the pages after checking they chain (each but the last points to the next one) and,
/// when the site gave a total, that the rows add up to it. Pure.
pub fn assemble(
    pages: BTreeMap<u32, ListPage>,
    expected_total: Option<u64>,
) -> Result<Vec<WorkOrder>, SyncError> {
    let last = pages.keys().next_back().copied().unwrap_or(1);
    for (number, page) in &pages {
        let expected_next = (*number < last).then_some(number + 1);
        if page.pagination.next_page != expected_next {
            return Err(SyncError::SiteUnavailable(format!(
                "the list changed while it was read (page {number} of {last} points to {:?})",
                page.pagination.next_page
            )));
        }
        if *number < last && page.work_orders.is_empty() {
            return Err(SyncError::LayoutNotRecognised(format!(
                "page {number} of {last} has no rows"
            )));
        }
    }
    let mut by_number: BTreeMap<i64, WorkOrder> = BTreeMap::new();
    for order in pages.into_values().flat_map(|page| page.work_orders) {
        by_number.insert(order.number, order);
    }
    if let Some(total) = expected_total {
        if by_number.len() as u64 != total {
            return Err(SyncError::SiteUnavailable(format!(
                "the list changed while it was read ({} distinct rows, the site said {total})",
                by_number.len()
            )));
        }
    }
    Ok(by_number.into_values().collect())
}

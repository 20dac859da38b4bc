//! Where the work-order list ends, decided from the signals SITE.md names, page by page. Pure.
//!
//! Any one signal ends the list: the list paginator's next link is disabled; the rows read reach
//! the `N matches` count; the page holds fewer rows than the page size; or the page brought no
//! work order not already read (a site that ignores `page` serves page 1 again: stop, never
//! loop). A full page with an enabled next link and none of these means: read the next page.

use std::collections::BTreeMap;

use super::parser::{ListPage, NextLink};
use super::record::WorkOrder;
use crate::error::SyncError;

/// Why the list ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListEnd {
    NextDisabled,
    CountReached,
    ShortPage,
    NoNewRows,
}

/// The list as read so far: its distinct work orders and what the first page said.
#[derive(Debug, Default)]
pub struct ListReader {
    orders: BTreeMap<i64, WorkOrder>,
    /// Rows per page: the size the page shows, else the first page's row count.
    page_size: Option<u32>,
    /// The count the site showed (`N matches`), the latest one.
    total: Option<u64>,
    pages: u32,
}

impl ListReader {
    /// Adds the next page in order (`number` is 1-based) and says whether the list ends with
    /// it. A full page without a list paginator is an error: nothing would say where the list
    /// ends.
    pub fn add(&mut self, number: u32, page: ListPage) -> Result<Option<ListEnd>, SyncError> {
        let pagination = page.pagination;
        let rows = page.work_orders.len();
        if number == 1 {
            self.page_size = pagination
                .page_size
                .or_else(|| u32::try_from(rows).ok().filter(|n| *n > 0));
        }
        if pagination.total.is_some() {
            self.total = pagination.total;
        }
        self.pages = self.pages.max(number);
        let mut new_rows = 0usize;
        for order in page.work_orders {
            if self.orders.insert(order.number, order).is_none() {
                new_rows += 1;
            }
        }
        let short_page = self.page_size.is_some_and(|size| rows < size as usize);
        let count_reached = self.total.is_some_and(|t| self.orders.len() as u64 >= t);
        let end = if new_rows == 0 {
            Some(ListEnd::NoNewRows)
        } else if pagination.next == NextLink::Disabled {
            Some(ListEnd::NextDisabled)
        } else if count_reached {
            Some(ListEnd::CountReached)
        } else if short_page {
            Some(ListEnd::ShortPage)
        } else {
            None
        };
        if end.is_none() && pagination.next == NextLink::Missing {
            return Err(SyncError::LayoutNotRecognised(format!(
                "work list page {number}: a full page of rows but no list paginator \
                 (div.paginator-wrapper a.next-page)"
            )));
        }
        Ok(end)
    }

    /// The pages the shown count needs (`None` when no count was shown).
    pub fn pages_needed(&self) -> Option<u32> {
        let size = u64::from(self.page_size?.max(1));
        let pages = self.total?.div_ceil(size).max(1);
        Some(u32::try_from(pages).unwrap_or(u32::MAX))
    }

    /// Rows read so far (distinct work orders).
    pub fn rows(&self) -> u64 {
        self.orders.len() as u64
    }

    /// The pages read so far (the highest page number added).
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Every work order read, sorted by number, once the list has ended. When the site showed a
    /// count, the distinct rows must add up to it: fewer means rows were missed (the site
    /// ignored `page` or the list changed while it was read), and saving such a list would mark
    /// the missed work orders removed.
    pub fn finish(self) -> Result<Vec<WorkOrder>, SyncError> {
        if let Some(total) = self.total {
            if self.orders.len() as u64 != total {
                return Err(SyncError::SiteUnavailable(format!(
                    "the list did not add up ({} distinct work orders on {} pages, the site \
                     said {total}); it may have changed while it was read",
                    self.orders.len(),
                    self.pages
                )));
            }
        }
        Ok(self.orders.into_values().collect())
    }
}

#[cfg(test)]
#[path = "list_end_tests.rs"]
mod tests;

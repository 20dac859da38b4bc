//! An idle app keeps no database connection open: each is a thread with SQLite's page cache, and
//! the tray app idles between syncs (issue 13). Connections close once unused for the store's
//! idle timeout; the store opens a new one when asked again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_core::store::{Store, DATABASE_FILE, IDLE_CONNECTION_TIMEOUT};
use std::time::{Duration, Instant};

#[test]
fn the_shipped_idle_timeout_is_well_under_a_minute() {
    // The rule: memory is back at its idle level within a minute after a sync; sqlx
    // checks every timeout, so a connection closes within twice it.
    assert!(IDLE_CONNECTION_TIMEOUT * 2 < Duration::from_secs(60));
}

#[tokio::test]
async fn unused_connections_close_and_the_store_reopens_one_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Store::open_with_idle_timeout(&dir.path().join(DATABASE_FILE), Duration::from_millis(200))
            .await
            .unwrap();
    // Several connections at once, as a sync and the window's queries open them.
    let queries = (0..4).map(|_| sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(store.pool()));
    for answer in futures::future::join_all(queries).await {
        assert_eq!(answer.unwrap(), 1);
    }
    assert!(store.pool().size() >= 1, "the queries used a connection");

    let deadline = Instant::now() + Duration::from_secs(10);
    while store.pool().size() > 0 {
        assert!(
            Instant::now() < deadline,
            "{} connection(s) still open after 10 s idle",
            store.pool().size()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let answer: i64 = sqlx::query_scalar("SELECT 2")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(answer, 2, "a closed pool opens a connection again");
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
}

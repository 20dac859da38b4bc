//! `GET /api/events`: the engine's events as server-sent events (`data: <EngineEvent JSON>`),
//! with keep-alive comments; the stream ends when the server stops.

use crate::routes::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// How often an idle stream sends a comment so proxies and browsers keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Subscribes before answering, so every event after the response headers is delivered.
pub async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = state.engine.subscribe();
    let events = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(event) => match Event::default().json_data(&event) {
                    Ok(sse) => return Some((Ok(sse), receiver)),
                    Err(error) => tracing::warn!(%error, "an engine event could not be encoded"),
                },
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "an event stream fell behind; events were dropped");
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let stopped = state.shutdown.clone().cancelled_owned();
    Sse::new(events.take_until(stopped)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}

//! The one direction from engine to shell: every engine event is forwarded to the window
//! (`engine-event`, payload = the event's JSON), shown as a notification when it is one, and
//! folded into the tray's model; the tray is redrawn on events and otherwise at most once a
//! minute, when the countdown's minute changes. No polling of the engine while idle, except
//! when a daemon in another process holds the data dir (its events cannot reach us).

use crate::engine::{EngineExt, Running};
use crate::notifications;
use crate::tray;
use crate::tray_view::{EngineView, TrayInput};
use chrono::{DateTime, Utc};
use fossa_core::events::{EngineEvent, Progress};
use fossa_core::model::{JobType, State, Status};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Runtime};
use tokio::sync::broadcast::{self, error::RecvError};

/// The Tauri event the window listens to.
pub const ENGINE_EVENT: &str = "engine-event";

/// What the tray knows between events.
#[derive(Debug, Default)]
pub struct TrayModel {
    pub status: Option<Status>,
    pub progress: Option<Progress>,
    pub interval_minutes: Option<u32>,
}

impl TrayModel {
    /// Folds an event in; true when the status should be re-read from the engine.
    pub fn apply(&mut self, event: &EngineEvent) -> bool {
        match event {
            // The tray shows the work-order job; the dispenser job has its own history.
            EngineEvent::StatusChanged { status } if status.job_type != JobType::WorkOrders => {
                false
            }
            EngineEvent::Progress(progress) if progress.job_type != JobType::WorkOrders => false,
            EngineEvent::StatusChanged { status } => {
                if status.state != State::Running {
                    self.progress = None;
                }
                self.status = Some((**status).clone());
                true
            }
            EngineEvent::RunStarted { .. } | EngineEvent::RunFinished { .. } => {
                self.progress = None;
                false
            }
            EngineEvent::Progress(progress) => {
                self.progress = Some(progress.clone());
                false
            }
            EngineEvent::Notification { .. } => false,
        }
    }

    /// How long until the tray's text or ring next changes while nothing happens: until the
    /// countdown's next whole minute, at most a minute.
    pub fn next_redraw(&self, now: DateTime<Utc>) -> Duration {
        let next = self.status.as_ref().and_then(|status| status.next_run);
        match next.map(|next| (next - now).num_milliseconds()) {
            Some(left) if left > 0 => {
                let into_minute = left % 60_000;
                let wait = if into_minute == 0 {
                    60_000
                } else {
                    into_minute
                };
                Duration::from_millis(wait as u64 + 20)
            }
            _ => Duration::from_secs(60),
        }
    }
}

async fn refresh(running: &Running, model: &mut TrayModel) {
    match running.handle.status().await {
        Ok(status) => model.status = Some(status),
        Err(error) => tracing::warn!(%error, "could not read the status"),
    }
    if let Ok(schedule) = running.handle.schedule().await {
        model.interval_minutes = Some(schedule.config.interval_minutes);
    }
}

fn render<R: Runtime>(app: &AppHandle<R>, running: &Running, model: &TrayModel) {
    let engine = match model.status.as_ref() {
        Some(status) => EngineView::Ready {
            status,
            progress: model.progress.as_ref(),
            interval_minutes: model.interval_minutes,
            held_elsewhere: running.held_elsewhere,
        },
        None => EngineView::Starting,
    };
    let input = TrayInput {
        engine,
        demo: running.demo,
        now: Utc::now(),
    };
    tray::render(app, &input);
}

/// Runs the translation until the engine's event bus closes.
pub async fn run<R: Runtime>(app: AppHandle<R>, mut events: broadcast::Receiver<EngineEvent>) {
    let (Ok(shell), Ok(running)) = (app.shell(), app.running()) else {
        return;
    };
    let mut model = TrayModel::default();
    refresh(running, &mut model).await;
    render(&app, running, &model);
    loop {
        let wait = model.next_redraw(Utc::now());
        tokio::select! {
            event = events.recv() => match event {
                Ok(event) => {
                    if let Err(error) = app.emit(ENGINE_EVENT, &event) {
                        tracing::debug!(%error, "the event could not be forwarded to the window");
                    }
                    notifications::on_event(&app, &event);
                    if model.apply(&event) {
                        refresh(running, &mut model).await;
                    }
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::debug!(missed, "the tray missed engine events; re-reading the status");
                    refresh(running, &mut model).await;
                }
                Err(RecvError::Closed) => break,
            },
            () = shell.nudged() => refresh(running, &mut model).await,
            () = tokio::time::sleep(wait) => {
                if running.held_elsewhere {
                    refresh(running, &mut model).await;
                }
            }
        }
        render(&app, running, &model);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idle_redraw_waits_for_the_countdowns_next_minute_and_never_longer_than_one() {
        let now = Utc::now();
        let mut model = TrayModel::default();
        assert_eq!(model.next_redraw(now), Duration::from_secs(60));
        let status: Status = serde_json::from_value(serde_json::json!({
            "state": "active", "job_type": "work_orders", "enabled": true,
            "next_run": (now + chrono::Duration::seconds(23 * 60 + 10)).to_rfc3339(),
            "countdown_seconds": null, "paused": false, "paused_until": null,
            "consecutive_failures": 0, "last_run": null, "last_success_at": null,
            "running_run_id": null, "demo": true
        }))
        .unwrap();
        model.status = Some(status);
        let wait = model.next_redraw(now);
        assert!(
            wait >= Duration::from_secs(10) && wait <= Duration::from_millis(10_100),
            "{wait:?}"
        );
    }
}

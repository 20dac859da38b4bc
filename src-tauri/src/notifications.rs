//! Desktop notifications (notification plugin; on Linux a `Notify` call on the session bus).
//! The engine decides when to notify (its notifier owns the rules: first failure, quiet period,
//! recovery); the shell only shows what the engine's `notification` event says.
//!

use fossa_core::events::EngineEvent;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

/// A notification to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub title: String,
    pub body: String,
}

/// The notification an engine event asks for, if any.
pub fn from_event(event: &EngineEvent) -> Option<Note> {
    match event {
        EngineEvent::Notification { title, body, .. } => Some(Note {
            title: title.clone(),
            body: body.clone(),
        }),
        _ => None,
    }
}

/// Shows `note`; a desktop without a notification service only logs it.
pub fn show<R: Runtime>(app: &AppHandle<R>, note: &Note) {
    let title = if note.title.is_empty() {
        "Fossa Sync"
    } else {
        &note.title
    };
    let shown = app
        .notification()
        .builder()
        .title(title)
        .body(&note.body)
        .show();
    match shown {
        Ok(()) => tracing::info!(title, "notification shown"),
        Err(error) => tracing::warn!(%error, title, "the notification could not be shown"),
    }
}

/// Shows the notification an engine event asks for.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: &EngineEvent) {
    if let Some(note) = from_event(event) {
        show(app, &note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_notification_event_is_shown_with_its_title_and_body() {
        let event: EngineEvent = serde_json::from_value(json!({
            "type": "notification",
            "title": "Sync failed",
            "body": "WorkFossa rejected the email or password.",
            "kind": "failure"
        }))
        .unwrap();
        assert_eq!(
            from_event(&event),
            Some(Note {
                title: "Sync failed".into(),
                body: "WorkFossa rejected the email or password.".into()
            })
        );
    }

    #[test]
    fn other_events_show_nothing() {
        let event = EngineEvent::RunStarted {
            run_id: 1,
            job_type: fossa_core::model::JobType::WorkOrders,
            trigger: fossa_core::model::Trigger::Manual,
        };
        assert_eq!(from_event(&event), None);
    }
}

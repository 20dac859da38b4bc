//! What the tray shows, as a pure function of the engine's status, the running sync's progress
//! and the time: the icon's state colour and ring, the menu's two text lines, the tray title and
//! which actions are enabled. No I/O and no clock inside, so every case is a unit test.

use chrono::{DateTime, Datelike, TimeZone, Utc};
use fossa_core::events::{Phase, Progress};
use fossa_core::model::{RunRecord, RunStatus, State, Status};

/// Longest menu line; longer texts end with "…".
const MAX_LINE: usize = 72;
/// Longest failure reason in the first line.
const MAX_REASON: usize = 56;

/// Where the engine stands, as far as the tray is concerned.
#[derive(Debug, Clone, Copy)]
pub enum EngineView<'a> {
    /// The engine is being opened.
    Starting,
    /// The engine could not be opened: the one sentence to show.
    Unavailable(&'a str),
    Ready {
        status: &'a Status,
        /// The last progress report of the running sync, if one runs.
        progress: Option<&'a Progress>,
        /// The schedule's interval: the ring's full turn.
        interval_minutes: Option<u32>,
        /// Another Fossa Sync (daemon) holds the data dir: we only show its state.
        held_elsewhere: bool,
    },
}

/// Everything the tray's content depends on.
#[derive(Debug, Clone, Copy)]
pub struct TrayInput<'a> {
    pub engine: EngineView<'a>,
    pub demo: bool,
    pub now: DateTime<Utc>,
}

/// The tray's content.
#[derive(Debug, Clone, PartialEq)]
pub struct TrayView {
    /// The icon's colour.
    pub state: State,
    /// How much of the ring is drawn, 0 to 1: the time left until the next sync (Active,
    /// Failed), or the pages done (Running).
    pub ring: f32,
    /// First menu line: state and countdown.
    pub headline: String,
    /// Second menu line: the last result (or a notice).
    pub detail: String,
    /// Short text next to the icon, where the desktop shows tray titles.
    pub title: String,
    pub can_sync: bool,
    pub can_pause: bool,
    pub can_resume: bool,
}

/// Maps the input to the tray's content; `zone` is the zone times are shown in.
pub fn tray_view<Z: TimeZone>(input: &TrayInput<'_>, zone: &Z) -> TrayView {
    let demo = |text: String| {
        if input.demo {
            format!("Demo data · {text}")
        } else {
            text
        }
    };
    match input.engine {
        EngineView::Starting => TrayView {
            state: State::Paused,
            ring: 0.0,
            headline: "Starting…".into(),
            detail: demo(String::new()),
            title: String::new(),
            can_sync: false,
            can_pause: false,
            can_resume: false,
        },
        EngineView::Unavailable(reason) => TrayView {
            state: State::Failed,
            ring: 0.0,
            headline: "Fossa Sync could not start".into(),
            detail: truncate(reason, MAX_LINE),
            title: "Error".into(),
            can_sync: false,
            can_pause: false,
            can_resume: false,
        },
        EngineView::Ready {
            status,
            progress,
            interval_minutes,
            held_elsewhere,
        } => {
            let now = input.now;
            let running = status.state == State::Running;
            let detail = if held_elsewhere {
                "Another Fossa Sync (daemon) schedules this data dir".to_string()
            } else {
                last_result(status, now, zone)
            };
            TrayView {
                state: status.state,
                ring: ring(status, progress, interval_minutes, now),
                headline: truncate(&headline(status, progress, now, zone), MAX_LINE),
                detail: truncate(&demo(detail), MAX_LINE),
                title: title(status, progress, now),
                can_sync: !running,
                can_pause: !status.paused,
                can_resume: status.paused,
            }
        }
    }
}

fn ring(
    status: &Status,
    progress: Option<&Progress>,
    interval_minutes: Option<u32>,
    now: DateTime<Utc>,
) -> f32 {
    match status.state {
        State::Running => match progress.and_then(|p| Some((p.pages_done, p.pages_total?))) {
            Some((done, total)) if total > 0 => (done as f32 / total as f32).clamp(0.0, 1.0),
            _ => 0.0,
        },
        State::Paused => 0.0,
        State::Active | State::Failed => match (status.next_run, interval_minutes) {
            (Some(next), Some(minutes)) if minutes > 0 => {
                let left = (next - now).num_seconds().max(0) as f32;
                (left / (minutes as f32 * 60.0)).clamp(0.0, 1.0)
            }
            _ => 0.0,
        },
    }
}

fn headline<Z: TimeZone>(
    status: &Status,
    progress: Option<&Progress>,
    now: DateTime<Utc>,
    zone: &Z,
) -> String {
    match status.state {
        State::Running => running_text(progress),
        State::Paused if !status.enabled => "Scheduled syncing is off".into(),
        State::Paused => match status.paused_until {
            Some(until) => format!("Paused until {}", clock(until, now, zone)),
            None => "Paused".into(),
        },
        State::Failed => {
            let reason = status
                .last_run
                .as_ref()
                .and_then(|run| run.error.as_deref())
                .map(short_reason)
                .unwrap_or_else(|| "see the history".into());
            match status.consecutive_failures {
                n if n >= 2 => format!("Sync failed {n}× — {reason}"),
                _ => format!("Sync failed — {reason}"),
            }
        }
        State::Active => countdown_text(status.next_run, now, zone),
    }
}

fn running_text(progress: Option<&Progress>) -> String {
    match progress {
        None => "Syncing…".into(),
        Some(p) => match (p.phase, p.pages_total) {
            (Phase::StartingBrowser, _) => "Syncing… starting the browser".into(),
            (Phase::LoggingIn, _) => "Syncing… logging in".into(),
            (Phase::Saving, _) => "Syncing… saving".into(),
            (Phase::Fetching, Some(total)) => {
                format!("Syncing… page {} of {}", p.pages_done.min(total), total)
            }
            (Phase::Fetching, None) => format!("Syncing… page {}", p.pages_done),
        },
    }
}

/// "Next sync in 23 min · 14:00", "Next sync in 2 h 5 min · 14:00", "Next sync Mon 08:00".
pub fn countdown_text<Z: TimeZone>(
    next: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    zone: &Z,
) -> String {
    let Some(next) = next else {
        return "No sync scheduled".into();
    };
    let seconds = (next - now).num_seconds();
    if seconds <= 0 {
        return "Next sync due now".into();
    }
    let minutes = (seconds + 59) / 60;
    let at = clock(next, now, zone);
    match minutes {
        m if m < 60 => format!("Next sync in {m} min · {at}"),
        m if m < 24 * 60 => match (m / 60, m % 60) {
            (h, 0) => format!("Next sync in {h} h · {at}"),
            (h, rest) => format!("Next sync in {h} h {rest} min · {at}"),
        },
        _ => format!("Next sync {at}"),
    }
}

/// "Last sync 13:00 · 3 new, 1 changed", or what happened to the last run.
fn last_result<Z: TimeZone>(status: &Status, now: DateTime<Utc>, zone: &Z) -> String {
    let Some(run) = status.last_run.as_ref() else {
        return "No sync yet".into();
    };
    let at = clock(run.finished_at.unwrap_or(run.started_at), now, zone);
    match run.status {
        RunStatus::Success => format!("Last sync {at} · {}", counts(run)),
        RunStatus::Failed => match status.last_success_at {
            Some(ok) => format!("Last successful sync {}", clock(ok, now, zone)),
            None => "No successful sync yet".into(),
        },
        RunStatus::Interrupted => format!("Last sync {at} was interrupted"),
        RunStatus::Skipped => format!("Last sync {at} skipped (offline)"),
        RunStatus::Running => "Syncing…".into(),
    }
}

fn counts(run: &RunRecord) -> String {
    let parts: Vec<String> = [
        (run.new, "new"),
        (run.changed, "changed"),
        (run.removed, "removed"),
    ]
    .into_iter()
    .filter_map(|(count, word)| count.filter(|n| *n > 0).map(|n| format!("{n} {word}")))
    .collect();
    if parts.is_empty() {
        "no changes".into()
    } else {
        parts.join(", ")
    }
}

fn title(status: &Status, progress: Option<&Progress>, now: DateTime<Utc>) -> String {
    match status.state {
        State::Running => match progress.and_then(|p| Some((p.pages_done, p.pages_total?))) {
            Some((done, total)) => format!("{}/{total}", done.min(total)),
            None => "Syncing".into(),
        },
        State::Paused => "Paused".into(),
        State::Failed => "Failed".into(),
        State::Active => match status.next_run.map(|next| (next - now).num_seconds()) {
            Some(seconds) if seconds > 0 && seconds < 3600 => {
                format!("{} min", (seconds + 59) / 60)
            }
            Some(seconds) if seconds > 0 && seconds < 86_400 => format!("{} h", seconds / 3600),
            _ => String::new(),
        },
    }
}

/// The first clause of an engine error sentence: "WorkFossa rejected the email or password".
pub fn short_reason(error: &str) -> String {
    let cut = [';', '(']
        .iter()
        .filter_map(|mark| error.find(*mark))
        .min()
        .unwrap_or(error.len());
    let clause = error[..cut].trim().trim_end_matches('.').trim();
    truncate(if clause.is_empty() { error } else { clause }, MAX_REASON)
}

/// A time as people read it: "14:00" today, "tomorrow 08:00", "Mon 08:00" this week, else "Mar 9 08:00".
pub fn clock<Z: TimeZone>(at: DateTime<Utc>, now: DateTime<Utc>, zone: &Z) -> String {
    let local = at.with_timezone(zone).fixed_offset();
    let today = now.with_timezone(zone).date_naive();
    let date = local.date_naive();
    let time = local.format("%H:%M");
    let days = (date - today).num_days();
    match days {
        0 => time.to_string(),
        1 => format!("tomorrow {time}"),
        -1 => format!("yesterday {time}"),
        2..=6 => format!("{} {time}", local.format("%a")),
        _ => format!("{} {} {time}", local.format("%b"), date.day()),
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
#[path = "tray_view_tests.rs"]
mod tests;

//! `status`, `history`, `pause`, `resume` and `sync`.

use crate::args::{HistoryArgs, PauseArgs, SyncArgs};
use crate::context::Context;
use crate::progress::ProgressBar;
use crate::util::{
    countdown, local, parse_instant_or_ago, parse_job, parse_pause_length, print_json,
};
use chrono::{DateTime, Utc};
use fossa_core::engine::PauseRequest;
use fossa_core::error::{EngineError, EngineResult};
use fossa_core::model::{JobType, RunRecord, RunStatus, Status, Trigger};
use fossa_core::store::HistoryFilter;

pub async fn status(ctx: &Context, json: bool) -> EngineResult<()> {
    let status = ctx.reader().await?.status().await?;
    if json {
        return print_json(&serde_json::json!({
            "state": status.state,
            "next_run": status.next_run,
            "countdown_seconds": status.countdown_seconds,
            "paused_until": status.paused_until,
            "consecutive_failures": status.consecutive_failures,
            "last_run": status.last_run,
            "last_success_at": status.last_success_at,
            "enabled": status.enabled,
        }));
    }
    print_status(&status);
    Ok(())
}

fn print_status(status: &Status) {
    println!("state:       {}", status.state.as_str());
    match (status.next_run, status.countdown_seconds) {
        (Some(next), Some(seconds)) => {
            println!("next sync:   {} (in {})", local(next), countdown(seconds))
        }
        _ => println!("next sync:   none scheduled"),
    }
    if let Some(until) = status.paused_until {
        println!("paused until {}", local(until));
    }
    if status.consecutive_failures > 0 {
        println!("failures:    {} in a row", status.consecutive_failures);
    }
    match &status.last_run {
        Some(run) => println!("last sync:   {}", summary_line(run)),
        None => println!("last sync:   never"),
    }
}

/// `#12 success 2026-… · 30 found, 2 new, 1 changed, 0 removed (1.2 s)` or the error.
pub fn summary_line(run: &RunRecord) -> String {
    let when = local(run.started_at);
    let took = run
        .duration_ms
        .map(|ms| format!(" ({:.1} s)", ms as f64 / 1000.0))
        .unwrap_or_default();
    match run.status {
        RunStatus::Success if run.job_type == JobType::Dispensers => format!(
            "#{} dispensers success {when} · {} stations read, {} dispenser changes{took}{}",
            run.id,
            run.found.unwrap_or(0),
            run.changed.unwrap_or(0),
            run.error
                .as_deref()
                .map(|note| format!(" — {note}"))
                .unwrap_or_default()
        ),
        RunStatus::Success => format!(
            "#{} success {when} · {} found, {} new, {} changed, {} removed{took}",
            run.id,
            run.found.unwrap_or(0),
            run.new.unwrap_or(0),
            run.changed.unwrap_or(0),
            run.removed.unwrap_or(0)
        ),
        status => format!(
            "#{} {} {when}{took}{}",
            run.id,
            status.as_str(),
            run.error
                .as_deref()
                .map(|e| format!(" · {e}"))
                .unwrap_or_default()
        ),
    }
}

pub async fn history(ctx: &Context, args: &HistoryArgs) -> EngineResult<()> {
    let engine = ctx.reader().await?;
    let filter = HistoryFilter {
        job_type: args.job.as_deref().map(parse_job).transpose()?,
        status: args
            .status
            .as_deref()
            .map(|s| {
                RunStatus::parse(s).ok_or_else(|| {
                    EngineError::invalid(
                        "status",
                        "use running, success, failed, interrupted or skipped",
                    )
                })
            })
            .transpose()?,
        trigger: args
            .trigger
            .as_deref()
            .map(|t| {
                Trigger::parse(t).ok_or_else(|| {
                    EngineError::invalid("trigger", "use scheduled, manual or catch-up")
                })
            })
            .transpose()?,
        since: args
            .since
            .as_deref()
            .map(|s| parse_instant_or_ago("since", s, Utc::now()))
            .transpose()?,
        limit: Some(args.limit.clamp(1, 10_000)),
        ..HistoryFilter::default()
    };
    let runs = engine.history(&filter).await?;
    if args.json {
        return print_json(&runs);
    }
    if runs.is_empty() {
        println!("No runs yet.");
    }
    for run in &runs {
        println!(
            "{} [{}{}]",
            summary_line(run),
            run.trigger.as_str(),
            if run.missed > 0 {
                format!(", {} missed", run.missed)
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

/// `--for 2h`, `--until <RFC3339>`, `--until tomorrow` (the schedule window's next opening, as
/// the tray and the window mean it) or neither (until resumed): the engine resolves it.
pub async fn pause(ctx: &Context, args: &PauseArgs) -> EngineResult<()> {
    let request = match (&args.for_, &args.until) {
        (Some(length), _) => {
            let seconds = parse_pause_length(length)?.num_seconds();
            let minutes = u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX);
            PauseRequest::minutes(minutes)
        }
        (_, Some(text)) if text.trim().eq_ignore_ascii_case("tomorrow") => {
            PauseRequest::until_tomorrow()
        }
        (_, Some(text)) => PauseRequest::until(
            DateTime::parse_from_rfc3339(text)
                .map_err(|e| {
                    EngineError::invalid(
                        "until",
                        format!("{text:?} is not an RFC3339 instant or \"tomorrow\" ({e})"),
                    )
                })?
                .with_timezone(&Utc),
        ),
        _ => PauseRequest::indefinitely(),
    };
    let status = ctx.handle().await?.pause_with(&request).await?;
    match status.paused_until {
        Some(until) => println!("Paused until {}.", local(until)),
        None => println!("Paused until you resume."),
    }
    Ok(())
}

pub async fn resume(ctx: &Context) -> EngineResult<()> {
    let status = ctx.handle().await?.resume().await?;
    match status.next_run {
        Some(next) => println!("Resumed; next sync {}.", local(next)),
        None => println!("Resumed; the schedule is switched off, so no sync is planned."),
    }
    Ok(())
}

/// Runs a manual sync (or joins the running one) and waits; the exit status says how it went.
pub async fn sync(ctx: &Context, args: &SyncArgs) -> EngineResult<RunRecord> {
    let job = args.job.as_deref().map(parse_job).transpose()?;
    let json = args.json;
    let bar = ProgressBar::new();
    let handle = ctx.handle().await?;
    let run = match job {
        Some(job) => handle.sync_job(job, |progress| bar.show(progress)).await,
        None => handle.sync(|progress| bar.show(progress)).await,
    };
    handle.shutdown().await;
    let run = run?;
    bar.finish();
    if json {
        print_json(&run)?;
    } else if run.status == RunStatus::Success {
        println!("{}", summary_line(&run));
        if run.job_type == JobType::WorkOrders {
            print_new_stations_run(ctx, &run).await?;
        }
    }
    Ok(run)
}

/// The dispenser run that "Sync now" made after `work_orders` (the stations never read), if any.
async fn print_new_stations_run(ctx: &Context, work_orders: &RunRecord) -> EngineResult<()> {
    let filter = HistoryFilter {
        job_type: Some(JobType::Dispensers),
        since: Some(work_orders.started_at),
        limit: Some(1),
        ..HistoryFilter::default()
    };
    let reader = ctx.reader().await?;
    for run in reader.history(&filter).await? {
        println!("{}", summary_line(&run));
    }
    reader.shutdown().await;
    Ok(())
}

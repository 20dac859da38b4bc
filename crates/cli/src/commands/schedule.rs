//! `schedule show | set | preview`.

use crate::args::{PreviewArgs, ScheduleSetArgs, ScheduleShowArgs};
use crate::context::Context;
use crate::util::{parse_job, print_json};
use chrono::{DateTime, Utc};
use fossa_core::engine::ScheduleView;
use fossa_core::error::{EngineError, EngineResult};
use fossa_core::schedule::{
    self, format_active_hours, format_interval, format_jitter, ScheduleConfig,
};

pub async fn show(ctx: &Context, args: &ScheduleShowArgs) -> EngineResult<()> {
    let job = parse_job(&args.job)?;
    let view = ctx.reader().await?.schedule_of(job).await?;
    if args.json {
        return print_json(&view);
    }
    print_view(&view);
    Ok(())
}

fn print_view(view: &ScheduleView) {
    let config = &view.config;
    println!("enabled:      {}", config.enabled);
    println!("interval:     {}", format_interval(config.interval_minutes));
    println!(
        "active hours: {}",
        format_active_hours(config.active_hours.as_ref())
    );
    println!("days:         {}", config.days);
    println!("timezone:     {}", config.timezone);
    println!("jitter:       {}", format_jitter(config.jitter_seconds));
    match (view.paused, view.paused_until) {
        (true, Some(until)) => println!("paused until: {}", crate::util::local(until)),
        (true, None) => println!("paused:       until resumed"),
        _ => {}
    }
    if let Some(next) = view.next_due {
        println!("next due:     {}", crate::util::local(next));
    }
}

/// Applies the options given on top of `config`; the first bad value is the error.
pub fn apply(args: &ScheduleSetArgs, mut config: ScheduleConfig) -> EngineResult<ScheduleConfig> {
    if let Some(text) = &args.interval {
        config.interval_minutes = schedule::parse_interval(text)?;
    }
    if let Some(text) = &args.active_hours {
        config.active_hours = schedule::parse_active_hours(text)?;
    }
    if let Some(text) = &args.days {
        config.days = schedule::parse_days(text)?;
    }
    if let Some(text) = &args.timezone {
        config.timezone = schedule::parse_timezone(text)?.name().to_string();
    }
    if let Some(text) = &args.jitter {
        config.jitter_seconds = schedule::parse_jitter(text)?;
    }
    if let Some(enabled) = args.enabled {
        config.enabled = enabled;
    }
    config.validate()?;
    Ok(config)
}

pub async fn set(ctx: &Context, args: &ScheduleSetArgs) -> EngineResult<()> {
    let job = parse_job(args.job.as_deref().unwrap_or("work_orders"))?;
    let handle = ctx.handle().await?;
    let config = apply(args, handle.schedule_of(job).await?.config)?;
    let view = handle.set_schedule_of(job, config).await?;
    if args.json {
        return print_json(&view);
    }
    print_view(&view);
    Ok(())
}

pub async fn preview(ctx: &Context, args: &PreviewArgs) -> EngineResult<()> {
    let from = match &args.from {
        Some(text) => Some(
            DateTime::parse_from_rfc3339(text)
                .map_err(|e| {
                    EngineError::invalid(
                        "from",
                        format!("{text:?} is not an RFC3339 instant ({e})"),
                    )
                })?
                .with_timezone(&Utc),
        ),
        None => None,
    };
    let engine = ctx.reader().await?;
    for instant in engine.preview(None, from, args.count).await? {
        println!("{}", instant.to_rfc3339());
    }
    Ok(())
}

//! The schedule rule: when syncs fire. Pure functions of a [`ScheduleConfig`] and a time passed in
//! by the caller; no clock, no I/O.
//!
//! # The rule
//!
//! For each local calendar date `d` in the configured zone whose weekday is in `days`, a window
//! opens at `resolve(d, start)` and closes at `resolve(d', end)`, where `d' = d + 1` when
//! `end <= start` (an overnight window such as `22:00-06:00` belongs to the day it *opens*) and
//! `d' = d` otherwise. Without active hours (`off`) the window is the whole local day
//! `[resolve(d, 00:00), resolve(d + 1, 00:00))`.
//!
//! Inside a window, fires are at `open + k·interval` (k = 0, 1, …) while `< close`, counted in
//! absolute time: a DST change inside a window shifts the later local times, without a double or
//! a missing run. The grid restarts at each window's open.
//!
//! [`resolve_local`] maps a local time that does not exist (spring-forward gap) to the instant
//! the gap ends, and one that occurs twice (fall-back) to the earlier instant.
//!
//! Jitter does not move the grid; the scheduler adds [`jitter_delay`] to a fire.
//!
//! # Which functions honour `enabled`
//!
//! [`next_fire_at_or_after`], [`next_fire_after`], [`fires_between`] and [`window_containing`]
//! return nothing for a disabled (or invalid) config; [`preview`] and [`window_for_date`] ignore
//! `enabled` (but still need a valid config).

mod config;
mod days;
mod error;
mod forms;
mod hours;
mod parse;
mod request;
mod resolve;
mod rule;

pub use config::{
    system_timezone, ScheduleConfig, MAX_INTERVAL_MINUTES, MAX_JITTER_SECONDS, MIN_INTERVAL_MINUTES,
};
pub use days::Weekdays;
pub use error::ScheduleError;
pub use forms::{
    interval_hours_to_minutes, minutes_to_hours, HourRange, ScheduleForms, INTERVAL_HOURS,
};
pub use hours::ActiveHours;
pub use parse::{
    format_active_hours, format_interval, format_jitter, parse_active_hours, parse_days,
    parse_interval, parse_jitter, parse_timezone,
};
pub use request::ScheduleRequest;
pub use resolve::resolve_local;
pub use rule::{
    fires_between, jitter_delay, next_fire_after, next_fire_at_or_after, preview,
    window_containing, window_for_date, Window, HORIZON_DAYS,
};

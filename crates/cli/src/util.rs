//! Small helpers shared by the commands: instants and durations from the command line, output.

use chrono::{DateTime, Duration, Utc};
use fossa_core::error::{EngineError, EngineResult};

/// An RFC3339 instant, or a span back from now such as `2h`, `90m` or `7d`.
pub fn parse_instant_or_ago(
    field: &str,
    text: &str,
    now: DateTime<Utc>,
) -> EngineResult<DateTime<Utc>> {
    if let Ok(instant) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(instant.with_timezone(&Utc));
    }
    parse_span(text)
        .map(|span| now - span)
        .ok_or_else(|| EngineError::invalid(field, format!("{text:?} is neither an RFC3339 instant (2026-03-08T09:00:00-05:00) nor a span like 2h or 7d")))
}

/// A span such as `45s`, `30m`, `2h`, `1h30m`, `2 hours` or `7d`: humantime's grammar, in any
/// letter case (lowercased first, so `M` is minutes, never humantime's months).
pub fn parse_span(text: &str) -> Option<Duration> {
    let span = humantime::parse_duration(&text.trim().to_ascii_lowercase()).ok()?;
    Duration::from_std(span).ok()
}

/// A pause length, longer than zero: `2h`, `30m`, `1h30m`.
pub fn parse_pause_length(text: &str) -> EngineResult<Duration> {
    parse_span(text)
        .filter(|span| *span > Duration::zero())
        .ok_or_else(|| {
            EngineError::invalid("for", format!("{text:?} is not a length like 2h or 30m"))
        })
}

pub fn print_json<T: serde::Serialize>(value: &T) -> EngineResult<()> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| EngineError::Control(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// A local, human form of an instant.
pub fn local(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M:%S %Z")
        .to_string()
}

pub fn countdown(seconds: i64) -> String {
    let (hours, minutes) = (seconds / 3600, (seconds % 3600) / 60);
    match (hours, minutes) {
        (0, 0) => format!("{seconds}s"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `work_orders` or `dispensers` (also `work-orders`); anything else names the `job` option.
pub fn parse_job(text: &str) -> EngineResult<fossa_core::model::JobType> {
    fossa_core::model::JobType::parse(text)
        .ok_or_else(|| EngineError::invalid("job", "use work_orders or dispensers"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_instants_parse() {
        assert_eq!(parse_span("1h30m"), Some(Duration::minutes(90)));
        assert_eq!(parse_span("7d"), Some(Duration::days(7)));
        assert_eq!(parse_span("5x"), None);
        assert_eq!(parse_span("15"), None);
        assert_eq!(parse_span(" 1 hour 30 MIN "), Some(Duration::minutes(90)));
        assert_eq!(parse_span("1M"), Some(Duration::minutes(1)));
        let now = DateTime::parse_from_rfc3339("2026-01-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            parse_instant_or_ago("since", "2h", now).unwrap(),
            now - Duration::hours(2)
        );
        assert_eq!(
            parse_instant_or_ago("since", "2026-01-01T07:00:00-05:00", now).unwrap(),
            now
        );
        assert!(parse_instant_or_ago("since", "yesterday", now).is_err());
        assert_eq!(parse_pause_length("2h").unwrap(), Duration::hours(2));
        assert!(parse_pause_length("soon").is_err());
        assert!(parse_pause_length("0").is_err());
        assert_eq!(parse_pause_length("1h30m").unwrap(), Duration::minutes(90));
    }

    #[test]
    fn countdown_reads_naturally() {
        assert_eq!(countdown(42), "42s");
        assert_eq!(countdown(23 * 60 + 5), "23 min");
        assert_eq!(countdown(2 * 3600 + 60), "2 h 1 min");
    }
}

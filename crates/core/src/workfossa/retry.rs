//! Retry policy for transient failures: exponential backoff with jitter, `Retry-After` honoured
//! (capped), a per-request attempt limit and a per-run retry budget. Pure where it can be.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How hard a run tries before giving up on a transient failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries of one request, the first included.
    pub max_attempts_per_request: u32,
    /// Retries allowed across the whole run.
    pub run_budget: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; longer values are cut to this.
    pub retry_after_cap: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts_per_request: 4,
            run_budget: 12,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            retry_after_cap: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based): `Retry-After` when given (capped), else
    /// `base · 2^(retry-1)` capped, with "full jitter" from `random_fraction` in [0, 1).
    pub fn delay(
        &self,
        retry: u32,
        retry_after: Option<Duration>,
        random_fraction: f64,
    ) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.retry_after_cap);
        }
        let exponent = retry.saturating_sub(1).min(16);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        let fraction = random_fraction.clamp(0.0, 1.0);
        // Half fixed, half random: never zero, never more than the ceiling.
        ceiling.mul_f64(0.5 + fraction / 2.0)
    }
}

/// The run-wide count of retries left, shared by concurrent page fetches.
#[derive(Debug)]
pub struct RetryBudget {
    left: AtomicU32,
    used: AtomicU32,
}

impl RetryBudget {
    pub fn new(total: u32) -> Self {
        Self {
            left: AtomicU32::new(total),
            used: AtomicU32::new(0),
        }
    }

    /// Takes one retry from the budget; false when it is spent.
    pub fn take(&self) -> bool {
        let taken = self
            .left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(1)
            })
            .is_ok();
        if taken {
            self.used.fetch_add(1, Ordering::SeqCst);
        }
        taken
    }

    pub fn used(&self) -> u32 {
        self.used.load(Ordering::SeqCst)
    }
}

/// Parses a `Retry-After` header given in seconds (the HTTP-date form is treated as absent).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
            ..RetryPolicy::default()
        };
        assert_eq!(policy.delay(1, None, 1.0), Duration::from_millis(100));
        assert_eq!(policy.delay(2, None, 1.0), Duration::from_millis(200));
        assert_eq!(policy.delay(3, None, 1.0), Duration::from_millis(400));
        assert_eq!(policy.delay(4, None, 1.0), Duration::from_millis(500));
        assert_eq!(policy.delay(40, None, 1.0), Duration::from_millis(500));
        assert_eq!(policy.delay(2, None, 0.0), Duration::from_millis(100));
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let policy = RetryPolicy {
            retry_after_cap: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(2)), 0.3),
            Duration::from_secs(2)
        );
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(600)), 0.3),
            Duration::from_secs(5)
        );
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn the_budget_runs_out() {
        let budget = RetryBudget::new(2);
        assert!(budget.take());
        assert!(budget.take());
        assert!(!budget.take());
        assert_eq!(budget.used(), 2);
    }
}

//! The simulated site's state: work orders, sessions, faults and counters, behind one lock.
//!
//! [`SimState`] is a cheap handle (an `Arc`); its methods are synchronous and never hold the
//! lock across an `.await`, so tests can call them from anywhere.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use fossa_core::workfossa::record::WorkOrder;
use rand::distr::{Alphanumeric, SampleString};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use url::Url;

use crate::faults::{Faults, Gate};
use crate::generator::{change_one, generate_one, generate_work_orders};

/// Request counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimStats {
    /// Requests to site routes (everything but `/_sim/...`), faulted ones included.
    pub requests: u64,
    /// Work-order list pages answered (including dropped and slow ones).
    pub list_pages_served: u64,
    pub logins_ok: u64,
    pub logins_failed: u64,
    /// Location pages and location fragments answered to a logged-in session.
    #[serde(default)]
    pub location_pages_served: u64,
}

/// What one [`SimState::churn_once`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChurnReport {
    pub added: Vec<i64>,
    pub changed: Vec<i64>,
    pub removed: Vec<i64>,
}

/// One browser session (the session cookie's value is the key).
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) csrf: String,
    pub(crate) authenticated: bool,
    /// Show the bad-credentials block on the next login page.
    pub(crate) login_error: bool,
    /// List pages served to this session.
    pub(crate) pages: u32,
}

/// Everything behind the lock.
pub(crate) struct Data {
    pub(crate) orders: BTreeMap<i64, WorkOrder>,
    pub(crate) faults: Faults,
    pub(crate) stats: SimStats,
    pub(crate) sessions: HashMap<String, Session>,
    /// Failed login times per client address, for throttling.
    pub(crate) failed_logins: HashMap<IpAddr, VecDeque<Instant>>,
    pub(crate) email: String,
    pub(crate) password: String,
    /// Application mode: `/app/work/list` answers the application shell.
    pub(crate) spa: bool,
    /// The generator's seed (location pages derive their dispensers from it).
    pub(crate) seed: u64,
    /// Drives additions and changes (seeded, so a run is repeatable).
    rng: StdRng,
}

struct Inner {
    data: Mutex<Data>,
    base: Url,
    revision: watch::Sender<u64>,
}

/// Handle on the simulated site's state.
#[derive(Clone)]
pub struct SimState {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SimState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimState")
            .field("base", &self.inner.base.as_str())
            .finish_non_exhaustive()
    }
}

impl SimState {
    /// A site with `n` generated orders, URLs on `base`.
    pub fn new(seed: u64, n: usize, email: &str, password: &str, base: Url) -> Self {
        let orders = generate_work_orders(seed, n, &base)
            .into_iter()
            .map(|o| (o.number, o))
            .collect();
        let data = Data {
            orders,
            faults: Faults::default(),
            stats: SimStats::default(),
            sessions: HashMap::new(),
            failed_logins: HashMap::new(),
            email: email.to_string(),
            password: password.to_string(),
            spa: false,
            seed,
            rng: StdRng::seed_from_u64(seed ^ 0x5eed_c0de_f055_a000),
        };
        let (revision, _) = watch::channel(0);
        Self {
            inner: Arc::new(Inner {
                data: Mutex::new(data),
                base,
                revision,
            }),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Data> {
        self.inner
            .data
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn bump(&self) {
        self.inner.revision.send_modify(|r| *r += 1);
    }

    /// The site's base URL (`http://127.0.0.1:PORT/`).
    pub fn base_url(&self) -> Url {
        self.inner.base.clone()
    }

    /// Switches application mode (see [`crate::SimOptions::spa`]).
    pub fn set_spa(&self, spa: bool) {
        self.lock().spa = spa;
    }

    /// Whether the site runs in application mode.
    pub fn spa(&self) -> bool {
        self.lock().spa
    }

    /// In application mode, the script's render delay; `None` in HTTP mode.
    pub(crate) fn spa_render_delay(&self) -> Option<u64> {
        let data = self.lock();
        data.spa.then_some(data.faults.spa_render_delay_ms)
    }

    /// Replaces all fault knobs.
    pub fn set_faults(&self, faults: Faults) {
        self.lock().faults = faults;
    }

    /// The current fault knobs (counters show what is left).
    pub fn faults(&self) -> Faults {
        self.lock().faults.clone()
    }

    /// Changes some fault knobs in place.
    pub fn update_faults(&self, change: impl FnOnce(&mut Faults)) {
        change(&mut self.lock().faults);
    }

    /// All work orders, sorted by number.
    pub fn work_orders(&self) -> Vec<WorkOrder> {
        self.lock().orders.values().cloned().collect()
    }

    /// Work orders the technicians' filter shows (not all visits completed), by number.
    pub fn open_work_orders(&self) -> Vec<WorkOrder> {
        self.lock()
            .orders
            .values()
            .filter(|o| is_open(o))
            .cloned()
            .collect()
    }

    /// Adds `n` generated orders with numbers above the current ones; returns their numbers.
    pub fn add_work_orders(&self, n: usize) -> Vec<i64> {
        let added = {
            let mut data = self.lock();
            self.add_locked(&mut data, n)
        };
        if !added.is_empty() {
            self.bump();
        }
        added
    }

    fn add_locked(&self, data: &mut Data, n: usize) -> Vec<i64> {
        let mut added = Vec::with_capacity(n);
        for _ in 0..n {
            let last = data.orders.keys().next_back().copied().unwrap_or(124_000);
            let number = last + data.rng.random_range(1..=5);
            let index = data.rng.random_range(12..10_000);
            let order = generate_one(&mut data.rng, index, number, &self.inner.base);
            data.orders.insert(number, order);
            added.push(number);
        }
        added
    }

    /// Applies `change` to order `number`; false when there is no such order.
    pub fn change_work_order(&self, number: i64, change: impl FnOnce(&mut WorkOrder)) -> bool {
        let found = match self.lock().orders.get_mut(&number) {
            Some(order) => {
                change(order);
                true
            }
            None => false,
        };
        if found {
            self.bump();
        }
        found
    }

    /// Changes order `number` the way the site's data changes (status, next visit, due date).
    pub fn change_work_order_randomly(&self, number: i64) -> bool {
        let found = {
            let mut data = self.lock();
            let Data { orders, rng, .. } = &mut *data;
            match orders.get_mut(&number) {
                Some(order) => {
                    change_one(rng, order, &self.inner.base);
                    true
                }
                None => false,
            }
        };
        if found {
            self.bump();
        }
        found
    }

    /// Removes order `number`; false when there is no such order.
    pub fn remove_work_order(&self, number: i64) -> bool {
        let removed = self.lock().orders.remove(&number).is_some();
        if removed {
            self.bump();
        }
        removed
    }

    /// One step of demo-mode churn: adds 1–2, changes 1–2 and removes 0–1 orders.
    pub fn churn_once(&self) -> ChurnReport {
        let report = {
            let mut data = self.lock();
            let add = data.rng.random_range(1..=2);
            let change = data.rng.random_range(1..=2);
            let remove = data.rng.random_range(0..=1);
            let mut report = ChurnReport {
                added: self.add_locked(&mut data, add),
                ..ChurnReport::default()
            };
            let Data { orders, rng, .. } = &mut *data;
            for _ in 0..change {
                if let Some(number) = pick_number(orders, rng) {
                    if let Some(order) = orders.get_mut(&number) {
                        change_one(rng, order, &self.inner.base);
                        report.changed.push(number);
                    }
                }
            }
            for _ in 0..remove {
                if let Some(number) = pick_number(orders, rng) {
                    orders.remove(&number);
                    report.removed.push(number);
                }
            }
            report
        };
        self.bump();
        report
    }

    /// The request counters.
    pub fn stats(&self) -> SimStats {
        self.lock().stats
    }

    /// Replaces the accepted login.
    pub fn set_credentials(&self, email: &str, password: &str) {
        let mut data = self.lock();
        data.email = email.to_string();
        data.password = password.to_string();
    }

    /// Sessions currently known (logged in or not).
    pub fn session_count(&self) -> usize {
        self.lock().sessions.len()
    }

    /// Drops every session, as a server-side session purge would.
    pub fn expire_sessions(&self) {
        self.lock().sessions.clear();
    }

    /// Counts data changes (additions, changes, removals).
    pub fn revision(&self) -> u64 {
        *self.inner.revision.borrow()
    }

    /// A receiver that sees [`revision`](Self::revision) change, to wait for churn.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.inner.revision.subscribe()
    }

    /// Counts a site request and takes the per-request faults: (latency, what to answer).
    pub(crate) fn gate_request(&self) -> (u64, Gate) {
        let mut data = self.lock();
        data.stats.requests += 1;
        let faults = &mut data.faults;
        let gate = if faults.fail_next_5xx > 0 {
            faults.fail_next_5xx -= 1;
            Gate::Unavailable
        } else if faults.rate_limit_next > 0 {
            faults.rate_limit_next -= 1;
            Gate::RateLimited {
                retry_after_secs: faults.retry_after_secs,
            }
        } else {
            Gate::Pass
        };
        (faults.latency_ms, gate)
    }
}

impl Data {
    /// A new unauthenticated session; returns its id.
    pub(crate) fn new_session(&mut self) -> String {
        let id = random_token(40);
        self.sessions.insert(
            id.clone(),
            Session {
                csrf: random_token(40),
                authenticated: false,
                login_error: false,
                pages: 0,
            },
        );
        id
    }

    /// Whether the session exists and is logged in.
    pub(crate) fn is_authenticated(&self, session: Option<&str>) -> bool {
        session
            .and_then(|id| self.sessions.get(id))
            .is_some_and(|s| s.authenticated)
    }
}

/// Whether the technicians' filter shows this order (some visit still to do).
pub(crate) fn is_open(order: &WorkOrder) -> bool {
    order.visits.completed < order.visits.total
}

/// A random alphanumeric token (session ids, CSRF tokens).
pub(crate) fn random_token(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rng(), len)
}

fn pick_number(orders: &BTreeMap<i64, WorkOrder>, rng: &mut StdRng) -> Option<i64> {
    if orders.is_empty() {
        return None;
    }
    let index = rng.random_range(0..orders.len());
    orders.keys().nth(index).copied()
}

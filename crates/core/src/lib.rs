//! Fossa Sync engine: the SQLite store, the schedule rule, the wall-clock scheduler, the WorkFossa
//! client and parser, and the sync run. Nothing here depends on Tauri; the CLI, the HTTP API and the
//! desktop shell are thin layers over [`engine::Engine`].

pub mod catalogue;
pub mod clock;
pub mod control;
pub mod credentials;
pub mod diff;
pub mod diff_dispensers;
pub mod engine;
pub mod error;
pub mod events;
pub mod export;
pub mod export_dispensers;
pub mod model;
pub mod notify;
pub mod paths;
pub mod schedule;
pub mod scheduler;
pub mod sentence;
pub mod settings;
pub mod store;
pub mod sync;
pub mod workfossa;

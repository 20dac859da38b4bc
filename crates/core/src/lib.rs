//! Fossa Sync engine: the SQLite store, the schedule rule, the wall-clock scheduler, the WorkFossa
//! client and parser, and the sync run. Nothing here depends on Tauri; the CLI, the HTTP API and the
//! desktop shell are thin layers over [`engine::Engine`].

pub mod schedule;
pub mod workfossa;

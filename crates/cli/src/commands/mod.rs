//! One module per group of commands; each command is a few lines over the engine handle.

pub mod account;
pub mod api;
pub mod daemon;
pub mod data;
pub mod runs;
pub mod schedule;
pub mod settings;

//! Everything that talks to or reads WorkFossa: the record format, the page parser and the client.

pub mod parser;
pub mod record;

pub use record::WorkOrder;

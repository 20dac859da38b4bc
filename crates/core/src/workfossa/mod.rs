//! Everything that talks to or reads WorkFossa: the record format, the page parser and the client.

pub mod browser;
pub mod client;
pub mod dispenser;
pub mod fetch;
pub mod list_end;
pub mod parser;
pub mod password;
pub mod record;
pub mod retry;

pub use client::{ClientConfig, Password, WorkFossaClient, DEFAULT_SITE_URL};
pub use record::WorkOrder;

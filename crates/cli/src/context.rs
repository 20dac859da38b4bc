//! Opening the engine the way each command needs it, as a [`EngineHandle`]: read commands open
//! the store beside a running engine; acting commands run in-process, or are carried out by the
//! daemon (or desktop app) holding the data dir over its control socket.

use fossa_core::engine::{EngineHandle, EngineOptions};
use fossa_core::error::EngineResult;
use fossa_core::paths::resolve_data_dir;
use std::path::{Path, PathBuf};

pub struct Context {
    pub data_dir: PathBuf,
}

impl Context {
    pub fn new(explicit: Option<&Path>) -> EngineResult<Self> {
        Ok(Self {
            data_dir: resolve_data_dir(explicit)?,
        })
    }

    pub fn options(&self) -> EngineOptions {
        EngineOptions::new(self.data_dir.clone())
    }

    /// For read commands: never takes the lock, works while a daemon runs.
    pub async fn reader(&self) -> EngineResult<EngineHandle> {
        EngineHandle::open_reader(self.options()).await
    }

    /// For acting commands: this process holds the data dir, or asks the engine that does.
    pub async fn handle(&self) -> EngineResult<EngineHandle> {
        EngineHandle::open(self.options()).await
    }
}

//! Opening the engine the way each command needs it: read commands open the store alongside a
//! running engine; acting commands go to the running engine over its socket, or run in-process.

use fossa_core::control::{self, ControlReply, ControlRequest};
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::error::{EngineError, EngineResult};
use fossa_core::events::Progress;
use fossa_core::paths::{resolve_data_dir, DataDirLock};
use std::path::{Path, PathBuf};

pub struct Context {
    pub data_dir: PathBuf,
}

/// Who carries out an acting command.
pub enum Actor {
    /// A daemon or the desktop app holds the data dir: ask it.
    Remote(PathBuf),
    /// Nobody does: this process takes the lock and acts itself.
    Local(Engine),
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
    pub async fn reader(&self) -> EngineResult<Engine> {
        Engine::open_reader(self.options()).await
    }

    /// For acting commands.
    pub async fn actor(&self) -> EngineResult<Actor> {
        if DataDirLock::is_held(&self.data_dir) {
            return Ok(Actor::Remote(self.data_dir.clone()));
        }
        match Engine::open_primary(self.options()).await {
            Ok(engine) => Ok(Actor::Local(engine)),
            Err(EngineError::AlreadyRunning(_)) => Ok(Actor::Remote(self.data_dir.clone())),
            Err(error) => Err(error),
        }
    }
}

impl Actor {
    pub async fn request(
        &self,
        request: &ControlRequest,
        on_progress: impl FnMut(&Progress),
    ) -> EngineResult<ControlReply> {
        match self {
            Actor::Remote(dir) => control::request(dir, request, on_progress).await,
            Actor::Local(_) => Err(EngineError::Control("not a remote engine".into())),
        }
    }
}

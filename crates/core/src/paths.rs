//! Where Fossa Sync keeps its data, and the one-scheduler-per-data-dir file lock.

use crate::error::{EngineError, EngineResult};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The application id: the data dir's name, shared by the desktop app and the CLI.
pub const APP_ID: &str = "com.fossasync.app";
/// The environment variable that chooses the data dir.
pub const DATA_DIR_ENV: &str = "FOSSA_SYNC_DATA_DIR";
const LOCK_FILE: &str = "fossa-sync.lock";
/// The control socket of the engine that holds the data dir.
pub const CONTROL_SOCKET: &str = "control.sock";

/// `--data-dir`, else `$FOSSA_SYNC_DATA_DIR`, else the platform data dir (`~/.local/share/<app id>`).
pub fn resolve_data_dir(explicit: Option<&Path>) -> EngineResult<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|dir| dir.join(APP_ID)).ok_or_else(|| {
        EngineError::invalid(
            "data dir",
            "no home directory is known; pass --data-dir or set FOSSA_SYNC_DATA_DIR",
        )
    })
}

/// Creates the data dir (owner-only) if it does not exist.
pub fn ensure_data_dir(dir: &Path) -> EngineResult<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        EngineError::io(
            format!("Could not create the data dir {}", dir.display()),
            e,
        )
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Held while this process schedules on a data dir; released when dropped (or the process dies).
#[derive(Debug)]
pub struct DataDirLock {
    _file: File,
    path: PathBuf,
}

impl DataDirLock {
    /// Takes the data dir's lock, or says clearly that another engine holds it.
    pub fn acquire(dir: &Path) -> EngineResult<Self> {
        ensure_data_dir(dir)?;
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| EngineError::io(format!("Could not open {}", path.display()), e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(EngineError::AlreadyRunning(dir.display().to_string()))
            }
            Err(TryLockError::Error(e)) => {
                return Err(EngineError::io(
                    format!("Could not lock {}", path.display()),
                    e,
                ))
            }
        }
        let _ = file.set_len(0);
        let _ = writeln!(file, "{}", std::process::id());
        Ok(Self { _file: file, path })
    }

    /// True when some process holds the data dir's lock right now.
    pub fn is_held(dir: &Path) -> bool {
        let Ok(file) = File::open(dir.join(LOCK_FILE)) else {
            return false;
        };
        match file.try_lock_shared() {
            Ok(()) => {
                let _ = file.unlock();
                false
            }
            Err(_) => true,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_on_the_same_dir_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = DataDirLock::acquire(dir.path()).unwrap();
        assert!(DataDirLock::is_held(dir.path()));
        let second = DataDirLock::acquire(dir.path());
        assert!(matches!(second, Err(EngineError::AlreadyRunning(_))));
        drop(first);
        assert!(!DataDirLock::is_held(dir.path()));
        assert!(DataDirLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn explicit_dir_wins_over_the_environment() {
        let chosen = resolve_data_dir(Some(Path::new("/tmp/x"))).unwrap();
        assert_eq!(chosen, PathBuf::from("/tmp/x"));
    }
}

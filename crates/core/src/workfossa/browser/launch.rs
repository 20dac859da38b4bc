//! Starting Debian's Chromium for one sync: finding it, its own temporary profile, and a launcher
//! that ends the browser (and removes the profile) if Fossa Sync itself dies mid-sync, so that
//! no `chromium` process or profile outlives the app.

use std::path::{Path, PathBuf};

use crate::error::SyncError;

/// Where Chromium is looked for, in order (`FOSSA_CHROMIUM` overrides).
const CANDIDATES: [&str; 4] = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/google-chrome",
];

/// The prefix of the temporary profile folders (in the system's temporary folder).
pub const PROFILE_PREFIX: &str = "fossa-sync-browser-";

/// The Chromium executable: `configured`, else `FOSSA_CHROMIUM`, else the first of Debian's
/// usual paths; [`SyncError::BrowserMissing`] names where it was looked for.
pub fn find_chromium(configured: Option<&Path>) -> Result<PathBuf, SyncError> {
    let chosen = configured
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("FOSSA_CHROMIUM").map(PathBuf::from));
    if let Some(path) = chosen {
        return if path.is_file() {
            Ok(path)
        } else {
            Err(SyncError::BrowserMissing(format!(
                "{} does not exist",
                path.display()
            )))
        };
    }
    CANDIDATES
        .iter()
        .map(PathBuf::from)
        .find(|path| path.is_file())
        .ok_or_else(|| SyncError::BrowserMissing(format!("looked for {}", CANDIDATES.join(", "))))
}

/// A temporary profile folder: `launch.sh` (the launcher) and `data/` (Chromium's profile).
/// Removed when dropped.
pub struct Profile {
    dir: tempfile::TempDir,
}

impl Profile {
    /// Creates the folder and writes the launcher for `chromium`.
    pub fn create(chromium: &Path) -> Result<Self, SyncError> {
        let io = |what: &str, e: std::io::Error| SyncError::Browser(format!("{what}: {e}"));
        let dir = tempfile::Builder::new()
            .prefix(PROFILE_PREFIX)
            .tempdir()
            .map_err(|e| io("could not create a browser profile folder", e))?;
        std::fs::create_dir(dir.path().join("data"))
            .map_err(|e| io("could not create a browser profile folder", e))?;
        let script = launcher_script(std::process::id(), dir.path(), chromium);
        let launcher = dir.path().join("launch.sh");
        std::fs::write(&launcher, script).map_err(|e| io("could not write the launcher", e))?;
        set_executable(&launcher).map_err(|e| io("could not write the launcher", e))?;
        Ok(Self { dir })
    }

    pub fn launcher(&self) -> PathBuf {
        self.dir.path().join("launch.sh")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

#[cfg(unix)]
fn set_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn set_executable(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// The launcher: a watchdog in the background, then `exec chromium "$@"` (so the browser keeps
/// the launcher's process id, which chromiumoxide waits on and kills). The watchdog checks every
/// half second that Fossa Sync (`app_pid`) is alive; when it is not, it kills the browser and
/// removes the profile. It ends by itself when the browser ends.
fn launcher_script(app_pid: u32, profile: &Path, chromium: &Path) -> String {
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
    format!(
        "#!/bin/sh\n\
         # Started by Fossa Sync for one sync: Chromium, ended with its profile if Fossa Sync dies.\n\
         app={app_pid}\n\
         browser=$$\n\
         ( while kill -0 \"$browser\" 2>/dev/null; do\n\
             if ! kill -0 \"$app\" 2>/dev/null; then\n\
               kill -KILL \"$browser\" 2>/dev/null; sleep 1; rm -rf {profile}; exit 0\n\
             fi\n\
             sleep 0.5\n\
           done ) </dev/null >/dev/null 2>&1 &\n\
         exec {chromium} \"$@\"\n",
        profile = quote(profile),
        chromium = quote(chromium),
    )
}

/// Browser processes and profile folders of Fossa Sync that exist right now (any run's): after a
/// sync, and after the app was killed, there must be none.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Leftovers {
    /// Processes whose command line names a browser profile folder.
    pub processes: Vec<u32>,
    /// Browser profile folders in the system's temporary folder.
    pub profiles: Vec<PathBuf>,
}

impl Leftovers {
    pub fn find() -> Self {
        let processes = std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
                let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
                String::from_utf8_lossy(&cmdline)
                    .contains(PROFILE_PREFIX)
                    .then_some(pid)
            })
            .collect();
        let profiles = std::fs::read_dir(std::env::temp_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(PROFILE_PREFIX))
            .map(|e| e.path())
            .collect();
        Self {
            processes,
            profiles,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.processes.is_empty() && self.profiles.is_empty()
    }
}

/// Whether this process runs as root (Chromium's sandbox refuses root: then `--no-sandbox`).
pub fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|line| line.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launcher_quotes_paths_and_execs_chromium() {
        let script = launcher_script(42, Path::new("/tmp/a b'c"), Path::new("/usr/bin/chromium"));
        assert!(script.starts_with("#!/bin/sh\n"));
        assert!(script.contains("app=42\n"));
        assert!(script.contains(r"rm -rf '/tmp/a b'\''c'"));
        assert!(script
            .trim_end()
            .ends_with("exec '/usr/bin/chromium' \"$@\""));
    }
}

//! The idle measurement's floor (tests/tray/empty-tray, an empty Tauri tray app) is built with
//! the same settings as the app's `desktop` profile: a ratio between two apps built differently
//! would measure the build settings, not the app (issue 13).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

/// The `key = value` lines of `[section]` in a Cargo.toml (the profile sections are flat).
fn section(path: &Path, name: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let header = format!("[{name}]");
    let mut inside = false;
    let mut entries = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == header;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if let (true, Some((key, value))) = (inside, line.split_once('=')) {
            entries.insert(key.trim().to_string(), value.trim().to_string());
        }
    }
    entries
}

/// A profile's settings with `inherits` resolved (one level: `desktop` inherits `release`).
fn resolved(path: &Path, name: &str) -> BTreeMap<String, String> {
    let mut own = section(path, &format!("profile.{name}"));
    match own.remove("inherits") {
        Some(parent) => {
            let mut settings = section(path, &format!("profile.{}", parent.trim_matches('"')));
            settings.extend(own);
            settings
        }
        None => own,
    }
}

#[test]
fn the_floor_app_is_built_with_the_desktop_profiles_settings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let app = resolved(&root.join("Cargo.toml"), "desktop");
    let floor = resolved(&root.join("tests/tray/empty-tray/Cargo.toml"), "release");
    for key in [
        "opt-level",
        "lto",
        "codegen-units",
        "strip",
        "debug",
        "panic",
    ] {
        assert_eq!(
            app.get(key),
            floor.get(key),
            "`{key}` differs between the app and the floor"
        );
    }
    assert_eq!(
        app.get("lto").map(String::as_str),
        Some("\"fat\""),
        "{app:?}"
    );
    assert_eq!(
        app.get("opt-level").map(String::as_str),
        Some("\"s\""),
        "{app:?}"
    );
}

//! `fossa-sync settings ...` as a user runs it: the page reader set then shown (text and JSON),
//! the command the sync's "needs a browser" error suggests, and a bad value or name refused in one
//! line with nothing saved.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::process::Command;

fn fossa(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn shown(dir: &std::path::Path) -> Value {
    let (ok, out, err) = fossa(dir, &["settings", "show", "--json"]);
    assert!(ok, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn page_reader_is_set_then_shown() {
    let dir = tempfile::tempdir().unwrap();
    let before = shown(dir.path());
    assert_eq!(before["page_reader"], "auto");
    assert_eq!(before["page_reader_detected"], Value::Null);

    let (ok, out, err) = fossa(dir.path(), &["settings", "set", "page_reader", "browser"]);
    assert!(ok, "{err}");
    assert!(out.contains("page_reader:       browser"), "{out}");
    let (ok, out, err) = fossa(dir.path(), &["settings", "show"]);
    assert!(ok, "{err}");
    assert!(out.contains("page_reader:       browser"), "{out}");
    assert!(out.contains("fetch_concurrency: 4"), "{out}");
    assert_eq!(shown(dir.path())["page_reader"], "browser");

    // The exact command the sync's error message suggests.
    let (ok, out, err) = fossa(dir.path(), &["settings", "set", "page_reader", "auto"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("page_reader:       auto (not checked yet)"),
        "{out}"
    );
    let (ok, _, err) = fossa(dir.path(), &["settings", "set", "fetch_concurrency", "2"]);
    assert!(ok, "{err}");
    let after = shown(dir.path());
    assert_eq!(after["page_reader"], "auto");
    assert_eq!(after["fetch_concurrency"], 2);
}

#[test]
fn a_bad_value_or_name_is_one_line_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let before = shown(dir.path());
    for (args, field) in [
        (["settings", "set", "page_reader", "chrome"], "page_reader"),
        (
            ["settings", "set", "fetch_concurrency", "9"],
            "fetch_concurrency",
        ),
        (["settings", "set", "colour", "blue"], "setting"),
    ] {
        let (ok, out, err) = fossa(dir.path(), &args);
        assert!(!ok, "{args:?} succeeded: {out}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains(field), "{err}");
        assert_eq!(shown(dir.path()), before, "{args:?}");
    }
    let (_, _, err) = fossa(dir.path(), &["settings", "set", "page_reader", "chrome"]);
    assert!(err.contains("auto, http or browser"), "{err}");
}

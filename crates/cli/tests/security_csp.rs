//! The desktop window's Content Security Policy, read from the top-level `tauri.conf.json`: it is
//! set, nothing in it allows `unsafe-eval`, and `default-src` and `script-src` are limited to the
//! app's own sources (`'self'`, the IPC and asset protocols). Part of the security checks of
//! `security.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

/// The window's Content Security Policy: set, no `unsafe-eval`, and `default-src` /
/// `script-src` limited to the app's own sources.
#[test]
fn the_window_has_a_strict_content_security_policy() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tauri.conf.json");
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let csp = &config["app"]["security"]["csp"];
    // Tauri takes the policy as one string or as an object of directives.
    let directives: Vec<(String, String)> = match csp {
        serde_json::Value::String(text) => text
            .split(';')
            .filter_map(|part| {
                let part = part.trim();
                let (name, value) = part.split_once(' ').unwrap_or((part, ""));
                (!name.is_empty()).then(|| (name.to_string(), value.to_string()))
            })
            .collect(),
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|item| item.as_str().unwrap().to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    other => other.as_str().unwrap().to_string(),
                };
                (name.clone(), value)
            })
            .collect(),
        other => panic!("app.security.csp is not set: {other}"),
    };
    assert!(!directives.is_empty(), "an empty CSP");
    for (name, value) in &directives {
        assert!(!value.contains("unsafe-eval"), "{name} allows unsafe-eval");
    }
    let own = [
        "'self'",
        "'none'",
        "tauri:",
        "asset:",
        "http://asset.localhost",
        "ipc:",
        "http://ipc.localhost",
    ];
    for wanted in ["default-src", "script-src"] {
        let (_, value) = directives
            .iter()
            .find(|(name, _)| name == wanted)
            .unwrap_or_else(|| panic!("the CSP has no {wanted}"));
        let sources: Vec<&str> = value.split_whitespace().collect();
        assert!(!sources.is_empty(), "{wanted} is empty");
        for source in sources {
            assert!(own.contains(&source), "{wanted} allows {source}");
        }
    }
}

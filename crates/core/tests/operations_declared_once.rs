//! Each operation is declared once, in `fossa_core::catalogue`: this test reads every front's own
//! declaration (the HTTP routes, the Tauri handler and capability list, the UI client and its
//! generated route table, the control socket, docs/api.md) and fails when one of them has an
//! operation the catalogue lacks, or lacks one the catalogue says it offers.

use fossa_core::catalogue::{typescript, Method, OPERATIONS};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn repo_file(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("read {}: {e}", full.display()))
}

fn catalogue_names(keep: impl Fn(&fossa_core::catalogue::Operation) -> bool) -> BTreeSet<String> {
    OPERATIONS
        .iter()
        .filter(|op| keep(op))
        .map(|op| op.name.to_string())
        .collect()
}

/// Routes end without a slash, except the schedules' list, which docs/api.md writes with one.
fn normalise(path: &str) -> String {
    path.trim_end_matches('/').to_string()
}

fn catalogue_routes() -> BTreeSet<(String, String)> {
    OPERATIONS
        .iter()
        .filter_map(|op| op.http)
        .map(|(method, path)| (method.as_str().to_string(), normalise(path)))
        .collect()
}

/// The text inside the parentheses opened just before `text[start..]`.
fn balanced(text: &str, start: usize) -> &str {
    let mut depth = 1;
    for (i, c) in text[start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[start..start + i];
                }
            }
            _ => {}
        }
    }
    &text[start..]
}

/// `(METHOD, path)` of every `.route("path", get(..).post(..))` of the API's route modules.
fn api_routes() -> BTreeSet<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../api/src/routes");
    let mut routes = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("routes dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("route module");
        for (at, _) in text.match_indices(".route(") {
            let args = balanced(&text, at + ".route(".len());
            let Some(route) = args.split('"').nth(1) else {
                continue;
            };
            // The catch-all 404 and the browser's login link are not operations.
            if route.contains("{*") || !route.starts_with("/api/") {
                continue;
            }
            let handlers = &args[args.find(route).unwrap_or(0) + route.len()..];
            for method in [Method::Get, Method::Post, Method::Put, Method::Delete] {
                let call = format!("{}(", method.as_str().to_lowercase());
                let found = handlers.match_indices(&call).any(|(i, _)| {
                    i == 0 || !handlers[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
                if found {
                    routes.insert((method.as_str().to_string(), normalise(route)));
                }
            }
        }
    }
    routes
}

#[test]
fn http_routes_are_the_catalogues() {
    let served = api_routes();
    assert!(
        served.len() > 15,
        "the route scan found too little: {served:?}"
    );
    assert_eq!(
        served,
        catalogue_routes(),
        "crates/api/src/routes vs the catalogue"
    );
}

/// The identifiers in `tauri::generate_handler![…]` of the desktop app.
fn tauri_handler() -> BTreeSet<String> {
    let text = repo_file("src-tauri/src/commands.rs");
    let start = text.find("generate_handler![").expect("generate_handler!") + 18;
    let end = start + text[start..].find(']').expect("end of handler list");
    text[start..end]
        .split(',')
        .map(|name| name.trim().rsplit("::").next().unwrap_or("").to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn tauri_commands_and_permissions_are_the_catalogues() {
    let commands = catalogue_names(|op| op.tauri);
    assert_eq!(tauri_handler(), commands, "src-tauri/src/commands.rs");

    let capability: serde_json::Value =
        serde_json::from_str(&repo_file("src-tauri/capabilities/main.json")).expect("json");
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    assert_eq!(granted, commands, "src-tauri/capabilities/main.json");

    let build = repo_file("src-tauri/build.rs");
    assert!(
        build.contains("crates/core/src/catalogue/table.rs"),
        "src-tauri/build.rs makes the permissions from the catalogue"
    );
}

#[test]
fn the_ui_route_table_is_generated_from_the_catalogue() {
    let path = "ui/src/api/operations.ts";
    if std::env::var_os("FOSSA_WRITE_GENERATED").is_some() {
        let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path);
        std::fs::write(full, typescript()).expect("write operations.ts");
    }
    assert_eq!(
        repo_file(path),
        typescript(),
        "{path} is stale: run scripts/check-bindings.sh and commit it"
    );
}

/// The operation names the UI client calls (`call<T>('name'`).
fn client_calls() -> BTreeSet<String> {
    let text = repo_file("ui/src/api/client.ts");
    text.split("call<")
        .skip(1)
        .filter_map(|rest| {
            let after = &rest[rest.find(">('")? + 3..];
            Some(after[..after.find('\'')?].to_string())
        })
        .collect()
}

#[test]
fn the_ui_client_calls_every_desktop_operation() {
    let calls = client_calls();
    let all = catalogue_names(|_| true);
    for name in &calls {
        assert!(
            all.contains(name),
            "ui/src/api/client.ts calls {name}, not in the catalogue"
        );
    }
    for name in catalogue_names(|op| op.tauri) {
        assert!(calls.contains(&name), "ui/src/api/client.ts lacks {name}");
    }
}

/// The `op` names of `ControlRequest`'s variants (snake_case of each variant).
fn control_variants() -> BTreeSet<String> {
    let text = repo_file("crates/core/src/control.rs");
    let start = text
        .find("pub enum ControlRequest {")
        .expect("ControlRequest")
        + 25;
    let body = &text[start..start + text[start..].find("\n}").expect("enum end")];
    body.lines()
        .map(str::trim)
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| {
            let name: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
            let mut snake = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            snake
        })
        .collect()
}

#[test]
fn control_requests_are_the_catalogues() {
    let declared: BTreeSet<String> = OPERATIONS
        .iter()
        .filter_map(|op| op.control.map(str::to_string))
        .collect();
    assert_eq!(control_variants(), declared, "crates/core/src/control.rs");
}

#[test]
fn docs_api_lists_every_operation() {
    let docs = repo_file("docs/api.md");
    let rows: Vec<&str> = docs.lines().filter(|l| l.starts_with("| ")).collect();
    let mut documented = BTreeSet::new();
    for row in &rows {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let Some(http) = cells.get(2).and_then(|c| c.strip_prefix('`')) else {
            continue;
        };
        let mut words = http.split(['`', ' ', '?']);
        let (Some(method), Some(path)) = (words.next(), words.next()) else {
            continue;
        };
        if path.starts_with("/api/") {
            documented.insert((method.to_string(), normalise(path)));
        }
    }
    assert_eq!(
        documented,
        catalogue_routes(),
        "docs/api.md's operations table"
    );
    for name in catalogue_names(|op| op.tauri) {
        let cell = format!("`{name}`");
        assert!(
            rows.iter().any(|row| row.contains(&cell)),
            "docs/api.md does not name the Tauri command {name}"
        );
    }
}

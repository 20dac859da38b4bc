//! Build script: Tauri's (config, capabilities, the app commands' permissions).
//!
//! The config lives at the top of the repository (`../tauri.conf.json`); `tauri.conf.json` here
//! is a symlink to it, because the Tauri CLI, `tauri-build` and `generate_context!` all look for
//! the config in the crate's folder, and resolve the config's relative paths from there.
//!
//! `generate_context!` embeds the built UI (`../ui/dist`). When it has not been built (a fresh
//! clone, a Rust-only CI step), the placeholder page in `placeholder-ui/` is embedded instead and
//! a warning says so; build the UI first for a real window.

/// The operation catalogue of the engine (`fossa_core::catalogue`): each operation with a Tauri
/// command gets an `allow-<command>` permission, which `capabilities/main.json` grants.
mod catalogue {
    #![allow(dead_code)]
    include!("../crates/core/src/catalogue/table.rs");
}

/// Every app command, from the catalogue.
fn commands() -> &'static [&'static str] {
    let names: Vec<&'static str> = catalogue::OPERATIONS
        .iter()
        .filter(|op| op.tauri)
        .map(|op| op.name)
        .collect();
    names.leak()
}

fn main() {
    let ui = std::path::Path::new("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=placeholder-ui");
    println!("cargo:rerun-if-changed=../crates/core/src/catalogue/table.rs");
    if !ui.exists() && std::env::var_os("TAURI_CONFIG").is_none() {
        println!(
            "cargo:warning=ui/dist is not built: the window will show a placeholder (build the UI in ui/ first)"
        );
        println!(r#"cargo:rustc-env=TAURI_CONFIG={{"build":{{"frontendDist":"placeholder-ui"}}}}"#);
    }
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands()));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}

//! The oldest supported Rust is written once and checked: `rust-version` in the workspace
//! `Cargo.toml` equals clippy's `msrv` in `clippy.toml` (so clippy's `incompatible_msrv` lint checks
//! std APIs against it without downloading that toolchain), and every crate inherits it.

use std::path::Path;

fn workspace_file(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("could not read {}: {e}", path.display()))
}

/// The quoted value of the first `key = "value"` line.
fn quoted_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (name, value) = line.split_once('=')?;
        (name.trim() == key).then(|| value.trim().trim_matches('"').to_owned())
    })
}

#[test]
fn cargo_rust_version_and_clippy_msrv_agree() {
    let rust_version = quoted_value(&workspace_file("Cargo.toml"), "rust-version")
        .expect("the workspace Cargo.toml sets rust-version");
    let msrv = quoted_value(&workspace_file("clippy.toml"), "msrv").expect("clippy.toml sets msrv");
    assert_eq!(
        rust_version, msrv,
        "Cargo.toml rust-version vs clippy.toml msrv"
    );
    // `File::try_lock` (the single-instance lock) is stable since 1.89.
    let (major, minor) = rust_version
        .split_once('.')
        .map(|(major, rest)| (major, rest.split('.').next().unwrap_or(rest)))
        .expect("rust-version is MAJOR.MINOR");
    let version: (u32, u32) = (major.parse().unwrap(), minor.parse().unwrap());
    assert!(
        version >= (1, 89),
        "rust-version {rust_version} is older than File::try_lock"
    );
}

#[test]
fn every_crate_inherits_the_rust_version() {
    let members = quoted_value(&workspace_file("Cargo.toml"), "members")
        .expect("the workspace Cargo.toml lists its members");
    let members: Vec<&str> = members
        .trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|member| member.trim().trim_matches('"'))
        .collect();
    assert!(members.contains(&"crates/core"), "members: {members:?}");
    for member in members {
        let manifest = workspace_file(&format!("{member}/Cargo.toml"));
        assert_eq!(
            quoted_value(&manifest, "rust-version.workspace").as_deref(),
            Some("true"),
            "{member}/Cargo.toml does not inherit rust-version"
        );
    }
}

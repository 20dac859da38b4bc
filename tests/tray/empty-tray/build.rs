//! Tauri's build script.
fn main() {
    tauri_build::build()
}

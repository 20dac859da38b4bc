//! The desktop app's entry point: everything is in the library (`lib.rs`).
fn main() {
    fossa_sync_desktop::run(tauri::generate_context!())
}

//! The one window, created on demand from the tray and DESTROYED when closed: an open webview
//! costs ~270 MB in WebKit processes, so the app keeps only its tray while the window is shut.
//! Size and position are restored by the window-state plugin when the window is created again.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The window's label (the capabilities in `capabilities/` are granted to it).
pub const MAIN: &str = "main";

/// Shows the window: focuses it if it is open, otherwise creates it.
pub fn open<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(MAIN) {
        window.unminimize()?;
        window.show()?;
        return window.set_focus();
    }
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()))
        .title("Fossa Sync")
        .inner_size(1040.0, 720.0)
        .min_inner_size(360.0, 480.0)
        .build()?;
    Ok(())
}

/// [`open`], logging a failure (for the tray and the single-instance callback).
pub fn open_or_log<R: Runtime>(app: &AppHandle<R>) {
    if let Err(error) = open(app) {
        tracing::error!(%error, "the window could not be opened");
    }
}

//! The one window, created on demand from the tray and DESTROYED when closed: an open webview
//! costs ~270 MB in WebKit processes, so the app keeps only its tray while the window is shut.
//! Size and position are restored by the window-state plugin when the window is created again.
//!
//! `--show PAGE` (on the command line of the first launch or of a second one, which the
//! single-instance plugin forwards) opens the window on one of the UI's hash routes, e.g.
//! `--show history`, `--show work-orders/129651`.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The window's label (the capabilities in `capabilities/` are granted to it).
pub const MAIN: &str = "main";

/// The command-line flag that opens the window on a page.
pub const SHOW_FLAG: &str = "--show";

/// The UI's pages (ui/src/lib/router.ts) and whether a route may add a numeric id to them.
const PAGES: [(&str, bool); 4] = [
    ("status", false),
    ("work-orders", true),
    ("history", true),
    ("settings", false),
];

/// The hash route (`#/history`, `#/work-orders/12`) of a `--show` value, or None when the value
/// is not one of the UI's pages.
pub fn route(page: &str) -> Option<String> {
    let page = page.trim().trim_start_matches("#/").trim_matches('/');
    let (name, id) = match page.split_once('/') {
        Some((name, id)) => (name, Some(id)),
        None => (page, None),
    };
    let (name, takes_id) = PAGES.into_iter().find(|(known, _)| *known == name)?;
    match id {
        None => Some(format!("#/{name}")),
        Some(id) if takes_id && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!("#/{name}/{id}"))
        }
        Some(_) => None,
    }
}

/// What a command line asks for: None without `--show`; `Some(Err(value))` for an unknown page.
pub fn requested_route(args: &[String]) -> Option<Result<String, String>> {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == SHOW_FLAG {
            iter.next().cloned().unwrap_or_default()
        } else if let Some(value) = arg.strip_prefix("--show=") {
            value.to_string()
        } else {
            continue;
        };
        return Some(route(&value).ok_or(value));
    }
    None
}

/// Shows the window: focuses it if it is open, otherwise creates it.
pub fn open<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    open_at(app, None)
}

/// [`open`] on a hash route of [`route`] (None: the page the window has, or the first page).
pub fn open_at<R: Runtime>(app: &AppHandle<R>, hash: Option<&str>) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(MAIN) {
        if let Some(hash) = hash {
            // A same-document navigation: the UI's router follows `hashchange`.
            let quoted = serde_json::to_string(hash).map_err(tauri::Error::Json)?;
            window.eval(format!("location.hash = {quoted};"))?;
        }
        window.unminimize()?;
        window.show()?;
        return window.set_focus();
    }
    let url = format!("index.html{}", hash.unwrap_or_default());
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App(url.into()))
        .title("Fossa Sync")
        .inner_size(1040.0, 720.0)
        .min_inner_size(360.0, 480.0)
        .build()?;
    Ok(())
}

/// [`open`], logging a failure (for the tray).
pub fn open_or_log<R: Runtime>(app: &AppHandle<R>) {
    if let Err(error) = open(app) {
        tracing::error!(%error, "the window could not be opened");
    }
}

/// Opens the window as a command line asks (the first launch's or a forwarded one's), on the
/// page of its `--show` if any, logging failures; an unknown page opens the window as it is.
pub fn open_for_args<R: Runtime>(app: &AppHandle<R>, args: &[String]) {
    let hash = match requested_route(args) {
        Some(Ok(hash)) => Some(hash),
        Some(Err(value)) => {
            tracing::warn!(
                page = value,
                "unknown page for --show (status, work-orders[/N], history[/N], settings)"
            );
            None
        }
        None => None,
    };
    if let Err(error) = open_at(app, hash.as_deref()) {
        tracing::error!(%error, "the window could not be opened");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn routes_of_the_ui_pages() {
        assert_eq!(route("status").as_deref(), Some("#/status"));
        assert_eq!(route("history").as_deref(), Some("#/history"));
        assert_eq!(route("#/settings").as_deref(), Some("#/settings"));
        assert_eq!(
            route("work-orders/129651").as_deref(),
            Some("#/work-orders/129651")
        );
        assert_eq!(route("history/12/").as_deref(), Some("#/history/12"));
    }

    #[test]
    fn nothing_else_reaches_the_page() {
        for bad in [
            "",
            "nope",
            "settings/3",
            "history/x",
            "work-orders/1;alert(1)",
            "status\";x",
        ] {
            assert_eq!(route(bad), None, "{bad}");
        }
    }

    #[test]
    fn show_flag_on_a_command_line() {
        assert_eq!(requested_route(&args(&["app"])), None);
        assert_eq!(requested_route(&args(&["app", "--hidden"])), None);
        assert_eq!(
            requested_route(&args(&["app", "--show", "history"])),
            Some(Ok("#/history".into()))
        );
        assert_eq!(
            requested_route(&args(&["app", "--show=work-orders/7"])),
            Some(Ok("#/work-orders/7".into()))
        );
        assert_eq!(
            requested_route(&args(&["app", "--show", "bogus"])),
            Some(Err("bogus".into()))
        );
        assert_eq!(
            requested_route(&args(&["app", "--show"])),
            Some(Err(String::new()))
        );
    }
}

//! The tray icon and its menu. On Linux a tray has no tooltip and no click events, so the menu is
//! the interface: two text lines (state + countdown, last result), then the actions. The content
//! comes from [`crate::tray_view`]; this file only builds the widgets, applies a view when it
//! changed, and turns menu clicks into engine calls.

use crate::engine::{self, EngineExt};
use crate::icon;
use crate::notifications::{self, Note};
use crate::tray_view::{self, TrayInput, TrayView};
use crate::window;
use chrono::{Local, Utc};
use fossa_core::engine::PauseRequest;
use std::sync::Mutex;
use tauri::image::Image;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager, Runtime};

const SYNC: &str = "sync";
const PAUSE_HOUR: &str = "pause-1h";
const PAUSE_TOMORROW: &str = "pause-tomorrow";
const RESUME: &str = "resume";
const OPEN: &str = "open";
const QUIT: &str = "quit";

/// The tray's widgets and the view they show (managed state).
pub struct Tray<R: Runtime> {
    icon: TrayIcon<R>,
    headline: MenuItem<R>,
    detail: MenuItem<R>,
    sync: MenuItem<R>,
    pause_hour: MenuItem<R>,
    pause_tomorrow: MenuItem<R>,
    resume: MenuItem<R>,
    shown: Mutex<Option<TrayView>>,
}

fn item<R: Runtime>(
    app: &AppHandle<R>,
    id: &str,
    text: &str,
    enabled: bool,
) -> tauri::Result<MenuItem<R>> {
    MenuItem::with_id(app, id, text, enabled, None::<&str>)
}

/// The ring as drawn: in steps of 1/[`RING_STEPS`] of the turn. Each new icon is a PNG file
/// written, then read back by the tray's GTK code (`tray-icon`); a 24-hour countdown would
/// otherwise redraw it every minute for an arc that moved a tenth of a pixel.
const RING_STEPS: f32 = 48.0;

fn drawn_ring(ring: f32) -> f32 {
    (ring * RING_STEPS).ceil() / RING_STEPS
}

fn image(view: &TrayView) -> Image<'static> {
    let size = icon::TRAY_SIZE;
    Image::new_owned(
        icon::draw(view.state, drawn_ring(view.ring), size),
        size,
        size,
    )
}

/// Creates the tray icon showing "Starting…" (call from the setup hook).
pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let start = tray_view::tray_view(
        &TrayInput {
            engine: tray_view::EngineView::Starting,
            demo: false,
            now: Utc::now(),
        },
        &Local,
    );
    let headline = item(app, "headline", &start.headline, false)?;
    let detail = item(app, "detail", " ", false)?;
    let sync = item(app, SYNC, "Sync now", false)?;
    let pause_hour = item(app, PAUSE_HOUR, "Pause for 1 hour", false)?;
    let pause_tomorrow = item(app, PAUSE_TOMORROW, "Pause until tomorrow", false)?;
    let resume = item(app, RESUME, "Resume", false)?;
    let open = item(app, OPEN, "Open Fossa Sync…", true)?;
    let quit = item(app, QUIT, "Quit", true)?;
    let menu = Menu::with_items(
        app,
        &[
            &headline,
            &detail,
            &PredefinedMenuItem::separator(app)?,
            &sync,
            &pause_hour,
            &pause_tomorrow,
            &resume,
            &PredefinedMenuItem::separator(app)?,
            &open,
            &quit,
        ],
    )?;
    let icon = TrayIconBuilder::with_id("fossa-sync")
        .icon(image(&start))
        .menu(&menu)
        .show_menu_on_left_click(true)
        .on_menu_event(on_menu_event)
        .build(app)?;
    app.manage(Tray {
        icon,
        headline,
        detail,
        sync,
        pause_hour,
        pause_tomorrow,
        resume,
        shown: Mutex::new(Some(start)),
    });
    Ok(())
}

/// Shows `input` in the tray; does nothing when the view is unchanged (no redraw while idle).
pub fn render<R: Runtime>(app: &AppHandle<R>, input: &TrayInput<'_>) {
    let Some(tray) = app.try_state::<Tray<R>>() else {
        return;
    };
    let view = tray_view::tray_view(input, &Local);
    let Ok(mut shown) = tray.shown.lock() else {
        return;
    };
    if shown.as_ref() == Some(&view) {
        return;
    }
    if let Err(error) = tray.apply(shown.as_ref(), &view) {
        tracing::warn!(%error, "the tray could not be updated");
    }
    *shown = Some(view);
}

impl<R: Runtime> Tray<R> {
    fn apply(&self, old: Option<&TrayView>, view: &TrayView) -> tauri::Result<()> {
        let changed = |get: fn(&TrayView) -> String| old.map(get) != Some(get(view));
        if old.is_none_or(|old| {
            old.state != view.state || drawn_ring(old.ring) != drawn_ring(view.ring)
        }) {
            self.icon.set_icon(Some(image(view)))?;
        }
        if changed(|v| v.headline.clone()) {
            self.headline.set_text(&view.headline)?;
        }
        if changed(|v| v.detail.clone()) {
            // An empty item collapses in some menus; a space keeps the line.
            let text = if view.detail.is_empty() {
                " "
            } else {
                &view.detail
            };
            self.detail.set_text(text)?;
        }
        if changed(|v| v.title.clone()) {
            let title = (!view.title.is_empty()).then_some(view.title.as_str());
            self.icon.set_title(title)?;
        }
        self.sync.set_enabled(view.can_sync)?;
        self.pause_hour.set_enabled(view.can_pause)?;
        self.pause_tomorrow.set_enabled(view.can_pause)?;
        self.resume.set_enabled(view.can_resume)?;
        Ok(())
    }
}

fn on_menu_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    match event.id().as_ref() {
        OPEN => window::open_or_log(app),
        QUIT => engine::quit(app),
        id @ (SYNC | PAUSE_HOUR | PAUSE_TOMORROW | RESUME) => {
            let app = app.clone();
            let id = id.to_string();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = act(&app, &id).await {
                    tracing::warn!(%error, action = id, "tray action failed");
                    let note = Note {
                        title: "Fossa Sync".into(),
                        body: error.to_string(),
                    };
                    notifications::show(&app, &note);
                }
            });
        }
        _ => {}
    }
}

/// One menu action over the engine handle; the tray updates from the engine's events.
async fn act<R: Runtime>(app: &AppHandle<R>, id: &str) -> crate::error::Result<()> {
    let running = app.running()?;
    match id {
        SYNC => {
            running.sync_now().await?;
        }
        PAUSE_HOUR => {
            running
                .handle
                .pause_with(&PauseRequest::minutes(60))
                .await?;
        }
        PAUSE_TOMORROW => {
            // The engine's "tomorrow", as the window's and `fossa-sync pause --until tomorrow`.
            let request = PauseRequest::until_tomorrow();
            running.handle.pause_with(&request).await?;
        }
        RESUME => {
            running.handle.resume().await?;
        }
        _ => {}
    }
    app.shell()?.nudge();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::drawn_ring;

    #[test]
    fn the_ring_is_drawn_in_steps_so_a_long_countdown_does_not_redraw_every_minute() {
        assert_eq!(drawn_ring(0.0), 0.0);
        assert_eq!(drawn_ring(1.0), 1.0);
        assert_eq!(drawn_ring(0.5), 0.5);
        // A daily schedule, 10 h 10 min and 10 h 5 min left: the same icon.
        assert_eq!(drawn_ring(610.0 / 1440.0), drawn_ring(605.0 / 1440.0));
        // Any time left still shows a sliver of the ring.
        assert!(drawn_ring(0.001) > 0.0);
    }
}

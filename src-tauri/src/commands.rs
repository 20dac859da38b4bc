//! The window's Tauri commands: one per engine operation of docs/api.md (same names and JSON as
//! the HTTP API), each a few lines over the engine handle (`app.running()` / `app.engine()`).
//! JavaScript passes arguments in camelCase (`includeRemoved`), as Tauri maps Rust parameters.
//! Every command is also listed in `build.rs` (its `allow-…` permission) and granted in
//! `capabilities/main.json`.

use crate::engine::{self, EngineExt};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fossa_core::credentials::AccountInfo;
use fossa_core::engine::{AccountUpdate, DailyStat, DemoLeft, ScheduleView, WorkOrderView};
use fossa_core::model::{JobType, RunRecord, RunStatus, Status, Trigger};
use fossa_core::schedule::ScheduleConfig;
use fossa_core::settings::Settings;
use fossa_core::store::{ChangeRecord, HistoryFilter, WorkOrderQuery};
use serde::Serialize;
use tauri::ipc::Invoke;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::AutoLaunchManager;

/// The invoke handler with every command.
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        get_status,
        get_schedules,
        get_schedule,
        set_schedule,
        preview_schedule,
        pause,
        resume,
        sync_now,
        get_history,
        get_run,
        get_work_orders,
        get_changes,
        get_daily_stats,
        get_settings,
        set_settings,
        get_account,
        set_account,
        test_login,
        send_test_email,
        send_test_webhook,
        leave_demo,
    ]
}

/// `{"ok": true}`: the answer of operations that only succeed or fail.
#[derive(Debug, Clone, Serialize)]
pub struct Done {
    pub ok: bool,
}

/// `{"run_id": 12}`: the sync that was started or joined.
#[derive(Debug, Clone, Serialize)]
pub struct Started {
    pub run_id: Option<i64>,
}

/// What the window shows about the app itself.
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// The data is the simulated site's: show the "Demo data" mark.
    pub demo: bool,
    pub demo_site: Option<String>,
    /// A daemon holds the data dir: this app does not schedule.
    pub held_elsewhere: bool,
}

fn job_type(id: &str) -> Result<JobType> {
    JobType::parse(id).ok_or_else(|| Error::invalid("id", format!("there is no schedule {id:?}")))
}

#[tauri::command]
pub async fn app_info<R: Runtime>(app: AppHandle<R>) -> Result<AppInfo> {
    let running = app.running()?;
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        data_dir: running.data_dir().display().to_string(),
        demo: running.demo,
        demo_site: running.demo_site(),
        held_elsewhere: running.held_elsewhere,
    })
}

#[tauri::command]
pub async fn get_status<R: Runtime>(app: AppHandle<R>) -> Result<Status> {
    Ok(app.engine()?.status().await?)
}

#[tauri::command]
pub async fn get_schedules<R: Runtime>(app: AppHandle<R>) -> Result<Vec<ScheduleView>> {
    Ok(vec![app.engine()?.schedule().await?])
}

#[tauri::command]
pub async fn get_schedule<R: Runtime>(app: AppHandle<R>, id: String) -> Result<ScheduleView> {
    job_type(&id)?;
    Ok(app.engine()?.schedule().await?)
}

#[tauri::command]
pub async fn set_schedule<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    config: ScheduleConfig,
) -> Result<ScheduleView> {
    job_type(&id)?;
    app.running()?.set_schedule(config).await
}

/// The next `count` (default 5, at most 500) fire times of `config` (default: the saved schedule).
#[tauri::command]
pub async fn preview_schedule<R: Runtime>(
    app: AppHandle<R>,
    config: Option<ScheduleConfig>,
    from: Option<DateTime<Utc>>,
    count: Option<usize>,
) -> Result<Vec<DateTime<Tz>>> {
    let count = count.unwrap_or(5);
    Ok(app.engine()?.preview(config, from, count).await?)
}

/// Pauses until `until`, or for `minutes`, or (neither) until resumed.
#[tauri::command]
pub async fn pause<R: Runtime>(
    app: AppHandle<R>,
    until: Option<DateTime<Utc>>,
    minutes: Option<u32>,
) -> Result<Status> {
    let running = app.running()?;
    match (until, minutes) {
        (Some(_), Some(_)) => Err(Error::invalid(
            "minutes",
            "give either until or minutes, not both",
        )),
        (None, Some(minutes)) => running.pause_for(minutes).await,
        (until, None) => running.pause(until).await,
    }
}

#[tauri::command]
pub async fn resume<R: Runtime>(app: AppHandle<R>) -> Result<Status> {
    app.running()?.resume().await
}

/// Starts a sync (or joins the running one); progress and the end come as `engine-event`s.
#[tauri::command]
pub async fn sync_now<R: Runtime>(app: AppHandle<R>, id: Option<String>) -> Result<Started> {
    job_type(id.as_deref().unwrap_or("work_orders"))?;
    Ok(Started {
        run_id: app.running()?.sync_now().await?,
    })
}

#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn get_history<R: Runtime>(
    app: AppHandle<R>,
    job_type: Option<JobType>,
    limit: Option<i64>,
    offset: Option<i64>,
    status: Option<RunStatus>,
    trigger: Option<Trigger>,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Result<Vec<RunRecord>> {
    let filter = HistoryFilter {
        job_type,
        status,
        trigger,
        since,
        until,
        limit,
        offset,
    };
    Ok(app.engine()?.history(&filter).await?)
}

#[tauri::command]
pub async fn get_run<R: Runtime>(app: AppHandle<R>, id: i64) -> Result<RunRecord> {
    Ok(app.engine()?.run(id).await?)
}

#[tauri::command]
pub async fn get_work_orders<R: Runtime>(
    app: AppHandle<R>,
    search: Option<String>,
    category: Option<String>,
    include_removed: Option<bool>,
) -> Result<Vec<WorkOrderView>> {
    let query = WorkOrderQuery {
        search: search.filter(|text| !text.trim().is_empty()),
        category: category.filter(|name| !name.trim().is_empty()),
        include_removed: include_removed.unwrap_or(false),
    };
    Ok(app.engine()?.work_orders(&query).await?)
}

/// Change records of one run, or since an instant, or all.
#[tauri::command]
pub async fn get_changes<R: Runtime>(
    app: AppHandle<R>,
    run: Option<i64>,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<ChangeRecord>> {
    Ok(app.engine()?.changes(run, since).await?)
}

#[tauri::command]
pub async fn get_daily_stats<R: Runtime>(
    app: AppHandle<R>,
    days: Option<u32>,
) -> Result<Vec<DailyStat>> {
    Ok(app.engine()?.daily_stats(days.unwrap_or(30)).await?)
}

fn autostart<R: Runtime>(app: &AppHandle<R>) -> Option<tauri::State<'_, AutoLaunchManager>> {
    app.try_state::<AutoLaunchManager>()
}

/// The settings; `launch_at_login` is what the desktop really does (the autostart entry).
#[tauri::command]
pub async fn get_settings<R: Runtime>(app: AppHandle<R>) -> Result<Settings> {
    let mut settings = app.engine()?.settings().await?;
    if let Some(enabled) = autostart(&app).and_then(|manager| manager.is_enabled().ok()) {
        settings.launch_at_login = enabled;
    }
    Ok(settings)
}

/// Saves the settings; `launch_at_login` turns the autostart entry on or off first.
#[tauri::command]
pub async fn set_settings<R: Runtime>(app: AppHandle<R>, settings: Settings) -> Result<Settings> {
    let engine = app.engine()?;
    settings.validate()?;
    if let Some(manager) = autostart(&app) {
        let enabled = manager.is_enabled().unwrap_or(false);
        let changed = match (settings.launch_at_login, enabled) {
            (true, false) => manager.enable(),
            (false, true) => manager.disable(),
            _ => Ok(()),
        };
        changed.map_err(|e| Error::Autostart(e.to_string()))?;
    }
    Ok(engine.set_settings(settings).await?)
}

#[tauri::command]
pub async fn get_account<R: Runtime>(app: AppHandle<R>) -> Result<AccountInfo> {
    Ok(app.running()?.account_engine().await?.account().await?)
}

/// Saves the WorkFossa account. In demo mode it is saved for the real data dir and the app
/// restarts (cleanly) to sync it.
#[tauri::command]
pub async fn set_account<R: Runtime>(
    app: AppHandle<R>,
    email: String,
    password: Option<String>,
    site_url: Option<String>,
) -> Result<AccountInfo> {
    let running = app.running()?;
    let update = AccountUpdate {
        email,
        password,
        site_url,
    };
    let info = running.account_engine().await?.set_account(update).await?;
    if running.demo {
        engine::restart(&app);
    }
    Ok(info)
}

#[tauri::command]
pub async fn test_login<R: Runtime>(app: AppHandle<R>) -> Result<Done> {
    app.running()?.account_engine().await?.test_login().await?;
    Ok(Done { ok: true })
}

#[tauri::command]
pub async fn send_test_email<R: Runtime>(app: AppHandle<R>) -> Result<Done> {
    app.engine()?.send_test_email().await?;
    Ok(Done { ok: true })
}

#[tauri::command]
pub async fn send_test_webhook<R: Runtime>(app: AppHandle<R>) -> Result<Done> {
    app.engine()?.send_test_webhook().await?;
    Ok(Done { ok: true })
}

/// Leaves the demo: its work orders, syncs and account are removed, and the app restarts
/// (cleanly) on the real data dir, which no longer starts the demo while no account is set.
#[tauri::command]
pub async fn leave_demo<R: Runtime>(app: AppHandle<R>) -> Result<DemoLeft> {
    let running = app.running()?;
    let left = running.leave_demo().await?;
    if running.demo {
        engine::restart(&app);
    }
    Ok(left)
}

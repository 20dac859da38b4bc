//! The window's Tauri commands: one per engine operation of docs/api.md (same names and JSON as
//! the HTTP API), each a few lines over the engine handle (`app.running()?.handle`, an
//! `EngineHandle`: local, or the daemon's over its control socket). Errors are `{error, field}`.
//! JavaScript passes arguments in camelCase (`includeRemoved`), as Tauri maps Rust parameters.
//! Every command is also listed in the core's operation catalogue (its `allow-…` permission,
//! made by `build.rs`) and granted in `capabilities/main.json`. Arguments are [`Arg`]s, read by
//! the shell: a missing or ill-typed one is an `{error, field}` body too, never Tauri's bare
//! string.

use crate::args::Arg;
use crate::engine::{self, EngineExt};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fossa_core::credentials::AccountInfo;
use fossa_core::engine::{
    schedule_request, AccountUpdate, DailyStat, DemoLeft, EngineHandle, PauseRequest, ScheduleView,
    WorkOrderView,
};
use fossa_core::model::{JobType, RunRecord, RunStatus, Status, Trigger};
use fossa_core::schedule::ScheduleConfig;
use fossa_core::settings::Settings;
use fossa_core::store::{ChangeRecord, HistoryFilter, StoredDispenser, WorkOrderQuery};
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
        get_dispensers,
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

/// The engine handle of the running app (every command's way to the engine).
fn handle<R: Runtime>(app: &AppHandle<R>) -> Result<EngineHandle> {
    Ok(app.running()?.handle.clone())
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
    Ok(handle(&app)?.status().await?)
}

#[tauri::command]
pub async fn get_schedules<R: Runtime>(app: AppHandle<R>) -> Result<Vec<ScheduleView>> {
    Ok(handle(&app)?.schedules().await?)
}

#[tauri::command]
pub async fn get_schedule<R: Runtime>(app: AppHandle<R>, id: Arg<String>) -> Result<ScheduleView> {
    let job = job_type(&id.required("id")?)?;
    Ok(handle(&app)?.schedule_of(job).await?)
}

/// Changes the schedule: the fields of `config` that are sent replace the stored ones, the
/// others keep theirs (as `PUT /api/scraping-schedules/{id}`).
#[tauri::command]
pub async fn set_schedule<R: Runtime>(
    app: AppHandle<R>,
    id: Arg<String>,
    config: Arg<serde_json::Map<String, serde_json::Value>>,
) -> Result<ScheduleView> {
    let job = job_type(&id.required("id")?)?;
    let request = schedule_request(config.required("config")?)?;
    Ok(handle(&app)?.change_schedule_of(job, &request).await?)
}

/// The next `count` (default 5, at most 500) fire times of `config` (default: the saved schedule).
#[tauri::command]
pub async fn preview_schedule<R: Runtime>(
    app: AppHandle<R>,
    config: Arg<ScheduleConfig>,
    from: Arg<DateTime<Utc>>,
    count: Arg<usize>,
) -> Result<Vec<DateTime<Tz>>> {
    let config = config.optional("config")?;
    let from = from.optional("from")?;
    let count = count.optional("count")?.unwrap_or(5);
    Ok(handle(&app)?.preview(config, from, count).await?)
}

/// Pauses until `until`, or for `minutes`, or until tomorrow's window opens (`until_tomorrow`,
/// resolved by the engine), or (none) until resumed. The arguments are the HTTP body's keys
/// (`until_tomorrow`), not camelCase.
#[tauri::command(rename_all = "snake_case")]
pub async fn pause<R: Runtime>(
    app: AppHandle<R>,
    until: Arg<DateTime<Utc>>,
    minutes: Arg<u32>,
    until_tomorrow: Arg<bool>,
) -> Result<Status> {
    let request = PauseRequest {
        until: until.optional("until")?,
        minutes: minutes.optional("minutes")?,
        until_tomorrow: until_tomorrow.optional("until_tomorrow")?.unwrap_or(false),
    };
    Ok(handle(&app)?.pause_with(&request).await?)
}

#[tauri::command]
pub async fn resume<R: Runtime>(app: AppHandle<R>) -> Result<Status> {
    Ok(handle(&app)?.resume().await?)
}

/// Starts a sync (or joins the running one); progress and the end come as `engine-event`s.
#[tauri::command]
pub async fn sync_now<R: Runtime>(app: AppHandle<R>, id: Arg<String>) -> Result<Started> {
    let job = job_type(id.optional("id")?.as_deref().unwrap_or("work_orders"))?;
    Ok(Started {
        run_id: Some(handle(&app)?.start_job(job).await?),
    })
}

#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn get_history<R: Runtime>(
    app: AppHandle<R>,
    job_type: Arg<JobType>,
    limit: Arg<i64>,
    offset: Arg<i64>,
    status: Arg<RunStatus>,
    trigger: Arg<Trigger>,
    since: Arg<DateTime<Utc>>,
    until: Arg<DateTime<Utc>>,
) -> Result<Vec<RunRecord>> {
    let filter = HistoryFilter {
        job_type: job_type.optional("jobType")?,
        status: status.optional("status")?,
        trigger: trigger.optional("trigger")?,
        since: since.optional("since")?,
        until: until.optional("until")?,
        limit: limit.optional("limit")?,
        offset: offset.optional("offset")?,
    };
    Ok(handle(&app)?.history(&filter).await?)
}

#[tauri::command]
pub async fn get_run<R: Runtime>(app: AppHandle<R>, id: Arg<i64>) -> Result<RunRecord> {
    Ok(handle(&app)?.run(id.required("id")?).await?)
}

#[tauri::command]
pub async fn get_work_orders<R: Runtime>(
    app: AppHandle<R>,
    search: Arg<String>,
    category: Arg<String>,
    include_removed: Arg<bool>,
) -> Result<Vec<WorkOrderView>> {
    let query = WorkOrderQuery {
        search: search
            .optional("search")?
            .filter(|text| !text.trim().is_empty()),
        category: category
            .optional("category")?
            .filter(|name| !name.trim().is_empty()),
        include_removed: include_removed.optional("includeRemoved")?.unwrap_or(false),
    };
    Ok(handle(&app)?.work_orders(&query).await?)
}

/// The stored dispensers of one station (`location`), or of all.
#[tauri::command]
pub async fn get_dispensers<R: Runtime>(
    app: AppHandle<R>,
    location: Arg<i64>,
) -> Result<Vec<StoredDispenser>> {
    Ok(handle(&app)?
        .dispensers(location.optional("location")?)
        .await?)
}

/// Change records of one run, or since an instant, or all.
#[tauri::command]
pub async fn get_changes<R: Runtime>(
    app: AppHandle<R>,
    run: Arg<i64>,
    since: Arg<DateTime<Utc>>,
) -> Result<Vec<ChangeRecord>> {
    let (run, since) = (run.optional("run")?, since.optional("since")?);
    Ok(handle(&app)?.changes(run, since).await?)
}

#[tauri::command]
pub async fn get_daily_stats<R: Runtime>(
    app: AppHandle<R>,
    days: Arg<u32>,
    job: Arg<JobType>,
) -> Result<Vec<DailyStat>> {
    let days = days.optional("days")?.unwrap_or(30);
    let job = job.optional("job")?.unwrap_or(JobType::WorkOrders);
    Ok(handle(&app)?.daily_stats_of(days, job).await?)
}

fn autostart<R: Runtime>(app: &AppHandle<R>) -> Option<tauri::State<'_, AutoLaunchManager>> {
    app.try_state::<AutoLaunchManager>()
}

/// The settings; `launch_at_login` is what the desktop really does (the autostart entry).
#[tauri::command]
pub async fn get_settings<R: Runtime>(app: AppHandle<R>) -> Result<Settings> {
    let mut settings = handle(&app)?.settings().await?;
    if let Some(enabled) = autostart(&app).and_then(|manager| manager.is_enabled().ok()) {
        settings.launch_at_login = enabled;
    }
    Ok(settings)
}

/// Saves the settings; `launch_at_login` turns the autostart entry on or off first.
#[tauri::command]
pub async fn set_settings<R: Runtime>(
    app: AppHandle<R>,
    settings: Arg<Settings>,
) -> Result<Settings> {
    let settings = settings.required("settings")?;
    let engine = handle(&app)?;
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
    Ok(app.running()?.account_handle().await?.account().await?)
}

/// Saves the WorkFossa account. In demo mode it is saved for the real data dir and the app
/// restarts (cleanly) to sync it.
#[tauri::command]
pub async fn set_account<R: Runtime>(
    app: AppHandle<R>,
    email: Arg<String>,
    password: Arg<String>,
    site_url: Arg<String>,
) -> Result<AccountInfo> {
    let running = app.running()?;
    let update = AccountUpdate {
        email: email.required("email")?,
        password: password.optional("password")?,
        site_url: site_url.optional("siteUrl")?,
    };
    let info = running.account_handle().await?.set_account(update).await?;
    if running.demo {
        engine::restart(&app);
    }
    Ok(info)
}

#[tauri::command]
pub async fn test_login<R: Runtime>(app: AppHandle<R>) -> Result<Done> {
    app.running()?.account_handle().await?.test_login().await?;
    Ok(Done { ok: true })
}

#[tauri::command]
pub async fn send_test_email<R: Runtime>(app: AppHandle<R>) -> Result<Done> {
    handle(&app)?.send_test_email().await?;
    Ok(Done { ok: true })
}

#[tauri::command]
pub async fn send_test_webhook<R: Runtime>(app: AppHandle<R>) -> Result<Done> {
    handle(&app)?.send_test_webhook().await?;
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

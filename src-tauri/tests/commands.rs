//! The Tauri commands through real IPC on `tauri::test`'s mock runtime, over a real engine on a
//! fresh data dir in demo mode (the simulated WorkFossa site in-process, port 0).

// A test file: its helpers panic on purpose when the app under test misbehaves.
#![allow(clippy::unwrap_used)]

use fossa_sync_desktop::engine::{self, Shell};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn app(with_engine: bool) -> TestApp {
    app_in(tempfile::tempdir().unwrap(), with_engine)
}

fn app_in(dir: tempfile::TempDir, with_engine: bool) -> TestApp {
    let app = fossa_sync_desktop::build(mock_builder())
        .build(mock_context(noop_assets()))
        .unwrap();
    if with_engine {
        let (running, _events) =
            tauri::async_runtime::block_on(engine::open(Some(dir.path().to_path_buf()))).unwrap();
        app.state::<Shell>().set_running(running);
    }
    let window =
        WebviewWindowBuilder::new(&app, fossa_sync_desktop::MAIN_WINDOW, Default::default())
            .build()
            .unwrap();
    TestApp {
        _app: app,
        window,
        _dir: dir,
    }
}

fn invoke(app: &TestApp, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&app.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn ok(app: &TestApp, cmd: &str, args: Value) -> Value {
    invoke(app, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
}

/// Waits until a successful run is in the history (the demo's first sync starts at once).
fn wait_for_success(app: &TestApp) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let runs = ok(app, "get_history", json!({"status": "success", "limit": 1}));
        if let Some(run) = runs.as_array().and_then(|runs| runs.first()) {
            return run.clone();
        }
        assert!(Instant::now() < deadline, "no successful sync within 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn commands_before_the_engine_is_ready_say_it_is_starting() {
    let app = app(false);
    let error = invoke(&app, "get_status", json!({})).unwrap_err();
    assert_eq!(
        error,
        json!({"error": "Fossa Sync is still starting; try again in a moment.", "field": null})
    );
}

#[test]
fn app_info_marks_demo_data_and_status_reports_the_engine_state() {
    let app = app(true);
    let info = ok(&app, "app_info", json!({}));
    assert_eq!(info["demo"], json!(true));
    assert_eq!(info["held_elsewhere"], json!(false));
    assert!(info["data_dir"].as_str().unwrap().ends_with("/demo"));
    assert!(info["demo_site"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    let status = ok(&app, "get_status", json!({}));
    assert!(
        ["active", "running"].contains(&status["state"].as_str().unwrap()),
        "{status}"
    );
    assert_eq!(status["job_type"], json!("work_orders"));
    assert_eq!(status["interval_minutes"], json!(60));
}

#[test]
fn the_schedule_is_read_validated_saved_and_previewed() {
    let app = app(true);
    let mut config = ok(&app, "get_schedule", json!({"id": "work_orders"}));
    assert_eq!(config["interval_minutes"], json!(60));
    // The window sends the schedule's fields (a view's state fields are not a change).
    let fields = config.as_object_mut().unwrap();
    for state in [
        "job_type",
        "next_due",
        "paused",
        "paused_until",
        "interval_hours",
        "active_hours_range",
    ] {
        fields.remove(state);
    }
    config["interval_minutes"] = json!(90);
    config["timezone"] = json!("America/New_York");
    let saved = ok(
        &app,
        "set_schedule",
        json!({ "id": "work_orders", "config": config }),
    );
    assert_eq!(saved["interval_minutes"], json!(90));
    assert_eq!(
        ok(&app, "get_schedules", json!({}))[0]["timezone"],
        json!("America/New_York")
    );

    config["interval_minutes"] = json!(5);
    let error = invoke(
        &app,
        "set_schedule",
        json!({ "id": "work_orders", "config": config }),
    )
    .unwrap_err();
    assert_eq!(error["field"], json!("interval_minutes"), "{error}");
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .starts_with("Invalid value for interval_minutes: "),
        "{error}"
    );
    assert_eq!(
        ok(&app, "get_schedule", json!({"id": "work_orders"}))["interval_minutes"],
        json!(90)
    );
    let unknown = invoke(&app, "get_schedule", json!({"id": "tanks"})).unwrap_err();
    assert_eq!(unknown["field"], json!("id"));

    let fires = ok(
        &app,
        "preview_schedule",
        json!({"from": "2026-03-09T12:00:00Z", "count": 3}),
    );
    assert_eq!(fires.as_array().unwrap().len(), 3);
    assert!(
        fires[0].as_str().unwrap().starts_with("2026-03-09T"),
        "{fires}"
    );
}

#[test]
fn pause_and_resume_change_the_status() {
    let app = app(true);
    let until = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let paused = ok(&app, "pause", json!({ "until": until }));
    assert_eq!(paused["paused"], json!(true));
    assert!(paused["paused_until"].is_string());
    let resumed = ok(&app, "resume", json!({}));
    assert_eq!(resumed["paused"], json!(false));
    let hour = ok(&app, "pause", json!({ "minutes": 60 }));
    assert_eq!(hour["paused"], json!(true));
    let both = invoke(&app, "pause", json!({ "minutes": 60, "until": until })).unwrap_err();
    assert_eq!(both["field"], json!("minutes"));
    let forever = ok(&app, "pause", json!({}));
    assert_eq!(forever["paused_until"], json!(null));
    let state = forever["state"].as_str().unwrap();
    assert!(
        ["paused", "running"].contains(&state),
        "paused (or still in the demo's first sync): {state}"
    );
}

#[test]
fn sync_now_records_a_run_whose_work_orders_and_changes_can_be_read() {
    let app = app(true);
    let first = wait_for_success(&app);
    let found = first["found"].as_u64().unwrap();
    assert!(found > 0, "{first}");
    let started = ok(&app, "sync_now", json!({"id": "work_orders"}));
    assert!(started["run_id"].as_i64().unwrap() >= first["id"].as_i64().unwrap());

    let orders = ok(&app, "get_work_orders", json!({}));
    assert_eq!(orders.as_array().unwrap().len() as u64, found);
    let one = orders[0]["id"].clone();
    let found = ok(
        &app,
        "get_work_orders",
        json!({"search": one.as_str().unwrap_or_default(), "includeRemoved": true}),
    );
    assert!(!found.as_array().unwrap().is_empty());

    let record = ok(&app, "get_run", json!({ "id": first["id"] }));
    assert_eq!(record["status"], json!("success"));
    let missing = invoke(&app, "get_run", json!({ "id": 999_999 })).unwrap_err();
    assert_eq!(missing["error"], json!("No run with id 999999."));
    let changes = ok(&app, "get_changes", json!({ "run": first["id"] }));
    assert!(changes.is_array());
    let all = ok(
        &app,
        "get_history",
        json!({"jobType": "work_orders", "trigger": "manual"}),
    );
    assert!(!all.as_array().unwrap().is_empty());
    let days = ok(&app, "get_daily_stats", json!({"days": 7}));
    assert!(days[0]["runs"].as_i64().unwrap() >= 1, "{days}");
}

#[test]
fn settings_round_trip_and_bad_values_name_their_field() {
    let app = app(true);
    let mut settings = ok(&app, "get_settings", json!({}));
    assert_eq!(settings["demo"], json!(true));
    assert_eq!(settings["launch_at_login"], json!(false));
    settings["notifications"]["new_work_orders"] = json!(false);
    let saved = ok(&app, "set_settings", json!({ "settings": settings }));
    assert_eq!(saved["notifications"]["new_work_orders"], json!(false));
    assert_eq!(saved["page_reader"], json!("auto"));
    settings["page_reader"] = json!("browser");
    let saved = ok(&app, "set_settings", json!({ "settings": settings }));
    assert_eq!(saved["page_reader"], json!("browser"));
    assert_eq!(saved["page_reader_detected"], json!(null));
    let mut bad = settings.clone();
    bad["page_reader"] = json!("chrome");
    assert!(invoke(&app, "set_settings", json!({ "settings": bad })).is_err());
    assert_eq!(
        ok(&app, "get_settings", json!({}))["page_reader"],
        json!("browser")
    );
    settings["fetch_concurrency"] = json!(99);
    let error = invoke(&app, "set_settings", json!({ "settings": settings })).unwrap_err();
    assert_eq!(error["field"], json!("fetch_concurrency"), "{error}");
}

#[test]
fn the_account_in_demo_mode_is_the_real_data_dirs() {
    let app = app(true);
    let account = ok(&app, "get_account", json!({}));
    assert_eq!(
        account["email"],
        json!(null),
        "the demo's account is not shown as the user's"
    );
    let error = invoke(&app, "test_login", json!({})).unwrap_err();
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("No WorkFossa account"),
        "{error}"
    );
}

#[test]
fn with_a_daemon_on_the_data_dir_the_app_only_reads_and_sends_actions_to_it() {
    use fossa_core::engine::{Engine, EngineOptions};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    // A daemon on the demo data dir: it holds the lock and answers the control socket.
    let daemon = tauri::async_runtime::block_on(async {
        let engine = Arc::new(
            Engine::open_primary(EngineOptions::new(dir.path().join("demo")))
                .await
                .unwrap(),
        );
        fossa_core::engine::serve_control(Arc::clone(&engine))
            .await
            .unwrap();
        engine
    });
    let app = app_in(dir, true);
    let info = ok(&app, "app_info", json!({}));
    assert_eq!(info["held_elsewhere"], json!(true));
    assert_eq!(
        info["demo_site"],
        json!(null),
        "no simulated site of our own"
    );
    let paused = ok(&app, "pause", json!({ "minutes": 30 }));
    assert_eq!(paused["paused"], json!(true));
    let daemon_status = tauri::async_runtime::block_on(daemon.status()).unwrap();
    assert!(daemon_status.paused, "the daemon carried out the pause");
    assert_eq!(ok(&app, "resume", json!({}))["paused"], json!(false));
}

#[test]
fn leave_demo_outside_the_demo_changes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    // A real account on the data dir: the app starts on it, not on the demo.
    tauri::async_runtime::block_on(async {
        let engine = fossa_core::engine::Engine::open_reader(
            fossa_core::engine::EngineOptions::new(dir.path()),
        )
        .await
        .unwrap();
        fossa_core::credentials::save_account(
            dir.path(),
            engine.store(),
            "tech@example.com",
            &fossa_core::workfossa::Password::new("pw"),
            Some("http://127.0.0.1:9/"),
            false,
        )
        .await
        .unwrap();
        engine.store().close().await;
    });
    let app = app_in(dir, true);
    assert_eq!(ok(&app, "app_info", json!({}))["demo"], json!(false));
    let left = ok(&app, "leave_demo", json!({}));
    assert_eq!(left["left"], json!(false), "{left}");
    assert_eq!(left["removed_work_orders"], json!(0));
    assert_eq!(
        left["message"],
        json!("The demo is not on; nothing was changed.")
    );
}

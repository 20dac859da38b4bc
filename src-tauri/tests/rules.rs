//! The shared rules through the desktop's commands (real IPC on the mock runtime), checked
//! against the core's answer — the one the CLI and the HTTP API give too: "until tomorrow" is the
//! schedule window's opening in the schedule's zone; a schedule change keeps the fields it does
//! not send; an unknown run is "not found" (never an empty list); errors are `{error, field}`;
//! leaving the demo is the engine's `leave_demo_from` (the data dir then starts without it).

// A test file: its helpers panic on purpose when the app under test misbehaves.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Timelike, Utc};
use fossa_core::engine::{demo_wanted, tomorrow_start};
use fossa_core::schedule::ScheduleConfig;
use fossa_sync_desktop::engine::{self, Shell};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
}

/// The app on a fresh data dir: the demo (the simulated site in-process, port 0).
fn app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let app = fossa_sync_desktop::build(mock_builder())
        .build(mock_context(noop_assets()))
        .unwrap();
    let (running, _events) =
        tauri::async_runtime::block_on(engine::open(Some(dir.path().to_path_buf()))).unwrap();
    app.state::<Shell>().set_running(running);
    let window =
        WebviewWindowBuilder::new(&app, fossa_sync_desktop::MAIN_WINDOW, Default::default())
            .build()
            .unwrap();
    TestApp {
        _app: app,
        window,
        dir,
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

/// `{error, field}` and nothing else.
fn assert_error_shape(error: &Value) {
    let body = error
        .as_object()
        .unwrap_or_else(|| panic!("not an error body: {error}"));
    let mut keys: Vec<&str> = body.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["error", "field"], "{error}");
    assert!(body["error"].as_str().unwrap().len() > 10, "{error}");
}

/// The configuration part of a schedule view.
fn config_of(view: &Value) -> ScheduleConfig {
    let fields = [
        "interval_minutes",
        "timezone",
        "active_hours",
        "days",
        "jitter_seconds",
        "enabled",
    ];
    let config: serde_json::Map<String, Value> = fields
        .iter()
        .map(|key| (key.to_string(), view[key].clone()))
        .collect();
    serde_json::from_value(Value::Object(config)).unwrap()
}

#[test]
fn until_tomorrow_is_the_engines_window_opening_in_the_schedules_zone() {
    let app = app();
    let changes = json!({"timezone": "Pacific/Auckland", "active_hours": "07:00-17:00"});
    let saved = ok(
        &app,
        "set_schedule",
        json!({"id": "work_orders", "config": changes}),
    );
    let config = config_of(&saved);
    assert_eq!(config.interval_minutes, 60, "the fields not sent are kept");
    let paused = ok(&app, "pause", json!({"until_tomorrow": true}));
    let until: DateTime<Utc> = paused["paused_until"].as_str().unwrap().parse().unwrap();
    assert_eq!(until, tomorrow_start(&config, Utc::now()));
    let local = until.with_timezone(&chrono_tz::Pacific::Auckland);
    assert_eq!((local.hour(), local.minute()), (7, 0), "{local}");
    let both = invoke(&app, "pause", json!({"until_tomorrow": true, "minutes": 5})).unwrap_err();
    assert_error_shape(&both);
    assert_eq!(both["field"], json!("minutes"));
}

#[test]
fn a_schedule_change_keeps_the_fields_it_does_not_send() {
    let app = app();
    let first = json!({"timezone": "America/New_York", "jitter_seconds": 30});
    ok(
        &app,
        "set_schedule",
        json!({"id": "work_orders", "config": first}),
    );
    let second = json!({"interval_minutes": 90});
    let saved = ok(
        &app,
        "set_schedule",
        json!({"id": "work_orders", "config": second}),
    );
    assert_eq!(saved["interval_minutes"], json!(90));
    assert_eq!(saved["timezone"], json!("America/New_York"));
    assert_eq!(saved["jitter_seconds"], json!(30));
    assert_eq!(saved["active_hours"], json!("08:00-18:00"));
    let bad = json!({"jitter_seconds": "soon"});
    let error = invoke(
        &app,
        "set_schedule",
        json!({"id": "work_orders", "config": bad}),
    )
    .unwrap_err();
    assert_error_shape(&error);
    assert_eq!(error["field"], json!("jitter_seconds"));
    let stored = ok(&app, "get_schedule", json!({"id": "work_orders"}));
    assert_eq!(stored["jitter_seconds"], json!(30));
}

#[test]
fn an_unknown_run_is_not_found_for_its_record_and_its_changes() {
    let app = app();
    for (cmd, args) in [
        ("get_run", json!({"id": 999_999})),
        ("get_changes", json!({"run": 999_999})),
    ] {
        let error = invoke(&app, cmd, args).unwrap_err();
        assert_error_shape(&error);
        assert_eq!(error["error"], json!("No run with id 999999."), "{cmd}");
    }
}

/// Waits until the demo's first sync has finished (it starts at once).
fn wait_for_success(app: &TestApp) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while ok(app, "get_history", json!({"status": "success", "limit": 1}))
        .as_array()
        .unwrap()
        .is_empty()
    {
        assert!(std::time::Instant::now() < deadline, "no sync within 30 s");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn leaving_the_demo_as_the_cli_does_empties_the_apps_demo_and_is_remembered() {
    let app = app();
    assert_eq!(ok(&app, "app_info", json!({}))["demo"], json!(true));
    wait_for_success(&app);
    // The demo's site and account are the core's, the same as `fossa-sync demo`'s.
    let demo_dir = app.dir.path().join("demo");
    let account = tauri::async_runtime::block_on(async {
        let options = fossa_core::engine::EngineOptions::new(&demo_dir);
        let reader = fossa_core::engine::EngineHandle::open_reader(options)
            .await
            .unwrap();
        reader.account().await.unwrap()
    });
    assert_eq!(
        account.email.as_deref(),
        Some(fossa_core::engine::DEMO_SITE.email)
    );
    assert!(!ok(&app, "get_work_orders", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
    // `fossa-sync demo off`'s call, carried out by the app's engine over its control socket (the
    // window's "Leave the demo" calls the same function with the app's own handle).
    let base = app.dir.path().to_path_buf();
    let (left, through_app) =
        tauri::async_runtime::block_on(fossa_core::engine::leave_demo_from(&base, None)).unwrap();
    assert!(left.left && through_app, "{left:?}");
    assert!(left.removed_work_orders > 0, "{left:?}");
    assert!(ok(&app, "get_work_orders", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
    let wanted = tauri::async_runtime::block_on(demo_wanted(&base)).unwrap();
    assert!(!wanted, "the next start opens the real data dir");
}

#[test]
fn arguments_tauri_would_refuse_are_errors_of_the_same_shape_naming_them() {
    let app = app();
    for (cmd, args, field) in [
        ("get_run", json!({"id": "abc"}), "id"),
        ("get_run", json!({}), "id"),
        ("get_schedule", json!({}), "id"),
        ("set_schedule", json!({"id": "work_orders"}), "config"),
        (
            "set_schedule",
            json!({"id": "work_orders", "config": "hourly"}),
            "config",
        ),
        (
            "preview_schedule",
            json!({"config": {"interval_minutes": "often"}}),
            "config.interval_minutes",
        ),
        ("get_history", json!({"status": "great"}), "status"),
        (
            "get_work_orders",
            json!({"includeRemoved": "yes"}),
            "includeRemoved",
        ),
        ("pause", json!({"until_tomorrow": "yes"}), "until_tomorrow"),
    ] {
        let error = invoke(&app, cmd, args.clone()).unwrap_err();
        assert_error_shape(&error);
        assert_eq!(error["field"], json!(field), "{cmd} {args}: {error}");
    }
}

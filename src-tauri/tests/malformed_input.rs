//! Every Tauri command that takes arguments, given malformed input (wrong types, missing fields,
//! out-of-range values, unknown ids and job types, bad instants, huge strings), answers with one
//! clear sentence — not empty, not a Rust debug dump — and changes nothing: the schedule,
//! settings, account, pause state, work orders, changes and run history read back afterwards
//! are exactly as before. Table-driven: a new command adds rows to `cases`.
//!
//! Runs on `tauri::test`'s mock runtime over a real engine in demo mode (as `commands.rs` does),
//! paused until 2100 after the first sync so no scheduled run changes the history meanwhile.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_sync_desktop::engine::{self, Shell};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// Where the test pauses the schedule: any accepted pause would move it.
const PAUSED_UNTIL: &str = "2100-01-01T00:00:00Z";
/// A string far longer than any real value.
const HUGE: usize = 100_000;

struct TestApp {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

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
        _dir: dir,
    }
}

fn invoke(app: &TestApp, cmd: &str, args: &Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args.clone()),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&app.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn ok(app: &TestApp, cmd: &str, args: Value) -> Value {
    invoke(app, cmd, &args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
}

/// Everything a malformed call must leave alone, read back through the commands themselves.
fn snapshot(app: &TestApp) -> Value {
    let status = ok(app, "get_status", json!({}));
    json!({
        "schedule": ok(app, "get_schedule", json!({"id": "work_orders"})),
        "settings": ok(app, "get_settings", json!({})),
        "account": ok(app, "get_account", json!({})),
        "paused": status["paused"],
        "paused_until": status["paused_until"],
        "enabled": status["enabled"],
        "running_run_id": status["running_run_id"],
        "work_orders": ok(app, "get_work_orders", json!({"includeRemoved": true})),
        "changes": ok(app, "get_changes", json!({})),
        "history": ok(app, "get_history", json!({"limit": 10_000})),
    })
}

/// The demo's first sync done (so there are work orders and runs), then paused until 2100.
fn settled_app() -> TestApp {
    let app = app();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = ok(&app, "get_status", json!({}));
        let done = status["running_run_id"].is_null() && !status["last_run"].is_null();
        if done {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the demo's first sync did not end"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let paused = ok(&app, "pause", json!({ "until": PAUSED_UNTIL }));
    assert_eq!(paused["paused_until"], json!(PAUSED_UNTIL), "{paused}");
    assert!(!ok(&app, "get_work_orders", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
    app
}

/// `base` with `path` (dot-separated) set to `value`, or removed when `value` is `None`.
fn with(base: &Value, path: &str, value: Option<Value>) -> Value {
    let mut body = base.clone();
    let mut keys: Vec<&str> = path.split('.').collect();
    let last = keys.pop().unwrap();
    let mut target = &mut body;
    for key in keys {
        target = &mut target[key];
    }
    match value {
        Some(value) => target[last] = value,
        None => {
            target.as_object_mut().unwrap().remove(last);
        }
    }
    body
}

/// The fields of a schedule view the window sends back as a change (not its state).
fn config_fields(view: &Value) -> Value {
    let mut config = view.clone();
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
    config
}

/// One malformed call: the command, its arguments, and a word its error must contain (the
/// field or argument it is about).
struct Case {
    cmd: &'static str,
    args: Value,
    mentions: &'static str,
}

fn case(cmd: &'static str, args: Value, mentions: &'static str) -> Case {
    Case {
        cmd,
        args,
        mentions,
    }
}

#[rustfmt::skip]
fn cases(schedule: &Value, settings: &Value) -> Vec<Case> {
    let huge = "x".repeat(HUGE);
    let config = |key: &str, value: Value| with(schedule, key, Some(value));
    let set = |config: Value| json!({"id": "work_orders", "config": config});
    let settings_with = |key: &str, value: Option<Value>| json!({"settings": with(settings, key, value)});
    let smtp = json!({"host": "smtp.example.com", "port": 587, "security": "starttls",
        "username": null, "password": "Smtp-Pw", "from": "a@example.com", "to": "b@example.com"});
    let email = |key: &str, value: Value| {
        json!({"settings": with(settings, "notifications.email", Some(with(&smtp, key, Some(value))))})
    };
    let account = |email: Value, password: Value, site: Value| {
        json!({"email": email, "password": password, "siteUrl": site})
    };
    let who = json!("tech@example.com");
    vec![
        // Schedules: missing, wrongly typed and unknown ids (unknown job types).
        case("get_schedule", json!({}), "id"),
        case("get_schedule", json!({"id": 5}), "id"),
        case("get_schedule", json!({"id": "tanks"}), "tanks"),
        case("get_schedule", json!({ "id": huge }), "schedule"),
        case("set_schedule", json!({"id": "tanks", "config": schedule}), "tanks"),
        case("set_schedule", json!({"id": "work_orders"}), "config"),
        case("set_schedule", json!({"id": "work_orders", "config": "hourly"}), "config"),
        case("set_schedule", set(config("interval_minutes", json!(0))), "interval"),
        case("set_schedule", set(config("interval_minutes", json!(25 * 60))), "interval"),
        case("set_schedule", set(config("interval_minutes", json!(-5))), "interval_minutes"),
        case("set_schedule", set(config("interval_minutes", json!("hourly"))), "interval_minutes"),
        case("set_schedule", set(config("active_hours", json!("25:00"))), "active_hours"),
        case("set_schedule", set(config("active_hours", json!("25:00-26:00"))), "active_hours"),
        case("set_schedule", set(config("active_hours", json!(huge))), "active_hours"),
        case("set_schedule", set(config("days", json!("funday"))), "days"),
        case("set_schedule", set(config("days", json!(["mon"]))), "days"),
        case("set_schedule", set(config("timezone", json!("Mars/Base"))), "timezone"),
        case("set_schedule", set(config("timezone", json!(huge))), "timezone"),
        case("set_schedule", set(config("jitter_seconds", json!(601))), "jitter"),
        case("set_schedule", set(config("enabled", json!("yes"))), "enabled"),
        // Preview: a bad config, instant or count.
        case("preview_schedule", json!({"config": config("interval_minutes", json!(0))}), "interval"),
        case("preview_schedule", json!({"config": config("timezone", json!("Mars/Base"))}), "timezone"),
        case("preview_schedule", json!({"from": "yesterday"}), "from"),
        case("preview_schedule", json!({"count": 0}), "count"),
        case("preview_schedule", json!({"count": -1}), "count"),
        case("preview_schedule", json!({"count": "five"}), "count"),
        case("preview_schedule", json!({"count": 1_000_000}), "count"),
        // Pause: bad durations and instants (the app stays paused until 2100).
        case("pause", json!({"minutes": 0}), "minutes"),
        case("pause", json!({"minutes": -5}), "minutes"),
        case("pause", json!({"minutes": "an hour"}), "minutes"),
        case("pause", json!({"minutes": 10_000_000}), "minutes"),
        case("pause", json!({"until": "tomorrow"}), "until"),
        case("pause", json!({"until": "2026-13-45T00:00:00Z"}), "until"),
        case("pause", json!({"until": "2001-01-01T00:00:00Z"}), "until"),
        case("pause", json!({"until": 1_700_000_000}), "until"),
        case("pause", json!({"until": "2099-01-01T00:00:00Z", "minutes": 60}), "minutes"),
        // Sync now: an unknown job type starts nothing.
        case("sync_now", json!({"id": "tanks"}), "tanks"),
        case("sync_now", json!({"id": 7}), "id"),
        // History and runs: negative limits, unknown filters, bad instants and ids.
        case("get_history", json!({"limit": -5}), "limit"),
        case("get_history", json!({"limit": 0}), "limit"),
        case("get_history", json!({"limit": "ten"}), "limit"),
        case("get_history", json!({"offset": -1}), "offset"),
        case("get_history", json!({"status": "great"}), "status"),
        case("get_history", json!({"trigger": "cron"}), "trigger"),
        case("get_history", json!({"jobType": "tanks"}), "jobType"),
        case("get_history", json!({"since": "yesterday"}), "since"),
        case("get_history", json!({"until": 5}), "until"),
        case("get_run", json!({}), "id"),
        case("get_run", json!({"id": "abc"}), "id"),
        case("get_run", json!({"id": -1}), "-1"),
        case("get_run", json!({"id": 999_999}), "999999"),
        // Work orders, changes, statistics: wrongly typed filters.
        case("get_work_orders", json!({"includeRemoved": "maybe"}), "includeRemoved"),
        case("get_work_orders", json!({"search": 42}), "search"),
        case("get_changes", json!({"run": "first"}), "run"),
        case("get_changes", json!({"since": "2026-13-01"}), "since"),
        case("get_daily_stats", json!({"days": -1}), "days"),
        case("get_daily_stats", json!({"days": "week"}), "days"),
        // Settings: missing, wrongly typed and out-of-range fields.
        case("set_settings", json!({}), "settings"),
        case("set_settings", json!({"settings": "all"}), "settings"),
        case("set_settings", settings_with("demo", None), "demo"),
        case("set_settings", settings_with("fetch_concurrency", Some(json!(0))), "fetch_concurrency"),
        case("set_settings", settings_with("fetch_concurrency", Some(json!(9))), "fetch_concurrency"),
        case("set_settings", settings_with("fetch_concurrency", Some(json!(300))), "settings"),
        case("set_settings", settings_with("fetch_concurrency", Some(json!(-1))), "settings"),
        case("set_settings", settings_with("fetch_concurrency", Some(json!("four"))), "settings"),
        case("set_settings", settings_with("site_url", Some(json!("ftp://example.com"))), "site_url"),
        case("set_settings", settings_with("site_url", Some(json!(huge))), "site_url"),
        case("set_settings", settings_with("launch_at_login", Some(json!("yes"))), "settings"),
        case("set_settings", settings_with("notifications.webhook_url", Some(json!("not a url"))), "webhook_url"),
        case("set_settings", settings_with("notifications.webhook_url", Some(json!("ftp://hook.example.com"))), "webhook_url"),
        case("set_settings", settings_with("notifications.quiet_period_minutes", Some(json!(0))), "quiet_period_minutes"),
        case("set_settings", settings_with("notifications.quiet_period_minutes", Some(json!(20_000))), "quiet_period_minutes"),
        case("set_settings", email("host", json!(" ")), "email.host"),
        case("set_settings", email("port", json!(0)), "email.port"),
        case("set_settings", email("port", json!(70_000)), "settings"),
        case("set_settings", email("security", json!("carrier-pigeon")), "settings"),
        case("set_settings", email("from", json!("nobody")), "email.from"),
        case("set_settings", email("to", json!(huge)), "email.to"),
        // Account: bad emails, site addresses and types; no password for a new account.
        case("set_account", json!({}), "email"),
        case("set_account", json!({"email": 42}), "email"),
        case("set_account", account(json!("nobody"), json!("pw"), json!(null)), "email"),
        case("set_account", account(json!(" "), json!("pw"), json!(null)), "email"),
        case("set_account", account(json!(format!("{huge}@example.com")), json!("pw"), json!(null)), "email"),
        case("set_account", account(who.clone(), json!("pw"), json!("ftp://x")), "site_url"),
        case("set_account", account(who.clone(), json!("pw"), json!("javascript:alert(1)")), "site_url"),
        case("set_account", account(who.clone(), json!("pw"), json!(huge)), "site_url"),
        case("set_account", account(who.clone(), json!(7), json!(null)), "password"),
        case("set_account", account(who, json!(null), json!(null)), "password"),
    ]
}

/// The error's sentence: every error is a `{"error", "field"}` body, arguments Tauri would not
/// have deserialized included (the shell reads them itself).
fn sentence(error: &Value) -> String {
    match error {
        Value::Object(body) => {
            assert!(body.contains_key("field"), "no field key: {error}");
            assert_eq!(body.len(), 2, "more than error and field: {error}");
            body["error"].as_str().unwrap_or_default().to_string()
        }
        other => panic!("an error that is not an error body: {other}"),
    }
}

/// One clear sentence: some words, one line, not too long to read, no Rust debug formatting.
fn assert_clear(text: &str, context: &str) {
    assert!(text.trim().len() >= 10, "{context}: empty error {text:?}");
    assert!(
        !text.contains('\n'),
        "{context}: more than one line: {text}"
    );
    assert!(
        text.chars().count() <= 400,
        "{context}: a {}-character error is not one clear sentence: {}…",
        text.len(),
        text.chars().take(200).collect::<String>()
    );
    for debug in [
        "Error {", "Some(", "Os {", "kind:", "Custom {", "panicked", "\\\"",
    ] {
        assert!(
            !text.contains(debug),
            "{context}: a Rust debug dump ({debug}): {text}"
        );
    }
}

#[test]
fn malformed_arguments_get_one_clear_sentence_and_change_nothing() {
    let app = settled_app();
    let before = snapshot(&app);
    let rows = cases(&config_fields(&before["schedule"]), &before["settings"]);
    assert!(rows.len() >= 80, "{} rows", rows.len());
    for Case {
        cmd,
        args,
        mentions,
    } in rows
    {
        let shown: String = args.to_string().chars().take(160).collect();
        let context = format!("{cmd} {shown}");
        let error = match invoke(&app, cmd, &args) {
            Ok(answer) => panic!("{context}: accepted, answered {answer}"),
            Err(error) => error,
        };
        let text = sentence(&error);
        assert_clear(&text, &context);
        assert!(
            text.contains(mentions),
            "{context}: the error does not say it is about {mentions}: {text}"
        );
        assert_eq!(snapshot(&app), before, "{context} changed something");
    }
}

#[test]
fn commands_without_arguments_ignore_stray_ones_and_change_nothing() {
    let app = settled_app();
    let before = snapshot(&app);
    for cmd in [
        "get_status",
        "get_schedules",
        "get_settings",
        "get_account",
        "app_info",
    ] {
        ok(
            &app,
            cmd,
            json!({"id": "tanks", "limit": -5, "x": "y".repeat(HUGE)}),
        );
    }
    assert_eq!(snapshot(&app), before);
}

//! Malformed input on every route that reads input, beyond what `schedules.rs`, `settings.rs`,
//! `account.rs` and `sync.rs` already check: bodies of the wrong shape, wrongly typed and
//! out-of-range values, negative limits, unknown ids and job types, bad instants, huge strings.
//! Each row expects its status (400 / 404 / 422), the field named (when there is one), an error
//! that is one clear sentence (not empty, one line, readable length, no Rust debug dump), and
//! nothing changed: schedule, settings, account, pause state, work orders, changes and history
//! read back exactly as before. 401 without the token is `auth.rs`'s.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{app_with_site, expect_json, App};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const ONE: &str = "/api/scraping-schedules/work_orders";
const HISTORY: &str = "/api/scraping-schedules/history/work_orders";
const HUGE: usize = 100_000;
/// A long value for a URL (a URI over 64 KiB is refused before any route sees it).
const LONG: usize = 10_000;

/// Everything a rejected request must leave alone.
async fn snapshot(app: &App) -> Value {
    let status = app.get_json("/api/status").await;
    json!({
        "schedule": app.get_json(ONE).await,
        "settings": app.get_json("/api/settings").await,
        "account": app.get_json("/api/account").await,
        "paused": status["paused"],
        "paused_until": status["paused_until"],
        "running_run_id": status["running_run_id"],
        "work_orders": app.get_json("/api/work-orders?include_removed=true").await,
        "changes": app.get_json("/api/changes").await,
        "history": app.get_json(&format!("{HISTORY}?limit=10000")).await,
    })
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

/// A schedule view's configuration fields: a body a schedule route takes (it refuses the view's
/// read-only fields).
fn config_of(view: &Value) -> Value {
    let keys = [
        "interval_minutes",
        "timezone",
        "active_hours",
        "days",
        "jitter_seconds",
        "enabled",
    ];
    keys.iter()
        .map(|key| (key.to_string(), view[*key].clone()))
        .collect()
}

/// What a row sends: a JSON body, a raw body, or nothing.
enum Body {
    None,
    Json(Value),
    Raw(&'static str),
}

struct Case {
    method: Method,
    path: String,
    body: Body,
    status: StatusCode,
    /// The field the error names; `None` when it names none.
    field: Option<&'static str>,
}

fn case(method: &Method, path: &str, body: Body, status: u16, field: Option<&'static str>) -> Case {
    Case {
        method: method.clone(),
        path: path.to_string(),
        body,
        status: StatusCode::from_u16(status).unwrap(),
        field,
    }
}

#[rustfmt::skip]
fn cases(schedule: &Value, settings: &Value) -> Vec<Case> {
    use Body::{Json, Raw};
    let huge = "x".repeat(HUGE);
    let long = "x".repeat(LONG);
    let (get, put, post) = (Method::GET, Method::PUT, Method::POST);
    let config = |key: &str, value: Value| Json(with(schedule, key, Some(value)));
    let new_schedule = |key: &str, value: Option<Value>| {
        Json(with(&with(schedule, "schedule_type", Some(json!("work_orders"))), key, value))
    };
    let set = |key: &str, value: Option<Value>| Json(with(settings, key, value));
    let smtp = json!({"host": "smtp.example.com", "port": 587, "security": "starttls",
        "username": null, "password": "Smtp-Pw", "from": "a@example.com", "to": "b@example.com"});
    let email = |key: &str, value: Value| {
        Json(with(settings, "notifications.email", Some(with(&smtp, key, Some(value)))))
    };
    let account = |email: Value, password: Value, site: Value| {
        Json(json!({"email": email, "password": password, "site_url": site}))
    };
    let who = json!("tech@example.com");
    let new = "/api/scraping-schedules/";
    let preview = "/api/schedule/preview";
    vec![
        // PUT a schedule: wrong shapes, types and ranges.
        case(&put, ONE, Json(json!([])), 422, None),
        case(&put, ONE, Json(json!("hourly")), 422, None),
        case(&put, ONE, Raw("null"), 422, None),
        case(&put, ONE, config("interval_minutes", json!(0)), 422, Some("interval_minutes")),
        case(&put, ONE, config("interval_minutes", json!(1500)), 422, Some("interval_minutes")),
        case(&put, ONE, config("interval_minutes", json!(1e12)), 422, Some("interval_minutes")),
        case(&put, ONE, config("active_hours", json!("25:00")), 422, Some("active_hours")),
        case(&put, ONE, config("active_hours", json!(huge)), 422, Some("active_hours")),
        case(&put, ONE, config("active_hours", json!(8)), 422, Some("active_hours")),
        case(&put, ONE, config("days", json!("")), 422, Some("days")),
        case(&put, ONE, config("days", json!(["mon"])), 422, Some("days")),
        case(&put, ONE, config("timezone", json!("Mars/Base")), 422, Some("timezone")),
        case(&put, ONE, config("timezone", json!(huge)), 422, Some("timezone")),
        case(&put, ONE, config("timezone", json!(null)), 422, Some("timezone")),
        case(&put, ONE, config("jitter_seconds", json!(-1)), 422, Some("jitter_seconds")),
        case(&put, ONE, config("interval_hours", json!(30)), 422, Some("interval_hours")),
        case(&put, ONE, config("interval_hours", json!("1h")), 422, Some("interval_hours")),
        case(&put, ONE, config("active_hours", json!({"start": 8, "end": 99})), 422, Some("active_hours")),
        case(&put, ONE, config("next_due", json!(null)), 422, Some("next_due")),
        case(&put, &format!("/api/scraping-schedules/{long}"), Json(schedule.clone()), 404, None),
        // POST a schedule: the job type missing, mistyped or unknown; a bad value.
        case(&post, new, new_schedule("schedule_type", None), 422, Some("schedule_type")),
        case(&post, new, new_schedule("schedule_type", Some(json!(5))), 422, Some("schedule_type")),
        case(&post, new, new_schedule("schedule_type", Some(json!(huge))), 422, Some("schedule_type")),
        case(&post, new, new_schedule("schedule_type", Some(json!(null))), 422, Some("schedule_type")),
        case(&post, new, new_schedule("interval_hours", Some(json!(0.25))), 422, Some("interval_hours")),
        case(&post, new, new_schedule("bogus", Some(json!(1))), 422, Some("bogus")),
        case(&post, new, new_schedule("timezone", Some(json!("Mars/Base"))), 422, Some("timezone")),
        // Preview.
        case(&post, preview, Json(json!({"count": 0})), 422, Some("count")),
        case(&post, preview, Json(json!({"count": -1})), 422, Some("count")),
        case(&post, preview, Json(json!({"config": "x"})), 422, Some("config")),
        case(&post, preview, Json(json!({"from": 5})), 422, Some("from")),
        case(&post, preview, Json(json!({"config": with(schedule, "days", Some(json!("funday")))})), 422, Some("config.days")),
        // Pause (the app stays paused until 2100).
        case(&post, "/api/pause", Json(json!({"minutes": -5})), 422, Some("minutes")),
        case(&post, "/api/pause", Json(json!({"minutes": 10_000_000})), 422, Some("minutes")),
        case(&post, "/api/pause", Json(json!({"until": "2026-13-45T00:00:00Z"})), 422, Some("until")),
        case(&post, "/api/pause", Json(json!({"until": 1_700_000_000})), 422, Some("until")),
        case(&post, "/api/pause", Json(json!([])), 422, None),
        // Unknown ids and job types change and start nothing.
        case(&post, "/api/scraping-schedules/gas_pumps/trigger", Body::None, 404, None),
        case(&Method::DELETE, "/api/scraping-schedules/gas_pumps", Body::None, 404, None),
        case(&get, "/api/runs/-1", Body::None, 404, None),
        case(&get, "/api/runs/99999999999999999999", Body::None, 404, None),
        case(&get, &format!("/api/runs/{long}"), Body::None, 404, None),
        // Query values: negative limits, fractions, huge instants.
        case(&get, &format!("{HISTORY}?limit=-5"), Body::None, 422, Some("limit")),
        case(&get, &format!("{HISTORY}?limit=0"), Body::None, 422, Some("limit")),
        case(&get, &format!("{HISTORY}?offset=-1"), Body::None, 422, Some("offset")),
        case(&get, &format!("{HISTORY}?since={long}"), Body::None, 422, Some("since")),
        case(&get, "/api/scraping-schedules/history/gas_pumps", Body::None, 404, None),
        case(&get, "/api/work-orders?include_removed=2", Body::None, 422, Some("include_removed")),
        case(&get, "/api/changes?run=1.5", Body::None, 422, Some("run")),
        case(&get, "/api/stats/daily?days=week", Body::None, 422, Some("days")),
        // Settings.
        case(&put, "/api/settings", Json(json!([])), 422, None),
        case(&put, "/api/settings", set("fetch_concurrency", Some(json!("four"))), 422, Some("fetch_concurrency")),
        case(&put, "/api/settings", set("fetch_concurrency", Some(json!(-1))), 422, Some("fetch_concurrency")),
        case(&put, "/api/settings", set("fetch_concurrency", Some(json!(0))), 422, Some("fetch_concurrency")),
        case(&put, "/api/settings", set("site_url", Some(json!("javascript:alert(1)"))), 422, Some("site_url")),
        case(&put, "/api/settings", set("site_url", Some(json!(huge))), 422, Some("site_url")),
        case(&put, "/api/settings", set("launch_at_login", Some(json!("yes"))), 422, Some("launch_at_login")),
        case(&put, "/api/settings", set("notifications", Some(json!("x"))), 422, Some("notifications")),
        case(&put, "/api/settings", set("notifications.webhook_url", Some(json!("ftp://hook.example.com"))), 422, Some("webhook_url")),
        case(&put, "/api/settings", set("notifications.quiet_period_minutes", Some(json!(20_000))), 422, Some("quiet_period_minutes")),
        case(&put, "/api/settings", email("host", json!(" ")), 422, Some("email.host")),
        case(&put, "/api/settings", email("port", json!(0)), 422, Some("email.port")),
        case(&put, "/api/settings", email("port", json!(70_000)), 422, Some("notifications.email.port")),
        case(&put, "/api/settings", email("to", json!(huge)), 422, Some("email.to")),
        case(&put, "/api/settings", email("from", json!(null)), 422, Some("notifications.email.from")),
        // The account.
        case(&put, "/api/account", Json(json!([])), 422, None),
        case(&put, "/api/account", account(json!(format!("{huge}@example.com")), json!("pw"), json!(null)), 422, Some("email")),
        case(&put, "/api/account", account(json!(" "), json!("pw"), json!(null)), 422, Some("email")),
        case(&put, "/api/account", account(who.clone(), json!("pw"), json!("javascript:alert(1)")), 422, Some("site_url")),
        case(&put, "/api/account", account(who.clone(), json!(7), json!(null)), 422, Some("password")),
        case(&put, "/api/account", account(who, json!("pw"), json!(42)), 422, Some("site_url")),
    ]
}

/// Why `text` is not one clear sentence (empty, several lines, too long to read, a Rust debug
/// dump), or `None` when it is.
fn unclear(text: &str) -> Option<String> {
    if text.trim().len() < 10 {
        return Some(format!("an empty error {text:?}"));
    }
    if text.contains('\n') {
        return Some(format!("more than one line: {text}"));
    }
    if text.chars().count() > 400 {
        let start: String = text.chars().take(200).collect();
        return Some(format!("a {}-character error: {start}…", text.len()));
    }
    [
        "Error {", "Some(", "Os {", "kind:", "Custom {", "panicked", "\\\"",
    ]
    .into_iter()
    .find(|debug| text.contains(debug))
    .map(|debug| format!("a Rust debug dump ({debug}): {text}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_requests_name_the_field_in_one_sentence_and_change_nothing() {
    let app = app_with_site(12).await;
    let run = app.sync().await;
    assert_eq!(run["status"], "success", "{run}");
    let until = json!({"until": "2100-01-01T00:00:00Z"});
    let paused = app.send_json(Method::POST, "/api/pause", &until).await;
    assert_eq!(expect_json(paused, StatusCode::OK).await["paused"], true);
    let before = snapshot(&app).await;
    let rows = cases(&config_of(&before["schedule"]), &before["settings"]);
    assert!(rows.len() >= 60, "{} rows", rows.len());
    let mut problems = Vec::new();
    for row in rows {
        let shown: String = match &row.body {
            Body::None => String::new(),
            Body::Json(value) => value.to_string(),
            Body::Raw(text) => (*text).to_string(),
        }
        .chars()
        .take(100)
        .collect();
        let path: String = row.path.chars().take(100).collect();
        let context = format!("{} {path} {shown}", row.method);
        let request = app.request(row.method.clone(), &row.path);
        let request = match row.body {
            Body::None => request,
            Body::Json(value) => request.json(&value),
            Body::Raw(text) => request
                .header("content-type", "application/json")
                .body(text),
        };
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let body: Value = serde_json::from_str(&text).unwrap_or_else(|_| json!({"error": text}));
        let error = body["error"].as_str().unwrap_or_default();
        let field = body["field"].as_str();
        if status != row.status || field != row.field || body.get("field").is_none() {
            problems.push(format!(
                "{context}\n  expected {} {:?}, got {status} {body}",
                row.status, row.field
            ));
        }
        if let Some(problem) = unclear(error) {
            problems.push(format!("{context}\n  {problem}"));
        }
        if snapshot(&app).await != before {
            problems.push(format!("{context}\n  changed something"));
            break;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

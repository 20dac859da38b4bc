// The table of operations (see `catalogue/mod.rs`). It uses nothing but `core` so that
// `src-tauri/build.rs` can `include!` it to make the desktop app's command permissions from it;
// hence this plain comment instead of a module doc comment.

/// An HTTP method of the local API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// How an operation can fail, as every front reports it (`{error, field}` plus the HTTP status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 422: a value out of range or a request the engine refuses; `field` names the value.
    Invalid,
    /// 404: the thing asked for (a run, a job) does not exist.
    NotFound,
    /// 409: not now (a sync is running, it exists already).
    Conflict,
    /// 503: this process cannot do it (no engine holds the data dir, WorkFossa unreachable).
    Unavailable,
}

/// One operation the fronts offer, declared once.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// Its name: the Tauri command's name where it has one, and the UI client's key.
    pub name: &'static str,
    /// What it does, as docs/api.md's table says.
    pub summary: &'static str,
    /// Its HTTP method and route (axum's `{param}` syntax), if the API offers it.
    pub http: Option<(Method, &'static str)>,
    /// True when the desktop app has a Tauri command `name` (with its `allow-…` permission).
    pub tauri: bool,
    /// The control-socket request (`{"op": …}`) that carries it to the engine holding the data
    /// dir, for the operations a reader process cannot do itself.
    pub control: Option<&'static str>,
    /// The request it takes (a type of docs/api.md), or "–".
    pub request: &'static str,
    /// What it answers.
    pub response: &'static str,
    /// The failures it can answer besides the engine being unreachable.
    pub failures: &'static [Failure],
}

const fn op(name: &'static str, summary: &'static str) -> Operation {
    Operation {
        name,
        summary,
        http: None,
        tauri: true,
        control: None,
        request: "–",
        response: "–",
        failures: &[],
    }
}

impl Operation {
    const fn http(mut self, method: Method, path: &'static str) -> Self {
        self.http = Some((method, path));
        self
    }
    const fn http_only(mut self) -> Self {
        self.tauri = false;
        self
    }
    const fn control(mut self, request: &'static str) -> Self {
        self.control = Some(request);
        self
    }
    const fn takes(mut self, request: &'static str) -> Self {
        self.request = request;
        self
    }
    const fn gives(mut self, response: &'static str) -> Self {
        self.response = response;
        self
    }
    const fn fails(mut self, failures: &'static [Failure]) -> Self {
        self.failures = failures;
        self
    }
}

const SCHEDULES: &str = "/api/scraping-schedules/";
const ONE_SCHEDULE: &str = "/api/scraping-schedules/{id}";

/// Every operation of the engine the fronts offer (HTTP API, Tauri commands, UI client, control
/// socket). Adding one here and forgetting a front fails `tests/operations_declared_once.rs`.
pub const OPERATIONS: &[Operation] = &[
    op("app_info", "the desktop app's version, data folder and demo flag").gives("AppInfo"),
    op("get_status", "status")
        .http(Method::Get, "/api/status")
        .gives("Status"),
    op("get_schedules", "list schedules")
        .http(Method::Get, SCHEDULES)
        .gives("[ScheduleView]"),
    op("get_schedule", "one schedule")
        .http(Method::Get, ONE_SCHEDULE)
        .takes("id")
        .gives("ScheduleView")
        .fails(&[Failure::NotFound]),
    op("create_schedule", "create schedule")
        .http(Method::Post, SCHEDULES)
        .http_only()
        .takes("ScheduleRequest")
        .gives("ScheduleView")
        .fails(&[Failure::Invalid, Failure::Conflict]),
    op("set_schedule", "change schedule")
        .http(Method::Put, ONE_SCHEDULE)
        .control("set_schedule")
        .takes("ScheduleRequest")
        .gives("ScheduleView")
        .fails(&[Failure::Invalid, Failure::NotFound]),
    op("delete_schedule", "delete schedule")
        .http(Method::Delete, ONE_SCHEDULE)
        .http_only()
        .control("set_schedule")
        .fails(&[Failure::NotFound]),
    op("sync_now", "trigger")
        .http(Method::Post, "/api/scraping-schedules/{id}/trigger")
        .control("sync")
        .gives("{run_id}")
        .fails(&[Failure::NotFound, Failure::Conflict]),
    op("get_history", "history")
        .http(Method::Get, "/api/scraping-schedules/history/{job_type}")
        .takes("HistoryQuery")
        .gives("[RunRecord]")
        .fails(&[Failure::Invalid, Failure::NotFound]),
    op("get_run", "one run")
        .http(Method::Get, "/api/runs/{id}")
        .gives("RunRecord")
        .fails(&[Failure::NotFound]),
    op("preview_schedule", "preview")
        .http(Method::Post, "/api/schedule/preview")
        .takes("PreviewRequest")
        .gives("[Instant]")
        .fails(&[Failure::Invalid]),
    op("pause", "pause")
        .http(Method::Post, "/api/pause")
        .control("pause")
        .takes("PauseRequest")
        .gives("Status")
        .fails(&[Failure::Invalid]),
    op("resume", "resume")
        .http(Method::Post, "/api/resume")
        .control("resume")
        .gives("Status"),
    op("get_work_orders", "work orders")
        .http(Method::Get, "/api/work-orders")
        .takes("WorkOrderQuery")
        .gives("[WorkOrderView]"),
    op("get_dispensers", "dispensers")
        .http(Method::Get, "/api/dispensers")
        .takes("location")
        .gives("[StoredDispenser]")
        .fails(&[Failure::Invalid, Failure::NotFound]),
    op("get_changes", "changes")
        .http(Method::Get, "/api/changes")
        .takes("ChangeQuery")
        .gives("[ChangeRecord]")
        .fails(&[Failure::NotFound]),
    op("get_daily_stats", "daily stats")
        .http(Method::Get, "/api/stats/daily")
        .takes("days, job")
        .gives("[DailyStat]")
        .fails(&[Failure::Invalid]),
    op("get_settings", "settings")
        .http(Method::Get, "/api/settings")
        .gives("Settings"),
    op("set_settings", "change settings")
        .http(Method::Put, "/api/settings")
        .takes("Settings")
        .gives("Settings")
        .fails(&[Failure::Invalid]),
    op("get_account", "account")
        .http(Method::Get, "/api/account")
        .gives("AccountInfo"),
    op("set_account", "set account")
        .http(Method::Put, "/api/account")
        .takes("AccountUpdate")
        .gives("AccountInfo")
        .fails(&[Failure::Invalid]),
    op("test_login", "test login")
        .http(Method::Post, "/api/account/test")
        .gives("{ok}")
        .fails(&[Failure::Invalid, Failure::Unavailable]),
    op("send_test_email", "test email")
        .http(Method::Post, "/api/notifications/test-email")
        .gives("{ok}")
        .fails(&[Failure::Invalid, Failure::Unavailable]),
    op("send_test_webhook", "test webhook")
        .http(Method::Post, "/api/notifications/test-webhook")
        .gives("{ok}")
        .fails(&[Failure::Invalid, Failure::Unavailable]),
    op("leave_demo", "leave demo")
        .http(Method::Post, "/api/demo/leave")
        .control("leave_demo")
        .gives("DemoLeft")
        .fails(&[Failure::Conflict]),
    op("events", "events")
        .http(Method::Get, "/api/events")
        .http_only()
        .gives("EngineEvent stream"),
];

//! One isolated app per test: a fresh data dir, a primary engine (no scheduling loop, so nothing
//! fires by itself), the API served on 127.0.0.1:0, and optionally the simulated WorkFossa site.

#![allow(dead_code, clippy::unwrap_used)]

use fossa_api::{ApiAuth, ApiServer};
use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineHandle, EngineOptions};
use fossa_core::model::{JobType, RunRecord};
use fossa_core::scheduler::SyncJob;
use fossa_core::sync::WorkFossaJob;
use fossa_core::workfossa::Password;
use fossa_sim::{SimOptions, SimServer};
use reqwest::{Method, Response, StatusCode};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub const EMAIL: &str = "tech@example.com";
pub const PASSWORD: &str = "s3cret-Passw0rd!";
pub const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

pub struct App {
    pub engine: Arc<Engine>,
    pub server: Option<ApiServer>,
    pub sim: Option<SimServer>,
    pub base: String,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
}

/// An app without a site (no account configured) and without a UI dir.
pub async fn app() -> App {
    build(None, None, None).await
}

/// An app whose syncs are performed by `job` (a test double).
pub async fn app_with_job(job: Arc<dyn SyncJob>) -> App {
    build(None, None, Some(job)).await
}

/// An app whose account logs into a simulated site with `orders` work orders.
pub async fn app_with_site(orders: usize) -> App {
    let sim = fossa_sim::start(SimOptions {
        seed: 42,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    build(Some(sim), None, None).await
}

/// An app on a simulated site whose engine also runs the dispenser job (no pause between
/// station pages).
pub async fn app_with_dispensers(orders: usize) -> App {
    let sim = fossa_sim::start(SimOptions {
        seed: 42,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    build_with(Some(sim), None, None, true).await
}

/// An app serving `ui_dir` at `/`.
pub async fn app_with_ui(ui_dir: PathBuf) -> App {
    build(None, Some(ui_dir), None).await
}

async fn build(
    sim: Option<SimServer>,
    ui_dir: Option<PathBuf>,
    job: Option<Arc<dyn SyncJob>>,
) -> App {
    build_with(sim, ui_dir, job, false).await
}

async fn build_with(
    sim: Option<SimServer>,
    ui_dir: Option<PathBuf>,
    job: Option<Arc<dyn SyncJob>>,
    dispensers: bool,
) -> App {
    let dir = tempfile::tempdir().unwrap();
    let job = job.unwrap_or_else(|| {
        Arc::new(
            WorkFossaJob::new(dir.path().to_path_buf()).with_tuning(|config| {
                config.connect_timeout = Duration::from_secs(2);
                config.request_timeout = Duration::from_secs(3);
                config.retry.base_delay = Duration::from_millis(5);
                config.retry.max_delay = Duration::from_millis(40);
                config.retry.retry_after_cap = Duration::from_secs(1);
            }),
        )
    });
    let mut options = EngineOptions::new(dir.path()).with_job(job);
    if dispensers {
        let job = fossa_core::sync::DispenserJob::new(dir.path().to_path_buf())
            .with_pause(Duration::ZERO);
        options = options.with_dispenser_job(Arc::new(job));
    }
    let engine = Engine::open_primary(options).await.unwrap();
    if let Some(sim) = &sim {
        save_account(
            dir.path(),
            engine.store(),
            EMAIL,
            &Password::new(PASSWORD),
            Some(sim.base_url().as_str()),
            false,
        )
        .await
        .unwrap();
    }
    let engine = Arc::new(engine);
    let server = fossa_api::serve(
        EngineHandle::local(Arc::clone(&engine)),
        "127.0.0.1:0".parse().unwrap(),
        ApiAuth::new(TOKEN),
        ui_dir,
    )
    .await
    .unwrap();
    let base = format!("http://{}", server.local_addr());
    App {
        engine,
        server: Some(server),
        sim,
        base,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        dir,
    }
}

impl App {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request carrying the bearer token.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(TOKEN)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path).send().await.unwrap()
    }

    pub async fn send_json(&self, method: Method, path: &str, body: &Value) -> Response {
        self.request(method, path).json(body).send().await.unwrap()
    }

    /// A body sent as-is with a JSON content type (for malformed bodies).
    pub async fn send_raw(&self, method: Method, path: &str, body: &str) -> Response {
        self.request(method, path)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str) -> Response {
        self.request(Method::POST, path).send().await.unwrap()
    }

    /// GET expecting 200, as JSON.
    pub async fn get_json(&self, path: &str) -> Value {
        expect_json(self.get(path).await, StatusCode::OK).await
    }

    /// How many work orders the simulated site lists (its open ones).
    pub fn listed(&self) -> usize {
        self.sim
            .as_ref()
            .map_or(0, |sim| sim.state().open_work_orders().len())
    }

    /// Waits for the running sync (if any) to end, through the engine handle.
    pub async fn wait_for_run(&self) -> Option<RunRecord> {
        let handle = self.engine.scheduler().running(JobType::WorkOrders).await?;
        tokio::time::timeout(Duration::from_secs(60), handle.wait())
            .await
            .expect("the sync did not end within a minute")
    }

    /// Triggers a sync over HTTP and waits for its record.
    pub async fn sync(&self) -> Value {
        let response = self
            .post("/api/scraping-schedules/work_orders/trigger")
            .await;
        let body = expect_json(response, StatusCode::ACCEPTED).await;
        let run_id = body["run_id"].as_i64().unwrap();
        self.wait_for_run().await;
        self.get_json(&format!("/api/runs/{run_id}")).await
    }
}

/// Asserts the status and returns the JSON body.
pub async fn expect_json(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(actual, status, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts a `{"error", "field"}` answer and returns the field.
pub async fn expect_error(response: Response, status: StatusCode) -> Option<String> {
    let body = expect_json(response, status).await;
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "no error sentence: {body}"
    );
    assert!(
        body.as_object().unwrap().contains_key("field"),
        "no field key: {body}"
    );
    body["field"].as_str().map(str::to_string)
}

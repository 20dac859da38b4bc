//! Simulated WorkFossa site (axum) for tests, benchmarks and the app's demo mode.
//!
//! It serves the pages `shared/workfossa/SITE.md` describes — login with CSRF token and
//! session cookie, the paginated work-order list in the shape the real site's browser rendered
//! (`fixtures/captured/list.html`) — from seeded data, with fault knobs
//! ([`Faults`]) for the ways the real site fails, and `/_sim/...` control endpoints.
//! In application mode ([`SimOptions::spa`]) the list URL answers only an application shell
//! whose script ([`APP_SCRIPT_PATH`]) renders the rows in a browser from [`FRAGMENT_PATH`].
//! Every work order's location has a page (`/app/customers/locations/<id>/`) whose `Equipment`
//! tab lists generated dispensers ([`generate_dispensers`], [`SimState::location_equipment`]).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let server = fossa_sim::start(fossa_sim::SimOptions::default()).await?;
//! println!("log in at {}login", server.base_url());
//! server.state().update_faults(|f| f.fail_next_5xx = 2);
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod control;
mod demo;
mod details;
mod dispensers;
mod escape;
mod faults;
mod generator;
mod list;
mod location;
mod pages;
mod pagination;
mod render;
mod routes;
mod row;
mod server;
mod spa;
mod state;

pub use control::{state_report, MutateReport, MutateRequest, StateReport};
pub use demo::demo_options;
pub use details::CATEGORIES;
pub use dispensers::{generate_dispensers, LocationView, GRADES};
pub use faults::Faults;
pub use generator::{generate_work_orders, INJECTION_TEXT, ITEMS, STATUSES, WINDOWS};
pub use location::{location_fragment_path, render_location_fragment};
pub use pages::{escape, render_dashboard, render_login_page, BAD_CREDENTIALS};
pub use pagination::{list_path, Paginator};
pub use render::{
    render_list_fragment, render_list_page, status_kind, ListPageParams, PAGE_SIZES, TECH_FILTER,
};
pub use routes::{MAX_FAILED_LOGINS, SESSION_COOKIE, THROTTLE_WINDOW};
pub use server::{start, SimOptions, SimServer};
pub use spa::{render_app_shell, APP_SCRIPT_PATH, FRAGMENT_PATH};
pub use state::{ChurnReport, SimState, SimStats};

//! The demo's site: the options of the engine's [`fossa_core::engine::DEMO_SITE`], so
//! `fossa-sync demo` and the desktop app serve the same simulated WorkFossa.

use crate::{Paginator, SimOptions};
use fossa_core::engine::DEMO_SITE;
use std::net::SocketAddr;

/// The demo site's options, listening on `bind` (port 0 picks a free one).
pub fn demo_options(bind: SocketAddr, spa: bool) -> SimOptions {
    SimOptions {
        seed: DEMO_SITE.seed,
        work_orders: DEMO_SITE.work_orders,
        email: DEMO_SITE.email.into(),
        password: DEMO_SITE.password.into(),
        bind,
        churn: Some(DEMO_SITE.churn),
        paginator: Paginator::Simple,
        spa,
    }
}

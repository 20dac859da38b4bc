//! Application mode in a real browser (Debian's Chromium): the location page's script draws the
//! Equipment tab from its fragment, and the DOM the browser then holds parses to the sim's own
//! dispensers.

#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use fossa_core::workfossa::browser::BrowserSession;
use fossa_core::workfossa::dispenser::{location_url, LocationEquipment};
use fossa_core::workfossa::parser::dispensers::parse_location_equipment;
use fossa_core::workfossa::parser::ParseError;
use fossa_sim::SimOptions;

#[tokio::test]
async fn the_script_draws_the_equipment_tab_a_browser_reads() {
    let sim = server_with(SimOptions {
        spa: true,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let id = sim.state().location_ids()[0];
    let expected = sim.state().location_equipment(id);
    assert!(matches!(expected, LocationEquipment::Dispensers(_)));

    let browser = BrowserSession::start(None, Duration::from_secs(2))
        .await
        .unwrap();
    browser
        .login(&url(&base, "/login"), EMAIL, PASSWORD)
        .await
        .unwrap();
    // `open` waits for a work-order list, which a location page never shows: only the
    // navigation matters here.
    let _ = browser.open(&location_url(&base, id).unwrap()).await;
    let started = Instant::now();
    let parsed = loop {
        let html = browser.html().await.unwrap();
        match parse_location_equipment(&html, id) {
            Err(ParseError::ApplicationShell) if started.elapsed() < Duration::from_secs(20) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            other => break other,
        }
    };
    browser.close().await;
    assert_eq!(parsed, Ok(expected));
    assert!(sim.state().stats().location_pages_served >= 1);
}

//! Location pages: every work order's location has one, the core's parser reads the sim's own
//! dispensers back from it, the deleted-location and no-dispensers knobs, and application mode.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use fossa_core::workfossa::dispenser::{location_url, LocationEquipment};
use fossa_core::workfossa::parser::dispensers::parse_location_equipment;
use fossa_core::workfossa::parser::ParseError;
use fossa_sim::{generate_dispensers, location_fragment_path, SimOptions, APP_SCRIPT_PATH};
use reqwest::{Client, StatusCode};
use url::Url;

async fn location_page(client: &Client, base: &Url, id: i64) -> String {
    let (status, html) = get_page(client, location_url(base, id).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "location {id}");
    html
}

#[tokio::test]
async fn every_location_page_gives_the_sims_own_dispensers() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let orders = sim.state().work_orders();
    assert!(!orders.is_empty());
    let (mut groups_before, mut groups_after) = (0, 0);
    for order in &orders {
        // The location link of every row leads to a page with its dispensers.
        let url = Url::parse(order.location.url.as_deref().unwrap()).unwrap();
        let id = order.location.id.unwrap();
        assert_eq!(url, location_url(&base, id).unwrap());
        let (status, html) = get_page(&client, url).await;
        assert_eq!(status, StatusCode::OK);
        let dispenser_group = html.find(">Dispenser</span>").unwrap();
        groups_before += usize::from(html.find("group-heading").unwrap() < dispenser_group);
        groups_after += usize::from(html.rfind("group-heading").unwrap() > dispenser_group);
        let parsed = parse_location_equipment(&html, id).unwrap();
        let LocationEquipment::Dispensers(dispensers) = &parsed else {
            panic!("location {id}: expected dispensers, got {parsed:?}");
        };
        assert!(!dispensers.is_empty());
        assert!(dispensers.iter().all(|d| d.location_id == id));
        assert_eq!(parsed, sim.state().location_equipment(id), "location {id}");
        assert_eq!(
            dispensers,
            &generate_dispensers(SimOptions::default().seed, id)
        );
    }
    // Other equipment groups stand before and after the Dispenser group on some pages.
    assert!(groups_before > 0 && groups_after > 0);
    let ids = sim.state().location_ids();
    assert!(sim.state().stats().location_pages_served >= ids.len() as u64);
}

#[tokio::test]
async fn generated_dispensers_hold_every_variant_and_follow_the_seed() {
    let sim = server().await;
    let ids = sim.state().location_ids();
    let all: Vec<_> = ids
        .iter()
        .flat_map(|id| generate_dispensers(1, *id))
        .collect();
    let shown_as_codes = |d: &&fossa_core::workfossa::dispenser::Dispenser| {
        d.fields["Grade"].starts_with(|c: char| c.is_ascii_digit())
    };
    assert!(
        all.iter().any(|d| shown_as_codes(&d)),
        "grades shown as codes"
    );
    assert!(
        all.iter().any(|d| !shown_as_codes(&d)),
        "grades shown as names"
    );
    assert!(
        all.iter().any(|d| d.model.is_none()),
        "a block without Model"
    );
    assert!(all.iter().any(|d| d.model.is_some()));
    for d in &all {
        assert!(d.grades.iter().all(|g| !g.starts_with('0')), "{d:?}");
        assert_eq!(d.title.split(" - ").next(), Some(d.number.as_str()));
    }
    // The same seed gives the same dispensers; another seed others.
    assert_eq!(
        generate_dispensers(1, ids[0]),
        generate_dispensers(1, ids[0])
    );
    let differ = ids
        .iter()
        .any(|id| generate_dispensers(1, *id) != generate_dispensers(2, *id));
    assert!(differ);
    // The page carries odd whitespace a parser must fold.
    let client = client();
    login(&client, &sim.base_url()).await;
    let html = location_page(&client, &sim.base_url(), ids[0]).await;
    assert!(html.contains(" -\n    ") || html.contains(" - \t\n") || html.contains("-\n\t"));
}

#[tokio::test]
async fn a_deleted_location_says_it_could_not_be_found() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let ids = sim.state().location_ids();
    let deleted = ids[0];
    sim.state()
        .update_faults(|f| f.deleted_locations = vec![deleted]);
    let html = location_page(&client, &base, deleted).await;
    assert!(html.contains("Could not find this location. It may have been deleted."));
    assert_eq!(
        parse_location_equipment(&html, deleted),
        Ok(LocationEquipment::LocationNotFound)
    );
    assert_eq!(
        sim.state().location_equipment(deleted),
        LocationEquipment::LocationNotFound
    );
    // Other locations are untouched; a location no work order links to is not found either.
    let other = location_page(&client, &base, ids[1]).await;
    assert!(matches!(
        parse_location_equipment(&other, ids[1]),
        Ok(LocationEquipment::Dispensers(_))
    ));
    let unknown = (1..).find(|id| !ids.contains(id)).unwrap();
    let html = location_page(&client, &base, unknown).await;
    assert_eq!(
        parse_location_equipment(&html, unknown),
        Ok(LocationEquipment::LocationNotFound)
    );
    // Knob off again: the page is back.
    sim.state().update_faults(|f| f.deleted_locations.clear());
    let html = location_page(&client, &base, deleted).await;
    assert_eq!(
        parse_location_equipment(&html, deleted).unwrap(),
        sim.state().location_equipment(deleted)
    );
}

#[tokio::test]
async fn a_location_without_dispensers_shows_other_groups_only() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let ids = sim.state().location_ids();
    sim.state()
        .update_faults(|f| f.locations_without_dispensers = ids.clone());
    for id in &ids {
        let html = location_page(&client, &base, *id).await;
        assert!(html.contains("class=\"group-heading"), "location {id}");
        assert!(!html.contains(">Dispenser</span>"), "location {id}");
        assert_eq!(
            parse_location_equipment(&html, *id),
            Ok(LocationEquipment::NoDispensers),
            "location {id}"
        );
        assert_eq!(
            sim.state().location_equipment(*id),
            LocationEquipment::NoDispensers
        );
    }
}

#[tokio::test]
async fn location_pages_need_a_session() {
    let sim = server().await;
    let base = sim.base_url();
    let id = sim.state().location_ids()[0];
    let client = client();
    let response = client
        .get(location_url(&base, id).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).ends_with("/login"));
    let fragment = url(&base, &location_fragment_path(id));
    let response = client.get(fragment).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(sim.state().stats().location_pages_served, 0);
}

#[tokio::test]
async fn application_mode_serves_a_shell_and_the_tab_from_its_fragment() {
    let sim = server_with(SimOptions {
        spa: true,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let id = sim.state().location_ids()[0];
    let shell = location_page(&client, &base, id).await;
    assert_eq!(
        parse_location_equipment(&shell, id),
        Err(ParseError::ApplicationShell)
    );
    let fragment_path = location_fragment_path(id);
    assert!(shell.contains(&format!("data-fragment=\"{fragment_path}\"")));
    assert!(shell.contains(APP_SCRIPT_PATH));
    let (status, script) = get_page(&client, url(&base, APP_SCRIPT_PATH)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(script.contains("data-fragment"));

    // What the script puts into #app, as a browser then holds it.
    let (status, fragment) = get_page(&client, url(&base, &fragment_path)).await;
    assert_eq!(status, StatusCode::OK);
    let drawn = format!(
        "<html><body><div class=\"full-height\" id=\"app\">{fragment}</div>\
         <script type=\"module\" src=\"{APP_SCRIPT_PATH}\"></script></body></html>"
    );
    let parsed = parse_location_equipment(&drawn, id).unwrap();
    assert!(matches!(parsed, LocationEquipment::Dispensers(_)));
    assert_eq!(parsed, sim.state().location_equipment(id));

    // The knobs reach the fragment too.
    sim.state()
        .update_faults(|f| f.deleted_locations = vec![id]);
    let (_, fragment) = get_page(&client, url(&base, &fragment_path)).await;
    assert_eq!(
        parse_location_equipment(&fragment, id),
        Ok(LocationEquipment::LocationNotFound)
    );
}

#[tokio::test]
async fn location_pages_take_the_per_request_faults() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let id = sim.state().location_ids()[0];
    sim.state().update_faults(|f| f.fail_next_5xx = 1);
    let (status, _) = get_page(&client, location_url(&base, id).unwrap()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let html = location_page(&client, &base, id).await;
    assert!(parse_location_equipment(&html, id).is_ok());
}

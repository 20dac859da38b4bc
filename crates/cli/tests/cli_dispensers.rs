//! `fossa-sync` and the dispensers end to end against the simulated site: "Sync now" reads the
//! work orders and then the stations never read, `dispensers` prints them (table, JSON with
//! `read_at` and `stale`, CSV), `sync --job dispensers` reads every station again,
//! `history --job` and `schedule show --job` give that job's own runs and schedule, and an
//! unknown station is an error naming it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;

mod common;
use common::{fossa, site_and_account};

#[tokio::test(flavor = "multi_thread")]
async fn sync_reads_new_stations_and_the_dispensers_are_shown() {
    let (sim, dir) = site_and_account(12).await;
    let (code, out, err) = fossa(dir.path(), &["sync"]).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("dispensers success"), "{out}");

    let (code, out, err) = fossa(dir.path(), &["dispensers", "--json"]).await;
    assert_eq!(code, 0, "{err}");
    let dispensers: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!dispensers.is_empty());
    let first = &dispensers[0];
    assert!(first["read_at"].is_string(), "{first}");
    assert_eq!(first["stale"], false);
    let location = first["location_id"].as_i64().unwrap();
    let expected = match sim.state().location_equipment(location) {
        fossa_core::workfossa::dispenser::LocationEquipment::Dispensers(list) => list,
        other => panic!("station {location} has no dispensers on the site: {other:?}"),
    };
    let of_station: Vec<&Value> = dispensers
        .iter()
        .filter(|d| d["location_id"] == location)
        .collect();
    assert_eq!(of_station.len(), expected.len());
    assert_eq!(
        of_station[0]["serial"].as_str(),
        expected[0].serial.as_deref()
    );

    let (code, out, _) = fossa(
        dir.path(),
        &["dispensers", "--csv", "--location", &location.to_string()],
    )
    .await;
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("location_id,number,title,make,model"));
    assert_eq!(lines.count(), expected.len());

    let (code, _, err) = fossa(dir.path(), &["dispensers", "--location", "999999999"]).await;
    assert_ne!(code, 0);
    assert!(
        err.contains("No station with location id 999999999"),
        "{err}"
    );

    let (code, out, err) = fossa(dir.path(), &["sync", "--job", "dispensers", "--json"]).await;
    assert_eq!(code, 0, "{err}");
    let run: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(run["job_type"], "dispensers");
    assert_eq!(run["trigger"], "manual");
    assert_eq!(
        run["changed"], 0,
        "nothing changed on the site: nothing written"
    );

    let (_, out, _) = fossa(dir.path(), &["history", "--job", "dispensers", "--json"]).await;
    let runs: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs.iter().all(|run| run["job_type"] == "dispensers"));
    let (_, out, _) = fossa(dir.path(), &["history", "--job", "work_orders", "--json"]).await;
    let runs: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(runs.len(), 1);

    let (code, out, _) = fossa(
        dir.path(),
        &["schedule", "show", "--job", "dispensers", "--json"],
    )
    .await;
    assert_eq!(code, 0);
    let schedule: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(schedule["interval_minutes"], 1440);
    let (code, _, err) = fossa(dir.path(), &["history", "--job", "tanks"]).await;
    assert_ne!(code, 0);
    assert!(err.contains("job"), "{err}");
}

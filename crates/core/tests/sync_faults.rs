//! Every fault knob of the simulated site against the real sync, with its expected outcome, and
//! "a failed or partial sync changes nothing": the stored work orders stay exactly as they were.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::site::*;
use fossa_core::error::ErrorClass;
use fossa_core::model::{RunStatus, State};
use fossa_core::notify::{NoticeKind, Notifier};
use fossa_sim::Faults;

/// What a run under a fault must end as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Succeeds { retried: bool },
    Fails(ErrorClass, &'static str),
}

struct Case {
    name: &'static str,
    faults: Faults,
    expect: Expect,
}

fn cases() -> Vec<Case> {
    let with = |change: fn(&mut Faults)| {
        let mut faults = Faults::default();
        change(&mut faults);
        faults
    };
    vec![
        Case {
            name: "latency",
            faults: with(|f| f.latency_ms = 30),
            expect: Expect::Succeeds { retried: false },
        },
        Case {
            name: "5xx burst within the retry budget",
            faults: with(|f| f.fail_next_5xx = 3),
            expect: Expect::Succeeds { retried: true },
        },
        Case {
            name: "5xx burst longer than the retry budget",
            faults: with(|f| f.fail_next_5xx = 500),
            expect: Expect::Fails(ErrorClass::Transient, "kept answering with errors"),
        },
        Case {
            name: "429 with Retry-After",
            faults: with(|f| {
                f.rate_limit_next = 1;
                f.retry_after_secs = 1
            }),
            expect: Expect::Succeeds { retried: true },
        },
        Case {
            name: "session expiry every page",
            faults: with(|f| f.session_expires_every_pages = Some(1)),
            expect: Expect::Succeeds { retried: false },
        },
        Case {
            name: "page size ignored",
            faults: with(|f| f.ignore_page_size = true),
            expect: Expect::Succeeds { retried: false },
        },
        Case {
            name: "connection dropped mid-body",
            faults: with(|f| f.drop_connection_next = 2),
            expect: Expect::Succeeds { retried: true },
        },
        Case {
            name: "connection dropped on every page",
            faults: with(|f| f.drop_connection_next = 500),
            expect: Expect::Fails(ErrorClass::Transient, "connection to WorkFossa broke"),
        },
        Case {
            name: "slow body past the timeout",
            faults: with(|f| f.slow_body_ms = Some(5_000)),
            expect: Expect::Fails(ErrorClass::Transient, "did not answer in time"),
        },
        Case {
            name: "bad credentials",
            faults: with(|f| f.reject_credentials = true),
            expect: Expect::Fails(ErrorClass::Permanent, "rejected the email or password"),
        },
        Case {
            name: "changed layout",
            faults: with(|f| f.changed_layout = true),
            expect: Expect::Fails(ErrorClass::Permanent, "layout was not recognised"),
        },
    ]
}

#[tokio::test]
async fn each_fault_ends_as_expected_and_a_failed_run_changes_nothing() {
    for case in cases() {
        let site = site_with(240, |config| {
            config.request_timeout = std::time::Duration::from_millis(700);
            config.retry.run_budget = 6;
        })
        .await;
        let first = site.sync().await;
        assert_eq!(
            first.status,
            RunStatus::Success,
            "{}: baseline {:?}",
            case.name,
            first.error
        );
        let before = site.stored().await;
        // Something changes on the site, so a run that wrongly "succeeds" would show up.
        let state = site.sim.state();
        state.add_work_orders(2);
        let victim = before[3].number;
        state.remove_work_order(victim);
        state.set_faults(case.faults.clone());

        let run = site.sync().await;
        let status = site.engine.status().await.unwrap();
        let notifier = Notifier::new(
            site.engine.store().clone(),
            site.engine.scheduler().events().clone(),
            site.dir.path().to_path_buf(),
        );
        let notices = notifier
            .on_run_finished(&run, chrono::Utc::now())
            .await
            .unwrap();
        let alerts: Vec<NoticeKind> = notices
            .iter()
            .filter(|n| n.is_alert())
            .map(|n| n.kind)
            .collect();
        match case.expect {
            Expect::Succeeds { retried } => {
                assert_eq!(
                    run.status,
                    RunStatus::Success,
                    "{}: {:?}",
                    case.name,
                    run.error
                );
                assert_eq!(site.stored().await, site.on_site(), "{}", case.name);
                assert_eq!(
                    run.attempts > 1,
                    retried,
                    "{}: attempts {}",
                    case.name,
                    run.attempts
                );
                assert_eq!(status.state, State::Active, "{}", case.name);
                assert!(alerts.is_empty(), "{}: {notices:?}", case.name);
            }
            Expect::Fails(class, message) => {
                assert_eq!(run.status, RunStatus::Failed, "{}", case.name);
                assert_eq!(
                    run.error_class,
                    Some(class),
                    "{}: {:?}",
                    case.name,
                    run.error
                );
                let error = run.error.clone().unwrap_or_default();
                assert!(error.contains(message), "{}: {error}", case.name);
                assert!(
                    !error.contains(PASSWORD),
                    "{}: the password leaked",
                    case.name
                );
                assert_eq!(
                    site.stored().await,
                    before,
                    "{}: a failed run changed work orders",
                    case.name
                );
                assert!(
                    site.engine
                        .store()
                        .changes(Some(run.id), None)
                        .await
                        .unwrap()
                        .is_empty(),
                    "{}",
                    case.name
                );
                assert_eq!(
                    (status.state, status.consecutive_failures),
                    (State::Failed, 1),
                    "{}",
                    case.name
                );
            }
        }
        site.sim.shutdown().await;
    }
}

#[tokio::test]
async fn bad_credentials_fail_at_once_without_hammering_the_login() {
    let site = site(30).await;
    site.sim
        .state()
        .update_faults(|f| f.reject_credentials = true);
    let run = site.sync().await;
    assert_eq!((run.status, run.attempts), (RunStatus::Failed, 1));
    assert_eq!(site.sim.state().stats().logins_failed, 1);
}

#[tokio::test]
async fn a_failure_in_the_middle_of_the_pages_keeps_the_previous_data() {
    let site = site(450).await;
    assert_eq!(site.sync().await.status, RunStatus::Success);
    let before = site.stored().await;
    let state = site.sim.state();
    for order in before.iter().take(20) {
        state.remove_work_order(order.number);
    }
    // The session ends after the first page and the password no longer works: pages 2.. fail.
    state.update_faults(|f| f.session_expires_every_pages = Some(1));
    state.set_credentials(EMAIL, "changed-elsewhere");
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Failed);
    assert!(run.error.unwrap().contains("rejected"));
    assert_eq!(site.stored().await, before);
}

#[tokio::test]
async fn an_empty_list_is_believed_and_marks_everything_removed() {
    let site = site(30).await;
    site.sync().await;
    site.sim.state().update_faults(|f| f.empty_list = true);
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Success);
    assert_eq!(run.found, Some(0));
    assert_eq!(run.removed, Some(site.on_site().len() as i64));
    assert!(site.stored().await.is_empty());
}

#[tokio::test]
async fn an_unreachable_site_is_skipped_as_offline() {
    let site = site(5).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    site.engine
        .store()
        .set_setting("site_url", &address)
        .await
        .unwrap();
    let run = site.sync().await;
    assert_eq!(
        (run.status, run.error_class),
        (RunStatus::Skipped, Some(ErrorClass::Offline))
    );
    assert_eq!(site.engine.status().await.unwrap().state, State::Active);
}

#[tokio::test]
async fn the_password_is_nowhere_in_the_data_dir() {
    let site = site(50).await;
    site.sync().await;
    site.sim
        .state()
        .update_faults(|f| f.reject_credentials = true);
    site.sync().await;
    site.engine.store().close().await;
    for entry in std::fs::read_dir(site.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "workfossa-password" {
            continue; // the 0600 fallback store itself
        }
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(PASSWORD),
                "password found in {}",
                path.display()
            );
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(site.dir.path().join("workfossa-password"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

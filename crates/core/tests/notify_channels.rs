//! The notifier's three channels against local sinks: a real (minimal) SMTP server on loopback,
//! a local HTTP webhook receiver, and the desktop `Notification` event on the engine's bus.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::{extract::State, routing::post, Json, Router};
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::error::SyncError;
use fossa_core::events::EngineEvent;
use fossa_core::model::RunStatus;
use fossa_core::notify::{NoticeKind, Notifier};
use fossa_core::settings::{EmailSettings, SmtpSecurity};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server that accepts every message and keeps its DATA.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let kept = mails.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let kept = kept.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut in_data = false;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            kept.lock().unwrap().push(std::mem::take(&mut data));
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-sink\r\n250 AUTH PLAIN LOGIN\r\n",
                        "AUTH" => {
                            kept.lock().unwrap().push(line.clone());
                            b"235 authenticated\r\n"
                        }
                        "DATA" => {
                            in_data = true;
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, mails)
}

/// A local webhook receiver keeping every JSON body.
async fn webhook_sink() -> (String, Arc<Mutex<Vec<serde_json::Value>>>) {
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let app = Router::new()
        .route(
            "/hook",
            post(
                |State(kept): State<Arc<Mutex<Vec<serde_json::Value>>>>,
                 Json(body): Json<serde_json::Value>| async move {
                    kept.lock().unwrap().push(body);
                    "ok"
                },
            ),
        )
        .with_state(bodies.clone());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, bodies)
}

#[tokio::test]
async fn failure_and_recovery_reach_every_channel_and_offline_reaches_none() {
    let (smtp_port, mails) = smtp_sink().await;
    let (hook_url, hooks) = webhook_sink().await;
    let dir = tempfile::tempdir().unwrap();
    let job = common::FakeJob::succeeding();
    let engine = Engine::open_primary(EngineOptions::new(dir.path()).with_job(job.clone()))
        .await
        .unwrap();
    let mut settings = engine.settings().await.unwrap();
    settings.notifications.webhook_url = Some(hook_url);
    settings.notifications.email = Some(EmailSettings {
        host: "127.0.0.1".into(),
        port: smtp_port,
        security: SmtpSecurity::None,
        username: None,
        password_set: false,
        password: None,
        from: "fossa@example.com".into(),
        to: "tech@example.com".into(),
    });
    engine.set_settings(settings).await.unwrap();
    let notifier = Notifier::new(
        engine.store().clone(),
        engine.scheduler().events().clone(),
        dir.path().to_path_buf(),
    );
    let mut events = engine.subscribe();

    job.script([
        Err(SyncError::CredentialsRejected),
        Err(SyncError::CredentialsRejected),
        Err(SyncError::Offline("dns".into())),
    ]);
    let first = engine.sync_now().await.unwrap().wait().await.unwrap();
    assert_eq!(first.status, RunStatus::Failed);
    let notices = notifier
        .on_run_finished(&first, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].title, "WorkFossa rejected the password");
    let second = engine.sync_now().await.unwrap().wait().await.unwrap();
    assert!(
        notifier
            .on_run_finished(&second, chrono::Utc::now())
            .await
            .unwrap()
            .is_empty(),
        "no repeat by default"
    );
    let offline = engine.sync_now().await.unwrap().wait().await.unwrap();
    assert_eq!(offline.status, RunStatus::Skipped);
    assert!(notifier
        .on_run_finished(&offline, chrono::Utc::now())
        .await
        .unwrap()
        .is_empty());
    let recovered = engine.sync_now().await.unwrap().wait().await.unwrap();
    let notices = notifier
        .on_run_finished(&recovered, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(notices[0].kind, NoticeKind::Recovery);

    let mails = mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails[0].contains("Subject: Fossa Sync: WorkFossa rejected the password"));
    assert!(mails[1].contains("Sync recovered"));
    let hooks = hooks.lock().unwrap().clone();
    assert_eq!(hooks.len(), 2);
    assert!(hooks[0]["text"]
        .as_str()
        .unwrap()
        .contains("rejected the password"));
    assert_eq!(hooks[0]["text"], hooks[0]["content"]);

    let mut desktop = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let EngineEvent::Notification { title, kind, .. } = event {
            desktop.push((kind, title));
        }
    }
    assert_eq!(
        desktop
            .iter()
            .filter(|(kind, _)| *kind == NoticeKind::Failure)
            .count(),
        1
    );
    assert_eq!(
        desktop
            .iter()
            .filter(|(kind, _)| *kind == NoticeKind::Recovery)
            .count(),
        1
    );
}

#[tokio::test]
async fn test_messages_report_success_or_one_clear_sentence() {
    let (smtp_port, mails) = smtp_sink().await;
    let (hook_url, hooks) = webhook_sink().await;
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open_primary(
        EngineOptions::new(dir.path()).with_job(common::FakeJob::succeeding()),
    )
    .await
    .unwrap();
    let missing = engine.send_test_email().await.unwrap_err();
    assert!(missing.to_string().contains("SMTP"), "{missing}");
    let mut settings = engine.settings().await.unwrap();
    settings.notifications.webhook_url = Some(hook_url);
    settings.notifications.email = Some(EmailSettings {
        host: "127.0.0.1".into(),
        port: smtp_port,
        security: SmtpSecurity::None,
        username: Some("me".into()),
        password_set: false,
        password: Some("smtp-secret-9".into()),
        from: "fossa@example.com".into(),
        to: "tech@example.com".into(),
    });
    let saved = engine.set_settings(settings.clone()).await.unwrap();
    assert!(saved.notifications.email.as_ref().unwrap().password_set);
    engine.send_test_email().await.unwrap();
    engine.send_test_webhook().await.unwrap();
    let mails = mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 2, "{mails:?}");
    // AUTH PLAIN carries "\0me\0smtp-secret-9", base64-encoded.
    assert_eq!(mails[0], "AUTH PLAIN AG1lAHNtdHAtc2VjcmV0LTk=");
    assert!(mails[1].contains("Test message"));
    assert_eq!(hooks.lock().unwrap().len(), 1);
    // The SMTP password is in its own store, not in the settings table.
    let stored: String = sqlx::query_scalar("SELECT group_concat(value) FROM settings")
        .fetch_one(engine.store().pool())
        .await
        .unwrap();
    assert!(!stored.contains("smtp-secret-9"));

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    settings.notifications.email.as_mut().unwrap().port = port;
    engine.set_settings(settings).await.unwrap();
    let error = engine.send_test_email().await.unwrap_err();
    assert!(error.to_string().contains("could not be sent"), "{error}");
}

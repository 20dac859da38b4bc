//! Security checks end to end through the real `fossa-sync` binary against the simulated site.
//!
//! One full session — account set/show/test, sync, status, history, work orders, changes,
//! schedule show/set/preview, a login the site rejects, and the daemon with `--http` on loopback
//! receiving API requests (settings with an SMTP password, a test email, the account) and `sync`
//! over its socket — then neither the WorkFossa password nor the SMTP password may appear, plain,
//! URL-encoded or base64, in any command's stdout/stderr (text and `--json`), in the SQLite files
//! (`fossa-sync.db`, `-wal`, `-shm`) or in any other file under the data dir (logs, config, the
//! API token). The keyring is switched off (`FOSSA_SYNC_NO_KEYRING`), so each password lives in
//! its credential file (`workfossa-password`, `smtp-password`): those two files are the only ones
//! allowed to hold it, and they must be mode 0600.
//!
//! Also: `--http` on a non-loopback address is refused with one sentence and a non-zero exit.
//!
//! Covered elsewhere, not repeated here: the window's CSP (`security_csp.rs`); requests without
//! the token get 401
//! (`crates/api/tests/auth.rs`, `every_route_needs_the_token`); scraped text cannot inject markup
//! (`ui/src/test/no-html.test.ts` and the browser test `ui/e2e/run.mjs`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

const EMAIL: &str = "tech@example.com";
/// Distinctive, with characters that URL-encoding changes.
const WF_PASSWORD: &str = "Wf-Canary&Pass=9q/Zx+Leak 41";
const SMTP_PASSWORD: &str = "Smtp-Canary#Pw=7k&Mail+Leak 42";
const WF_FILE: &str = "workfossa-password";
const SMTP_FILE: &str = "smtp-password";

/// Every output the session produced, labelled, to be searched at the end.
#[derive(Default)]
struct Seen(Vec<(String, Vec<u8>)>);

impl Seen {
    fn add(&mut self, label: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.0.push((label.into(), bytes.into()));
    }
}

fn fossa_command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fossa-sync"));
    command
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .env_remove("WORKFOSSA_PASSWORD")
        .env_remove("WORKFOSSA_EMAIL")
        .env_remove("WORKFOSSA_URL")
        .kill_on_drop(true);
    command
}

/// Runs one command to its end; its stdout and stderr go to `seen`. Returns (code, stdout, stderr).
async fn fossa(seen: &mut Seen, dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = fossa_command(dir, args).output().await.unwrap();
    let label = args.join(" ");
    seen.add(format!("stdout of `{label}`"), output.stdout.clone());
    seen.add(format!("stderr of `{label}`"), output.stderr.clone());
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `args` and expects exit 0, also with `--json` when `json` is set.
async fn both(seen: &mut Seen, dir: &Path, args: &[&str], json: bool) {
    let (code, _, err) = fossa(seen, dir, args).await;
    assert_eq!(code, 0, "{args:?}: {err}");
    if json {
        let with_json: Vec<&str> = args.iter().copied().chain(["--json"]).collect();
        let (code, out, err) = fossa(seen, dir, &with_json).await;
        assert_eq!(code, 0, "{with_json:?}: {err}");
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap_or_else(|e| panic!("{with_json:?} is not JSON ({e}): {out}"));
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The forms a leaked password could take: plain, URL-encoded (`%20` and form `+`), and the
/// part of its base64 (standard and URL-safe) that does not depend on what comes before or after
/// it, for each of the three alignments.
fn forms(password: &str) -> Vec<String> {
    let mut forms = vec![password.to_string()];
    let mut percent = String::new();
    for byte in password.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            percent.push(byte as char);
        } else {
            percent.push_str(&format!("%{byte:02X}"));
        }
    }
    forms.push(percent.replace("%20", "+"));
    forms.push(percent.to_lowercase());
    forms.push(percent);
    for align in 0..3 {
        let mut bytes = vec![0u8; align];
        bytes.extend_from_slice(password.as_bytes());
        let encoded = base64(&bytes);
        let skip = if align == 0 { 0 } else { 4 };
        let core = &encoded[skip..encoded.len() - 4];
        forms.push(core.to_string());
        forms.push(core.replace('+', "-").replace('/', "_"));
    }
    forms
}

fn assert_no_secret(label: &str, bytes: &[u8]) {
    for password in [WF_PASSWORD, SMTP_PASSWORD] {
        for form in forms(password) {
            let found = bytes
                .windows(form.len())
                .any(|window| window == form.as_bytes());
            assert!(!found, "{label} holds a password (as {form:?})");
        }
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if path.is_file() {
            files.push(path);
        }
    }
    files
}

/// Every file under the data dir is free of both passwords, except the two credential files,
/// which exist (no keyring here) with mode 0600 and hold exactly their own password.
fn check_data_dir(dir: &Path, moment: &str) {
    use std::os::unix::fs::PermissionsExt;
    let files = files_under(dir);
    let names: Vec<String> = files
        .iter()
        .map(|path| path.strip_prefix(dir).unwrap().display().to_string())
        .collect();
    for wanted in ["fossa-sync.db", "api-token", WF_FILE, SMTP_FILE] {
        assert!(
            names.iter().any(|name| name == wanted),
            "{moment}: no {wanted} in {names:?}"
        );
    }
    assert!(
        names.iter().any(|name| name.starts_with("logs/")),
        "{moment}: no logs in {names:?}"
    );
    for (path, name) in files.iter().zip(&names) {
        let bytes = std::fs::read(path).unwrap();
        let secret = match name.as_str() {
            WF_FILE => Some(WF_PASSWORD),
            SMTP_FILE => Some(SMTP_PASSWORD),
            _ => None,
        };
        match secret {
            Some(password) => {
                let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
                assert_eq!(
                    mode, 0o600,
                    "{moment}: {name} is readable by others ({mode:o})"
                );
                assert_eq!(bytes, password.as_bytes(), "{moment}: {name}");
            }
            None => assert_no_secret(&format!("{moment}: {name}"), &bytes),
        }
    }
}

/// One HTTP/1.1 request over a fresh connection; (status, whole response text).
async fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&str>,
) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// A loopback port nothing listens on (for the daemon, and as the SMTP server that refuses).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread")]
async fn no_password_leaks_through_outputs_logs_or_files_in_a_full_session() {
    let sim = fossa_sim::start(fossa_sim::SimOptions {
        work_orders: 30,
        email: EMAIL.into(),
        password: WF_PASSWORD.into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let site = sim.base_url().to_string();
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    let mut seen = Seen::default();

    // The account, with the password on stdin.
    let set = [
        "account",
        "set",
        "--email",
        EMAIL,
        "--password-stdin",
        "--site",
        &site,
    ];
    let mut child = fossa_command(dir, &set)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let line = format!("{WF_PASSWORD}\n");
    stdin.write_all(line.as_bytes()).await.unwrap();
    drop(stdin);
    let output = child.wait_with_output().await.unwrap();
    seen.add("stdout of `account set`", output.stdout);
    seen.add("stderr of `account set`", output.stderr);
    assert!(output.status.success());

    // Each command in text, and again with `--json` where it has it.
    let session: [(&[&str], bool); 12] = [
        (&["account", "show"], true),
        (&["account", "test"], false),
        (&["sync"], true),
        (&["status"], true),
        (&["history"], true),
        (&["work-orders"], true),
        (&["work-orders", "--csv"], false),
        (&["changes"], true),
        (&["schedule", "show"], true),
        (&["schedule", "set", "--interval", "90m"], false),
        (&["schedule", "set", "--jitter", "1m", "--json"], false),
        (&["schedule", "preview", "--count", "3"], false),
    ];
    for (args, json) in session {
        both(&mut seen, dir, args, json).await;
    }

    // A login the site rejects: one sentence, exit 1, and the failure recorded.
    sim.state()
        .update_faults(|faults| faults.reject_credentials = true);
    for args in [&["account", "test"][..], &["sync"], &["sync", "--json"]] {
        let (code, _, err) = fossa(&mut seen, dir, args).await;
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("rejected"), "{args:?}: {err}");
    }
    both(&mut seen, dir, &["status"], true).await;
    both(&mut seen, dir, &["history", "--status", "failed"], true).await;
    sim.state()
        .update_faults(|faults| faults.reject_credentials = false);

    // The daemon with the HTTP API, debug logging on, for a few requests.
    let addr = format!("127.0.0.1:{}", free_port());
    let daemon_stderr = tempfile::NamedTempFile::new().unwrap();
    let mut daemon = fossa_command(dir, &["-vv", "daemon", "--http", &addr])
        .stdout(Stdio::piped())
        .stderr(daemon_stderr.reopen().unwrap())
        .spawn()
        .unwrap();
    // Listening means the daemon has made its token: `api token` then prints that one.
    let deadline = Instant::now() + Duration::from_secs(30);
    while tokio::net::TcpStream::connect(&addr).await.is_err() {
        assert!(daemon.try_wait().unwrap().is_none(), "the daemon stopped");
        assert!(
            Instant::now() < deadline,
            "the daemon's API did not come up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, token, _) = fossa(&mut seen, dir, &["api", "token"]).await;
    let token = token.trim().to_string();
    let (status, text) = http(&addr, "GET", "/api/status", &token, None).await;
    assert_eq!(status, 200, "{text}");
    let smtp = serde_json::json!({"host": "127.0.0.1", "port": free_port(), "security": "none",
        "username": "mailer", "password": SMTP_PASSWORD, "from": "fossa@example.com",
        "to": "tech@example.com"});
    let (status, settings) = http(&addr, "GET", "/api/settings", &token, None).await;
    assert_eq!(status, 200, "{settings}");
    let mut settings: serde_json::Value =
        serde_json::from_str(settings.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    settings["notifications"]["email"] = smtp;
    let account = serde_json::json!({"email": EMAIL, "password": WF_PASSWORD, "site_url": site});
    let requests = [
        ("PUT", "/api/settings", Some(settings.to_string()), 200),
        ("GET", "/api/settings", None, 200),
        ("POST", "/api/notifications/test-email", None, 422),
        ("PUT", "/api/account", Some(account.to_string()), 200),
        ("GET", "/api/account", None, 200),
        ("POST", "/api/account/test", None, 200),
        ("GET", "/api/status", None, 200),
    ];
    for (method, path, body, expected) in requests {
        let (status, text) = http(&addr, method, path, &token, body.as_deref()).await;
        assert_eq!(status, expected, "{method} {path}: {text}");
        seen.add(format!("the API's answer to {method} {path}"), text);
    }
    // `sync` while the daemon holds the data dir: carried out by it over the control socket.
    both(&mut seen, dir, &["sync"], false).await;
    check_data_dir(dir, "with the daemon running");

    let pid = daemon.id().unwrap().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap()
        .success());
    let stopped = tokio::time::timeout(Duration::from_secs(30), daemon.wait()).await;
    assert!(stopped.expect("the daemon did not stop").unwrap().success());
    let daemon_err = std::fs::read(daemon_stderr.path()).unwrap();
    assert!(String::from_utf8_lossy(&daemon_err).contains("Fossa Sync stopped."));
    seen.add("stderr of the daemon", daemon_err);
    let mut daemon_out = Vec::new();
    daemon
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut daemon_out)
        .await
        .unwrap();
    seen.add("stdout of the daemon", daemon_out);

    both(&mut seen, dir, &["status"], true).await;
    check_data_dir(dir, "after the session");
    for (label, bytes) in &seen.0 {
        assert_no_secret(label, bytes);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_refuses_a_non_loopback_address() {
    let data = tempfile::tempdir().unwrap();
    let mut seen = Seen::default();
    for addr in ["0.0.0.0:8765", "[::]:8765", "192.0.2.1:8765"] {
        let (code, out, err) = fossa(&mut seen, data.path(), &["daemon", "--http", addr]).await;
        assert_ne!(code, 0, "{addr}: {out}");
        assert!(err.contains("loopback"), "{addr}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{addr}: one sentence: {err}");
    }
    // Refused before anything started: not even the API token was made.
    assert!(!data.path().join("api-token").exists());
}

/// The search is not vacuous: it finds each password plain, form- and percent-encoded, and in
/// base64 at any alignment (an HTTP Basic header, a token holding it).
#[test]
fn the_leak_search_finds_encoded_passwords() {
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE");
    let hidden = [
        format!(
            "password={}",
            WF_PASSWORD
                .replace('&', "%26")
                .replace('=', "%3D")
                .replace('/', "%2F")
                .replace('+', "%2B")
                .replace(' ', "+")
        ),
        format!(
            "Basic {}",
            base64(format!("{EMAIL}:{WF_PASSWORD}").as_bytes())
        ),
        format!("x{}", base64(format!("a{SMTP_PASSWORD}").as_bytes())),
        format!("{{\"pw\": \"{SMTP_PASSWORD}\"}}"),
    ];
    for text in hidden {
        let found = std::panic::catch_unwind(|| assert_no_secret("sample", text.as_bytes()));
        assert!(found.is_err(), "not found in {text}");
    }
}

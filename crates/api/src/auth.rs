//! The API token: a random secret in `<data dir>/api-token` (0600, made at first start), checked
//! in constant time on every `/api/*` request from the `Authorization: Bearer` header or the
//! `fossa_session` cookie that `GET /login?token=...` sets.
//!
//! A browser request authenticated by the cookie that changes something must come from the UI's
//! own origin: a page on another local port is "same-site" for cookies, so its `Origin` is checked.

use crate::error::{ApiError, Params};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, HOST, LOCATION, ORIGIN, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use fossa_core::error::{EngineError, EngineResult};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// The token file's name inside the data dir.
pub const TOKEN_FILE: &str = "api-token";
/// The browser session cookie's name.
pub const SESSION_COOKIE: &str = "fossa_session";

/// The API's secret; cheap to clone, never printed by `Debug`.
#[derive(Clone)]
pub struct ApiAuth {
    token: Arc<str>,
}

impl fmt::Debug for ApiAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiAuth(<token>)")
    }
}

impl ApiAuth {
    /// Uses a given token (tests, or a token handed over by the desktop shell).
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: Arc::from(token.into()),
        }
    }

    /// Reads `<data_dir>/api-token`, creating it (0600, 32 random bytes in hex) if it is missing.
    pub fn load_or_create(data_dir: &Path) -> EngineResult<Self> {
        fossa_core::paths::ensure_data_dir(data_dir)?;
        let path = data_dir.join(TOKEN_FILE);
        if let Some(token) = read_token(&path)? {
            return Ok(Self::new(token));
        }
        // Missing: create it without replacing one written meanwhile; unreadable junk: replace it.
        let replace = path.exists();
        let token = new_token();
        write_token(data_dir, &path, &token, replace)?;
        // Another process may have created it at the same moment: its file wins.
        match read_token(&path)? {
            Some(stored) => Ok(Self::new(stored)),
            None => Ok(Self::new(token)),
        }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether `candidate` is the token, compared in constant time.
    pub fn accepts(&self, candidate: &str) -> bool {
        bool::from(self.token.as_bytes().ct_eq(candidate.as_bytes()))
    }

    /// The browser login link for a server listening on `addr`.
    pub fn login_url(&self, addr: std::net::SocketAddr) -> String {
        format!("http://{addr}/login?token={}", self.token)
    }
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read_token(path: &Path) -> EngineResult<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let token = text.trim();
            Ok((token.len() >= 16).then(|| token.to_string()))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(EngineError::io(
            format!("Could not read the API token {}", path.display()),
            error,
        )),
    }
}

/// Writes a private temporary file, then moves it into place in one step.
fn write_token(data_dir: &Path, path: &Path, token: &str, replace: bool) -> EngineResult<()> {
    let temporary: PathBuf = data_dir.join(format!(".{TOKEN_FILE}.{}.tmp", std::process::id()));
    let failed = |error| EngineError::io("Could not write the API token file", error);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&temporary).map_err(failed)?;
    file.write_all(format!("{token}\n").as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(failed)?;
    drop(file);
    // A link does not replace a token another process wrote meanwhile; a rename does.
    let placed = if replace {
        std::fs::rename(&temporary, path)
    } else {
        match std::fs::hard_link(&temporary, path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(_) => std::fs::rename(&temporary, path),
        }
    };
    let _ = std::fs::remove_file(&temporary);
    placed.map_err(failed)
}

/// How a request proved itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Credential {
    Bearer,
    Cookie,
}

fn credential(auth: &ApiAuth, headers: &HeaderMap) -> Option<Credential> {
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    if bearer.is_some_and(|token| auth.accepts(token)) {
        return Some(Credential::Bearer);
    }
    let cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == SESSION_COOKIE && auth.accepts(value));
    cookie.then_some(Credential::Cookie)
}

/// A cookie-authenticated request that changes something must come from this server's origin.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    host.is_some_and(|host| origin == format!("http://{host}"))
}

/// The middleware in front of every `/api/*` route.
pub async fn require_token(State(auth): State<ApiAuth>, request: Request, next: Next) -> Response {
    match credential(&auth, request.headers()) {
        None => ApiError::unauthorized().into_response(),
        Some(Credential::Cookie)
            if !matches!(*request.method(), Method::GET | Method::HEAD)
                && !same_origin(request.headers()) =>
        {
            ApiError::new(
                StatusCode::FORBIDDEN,
                "Requests from another web page are refused; use the Fossa Sync page itself.",
            )
            .into_response()
        }
        Some(_) => next.run(request).await,
    }
}

/// `GET /login?token=...`: sets the session cookie and sends the browser to the UI.
pub async fn login(State(auth): State<ApiAuth>, params: Params) -> Response {
    let Some(token) = params.text("token").filter(|token| auth.accepts(token)) else {
        return (
            StatusCode::UNAUTHORIZED,
            Html(
                "<!doctype html><meta charset=utf-8><title>Fossa Sync</title>\
                 <p>This login link is not valid. Run <code>fossa-sync api token</code> or use the \
                 link the daemon printed when it started.</p>",
            ),
        )
            .into_response();
    };
    let cookie = format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/");
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(LOCATION, HeaderValue::from_static("/"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    headers.insert("cache-control", HeaderValue::from_static("no-store"));
    match HeaderValue::from_str(&cookie) {
        Ok(value) => {
            headers.insert(SET_COOKIE, value);
            response
        }
        Err(_) => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The session cookie could not be made.",
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_file_is_private_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let first = ApiAuth::load_or_create(dir.path()).unwrap();
        assert_eq!(first.token().len(), 64);
        let again = ApiAuth::load_or_create(dir.path()).unwrap();
        assert_eq!(first.token(), again.token());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(TOKEN_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(first.accepts(first.token()));
        assert!(!first.accepts("nope"));
        assert!(!format!("{first:?}").contains(first.token()));

        // An emptied token file is replaced, and the new token is the one stored.
        std::fs::write(dir.path().join(TOKEN_FILE), "").unwrap();
        let renewed = ApiAuth::load_or_create(dir.path()).unwrap();
        assert_ne!(renewed.token(), first.token());
        assert_eq!(
            ApiAuth::load_or_create(dir.path()).unwrap().token(),
            renewed.token()
        );
    }

    #[test]
    fn cookie_and_bearer_are_read() {
        let auth = ApiAuth::new("a".repeat(64));
        let mut headers = HeaderMap::new();
        assert_eq!(credential(&auth, &headers), None);
        headers.insert(
            COOKIE,
            HeaderValue::from_str(&format!("x=1; {SESSION_COOKIE}={}", "a".repeat(64))).unwrap(),
        );
        assert_eq!(credential(&auth, &headers), Some(Credential::Cookie));
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {}", "a".repeat(64))).unwrap(),
        );
        assert_eq!(credential(&auth, &headers), Some(Credential::Bearer));
    }
}

//! Location pages (`/app/customers/locations/<id>/`) read through one headless Chromium: on the
//! real site the `Equipment` tab is drawn by a script, so plain HTTP gets an application shell.
//!
//! [`BrowserLocationPages`] starts one browser, logs in once and then reads one location page at
//! a time through its one tab (callers may ask concurrently; they take turns). For each page it
//! waits, at most the configured request timeout, until the page shows the equipment tab (a
//! complete `Dispenser` group, or other groups only and nothing more arriving), the deleted
//! location's message, or the login form (the session is gone: one new login, then the page
//! again; the login form a second time is [`SyncError::SessionLost`]). The DOM's HTML is then
//! read by [`parse_location_equipment`], the same parser as the HTTP path's.

use std::time::{Duration, Instant};

use secrecy::ExposeSecret;
use tokio::sync::Mutex;
use url::Url;

use super::session::BrowserSession;
use crate::error::SyncError;
use crate::workfossa::client::ClientConfig;
use crate::workfossa::dispenser::{location_url, LocationEquipment, LOCATION_NOT_FOUND_TEXT};
use crate::workfossa::parser::dispensers::parse_location_equipment;
use crate::workfossa::parser::ParseError;

/// What a location page shows now, by the parser's landmarks (equipment groups by their
/// `div.group-heading` with a `Hide/Show equipment` link, blocks `div.py-1.5` after their
/// heading):
///
/// - `login`: the login form;
/// - `gone`: no equipment group, the deleted location's message shown (`innerText`);
/// - `dispensers`: an expanded `Dispenser` group holding as many blocks as its heading counts;
/// - `collapsed`: a collapsed `Dispenser` group (the parser says why it cannot read it);
/// - `partial`: a `Dispenser` group still short of its count (not ready);
/// - `others:<groups>`: groups without a `Dispenser` group (ready once it stays so);
/// - `error:<status>`: the application's load-error alert;
/// - `wait`: anything else (the shell, the loader).
const PROBE_JS: &str = r#"(() => {
  if (document.querySelector('form[name=login], input[type=password]')) return 'login';
  const groups = [];
  for (const el of document.querySelectorAll('.group-heading, .py-1\\.5')) {
    const parent = el.parentElement;
    if (parent && parent.closest('.group-heading, .py-1\\.5')) continue;
    if (el.classList.contains('group-heading')) {
      const link = Array.from(el.querySelectorAll('a[title]'))
        .find((a) => /^(hide|show) equipment$/i.test(a.title.trim()));
      const name = link && link.querySelector('span.bold');
      if (!name) continue;
      const count = /\(\s*(\d+)\s*\)/.exec(link.textContent);
      groups.push({
        name: name.textContent.replace(/\s+/g, ' ').trim(),
        count: count ? parseInt(count[1], 10) : null,
        shown: /^hide/i.test(link.title.trim()),
        blocks: 0,
      });
    } else if (groups.length) {
      groups[groups.length - 1].blocks += 1;
    }
  }
  if (!groups.length) {
    const text = document.body ? document.body.innerText.replace(/\s+/g, ' ') : '';
    if (text.includes(NOT_FOUND)) return 'gone';
    const failed = document.querySelector('.load-error');
    if (failed) return 'error:' + (failed.getAttribute('data-status') || '0');
    return 'wait';
  }
  const dispensers = groups.find((g) => g.name.toLowerCase() === 'dispenser');
  if (dispensers) {
    if (!dispensers.shown) return 'collapsed';
    if (dispensers.count === null) return dispensers.blocks ? 'others:' + JSON.stringify(groups) : 'wait';
    return dispensers.count === dispensers.blocks ? 'dispensers' : 'partial';
  }
  return 'others:' + JSON.stringify(groups);
})()"#;

/// How long a page with equipment groups but no complete `Dispenser` group must stay the same
/// before it counts as drawn (a group arriving late must not read as "no dispensers").
const SETTLE: Duration = Duration::from_millis(200);

/// One browser, logged in, reading location pages one at a time.
pub struct BrowserLocationPages {
    /// The one tab; held for the whole of one page (login again included).
    session: Mutex<BrowserSession>,
    base_url: Url,
    login_url: Url,
    email: String,
    password: crate::workfossa::Password,
}

impl BrowserLocationPages {
    /// Starts Chromium (see [`BrowserSession::start`]) with `config`'s Chromium and request
    /// timeout, and logs in; the browser is closed again when the login fails.
    pub async fn start(config: &ClientConfig) -> Result<Self, SyncError> {
        let login_url = config
            .base_url
            .join("/login")
            .map_err(|e| SyncError::Connection(format!("bad site address: {e}")))?;
        let session =
            BrowserSession::start(config.chromium.as_deref(), config.request_timeout).await?;
        let pages = Self {
            session: Mutex::new(session),
            base_url: config.base_url.clone(),
            login_url,
            email: config.email.clone(),
            password: config.password.clone(),
        };
        let logged_in = {
            let session = pages.session.lock().await;
            pages.login(&session).await
        };
        match logged_in {
            Ok(()) => Ok(pages),
            Err(e) => {
                pages.close().await;
                Err(e)
            }
        }
    }

    /// What location `location_id`'s page says about its dispensers. Calls take turns (one
    /// tab); each waits at most the configured request timeout for the page to be drawn.
    pub async fn location_equipment(
        &self,
        location_id: i64,
    ) -> Result<LocationEquipment, SyncError> {
        let url = location_url(&self.base_url, location_id)
            .map_err(|e| SyncError::Connection(format!("bad site address: {e}")))?;
        let session = self.session.lock().await;
        let mut shown = open_location(&session, &url).await?;
        if shown.as_deref() == Some("login") {
            tracing::info!(
                location_id,
                "WorkFossa session expired in the browser; logging in again"
            );
            self.login(&session).await?;
            shown = open_location(&session, &url).await?;
            if shown.as_deref() == Some("login") {
                return Err(SyncError::SessionLost);
            }
        }
        if let Some(status) = shown.as_deref().and_then(|s| s.strip_prefix("error:")) {
            return Err(SyncError::SiteUnavailable(format!(
                "location {location_id}: the page could not load its equipment (HTTP {status})"
            )));
        }
        let html = session.html().await?;
        let waited = session.wait().as_secs();
        drop(session);
        let parsed =
            tokio::task::spawn_blocking(move || parse_location_equipment(&html, location_id))
                .await
                .map_err(|e| {
                    SyncError::LayoutNotRecognised(format!(
                        "location {location_id}: parser failed: {e}"
                    ))
                })?;
        match (parsed, shown) {
            (Ok(equipment), _) => Ok(equipment),
            (Err(ParseError::ApplicationShell), _) => Err(SyncError::LayoutNotRecognised(format!(
                "location {location_id}: the page showed neither its equipment nor \
                 \"{LOCATION_NOT_FOUND_TEXT}\" within {waited} s"
            ))),
            (Err(e), None) => Err(SyncError::LayoutNotRecognised(format!(
                "location {location_id}: the page was not drawn within {waited} s: {e}"
            ))),
            (Err(e), Some(_)) => Err(SyncError::LayoutNotRecognised(format!(
                "location {location_id} page: {e}"
            ))),
        }
    }

    /// Closes the browser, waits for it to end and removes its profile. (Dropped without this,
    /// the session's own drop kills the browser.)
    pub async fn close(self) {
        self.session.into_inner().close().await;
    }

    async fn login(&self, session: &BrowserSession) -> Result<(), SyncError> {
        session
            .login(&self.login_url, &self.email, self.password.expose_secret())
            .await
    }
}

/// Opens the page and waits until it is drawn (the probe's answer), or `None` after the wait.
async fn open_location(session: &BrowserSession, url: &Url) -> Result<Option<String>, SyncError> {
    let probe = PROBE_JS.replace(
        "NOT_FOUND",
        &format!("'{}'", not_found_sentence().replace('\'', "\\'")),
    );
    // `others:` answers count only once the same answer has stood for SETTLE.
    let mut others: Option<(String, Instant)> = None;
    session
        .open_and_wait(url, &probe, |state| match state {
            "wait" | "partial" => {
                others = None;
                false
            }
            _ if state.starts_with("others:") => match &others {
                Some((seen, since)) if seen == state => since.elapsed() >= SETTLE,
                _ => {
                    others = Some((state.to_owned(), Instant::now()));
                    false
                }
            },
            _ => true,
        })
        .await
}

/// `Could not find this location`: the message's first sentence without its full stop.
fn not_found_sentence() -> &'static str {
    LOCATION_NOT_FOUND_TEXT
        .split('.')
        .next()
        .unwrap_or(LOCATION_NOT_FOUND_TEXT)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_looks_for_the_first_sentence() {
        assert_eq!(not_found_sentence(), "Could not find this location");
        assert!(PROBE_JS.contains("NOT_FOUND"));
    }
}

//! One headless Chromium for one sync: log in through the form (the password typed into the
//! page), open the list, wait for its rows, read the serialised DOM, turn pages with the list
//! paginator's next link, and close — the browser and its profile are gone afterwards.

use std::time::{Duration, Instant};

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::Page;
use futures::StreamExt;
use tokio::task::JoinHandle;
use url::Url;

use super::launch::{find_chromium, running_as_root, Profile};
use crate::error::SyncError;

/// What the page shows once it settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Rows or the empty state: the list.
    List,
    /// The login form: the session is gone.
    Login,
    /// After a click on the next link, the same rows for a while: the link does nothing here
    /// (a server-rendered page with `href="#"`).
    Unchanged,
}

/// How long the same rows may stay after a click before the click counts as doing nothing.
const UNCHANGED_AFTER_CLICK: Duration = Duration::from_secs(3);

/// `'login'`, `'list'` (rows or the empty state, other than before a click), `'same'` (the rows
/// from before the click) or `'wait'` for the current document.
const SETTLED_JS: &str = "(() => {
  if (document.querySelector('form[name=login], input[type=password]')) return 'login';
  if (document.querySelector('.work-list-item, .empty-state')) {
    const first = document.querySelector('.work-list-item');
    const mark = first ? first.className : 'empty';
    return window.__fossaBefore === mark ? 'same' : 'list';
  }
  return 'wait';
})()";

/// Clicks the list paginator's next link; `true` when there was an enabled one.
const CLICK_NEXT_JS: &str = "(() => {
  const link = document.querySelector('.paginator-wrapper a.next-page');
  if (!link || link.classList.contains('disabled')) return false;
  const first = document.querySelector('.work-list-item');
  window.__fossaBefore = first ? first.className : 'empty';
  link.click();
  return true;
})()";

/// A running browser with one page, its event loop and its profile.
pub struct BrowserSession {
    browser: Browser,
    page: Page,
    events: JoinHandle<()>,
    profile: Option<Profile>,
    /// How long a page may take to show its rows.
    wait: Duration,
}

fn browser_error(what: &str) -> impl Fn(chromiumoxide::error::CdpError) -> SyncError + '_ {
    move |e| SyncError::Browser(format!("{what}: {e}"))
}

impl BrowserSession {
    /// Starts Chromium headless with a fresh temporary profile. `wait` bounds every wait for a
    /// page (launch included).
    pub async fn start(
        chromium: Option<&std::path::Path>,
        wait: Duration,
    ) -> Result<Self, SyncError> {
        let chromium = find_chromium(chromium)?;
        let profile = Profile::create(&chromium)?;
        let mut config = BrowserConfig::builder()
            .chrome_executable(profile.launcher())
            .user_data_dir(profile.data_dir())
            .launch_timeout(wait.max(Duration::from_secs(10)))
            .request_timeout(wait)
            .window_size(1280, 900)
            .args([
                "--password-store=basic",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-features=PasswordManagerOnboarding,AutofillServerCommunication",
            ]);
        if running_as_root() {
            config = config.no_sandbox();
        }
        let config = config.build().map_err(SyncError::Browser)?;
        let (mut browser, mut handler) = Browser::launch(config)
            .await
            .map_err(browser_error("Chromium did not start"))?;
        let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
        let page = match browser.new_page("about:blank").await {
            Ok(page) => page,
            Err(e) => {
                let _ = browser.kill().await;
                events.abort();
                return Err(SyncError::Browser(format!("no browser page: {e}")));
            }
        };
        Ok(Self {
            browser,
            page,
            events,
            profile: Some(profile),
            wait,
        })
    }

    /// Opens `url` and waits until it shows the list or the login form.
    pub async fn open(&self, url: &Url) -> Result<Shown, SyncError> {
        self.page
            .evaluate("window.__fossaBefore = null")
            .await
            .map_err(browser_error("the page did not answer"))?;
        self.page
            .goto(url.as_str())
            .await
            .map_err(browser_error("could not open the page"))?;
        self.settled("the list").await
    }

    /// Opens `url` (a new document) and evaluates `probe` (a JS expression giving a string) in it
    /// every 25 ms until `ready` accepts its answer, which is returned; `None` when the wait
    /// ran out first. Nothing list-specific: for pages other than the work-order list.
    pub async fn open_and_wait(
        &self,
        url: &Url,
        probe: &str,
        mut ready: impl FnMut(&str) -> bool,
    ) -> Result<Option<String>, SyncError> {
        // The old document is marked, so that the probe never answers from it.
        self.page
            .evaluate("window.__fossaStale = true")
            .await
            .map_err(browser_error("the page did not answer"))?;
        self.page
            .goto(url.as_str())
            .await
            .map_err(browser_error("could not open the page"))?;
        let probe = format!("(window.__fossaStale === true) ? '' : String({probe})");
        let started = Instant::now();
        loop {
            // An evaluation failing while the page navigates is "not ready yet".
            let state = match self.page.evaluate(probe.as_str()).await {
                Ok(result) => result.into_value::<String>().unwrap_or_default(),
                Err(e) if started.elapsed() >= self.wait => {
                    return Err(SyncError::Browser(format!("the page did not answer: {e}")))
                }
                Err(_) => String::new(),
            };
            if !state.is_empty() && ready(&state) {
                return Ok(Some(state));
            }
            if started.elapsed() >= self.wait {
                return Ok(None);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// How long a page may take to settle (the `wait` given to [`start`](Self::start)).
    pub fn wait(&self) -> Duration {
        self.wait
    }

    /// Logs in through the login form at `login_url`; the password is typed into the page.
    pub async fn login(
        &self,
        login_url: &Url,
        email: &str,
        password: &str,
    ) -> Result<(), SyncError> {
        self.page
            .goto(login_url.as_str())
            .await
            .map_err(browser_error("could not open the login page"))?;
        let on_login = |url: Option<String>| {
            url.and_then(|u| Url::parse(&u).ok())
                .is_some_and(|u| u.path().trim_end_matches('/') == "/login")
        };
        if !on_login(
            self.page
                .url()
                .await
                .map_err(browser_error("no page address"))?,
        ) {
            return Ok(()); // Already logged in: the site sent us on.
        }
        let field = |selector: &'static str| async move {
            self.page.find_element(selector).await.map_err(|_| {
                SyncError::LayoutNotRecognised(format!("login page without {selector}"))
            })
        };
        field("form[name=login] input[name=email]")
            .await?
            .click()
            .await
            .map_err(browser_error("login form"))?
            .type_str(email)
            .await
            .map_err(browser_error("login form"))?;
        field("form[name=login] input[name=password]")
            .await?
            .click()
            .await
            .map_err(browser_error("login form"))?
            .type_str(password)
            .await
            .map_err(browser_error("login form"))?;
        // Mark this document, submit, and wait for the next document to finish loading.
        self.page
            .evaluate("window.__fossaLogin = true")
            .await
            .map_err(browser_error("login form"))?;
        field("form[name=login] [type=submit]")
            .await?
            .click()
            .await
            .map_err(browser_error("login form"))?;
        self.wait_for_new_document("the login").await?;
        if on_login(
            self.page
                .url()
                .await
                .map_err(browser_error("no page address"))?,
        ) {
            return Err(SyncError::CredentialsRejected);
        }
        Ok(())
    }

    /// Clicks the list paginator's next link and waits for the next page's rows; `None` when
    /// there is no enabled next link.
    pub async fn next_page(&self) -> Result<Option<Shown>, SyncError> {
        let clicked: bool = self
            .page
            .evaluate(CLICK_NEXT_JS)
            .await
            .map_err(browser_error("could not turn the page"))?
            .into_value()
            .map_err(|e| SyncError::Browser(format!("could not turn the page: {e}")))?;
        if !clicked {
            return Ok(None);
        }
        self.settled("the next page").await.map(Some)
    }

    /// The document as the browser serialises it now.
    pub async fn html(&self) -> Result<String, SyncError> {
        self.page
            .content()
            .await
            .map_err(browser_error("could not read the page"))
    }

    /// Polls until the document marked before a submit has been replaced by a loaded one.
    async fn wait_for_new_document(&self, what: &str) -> Result<(), SyncError> {
        let started = Instant::now();
        loop {
            let loaded: bool = self
                .page
                .evaluate("window.__fossaLogin === undefined && document.readyState === 'complete'")
                .await
                .ok()
                .and_then(|r| r.into_value().ok())
                .unwrap_or(false);
            if loaded {
                return Ok(());
            }
            if started.elapsed() >= self.wait {
                return Err(SyncError::Timeout(format!(
                    "{what} did not answer within {} s",
                    self.wait.as_secs()
                )));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Polls until the page shows the list (new rows after a click) or the login form.
    async fn settled(&self, what: &str) -> Result<Shown, SyncError> {
        let started = Instant::now();
        loop {
            // While the page navigates (a redirect to the login page), evaluating fails for a
            // moment: that is "not settled yet", not a failure.
            let state = match self.page.evaluate(SETTLED_JS).await {
                Ok(result) => result.into_value::<String>().unwrap_or_default(),
                Err(e) if started.elapsed() >= self.wait => {
                    return Err(SyncError::Browser(format!("the page did not answer: {e}")))
                }
                Err(_) => String::new(),
            };
            match state.as_str() {
                "list" => return Ok(Shown::List),
                "login" => return Ok(Shown::Login),
                "same" if started.elapsed() >= UNCHANGED_AFTER_CLICK => {
                    return Ok(Shown::Unchanged)
                }
                _ if started.elapsed() >= self.wait => {
                    return Err(SyncError::LayoutNotRecognised(format!(
                        "{what} showed neither work-order rows nor the empty state within {} s",
                        self.wait.as_secs()
                    )))
                }
                _ => tokio::time::sleep(Duration::from_millis(25)).await,
            }
        }
    }

    /// Closes the browser, waits for it to end and removes its profile.
    pub async fn close(mut self) {
        if tokio::time::timeout(Duration::from_secs(2), self.browser.close())
            .await
            .is_err()
        {
            let _ = self.browser.kill().await;
        }
        if tokio::time::timeout(Duration::from_secs(2), self.browser.wait())
            .await
            .is_err()
        {
            let _ = self.browser.kill().await;
            let _ = self.browser.wait().await;
        }
        self.events.abort();
        drop(self.profile.take());
    }
}

impl Drop for BrowserSession {
    /// A session dropped without [`close`](Self::close) (a cancelled sync): chromiumoxide kills
    /// the browser; the profile is removed once it is gone.
    fn drop(&mut self) {
        self.events.abort();
        if let Some(profile) = self.profile.take() {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    drop(profile);
                });
            }
        }
    }
}

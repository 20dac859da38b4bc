//! The WorkFossa account: site address and email in settings, the password in the OS keyring
//! (Secret Service) or, where there is none, a 0600 file in the data dir. The environment
//! (`WORKFOSSA_URL`, `WORKFOSSA_EMAIL`, `WORKFOSSA_PASSWORD`) overrides the stored values.

use crate::error::{EngineError, EngineResult, SyncError};
use crate::settings::keys::{
    EMAIL_SETTING, PASSWORD_STORE_SETTING, SITE_URL_SETTING, SMTP_PASSWORD_STORE_SETTING,
};
use crate::settings::parse_site_url;
use crate::store::Store;
use crate::workfossa::{Password, DEFAULT_SITE_URL};
use secrecy::ExposeSecret;
use serde::Serialize;
use std::path::{Path, PathBuf};
use url::Url;

const KEYRING_SERVICE: &str = "fossa-sync";
const PASSWORD_FILE: &str = "workfossa-password";

/// Where the password lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PasswordStore {
    Keyring,
    File,
    Environment,
    None,
}

/// The account a sync logs in with.
#[derive(Debug, Clone)]
pub struct Account {
    pub site_url: Url,
    pub email: String,
    pub password: Password,
}

/// What `account show` prints: never the password.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AccountInfo {
    pub site_url: String,
    pub email: Option<String>,
    pub password_store: PasswordStore,
    pub from_environment: bool,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

pub async fn site_url(store: &Store) -> EngineResult<Url> {
    let text = match env("WORKFOSSA_URL") {
        Some(url) => url,
        None => store
            .setting(SITE_URL_SETTING)
            .await?
            .unwrap_or_else(|| DEFAULT_SITE_URL.to_string()),
    };
    parse_site_url(&text)
}

/// Loads the account for a sync; [`SyncError::NoAccount`] when none is configured.
pub async fn load_account(data_dir: &Path, store: &Store) -> Result<Account, SyncError> {
    let site_url = site_url(store)
        .await
        .map_err(|e| SyncError::Credentials(e.to_string()))?;
    let email = match env("WORKFOSSA_EMAIL") {
        Some(email) => email,
        None => store
            .setting(EMAIL_SETTING)
            .await
            .map_err(|e| SyncError::Store(e.to_string()))?
            .ok_or(SyncError::NoAccount)?,
    };
    let password = match env("WORKFOSSA_PASSWORD") {
        Some(password) => password,
        None => {
            let kind = store
                .setting(PASSWORD_STORE_SETTING)
                .await
                .map_err(|e| SyncError::Store(e.to_string()))?;
            read_password(data_dir, &email, kind.as_deref())
                .await?
                .ok_or(SyncError::NoAccount)?
        }
    };
    Ok(Account {
        site_url,
        email,
        password: Password::new(password),
    })
}

/// Stores the account: email (and site) in settings, the password in the keyring or the file.
pub async fn save_account(
    data_dir: &Path,
    store: &Store,
    email: &str,
    password: &Password,
    site: Option<&str>,
    use_keyring: bool,
) -> EngineResult<PasswordStore> {
    let email = email.trim();
    // 254 characters: the longest address SMTP carries (RFC 5321).
    if !email.contains('@') || email.len() < 3 || email.len() > 254 {
        return Err(EngineError::invalid(
            "email",
            "give the email address you log in to WorkFossa with",
        ));
    }
    if password.is_empty() {
        return Err(EngineError::invalid(
            "password",
            "the password must not be empty",
        ));
    }
    let site = site.map(parse_site_url).transpose()?;
    let kind = if use_keyring && keyring_set(email, password).await {
        remove_password_file(data_dir);
        PasswordStore::Keyring
    } else {
        write_password_file(data_dir, password)?;
        PasswordStore::File
    };
    store.set_setting(EMAIL_SETTING, email).await?;
    if let Some(site) = site {
        store.set_setting(SITE_URL_SETTING, site.as_str()).await?;
    }
    store
        .set_setting(
            PASSWORD_STORE_SETTING,
            match kind {
                PasswordStore::Keyring => "keyring",
                _ => "file",
            },
        )
        .await?;
    Ok(kind)
}

pub async fn account_info(store: &Store) -> EngineResult<AccountInfo> {
    let from_environment = env("WORKFOSSA_EMAIL").is_some() || env("WORKFOSSA_PASSWORD").is_some();
    let email = match env("WORKFOSSA_EMAIL") {
        Some(email) => Some(email),
        None => store.setting(EMAIL_SETTING).await?,
    };
    let password_store = if env("WORKFOSSA_PASSWORD").is_some() {
        PasswordStore::Environment
    } else {
        match store.setting(PASSWORD_STORE_SETTING).await?.as_deref() {
            Some("keyring") => PasswordStore::Keyring,
            Some("file") => PasswordStore::File,
            _ => PasswordStore::None,
        }
    };
    Ok(AccountInfo {
        site_url: site_url(store).await?.to_string(),
        email,
        password_store,
        from_environment,
    })
}

fn password_file(data_dir: &Path) -> PathBuf {
    data_dir.join(PASSWORD_FILE)
}

fn write_password_file(data_dir: &Path, password: &Password) -> EngineResult<()> {
    write_secret_file(&password_file(data_dir), password)
}

fn write_secret_file(path: &Path, password: &Password) -> EngineResult<()> {
    use std::io::Write;
    let path = path.to_path_buf();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .map_err(|e| EngineError::io("Could not write the password file", e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| EngineError::io("Could not protect the password file", e))?;
    }
    file.write_all(password.expose_secret().as_bytes())
        .map_err(|e| EngineError::io("Could not write the password file", e))
}

pub(crate) fn remove_password_file(data_dir: &Path) {
    let _ = std::fs::remove_file(password_file(data_dir));
}

async fn read_password(
    data_dir: &Path,
    email: &str,
    kind: Option<&str>,
) -> Result<Option<String>, SyncError> {
    if kind == Some("keyring") {
        return keyring_get(email).await;
    }
    read_secret_file(&password_file(data_dir))
}

fn read_secret_file(path: &Path) -> Result<Option<String>, SyncError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(SyncError::Credentials(format!(
            "the password file could not be read: {}",
            e.kind()
        ))),
    }
}

/// The keyring is used on a blocking thread: the Secret Service client blocks on D-Bus, and any
/// failure (no service on a headless box) — even a panic inside the client — means "not available".
async fn keyring_set(email: &str, password: &Password) -> bool {
    if std::env::var_os("FOSSA_SYNC_NO_KEYRING").is_some() {
        return false;
    }
    let (email, secret) = (email.to_string(), password.expose_secret().to_string());
    let stored = tokio::task::spawn_blocking(move || {
        keyring::Entry::new(KEYRING_SERVICE, &email).and_then(|entry| entry.set_password(&secret))
    })
    .await;
    matches!(stored, Ok(Ok(())))
}

async fn keyring_get(email: &str) -> Result<Option<String>, SyncError> {
    let email = email.to_string();
    let read = tokio::task::spawn_blocking(move || {
        keyring::Entry::new(KEYRING_SERVICE, &email).and_then(|entry| entry.get_password())
    })
    .await;
    match read {
        Ok(Ok(password)) => Ok(Some(password)),
        Ok(Err(keyring::Error::NoEntry)) => Ok(None),
        Ok(Err(e)) => Err(SyncError::Credentials(format!(
            "the keyring could not be read ({})",
            keyring_reason(&e)
        ))),
        Err(_) => Err(SyncError::Credentials("the keyring client failed".into())),
    }
}

fn keyring_reason(error: &keyring::Error) -> &'static str {
    match error {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            "no keyring service is available"
        }
        _ => "unexpected keyring answer",
    }
}

const SMTP_KEYRING_USER: &str = "smtp";
const SMTP_PASSWORD_FILE: &str = "smtp-password";

/// Stores the SMTP password like the WorkFossa one: keyring first, else a 0600 file.
pub async fn save_smtp_password(
    data_dir: &Path,
    store: &Store,
    password: &Password,
) -> EngineResult<PasswordStore> {
    let kind = if keyring_set(SMTP_KEYRING_USER, password).await {
        let _ = std::fs::remove_file(data_dir.join(SMTP_PASSWORD_FILE));
        PasswordStore::Keyring
    } else {
        write_secret_file(&data_dir.join(SMTP_PASSWORD_FILE), password)?;
        PasswordStore::File
    };
    store
        .set_setting(
            SMTP_PASSWORD_STORE_SETTING,
            if kind == PasswordStore::Keyring {
                "keyring"
            } else {
                "file"
            },
        )
        .await?;
    Ok(kind)
}

/// The stored SMTP password, if any.
pub async fn load_smtp_password(
    data_dir: &Path,
    store: &Store,
) -> Result<Option<Password>, SyncError> {
    let kind = store
        .setting(SMTP_PASSWORD_STORE_SETTING)
        .await
        .map_err(|e| SyncError::Store(e.to_string()))?;
    let secret = match kind.as_deref() {
        Some("keyring") => keyring_get(SMTP_KEYRING_USER).await?,
        Some(_) => read_secret_file(&data_dir.join(SMTP_PASSWORD_FILE))?,
        None => None,
    };
    Ok(secret.map(Password::new))
}

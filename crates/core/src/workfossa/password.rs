//! The WorkFossa password in memory: never printed, wiped when dropped.

use secrecy::{ExposeSecret, SecretString};
use std::fmt;

/// A password that never prints, held in a [`SecretString`] (wiped from memory when dropped).
/// Read it with [`ExposeSecret::expose_secret`] only where it is sent: the login form, the SMTP
/// login, the keyring and the owner-only password file.
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(SecretString::from(secret.into()))
    }

    /// Whether the password is empty, without exposing it.
    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }
}

impl ExposeSecret<str> for Password {
    fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

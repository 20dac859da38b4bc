//! The password is a `secrecy` secret: its `Debug` (and so that of the client configuration that
//! holds it) never shows it, and it is read only through `ExposeSecret`.

use fossa_core::workfossa::{ClientConfig, Password};
use secrecy::ExposeSecret;

const SECRET: &str = "s3cret-Passw0rd!";

#[test]
fn the_password_never_prints_and_is_read_only_by_exposing_it() {
    let password = Password::new(SECRET);
    assert_eq!(format!("{password:?}"), "Password(<redacted>)");
    let config = ClientConfig::new(
        "https://app.workfossa.com".parse().unwrap(),
        "tech@example.com",
        password.clone(),
    );
    let printed = format!("{config:?} {config:#?}");
    assert!(!printed.contains(SECRET), "{printed}");
    assert!(printed.contains("Password(<redacted>)"), "{printed}");
    assert_eq!(config.password.expose_secret(), SECRET);
    assert_eq!(password.expose_secret(), SECRET);
    assert!(!password.is_empty());
    assert!(Password::new(String::new()).is_empty());
}

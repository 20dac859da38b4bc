//! Every key of the settings table, in one place. The store keeps settings as text under these
//! keys; [`crate::settings`] reads and writes them as typed values.

/// The WorkFossa site address (`https://host/`).
pub const SITE_URL_SETTING: &str = "site_url";
/// The email the account logs in with.
pub const EMAIL_SETTING: &str = "account_email";
/// Where the WorkFossa password lives: `keyring` or `file`.
pub const PASSWORD_STORE_SETTING: &str = "password_store";
/// Where the SMTP password lives: `keyring` or `file`.
pub const SMTP_PASSWORD_STORE_SETTING: &str = "smtp_password_store";
/// `true` in a data dir that holds the demo's data.
pub const DEMO_SETTING: &str = "demo";
/// `true` in the real data dir once the user left the demo: the desktop app then starts without it.
pub const DEMO_DECLINED_SETTING: &str = "demo_declined";
/// How many list pages are fetched at once (1 to 8, default 4).
pub const CONCURRENCY_SETTING: &str = "fetch_concurrency";
/// How pages are read: `auto` (default), `http` or `browser`.
pub const PAGE_READER_SETTING: &str = "page_reader";
/// What `auto` found the site needs (`http` or `browser`), kept between syncs.
pub const PAGE_READER_DETECTED_SETTING: &str = "page_reader_detected";
/// `true` when the desktop app starts at login.
pub const LAUNCH_AT_LOGIN_SETTING: &str = "launch_at_login";
/// The notification choices, as JSON.
pub const NOTIFICATIONS_SETTING: &str = "notifications";

/// Every key above.
pub const ALL_SETTINGS: [&str; 11] = [
    SITE_URL_SETTING,
    EMAIL_SETTING,
    PASSWORD_STORE_SETTING,
    SMTP_PASSWORD_STORE_SETTING,
    DEMO_SETTING,
    DEMO_DECLINED_SETTING,
    CONCURRENCY_SETTING,
    PAGE_READER_SETTING,
    PAGE_READER_DETECTED_SETTING,
    LAUNCH_AT_LOGIN_SETTING,
    NOTIFICATIONS_SETTING,
];

#[cfg(test)]
mod tests {
    use super::ALL_SETTINGS;
    use std::collections::HashSet;

    #[test]
    fn no_two_settings_share_a_key() {
        let distinct: HashSet<&str> = ALL_SETTINGS.into_iter().collect();
        assert_eq!(distinct.len(), ALL_SETTINGS.len());
        // The stored names are the database's: renaming one would lose the stored value.
        assert!(distinct.contains("account_email") && distinct.contains("page_reader_detected"));
    }
}

//! `settings show | set NAME VALUE`: the settings that make sense from a terminal (the page reader
//! and the fetch concurrency); the account has `account set`, the schedule `schedule set`, and
//! notifications the Settings window or the HTTP API. A bad value names the setting, saves nothing.

use crate::args::SettingsSetArgs;
use crate::context::Context;
use crate::util::print_json;
use fossa_core::error::{EngineError, EngineResult};
use fossa_core::settings::{parse_page_reader, Settings};
use fossa_core::sync::reader::PageReader;

pub async fn show(ctx: &Context, json: bool) -> EngineResult<()> {
    let settings = ctx.reader().await?.settings().await?;
    if json {
        return print_json(&settings);
    }
    print_settings(&settings);
    Ok(())
}

pub async fn set(ctx: &Context, args: &SettingsSetArgs) -> EngineResult<()> {
    let handle = ctx.reader().await?;
    let settings = apply(handle.settings().await?, &args.name, &args.value)?;
    let saved = handle.set_settings(settings).await?;
    if args.json {
        return print_json(&saved);
    }
    print_settings(&saved);
    Ok(())
}

/// `settings` with the one named setting changed; an unknown name or a bad value is the error.
pub fn apply(mut settings: Settings, name: &str, value: &str) -> EngineResult<Settings> {
    match name.trim().replace('-', "_").as_str() {
        "page_reader" => settings.page_reader = parse_page_reader(value)?,
        "fetch_concurrency" => {
            settings.fetch_concurrency = value.trim().parse().map_err(|_| {
                EngineError::invalid(
                    "fetch_concurrency",
                    format!("{value:?} is not a number of pages from 1 to 8"),
                )
            })?;
        }
        _ => {
            return Err(EngineError::invalid(
                "setting",
                format!("{name:?} cannot be set here: use page_reader or fetch_concurrency"),
            ))
        }
    }
    settings.validate()?;
    Ok(settings)
}

fn print_settings(settings: &Settings) {
    println!("site_url:          {}", settings.site_url);
    println!("demo:              {}", settings.demo);
    println!("fetch_concurrency: {}", settings.fetch_concurrency);
    println!("page_reader:       {}", describe_reader(settings));
    println!("launch_at_login:   {}", settings.launch_at_login);
    let notes = &settings.notifications;
    let on = |flag: bool| if flag { "on" } else { "off" };
    println!(
        "notifications:     desktop {}, new work orders {}, email {}, webhook {}",
        on(notes.desktop),
        on(notes.new_work_orders),
        on(notes.email.is_some()),
        on(notes.webhook_url.is_some())
    );
}

/// `auto (detected: browser)`, `auto (not checked yet)`, or the fixed reader.
fn describe_reader(settings: &Settings) -> String {
    match (settings.page_reader, settings.page_reader_detected) {
        (PageReader::Auto, Some(found)) => format!("auto (detected: {found})"),
        (PageReader::Auto, None) => "auto (not checked yet)".to_string(),
        (fixed, _) => fixed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fossa_core::settings::NotificationSettings;

    fn settings() -> Settings {
        Settings {
            site_url: "https://app.workfossa.com/".into(),
            demo: false,
            fetch_concurrency: 4,
            page_reader: PageReader::Auto,
            page_reader_detected: Some(PageReader::Browser),
            launch_at_login: false,
            notifications: NotificationSettings::default(),
        }
    }

    #[test]
    fn one_setting_changes_and_bad_ones_name_themselves() {
        let changed = apply(settings(), "page_reader", "Browser").unwrap();
        assert_eq!(changed.page_reader, PageReader::Browser);
        assert_eq!(
            apply(settings(), "fetch-concurrency", "2")
                .unwrap()
                .fetch_concurrency,
            2
        );
        let field = |name: &str, value: &str| match apply(settings(), name, value) {
            Err(EngineError::InvalidInput { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field("page_reader", "chrome"), "page_reader");
        assert_eq!(field("fetch_concurrency", "four"), "fetch_concurrency");
        assert_eq!(field("fetch_concurrency", "9"), "fetch_concurrency");
        assert_eq!(field("colour", "blue"), "setting");
        assert_eq!(describe_reader(&settings()), "auto (detected: browser)");
    }
}

//! The outside channels for alerts: email over SMTP (lettre) and Slack/Discord-compatible
//! incoming webhooks. Each returns one sentence on failure.

use crate::settings::{EmailSettings, SmtpSecurity};
use crate::workfossa::Password;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use std::time::Duration;

use super::rules::Notice;

/// Sends `notice` by email.
pub async fn send_email(
    settings: &EmailSettings,
    password: Option<&Password>,
    notice: &Notice,
) -> Result<(), String> {
    let from = settings
        .from
        .parse()
        .map_err(|_| format!("the sender {:?} is not an email address", settings.from))?;
    let to = settings
        .to
        .parse()
        .map_err(|_| format!("the recipient {:?} is not an email address", settings.to))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(format!("Fossa Sync: {}", notice.title))
        .body(format!("{}\n\n— Fossa Sync", notice.body))
        .map_err(|e| format!("the email could not be built ({e})"))?;
    let builder = match settings.security {
        SmtpSecurity::Starttls => {
            AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
        }
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host),
        SmtpSecurity::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
            &settings.host,
        )),
    }
    .map_err(|e| {
        format!(
            "the SMTP server {} could not be set up ({e})",
            settings.host
        )
    })?;
    let mut builder = builder
        .port(settings.port)
        .timeout(Some(Duration::from_secs(15)));
    if let (Some(user), Some(password)) = (&settings.username, password) {
        builder = builder.credentials(Credentials::new(
            user.clone(),
            password.expose_secret().to_string(),
        ));
    }
    builder
        .build()
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| {
            format!(
                "the email could not be sent through {}:{} ({e}); check the SMTP settings",
                settings.host, settings.port
            )
        })
}

/// Posts `notice` to an incoming webhook: `text` for Slack, `content` for Discord.
pub async fn send_webhook(
    http: &reqwest::Client,
    url: &str,
    notice: &Notice,
) -> Result<(), String> {
    let line = format!("Fossa Sync — {}: {}", notice.title, notice.body);
    let response = http
        .post(url)
        .timeout(Duration::from_secs(15))
        .json(&serde_json::json!({ "text": line, "content": line }))
        .send()
        .await
        .map_err(|e| format!("the webhook could not be reached ({})", e.without_url()))?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!(
            "the webhook answered HTTP {}; check its address",
            response.status().as_u16()
        ))
    }
}

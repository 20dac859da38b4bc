//! The sync progress bar (indicatif), shown only when stderr is a terminal.

use fossa_core::events::{Phase, Progress};
use std::io::IsTerminal;

pub struct ProgressBar {
    bar: Option<indicatif::ProgressBar>,
}

impl ProgressBar {
    pub fn new() -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {pos}/{len} pages",
            ) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Self { bar }
    }

    pub fn show(&self, progress: &Progress) {
        let Some(bar) = &self.bar else { return };
        if let Some(total) = progress.pages_total {
            bar.set_length(u64::from(total));
        }
        bar.set_position(u64::from(progress.pages_done));
        bar.set_message(match progress.phase {
            Phase::StartingBrowser => "starting the browser".to_string(),
            Phase::LoggingIn => "logging in".to_string(),
            Phase::Fetching => match progress.pages_total {
                Some(total) => format!(
                    "reading page {} of {total} ({} rows)",
                    progress.pages_done, progress.rows
                ),
                None => format!(
                    "reading page {} ({} rows)",
                    progress.pages_done, progress.rows
                ),
            },
            Phase::Saving => format!("saving {} rows", progress.rows),
        });
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

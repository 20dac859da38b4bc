//! The `page_reader` setting's value: how a sync reads WorkFossa's pages (see
//! [`crate::sync::reader`] for how each one is used).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How the pages are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum PageReader {
    /// HTTP, switching to the browser when the site serves an application shell.
    #[default]
    Auto,
    Http,
    Browser,
}

impl PageReader {
    pub fn as_str(self) -> &'static str {
        match self {
            PageReader::Auto => "auto",
            PageReader::Http => "http",
            PageReader::Browser => "browser",
        }
    }
}

impl fmt::Display for PageReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PageReader {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(PageReader::Auto),
            "http" => Ok(PageReader::Http),
            "browser" => Ok(PageReader::Browser),
            other => Err(format!(
                "{other:?} is not a page reader: use auto, http or browser"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        assert_eq!(" Browser ".parse(), Ok(PageReader::Browser));
        assert_eq!("auto".parse(), Ok(PageReader::Auto));
        let err = "chrome".parse::<PageReader>().unwrap_err();
        assert!(err.contains("auto, http or browser"), "{err}");
    }
}

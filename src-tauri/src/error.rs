//! The shell's error: an engine error, or the engine not being ready. Serialises as the window
//! expects (docs/api.md, the same body as the HTTP API): `{"error": "one sentence", "field":
//! "interval_minutes" | null}`, the field naming the JSON key a validation error belongs to.

use fossa_core::error::EngineError;
use serde::ser::SerializeStruct;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("Fossa Sync is still starting; try again in a moment.")]
    Starting,
    #[error("Fossa Sync could not start: {0}")]
    Unavailable(String),
    #[error("Launch at login could not be changed: {0}")]
    Autostart(String),
    #[error("Invalid value for {field}: {message}")]
    Invalid { field: String, message: String },
    #[error(transparent)]
    Tauri(#[from] tauri::Error),
}

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.to_string(),
            message: fossa_core::error::shorten_quoted(&message.into()),
        }
    }

    /// The input a validation error belongs to.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Engine(EngineError::InvalidSetting(error)) => Some(error.json_key()),
            Error::Engine(EngineError::InvalidInput { field, .. })
            | Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The sentence the window shows: a schedule value's error names its JSON key.
    pub fn message(&self) -> String {
        match self {
            Error::Engine(error) => error.json_message(),
            other => other.to_string(),
        }
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("Error", 2)?;
        body.serialize_field("error", &self.message())?;
        body.serialize_field("field", &self.field())?;
        body.end()
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_serialise_to_their_sentence_and_field() {
        let error = Error::from(EngineError::invalid(
            "interval",
            "must be 30 minutes to 24 hours",
        ));
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            json!({"error": "Invalid value for interval: must be 30 minutes to 24 hours", "field": "interval"})
        );
        assert_eq!(
            serde_json::to_value(Error::Starting).unwrap(),
            json!({"error": "Fossa Sync is still starting; try again in a moment.", "field": null})
        );
    }
}

//! Command arguments read by the shell rather than by Tauri, so a missing or ill-typed argument
//! is an `{"error", "field"}` body like every other error (Tauri's own would be a bare string).
//! Each command takes its arguments as [`Arg`]s and reads them by the key the window sends.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::marker::PhantomData;

/// One argument as sent (absent and `null` alike), read with [`Arg::optional`] or
/// [`Arg::required`]. Tauri always accepts it.
pub struct Arg<T> {
    value: Option<Value>,
    wanted: PhantomData<fn() -> T>,
}

impl<'de, T> Deserialize<'de> for Arg<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(Self {
            value: Option::<Value>::deserialize(deserializer)?,
            wanted: PhantomData,
        })
    }
}

impl<T: DeserializeOwned> Arg<T> {
    /// The value, or None when it was not sent (or sent as null); `key` names it in errors.
    pub fn optional(self, key: &str) -> Result<Option<T>> {
        match self.value {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(key, value).map(Some),
        }
    }

    /// The value; a missing one is an error naming `key`.
    pub fn required(self, key: &str) -> Result<T> {
        self.optional(key)?
            .ok_or_else(|| Error::invalid(key, "this argument is required"))
    }
}

/// Reads `value` as `T`; the error names the key, or the key and the field inside it
/// (`config.interval_minutes`), as the HTTP API does.
fn read<T: DeserializeOwned>(key: &str, value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." {
            key.to_string()
        } else {
            format!("{key}.{path}")
        };
        let reason = error.into_inner().to_string();
        Error::invalid(&field, reason)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn arg<T>(value: Option<Value>) -> Arg<T> {
        Arg {
            value,
            wanted: PhantomData,
        }
    }

    #[test]
    fn absent_null_good_and_bad_values() {
        assert_eq!(arg::<i64>(None).optional("id").ok(), Some(None));
        assert_eq!(
            arg::<i64>(Some(Value::Null)).optional("id").ok(),
            Some(None)
        );
        assert_eq!(arg::<i64>(Some(json!(7))).required("id").ok(), Some(7));
        let missing = arg::<i64>(None)
            .required("id")
            .err()
            .map(|e| e.field().map(str::to_string));
        assert_eq!(missing, Some(Some("id".to_string())));
        let wrong = arg::<i64>(Some(json!("seven"))).required("id").err();
        let wrong = wrong.map(|e| (e.field().map(str::to_string), e.message()));
        let (field, message) = wrong.unwrap_or_default();
        assert_eq!(field.as_deref(), Some("id"));
        assert!(
            message.starts_with("Invalid value for id: invalid type"),
            "{message}"
        );
    }

    #[test]
    fn a_field_inside_an_argument_is_named_with_its_path() {
        let value = Some(json!({"interval_minutes": "often"}));
        let error = arg::<fossa_core::schedule::ScheduleConfig>(value)
            .required("config")
            .err();
        let field = error.and_then(|e| e.field().map(str::to_string));
        assert_eq!(field.as_deref(), Some("config.interval_minutes"));
    }
}

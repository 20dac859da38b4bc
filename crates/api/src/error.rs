//! Errors as the API answers them: a status code and `{"error": "one sentence", "field": ...}`.
//!
//! Engine errors map to 422 (a bad value, naming its field), 404, 409 or 500; request bodies are
//! read by [`JsonBody`], which answers 400 for malformed JSON and 422 naming the field whose value
//! has the wrong type, or that the body does not take (unknown fields are refused); query strings
//! are read with [`Params`], which answers 422 for a bad value.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use fossa_core::error::{shorten_quoted, EngineError, SyncError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::str::FromStr;

/// What every failed request gets back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: String,
    pub field: Option<String>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    field: Option<&'a str>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: impl Into<String>) -> Self {
        Self {
            status,
            error: shorten_quoted(&error.into()),
            field: None,
        }
    }

    /// 422: a value out of range, naming the field.
    pub fn invalid(field: impl Into<String>, error: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            error: shorten_quoted(&error.into()),
            field: Some(field.into()),
        }
    }

    /// The same error about a value nested in `parent` (`interval_minutes` → `config.interval_minutes`).
    pub fn within(mut self, parent: &str) -> Self {
        if let Some(field) = self.field.take() {
            let nested = format!("{parent}.{field}");
            self.error = self.error.replacen(
                &format!("Invalid value for {field}:"),
                &format!("Invalid value for {nested}:"),
                1,
            );
            self.field = Some(nested);
        }
        self
    }

    pub fn not_found(error: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, error)
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "This request needs the API token: send `Authorization: Bearer <token>` (see `fossa-sync api token`) or open the login link the daemon printed.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: &self.error,
            field: self.field.as_deref(),
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<EngineError> for ApiError {
    fn from(error: EngineError) -> Self {
        let message = error.json_message();
        if let Some(field) = error.json_field() {
            return Self::invalid(field, message);
        }
        match error {
            EngineError::InvalidSetting(_) | EngineError::InvalidInput { .. } => {
                Self::new(StatusCode::UNPROCESSABLE_ENTITY, message)
            }
            EngineError::NoSuchRun(_) | EngineError::NoSuchLocation(_) => Self::not_found(message),
            EngineError::AlreadyRunning(_) | EngineError::Conflict(_) => {
                Self::new(StatusCode::CONFLICT, message)
            }
            EngineError::Sync(SyncError::Store(_)) => internal(message),
            EngineError::Sync(_) => Self::new(StatusCode::UNPROCESSABLE_ENTITY, message),
            EngineError::Store(_)
            | EngineError::Migrate(_)
            | EngineError::Io { .. }
            | EngineError::Control(_)
            | EngineError::Remote(_) => internal(message),
        }
    }
}

fn internal(message: String) -> ApiError {
    tracing::error!(error = %message, "an API request failed");
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON request body; an empty body reads as `{}` for requests whose fields are all optional.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state).await.map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "The request body could not be read.",
            )
        })?;
        parse_json(&bytes).map(JsonBody)
    }
}

/// Parses a body: 400 when it is not JSON, 422 naming the field whose value does not fit.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| not_json(&e))?;
    // Every body is an object; serde would read a struct of optional fields from `[]` too.
    if !value.is_object() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The request body must be a JSON object ({...}); see docs/api.md.",
        ));
    }
    parse_value(value)
}

/// Reads a JSON value as `T`: 422 naming the field whose value does not fit.
pub fn parse_value<T: DeserializeOwned>(value: serde_json::Value) -> ApiResult<T> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let text = error.into_inner().to_string();
        if let Some(unknown) = unknown_field(&path, &text) {
            return unknown;
        }
        let field = if path == "." {
            missing_field(&text)
        } else {
            Some(path)
        };
        match field {
            Some(field) => {
                ApiError::invalid(field.clone(), format!("Invalid value for {field}: {text}."))
            }
            None => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("The request body does not have the expected shape ({text})."),
            ),
        }
    })
}

fn not_json(error: &serde_json::Error) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        format!("The request body is not valid JSON ({error})."),
    )
}

/// serde's "unknown field `bogus`, expected one of `a`, `b`" (at `path`) as 422 naming the field
/// (`notifications.bogus` when nested) and what the object takes.
fn unknown_field(path: &str, message: &str) -> Option<ApiError> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, expected) = rest.split_once('`')?;
    // serde_path_to_error's path already ends in the unknown key.
    let field = if path == "." {
        name.to_string()
    } else if path == name || path.ends_with(&format!(".{name}")) {
        path.to_string()
    } else {
        format!("{path}.{name}")
    };
    let expected = expected
        .trim_start_matches(", ")
        .replace('`', "")
        .replace("expected one of", "the fields are")
        .replace("expected", "the field is");
    let takes = if expected.is_empty() {
        String::new()
    } else {
        format!(" ({expected})")
    };
    Some(ApiError::invalid(
        field.clone(),
        format!("Unknown field {field}: this request does not take it, nothing was saved{takes}."),
    ))
}

/// serde names a missing field only in its message: "missing field `demo` at line 1 column 2".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_string)
}

/// The query string as name → value; [`Params::get`] parses one value or answers 422 naming it.
pub struct Params(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "The query string could not be read.",
                )
            })?;
        Ok(Params(pairs.into_iter().collect()))
    }
}

impl Params {
    /// The raw text of a parameter, if given and not empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Parses a parameter with `FromStr`; `what` says what is expected, for the error.
    pub fn get<T: FromStr>(&self, name: &str, what: &str) -> ApiResult<Option<T>> {
        self.parse_with(name, what, |text| text.parse().ok())
    }

    /// An RFC3339 instant; a `+` that arrived as a space (unencoded offset) is put back.
    pub fn instant(&self, name: &str) -> ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
        self.parse_with(
            name,
            "an RFC3339 instant like 2026-03-08T08:00:00Z",
            |text| text.replace(' ', "+").parse().ok(),
        )
    }

    /// Parses a parameter with a function returning None for a bad value.
    pub fn parse_with<T>(
        &self,
        name: &str,
        what: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> ApiResult<Option<T>> {
        match self.text(name) {
            None => Ok(None),
            Some(text) => parse(text).map(Some).ok_or_else(|| {
                ApiError::invalid(
                    name,
                    format!("Invalid value for {name}: {text:?} is not {what}."),
                )
            }),
        }
    }
}

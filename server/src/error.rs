//! The server's one error type, turned into an HTTP status and a JSON body here
//! and nowhere else.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;

/// Seconds a client is asked to wait after a 503: a calculation takes tens of
/// milliseconds to a third of a second, so the queue has moved on by then.
const RETRY_AFTER_SECS: &str = "1";

/// The server's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 400: the query or body could not be read as a scenario; each entry names its field.
    #[error("invalid input")]
    BadRequest(Vec<engine::FieldError>),
    /// 422: the body was read as a scenario, but the engine's validation
    /// rejects some of its values (ranges, catalog ids); each entry names its field.
    #[error("invalid scenario")]
    Unprocessable(Vec<engine::FieldError>),
    /// 415: a body that is not declared as JSON where JSON is read.
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// 503 with `Retry-After`: every calculation worker is busy and the queue
    /// in front of them is full (see [`crate::admission`]); or the calculation
    /// was stopped, which only happens once nobody waits for the answer.
    #[error("overloaded")]
    Overloaded,
    /// 500: a bug or a broken deployment; logged, never shown in detail.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The body of every 4xx and 5xx answer: `{"errors":[{"field","message"}]}`.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody<'a> {
    /// Every problem at once.
    errors: Vec<ErrorEntry<'a>>,
}

/// One problem.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorEntry<'a> {
    /// The query parameter or dotted JSON field, e.g. `downtime_cost_per_hour` or `workload.monthly_requests`; empty for the request as a whole.
    field: &'a str,
    /// What is wrong and what is allowed, as a sentence without a trailing period.
    message: &'a str,
}

impl From<engine::Error> for Error {
    fn from(error: engine::Error) -> Self {
        match error {
            engine::Error::Invalid(errors) => Error::BadRequest(errors),
            engine::Error::Cancelled => Error::Overloaded,
            other => Error::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self {
            Error::BadRequest(errors) => fields(StatusCode::BAD_REQUEST, &errors),
            Error::Unprocessable(errors) => {
                // The engine's messages name the range, not the value; say both.
                let errors: Vec<engine::FieldError> = errors
                    .into_iter()
                    .map(|e| engine::FieldError {
                        message: with_value(&e),
                        ..e
                    })
                    .collect();
                fields(StatusCode::UNPROCESSABLE_ENTITY, &errors)
            }
            Error::UnsupportedMediaType(message) => whole_request(StatusCode::UNSUPPORTED_MEDIA_TYPE, &message),
            Error::Overloaded => {
                let mut response = whole_request(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the server is busy with other calculations; try again in a moment (Retry-After)",
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECS));
                response
            }
            Error::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                whole_request(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        }
    }
}

/// An answer about the request as a whole (a limit, a method, a bug), in the
/// same `{"errors":[…]}` shape as field errors, with an empty field.
pub fn whole_request(status: StatusCode, message: &str) -> Response {
    let body = ErrorBody {
        errors: vec![ErrorEntry { field: "", message }],
    };
    (status, Json(body)).into_response()
}

fn fields(status: StatusCode, errors: &[engine::FieldError]) -> Response {
    let body = ErrorBody {
        errors: errors
            .iter()
            .map(|e| ErrorEntry {
                field: &e.field,
                message: &e.message,
            })
            .collect(),
    };
    (status, Json(body)).into_response()
}

/// `"0": the cost of an hour of downtime must be …` or `"5000" must be at most 1440`:
/// the message with the offending value in front, unless it already quotes it.
pub fn with_value(e: &engine::FieldError) -> String {
    if e.value.is_empty() || e.message.starts_with('"') {
        e.message.clone()
    } else if e.message.starts_with("must ") || e.message.starts_with("is ") {
        format!("{:?} {}", e.value, e.message)
    } else {
        format!("{:?}: {}", e.value, e.message)
    }
}

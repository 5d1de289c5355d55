//! The engine's one error type: invalid scenarios and malformed catalogs.

use serde::{Deserialize, Serialize};

/// Result with the engine's [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the engine.
///
/// The engine does no I/O, so there is no I/O variant: every error is about
/// the data it was handed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Error {
    /// The scenario has one or more invalid fields; all of them are listed,
    /// never just the first.
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    /// A catalog file has a bad row or header.
    #[error("{file} line {line}, column {column}: {message}")]
    Catalog {
        /// File name, e.g. `regions.csv`.
        file: String,
        /// 1-based line number in that file.
        line: u64,
        /// Column header name, or `(row)` when the problem is the row as a whole.
        column: String,
        /// What is wrong, as a sentence without a trailing period.
        message: String,
    },
    /// A catalog file the engine needs was not supplied.
    #[error("the catalog has no file {0}")]
    MissingFile(String),
    /// The caller set the analysis's [`crate::deadline::Cancel`] flag before it finished.
    #[error("the calculation was stopped before it finished")]
    Cancelled,
}

/// One invalid field of a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `workload.monthly_requests` or `providers[1].model`.
    pub field: String,
    /// The offending value as text.
    pub value: String,
    /// A sentence naming the allowed range or set, without a trailing period.
    pub message: String,
}

impl FieldError {
    /// A field error from its three parts.
    pub fn new(field: impl Into<String>, value: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            value: value.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {:?}: {}", self.field, self.value, self.message)
    }
}

fn describe_fields(fields: &[FieldError]) -> String {
    let parts: Vec<String> = fields.iter().map(ToString::to_string).collect();
    format!("invalid scenario: {}", parts.join("; "))
}

impl Error {
    /// A catalog error at a file, line and column.
    pub(crate) fn catalog(file: &str, line: u64, column: &str, message: impl Into<String>) -> Self {
        Error::Catalog {
            file: file.to_owned(),
            line,
            column: column.to_owned(),
            message: message.into(),
        }
    }
}

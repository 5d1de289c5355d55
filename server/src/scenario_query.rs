//! The share-link extractor: a request's raw query string, decoded into a validated scenario.

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{AppState, Error};

/// A scenario read from the query string with [`engine::link::decode`]:
/// unknown parameters, bad numbers and out-of-range values are a 4xx naming
/// each parameter, so a handler taking this only ever sees a valid scenario.
pub struct ScenarioQuery(pub engine::link::Decoded);

impl FromRequestParts<AppState> for ScenarioQuery {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // The raw string, not axum's `Query`: decoding must see repeated and
        // undecodable parameters to report them instead of dropping them.
        let query = parts.uri.query().unwrap_or_default();
        Ok(ScenarioQuery(engine::link::decode(&state.catalog, query)?))
    }
}

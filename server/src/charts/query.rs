//! Reads a chart URL's query: the share link, plus the chart's own `size`.

use super::Size;
use crate::{Error, Result};

/// What a chart request asks for.
pub(super) struct ChartRequest {
    pub scenario: engine::Scenario,
    /// The canonical share-link query of the scenario, for the ETag.
    pub canonical: String,
    pub size: Size,
    /// The released catalog the link was made with, when it prices it.
    pub priced_with: Option<&'static engine::Catalog>,
}

/// Takes `size` off the query with the link reader ([`engine::link::Query`],
/// the one reader of share links), so a chart URL is a share link plus
/// `size` and its field errors are the API's. A bad `size` is reported
/// together with the link's own errors.
pub(super) fn decode(catalog: &engine::Catalog, query: &str) -> Result<ChartRequest> {
    let mut query = engine::link::Query::parse(query);
    let sizes = query.take("size");
    let mut errors = Vec::new();
    if sizes.len() > 1 {
        errors.push(field_error(&sizes[1], "size is given more than once; give it once"));
    }
    let size = match sizes.first().map(|value| (value, Size::parse(value))) {
        None => None,
        Some((_, Some(parsed))) => Some(parsed),
        Some((value, None)) => {
            errors.push(field_error(
                value,
                &format!("size {value:?} is not a chart size; allowed: page (800×450), slide (1600×900)"),
            ));
            None
        }
    };
    let decoded = match query.decode(catalog) {
        Ok(decoded) if errors.is_empty() => decoded,
        Ok(_) => return Err(Error::BadRequest(errors)),
        Err(engine::Error::Invalid(mut link_errors)) => {
            link_errors.append(&mut errors);
            return Err(Error::BadRequest(link_errors));
        }
        Err(other) => return Err(other.into()),
    };
    let canonical = engine::link::encode(decoded.catalog(catalog), &decoded.scenario);
    Ok(ChartRequest {
        scenario: decoded.scenario,
        canonical,
        size: size.unwrap_or_default(),
        priced_with: decoded.priced_with,
    })
}

fn field_error(value: &str, message: &str) -> engine::FieldError {
    engine::FieldError {
        field: "size".to_owned(),
        value: value.to_owned(),
        message: message.to_owned(),
    }
}

//! Share links: a scenario as a short, readable, canonical query string, and back.
//!
//! [`encode`] writes the format version (`v=1`), the catalog version
//! (`catalog=2026-11`), then only the parameters whose value differs from
//! [`Scenario::default`], in the fixed order of [`PARAMETERS`], then the price
//! overrides (`price.<kind>:<id>:<field>`) in key order. The same scenario
//! therefore always gives the same link. [`Query`] is the one reader every
//! door uses: it takes off a route's own keys, joins the planner form's
//! fields into link values (`params` says which are numbers, so thousands
//! separators are dropped from those only), then decodes strictly: unknown or
//! repeated parameters, unreadable numbers and out-of-range values are field
//! errors naming the query parameter, never silent defaults; it then runs
//! [`crate::validate`] and renames the engine's field paths to parameter names.
//!
//! `params` is the parameter table (kind, unit, bounds), `codec` the text
//! form of values and the percent-encoder, `decode` the reader, `suggest`
//! the "did you mean". Pure string work: it would also run in wasm32.

mod codec;
mod decode;
mod params;
mod suggest;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::Result;
use crate::scenario::Scenario;

use codec::Text;
pub use codec::{escape, read_provider, show_provider, unescape};
pub use decode::{base, Query};
pub use params::{
    check, is_forbidden_in_text, parameter, Kind, Number, Parameter, Quantity, Table, MAX_PROVIDERS, PARAMETERS,
};

/// Version of the link format; written as `v=1`. A link without `v` is read
/// as the current format (the first slice's links had none).
pub const LINK_FORMAT: u32 = 2;

/// Prefix of a price-override parameter: `price.model:openai/gpt-4o:input_per_mtok=3`.
pub const PRICE_PREFIX: &str = "price.";

/// A decoded share link: the scenario and what the reader should know about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decoded {
    /// The scenario, validated against the current catalog.
    pub scenario: Scenario,
    /// The catalog version the link was made with (`catalog=`), if it named one.
    pub link_catalog_version: Option<String>,
    /// Sentences for the reader, e.g. "Prices changed since this link was made:
    /// catalog 2026-08 → 2026-11".
    pub notices: Vec<String>,
    /// The released catalog the link was made with, when it is not the
    /// current one and this build can still price with it: the link's
    /// figures are then reproduced under it ([`Decoded::catalog`]).
    #[serde(skip)]
    pub priced_with: Option<&'static Catalog>,
}

impl Decoded {
    /// The catalog to price this link with: the released one it was made
    /// with when this build has it ([`Decoded::priced_with`]), else `current`.
    pub fn catalog<'a>(&self, current: &'a Catalog) -> &'a Catalog {
        self.priced_with.unwrap_or(current)
    }
}

/// The canonical share-link query string of a scenario (no leading `?`):
/// `v=1&catalog=<version>`, then only the parameters whose value differs from
/// [`Scenario::default`], in [`PARAMETERS`] order, then `price.*` in key order.
pub fn encode(catalog: &Catalog, scenario: &Scenario) -> String {
    let default = Scenario::default();
    let mut out = format!("v={LINK_FORMAT}&catalog={}", escape(catalog.version(), true));
    for p in PARAMETERS {
        let value = (p.get)(scenario);
        if value != (p.get)(&default) {
            out.push_str(&format!("&{}={value}", p.name));
        }
    }
    for (key, value) in &scenario.price_overrides {
        out.push_str(&format!("&{PRICE_PREFIX}{}={}", escape(key, true), value.show()));
    }
    out
}

/// The share-link query inside what a person pastes: a whole URL
/// (`http://host/?v=1&…`), a path (`/?v=1&…`) or the bare query (`v=1&…`),
/// without surrounding spaces or a `#fragment`. A URL or path without `?`
/// is a link to the default scenario: its query is empty.
pub fn query_of(pasted: &str) -> &str {
    let text = pasted.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    match text.split_once('?') {
        Some((_, query)) => query,
        None if text.starts_with('/') || text.contains("://") => "",
        None => text,
    }
}

/// Reads a share-link query string (a leading `?` is allowed) into a
/// validated scenario. Every problem is reported at once as
/// [`Error::Invalid`], each naming the query parameter, the value and what is
/// allowed; parameters not in the link keep [`Scenario::default`]'s values.
pub fn decode(catalog: &Catalog, query: &str) -> Result<Decoded> {
    Query::parse(query).decode(catalog)
}

/// Reads a share link's syntax only: unknown, repeated and unreadable
/// parameters are errors, but values are not checked against ranges or the
/// catalog. For tools and tests; a server or UI wants [`decode`].
pub fn parse(query: &str) -> Result<Decoded> {
    Query::parse(query).syntax()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_are_dotted_without_spaces() {
        let requests = PARAMETERS.iter().find(|p| p.name == "requests").unwrap();
        assert_eq!(requests.field, "workload.monthly_requests");
    }

    #[test]
    fn the_query_is_found_in_a_url_a_path_or_on_its_own() {
        for (pasted, query) in [
            ("http://127.0.0.1:3000/?v=1&tier=critical#summary", "v=1&tier=critical"),
            (" /?v=1&tier=critical\n", "v=1&tier=critical"),
            ("?tier=critical", "tier=critical"),
            ("tier=critical", "tier=critical"),
            ("https://drplan.example/", ""),
            ("/", ""),
            ("", ""),
        ] {
            assert_eq!(query_of(pasted), query, "{pasted:?}");
        }
    }
}

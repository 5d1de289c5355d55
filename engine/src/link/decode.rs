//! Reading a link: the one reader every door uses ([`Query`]), the form-field
//! normalisation it applies, and the strict decoder behind it.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::codec::{escape, show_provider, shown, unescape, Text};
use super::params::{parameter, Draft, Kind, Table, MAX_PROVIDERS, PARAMETERS};
use super::suggest::unknown;
use super::{Decoded, LINK_FORMAT, PRICE_PREFIX};
use crate::catalog::Catalog;
use crate::error::{Error, FieldError, Result};
use crate::scenario::{Scenario, Targets};
use crate::validate::validate;

/// A request's query string on its way to a scenario: route-specific keys
/// (`size`, `a`, `b`, `only`) are taken off with [`Query::take`], the rest is
/// a share link (or the planner form's fields) read by [`Query::decode`].
///
/// Every door — page, server functions, API, charts, CSV, compare, CLI —
/// reads scenarios this way, so the same query gives the same scenario or
/// the same errors everywhere.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// `name=value` pairs as written (still percent-encoded), in order.
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Splits a query string (a leading `?` is allowed) into its pairs.
    pub fn parse(raw: &str) -> Query {
        let raw = raw.strip_prefix('?').unwrap_or(raw);
        let pairs = raw
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                (name.to_owned(), value.to_owned())
            })
            .collect();
        Query { pairs }
    }

    /// Takes every `key` pair off the query and returns their values,
    /// percent-decoded (a value that does not decode is returned as written).
    pub fn take(&mut self, key: &str) -> Vec<String> {
        let mut taken = Vec::new();
        self.pairs.retain(|(name, value)| {
            if shown(name) == key {
                taken.push(shown(value));
                false
            } else {
                true
            }
        });
        taken
    }

    /// The pairs left, percent-decoded (a part that does not decode is
    /// kept as written), in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .map(|(name, value)| (shown(name), shown(value)))
            .collect()
    }

    /// Decodes the pairs as written, without normalising or checking values
    /// (for [`super::parse`]).
    pub(super) fn syntax(&self) -> Result<Decoded> {
        read(None, &self.pairs)
    }

    /// Normalises the form fields, then decodes strictly ([`super::decode`]).
    /// A link made with a released catalog other than `catalog` that this
    /// build can still load is read and priced under that one, with a notice
    /// saying so; other versions are read under `catalog` with a notice that
    /// prices changed.
    pub fn decode(&self, catalog: &Catalog) -> Result<Decoded> {
        let pairs = normalise(&self.pairs);
        let made_with = pairs
            .iter()
            .find(|(name, _)| name == "catalog")
            .and_then(|(_, value)| unescape(value).ok());
        let released = made_with
            .as_deref()
            .filter(|v| *v != catalog.version())
            .and_then(crate::catalog::history::loaded);
        match released {
            Some(then) => {
                let mut decoded = read(Some(then), &pairs)?;
                decoded.priced_with = Some(then);
                decoded.notices.push(format!(
                    "Priced with catalog {}, as when this link was made; the current catalog is {}: re-price with it to see today's prices",
                    then.version(),
                    catalog.version()
                ));
                Ok(decoded)
            }
            None => read(Some(catalog), &pairs),
        }
    }
}

/// What the planner's form sends that a link writes otherwise, made into a
/// link (documented in docs/share-links.md, "What the reader accepts"):
/// - `pN_standby` and `pN_monthly` (the provider chain as form fields) are
///   joined into `pN=provider/model:standby:amount`;
/// - numbers may carry thousands separators (`30,000`) and surrounding
///   spaces; text is kept exactly as written.
///
/// Anything else passes through as written, for the decoder to judge.
fn normalise(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let part = |n: usize, suffix: &str| {
        let wanted = format!("p{n}_{suffix}");
        pairs
            .iter()
            .find(|(name, _)| shown(name) == wanted)
            .map(|(_, v)| shown(v))
    };
    let mut out = Vec::with_capacity(pairs.len());
    for (name, value) in pairs {
        let decoded_name = shown(name);
        if is_provider_part(&decoded_name) {
            continue;
        }
        let Some(p) = parameter(&decoded_name) else {
            out.push((name.clone(), value.clone()));
            continue;
        };
        let Ok(text) = unescape(value) else {
            out.push((name.clone(), value.clone()));
            continue;
        };
        let value = match p.kind {
            Kind::Number(_) => {
                let plain = text.trim().replace(',', "");
                if plain == text {
                    value.clone()
                } else {
                    escape(&plain, true)
                }
            }
            // `provider/model` with its `/` (and `:`) percent-encoded, as a
            // browser submits a picker's value: written back readable, so the
            // parts split where the link format splits them.
            Kind::Id(Table::EmbeddingModel) if !value.contains('/') => escape(&text, true),
            Kind::Provider if !value.contains('/') && part(index_of(p.name), "standby").is_none() => {
                escape(text.trim(), true)
            }
            Kind::Provider => {
                let index = index_of(p.name);
                let (standby, monthly) = (part(index, "standby"), part(index, "monthly"));
                if standby.is_none() && monthly.is_none() {
                    value.clone()
                } else {
                    form_provider(text.trim(), standby.as_deref(), monthly.as_deref())
                }
            }
            // Text is kept as written: a name may start with a space.
            _ => value.clone(),
        };
        out.push((name.clone(), value));
    }
    out
}

/// `pN_standby` or `pN_monthly`: a part of the form's provider chain.
fn is_provider_part(name: &str) -> bool {
    let Some((n, part)) = name.strip_prefix('p').and_then(|rest| rest.split_once('_')) else {
        return false;
    };
    matches!(part, "standby" | "monthly") && n.parse::<usize>().is_ok_and(|n| (1..=MAX_PROVIDERS).contains(&n))
}

/// `p1`…`pN`: the form's parts are named after the link's parameter.
fn index_of(provider_parameter: &str) -> usize {
    provider_parameter[1..].parse().unwrap_or_default()
}

/// A provider link from the form's three fields: `model` is `provider/model`.
fn form_provider(model: &str, standby: Option<&str>, monthly: Option<&str>) -> String {
    if model.is_empty() {
        return String::new();
    }
    let (provider, id) = model.split_once('/').unwrap_or((model, ""));
    let mut value = if model.contains('/') {
        format!("{}/{}", escape(provider, false), escape(id, false))
    } else {
        escape(model, false)
    };
    let standby = standby.map(str::trim).unwrap_or_default();
    let monthly = monthly.map(|m| m.trim().replace(',', "")).unwrap_or_default();
    if !standby.is_empty() || !monthly.is_empty() {
        value.push(':');
        let standby = if standby.is_empty() {
            "pay_per_use".to_owned()
        } else {
            escape(standby, false)
        };
        value.push_str(&standby);
    }
    if !monthly.is_empty() {
        value.push(':');
        value.push_str(&escape(&monthly, false));
    }
    value
}

/// `"lots" is not a number`, or `"0": the cost of … must be …`.
pub(super) fn sentence(value: &str, problem: &str) -> String {
    let verb = ["is ", "must ", "has ", "follows "]
        .iter()
        .any(|v| problem.starts_with(v));
    if verb {
        format!("{value:?} {problem}")
    } else {
        format!("{value:?}: {problem}")
    }
}

/// The scenario a link's parameters apply to: a link of format 1 was made
/// when the default scenario was the article's production-tier bill, so the
/// parameters it leaves out mean that example's values (its figures stay
/// what they were); any other link starts from [`Scenario::default`]. The
/// form reads it too, so its fields show what the link means.
pub fn base(pairs: &[(String, String)]) -> Scenario {
    if pairs.iter().any(|(name, value)| name == "v" && value == "1") {
        crate::examples::production_tier()
    } else {
        Scenario::default()
    }
}

/// The strict decoder: every pair must be a known parameter written one way.
pub(super) fn read(catalog: Option<&Catalog>, pairs: &[(String, String)]) -> Result<Decoded> {
    let mut draft = Draft {
        scenario: base(pairs),
        providers: Default::default(),
        rto: None,
        rpo: None,
    };
    let mut errors: Vec<FieldError> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut link_catalog_version = None;
    for (raw_name, raw_value) in pairs {
        let (raw_name, raw_value) = (raw_name.as_str(), raw_value.as_str());
        let value = shown(raw_value);
        let name = match unescape(raw_name) {
            Ok(name) => name,
            Err(problem) => {
                errors.push(FieldError::new(raw_name, &value, sentence(raw_name, &problem)));
                continue;
            }
        };
        if !seen.insert(name.clone()) {
            let problem = "is given twice; a link names each parameter once";
            errors.push(FieldError::new(&name, &value, format!("{name} {problem}")));
            continue;
        }
        let outcome = match name.as_str() {
            "v" => match raw_value {
                "1" | "2" => Ok(()),
                _ => Err(format!(
                    "is not a link format this drplan reads; it reads v={LINK_FORMAT}"
                )),
            },
            "catalog" => match unescape(raw_value) {
                Ok(version) if !version.is_empty() => {
                    link_catalog_version = Some(version);
                    Ok(())
                }
                Ok(_) => Err("is empty; it names a catalog version such as 2026-11".to_owned()),
                Err(problem) => Err(problem),
            },
            _ if name.starts_with(PRICE_PREFIX) => {
                let key = name[PRICE_PREFIX.len()..].to_owned();
                unescape(raw_value).and_then(|text| Decimal::read(&text)).map(|price| {
                    draft.scenario.price_overrides.insert(key, price);
                })
            }
            _ => match parameter(&name) {
                Some(p) => {
                    (p.set)(&mut draft, raw_value).map_err(|problem| format!("{problem}; allowed: {}", allowed(p)))
                }
                None => {
                    errors.push(FieldError::new(&name, &value, unknown(&name)));
                    continue;
                }
            },
        };
        if let Err(problem) = outcome {
            errors.push(FieldError::new(&name, &value, sentence(&value, &problem)));
        }
    }
    assemble(&mut draft, &mut errors);
    let scenario = draft.scenario;
    let checked = catalog.map_or(Ok(()), |catalog| validate(catalog, &scenario));
    if let Err(Error::Invalid(invalid)) = checked {
        for e in invalid {
            let name = parameter_of(&e.field);
            // A parameter that could not be read kept its default; its own error says enough.
            if !errors.iter().any(|known| known.field == name) {
                let message = sentence(&e.value, &e.message);
                errors.push(FieldError::new(name, e.value, message));
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_cached_key(|e| position(&e.field));
        return Err(Error::Invalid(errors));
    }
    let mut notices = Vec::new();
    if let (Some(made_with), Some(catalog)) = (&link_catalog_version, catalog) {
        if made_with != catalog.version() {
            notices.push(format!(
                "Prices changed since this link was made: catalog {made_with} → {}",
                catalog.version()
            ));
        }
    }
    Ok(Decoded {
        scenario,
        link_catalog_version,
        notices,
        priced_with: None,
    })
}

/// What is allowed, with the unit where the kind has one worth naming.
fn allowed(p: &super::Parameter) -> String {
    match p.unit() {
        "" => p.allowed(),
        unit => format!("{} ({unit})", p.allowed()),
    }
}

/// Builds the provider chain from `p1`..`p5` and the custom targets from `rto` and `rpo`.
fn assemble(draft: &mut Draft, errors: &mut Vec<FieldError>) {
    // The base scenario's chain: a link the query does not name keeps it.
    let defaults = draft.scenario.providers.clone();
    let mut chain = Vec::new();
    let mut gap = None;
    for (i, given) in draft.providers.iter().enumerate() {
        let name = format!("p{}", i + 1);
        let link = match given {
            None => defaults.get(i).cloned(),
            Some(link) => link.clone(),
        };
        match (link, gap) {
            (None, _) if i == 0 => errors.push(FieldError::new(
                name,
                "",
                "p1 must name the primary AI provider and model, e.g. openai/gpt-4o",
            )),
            (None, _) => gap = gap.or(Some(i)),
            (Some(link), None) => chain.push(link),
            (Some(link), Some(g)) => {
                let message = format!(
                    "p{} is empty, so p{} has nothing to follow; fill the chain in order",
                    g + 1,
                    i + 1
                );
                errors.push(FieldError::new(name, show_provider(&link), message));
            }
        }
    }
    draft.scenario.providers = chain;
    let together = |given: &str, missing: &str| {
        format!("{missing} is needed with {given}: custom targets set both RTO and RPO, in minutes")
    };
    match (draft.rto, draft.rpo) {
        (None, None) => {}
        (Some(Some(rto)), Some(Some(rpo))) => {
            draft.scenario.custom_targets = Some(Targets {
                rto_minutes: rto,
                rpo_minutes: rpo,
            })
        }
        (Some(Some(rto)), _) => errors.push(FieldError::new(
            "rpo",
            "",
            together(&format!("rto={}", rto.show()), "rpo"),
        )),
        (_, Some(Some(rpo))) => errors.push(FieldError::new(
            "rto",
            "",
            together(&format!("rpo={}", rpo.show()), "rto"),
        )),
        _ => draft.scenario.custom_targets = None,
    }
}

/// The query parameter for an engine field path, e.g. `providers[1].model` → `p2`.
fn parameter_of(field: &str) -> String {
    if let Some(key) = field
        .strip_prefix("price_overrides[\"")
        .and_then(|k| k.strip_suffix("\"]"))
    {
        return format!("{PRICE_PREFIX}{key}");
    }
    if field == "providers" {
        return "p1".to_owned();
    }
    PARAMETERS
        .iter()
        .find(|p| p.field == field)
        .or_else(|| PARAMETERS.iter().find(|p| field.starts_with(p.field)))
        .map_or_else(|| field.to_owned(), |p| p.name.to_owned())
}

/// Sort key for errors: link order, `v` and `catalog` first, prices and unknown names last.
fn position(name: &str) -> (usize, String) {
    let index = match name {
        "v" => 0,
        "catalog" => 1,
        _ => match PARAMETERS.iter().position(|p| p.name == name) {
            Some(i) => i + 2,
            None if name.starts_with(PRICE_PREFIX) => PARAMETERS.len() + 2,
            None => PARAMETERS.len() + 3,
        },
    };
    (index, name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query as a link writes it after [`normalise`].
    fn normalised(query: &str) -> String {
        normalise(&Query::parse(query).pairs)
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    #[test]
    fn form_fields_become_link_values() {
        for (form, link) in [
            ("downtime_cost_per_hour=30%2C000", "downtime_cost_per_hour=30000"),
            ("downtime_cost_per_hour=30,000", "downtime_cost_per_hour=30000"),
            ("requests=+4%2C000%2C000+", "requests=4000000"),
            (
                "p2=azure-openai%2Fgpt-4o&p2_standby=provisioned&p2_monthly=1%2C500",
                "p2=azure-openai/gpt-4o:provisioned:1500",
            ),
            ("p1=openai%2Fgpt-4o&p1_standby=&p1_monthly=", "p1=openai/gpt-4o"),
            ("p3=&p3_standby=&p3_monthly=", "p3="),
            (
                "p2=azure-openai/gpt-4o:provisioned:500",
                "p2=azure-openai/gpt-4o:provisioned:500",
            ),
            ("name=R%26D", "name=R%26D"),
            (
                "embedding=openai%2Ftext-embedding-3-small",
                "embedding=openai/text-embedding-3-small",
            ),
            ("p3=anthropic%2Fclaude-sonnet-4-5", "p3=anthropic/claude-sonnet-4-5"),
            ("downtime=5", "downtime=5"),
        ] {
            assert_eq!(normalised(form), link, "{form}");
        }
    }

    #[test]
    fn route_keys_are_taken_off() {
        let mut query = Query::parse("?size=slide&tier=critical&size=page");
        assert_eq!(query.take("size"), ["slide", "page"]);
        assert_eq!(query.pairs(), [("tier".to_owned(), "critical".to_owned())]);
    }
}

//! Scenario validation: `validator` ranges plus catalog cross-references, every problem at once.

use std::borrow::Cow;

use rust_decimal::Decimal;
use validator::{Validate, ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::catalog::{Catalog, ModelKind};
use crate::error::{Error, FieldError, Result};
use crate::money::Money;
use crate::scenario::Scenario;

/// Checks a scenario against its ranges and the catalog; returns every
/// problem at once as [`Error::Invalid`], sorted by field path.
pub fn validate(catalog: &Catalog, scenario: &Scenario) -> Result<()> {
    let mut errors = Vec::new();
    if let Err(e) = scenario.validate() {
        flatten("", &e, &mut errors);
    }
    check_references(catalog, scenario, &mut errors);
    // Checking overrides clones the catalog; skip it in the common case of none.
    if !scenario.price_overrides.is_empty() {
        if let Err(mut e) = catalog.with_overrides(&scenario.price_overrides) {
            errors.append(&mut e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        errors.sort_by(|a, b| a.field.cmp(&b.field));
        Err(Error::Invalid(errors))
    }
}

fn check_references(catalog: &Catalog, s: &Scenario, errors: &mut Vec<FieldError>) {
    // Messages list the allowed ids, so they are only built for a failed check:
    // validation runs on every estimate and must not allocate when all is well.
    let mut need = |ok: bool, field: &dyn Fn() -> String, value: &str, message: &dyn Fn() -> String| {
        if !ok {
            errors.push(FieldError::new(field(), value, message()));
        }
    };
    let fixed = |f: &'static str| move || f.to_owned();
    let ids = |kind: &str, ids: Vec<&str>| format!("must be a catalog {kind}: {}", ids.join(", "));
    let tiers = || ids("tier", catalog.tiers().iter().map(|t| t.id.as_str()).collect());
    need(catalog.tier(&s.tier).is_some(), &fixed("tier"), &s.tier, &tiers);
    let regions = || ids("region", catalog.regions().iter().map(|r| r.id.as_str()).collect());
    need(
        catalog.region(&s.primary_region).is_some(),
        &fixed("primary_region"),
        &s.primary_region,
        &regions,
    );
    need(
        catalog.region(&s.secondary_region).is_some(),
        &fixed("secondary_region"),
        &s.secondary_region,
        &regions,
    );
    need(
        s.primary_region != s.secondary_region,
        &fixed("secondary_region"),
        &s.secondary_region,
        &fixed("must differ from the primary region"),
    );
    let strategies = || ids("strategy", catalog.strategies().iter().map(|t| t.id.as_str()).collect());
    need(
        catalog.strategy(&s.strategy).is_some(),
        &fixed("strategy"),
        &s.strategy,
        &strategies,
    );
    let providers = || ids("provider", catalog.providers().iter().map(|p| p.id.as_str()).collect());
    let models_of = |provider: &str, kind: ModelKind| {
        let models: Vec<&str> = catalog
            .models()
            .iter()
            .filter(|m| m.provider == provider && m.kind == kind)
            .map(|m| m.model.as_str())
            .collect();
        models.join(", ")
    };
    for (i, link) in s.providers.iter().enumerate() {
        if catalog.provider(&link.provider).is_none() {
            need(
                false,
                &|| format!("providers[{i}].provider"),
                &link.provider,
                &providers,
            );
            continue;
        }
        let ok = catalog
            .model(&link.provider, &link.model)
            .is_some_and(|m| m.kind == ModelKind::Chat);
        need(ok, &|| format!("providers[{i}].model"), &link.model, &|| {
            format!(
                "must be a chat model of {}: {}",
                link.provider,
                models_of(&link.provider, ModelKind::Chat)
            )
        });
    }
    let c = &s.corpus;
    if catalog.provider(&c.embedding_provider).is_none() {
        need(
            false,
            &fixed("corpus.embedding_provider"),
            &c.embedding_provider,
            &providers,
        );
    } else {
        let ok = catalog
            .model(&c.embedding_provider, &c.embedding_model)
            .is_some_and(|m| m.kind == ModelKind::Embedding);
        need(ok, &fixed("corpus.embedding_model"), &c.embedding_model, &|| {
            format!(
                "must be an embedding model of {}: {}",
                c.embedding_provider,
                models_of(&c.embedding_provider, ModelKind::Embedding)
            )
        });
    }
    let classes = || {
        ids(
            "storage class",
            catalog.storage_classes().iter().map(|c| c.id.as_str()).collect(),
        )
    };
    let b = &s.backups;
    for (field, id) in [
        ("storage.class", &s.storage.class),
        ("backups.standard_class", &b.standard_class),
        ("backups.infrequent_class", &b.infrequent_class),
        ("backups.archive_class", &b.archive_class),
    ] {
        need(catalog.storage_class(id).is_some(), &fixed(field), id, &classes);
    }
    if b.standard_days + b.infrequent_days + b.archive_days == 0 {
        need(
            false,
            &fixed("backups.standard_days"),
            &b.standard_days.to_string(),
            &fixed("the retention ladder must keep backups for at least one day on some class"),
        );
    }
}

/// Turns validator's nested error map into dotted field paths.
fn flatten(prefix: &str, errors: &ValidationErrors, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.push(field_error(&path, e));
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten(&format!("{path}[{i}]"), inner, out);
                }
            }
        }
    }
}

fn field_error(path: &str, e: &ValidationError) -> FieldError {
    let param = |name: &str| {
        e.params.get(name).map(|v| match v.as_str() {
            Some(s) => s.to_owned(),
            None => v.to_string(),
        })
    };
    // A list's length error carries the whole list as its value: show the count.
    let list_len = e.params.get("value").and_then(|v| v.as_array()).map(Vec::len);
    let value = match list_len {
        Some(n) => format!("{n} items"),
        None => param("value").unwrap_or_default(),
    };
    let unit = if list_len.is_some() { "items" } else { "characters" };
    let message = match &e.message {
        Some(m) => m.to_string(),
        None => match (e.code.as_ref(), param("min"), param("max"), param("equal")) {
            ("range", Some(min), Some(max), _) => format!("must be between {min} and {max}"),
            ("range", None, Some(max), _) => format!("must be at most {max}"),
            ("range", Some(min), None, _) => format!("must be at least {min}"),
            ("length", Some(min), Some(max), _) => format!("must have between {min} and {max} {unit}"),
            ("length", None, Some(max), _) => format!("must have at most {max} {unit}"),
            ("length", Some(min), None, _) => format!("must have at least {min} {unit}"),
            ("length", _, _, Some(eq)) => format!("must have exactly {eq} {unit}"),
            (code, ..) => format!("is invalid ({code})"),
        },
    };
    FieldError {
        field: path.to_owned(),
        value,
        message,
    }
}

fn out_of_range(message: &'static str) -> ValidationError {
    ValidationError::new("range").with_message(Cow::Borrowed(message))
}

fn within(value: Decimal, min: Decimal, max: Decimal, message: &'static str) -> Result<(), ValidationError> {
    if value < min || value > max {
        Err(out_of_range(message))
    } else {
        Ok(())
    }
}

const BILLION: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const HUNDRED_MILLION: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);

pub(crate) fn monthly_amount(m: &Money) -> Result<(), ValidationError> {
    within(
        m.to_decimal(),
        Decimal::ZERO,
        BILLION,
        "a monthly amount must be between 0 and 1,000,000,000",
    )
}

pub(crate) fn downtime_cost(m: &Money) -> Result<(), ValidationError> {
    let v = m.to_decimal();
    // Below a cent an hour, break-even hours (annual cost ÷ this) outgrow a Decimal.
    if v < Decimal::new(1, 2) || v > HUNDRED_MILLION {
        return Err(out_of_range(
            "the cost of an hour of downtime must be at least 0.01 and at most 100,000,000",
        ));
    }
    Ok(())
}

pub(crate) fn fraction(v: &Decimal) -> Result<(), ValidationError> {
    within(
        *v,
        Decimal::ZERO,
        Decimal::ONE,
        "must be between 0 and 1 (0 % to 100 %)",
    )
}

pub(crate) fn target_minutes(v: &Decimal) -> Result<(), ValidationError> {
    within(
        *v,
        Decimal::ZERO,
        Decimal::from(525_600),
        "must be between 0 and 525,600 minutes (one year)",
    )
}

pub(crate) fn gigabytes(v: &Decimal) -> Result<(), ValidationError> {
    within(*v, Decimal::ZERO, MILLION, "must be between 0 and 1,000,000 GB")
}

pub(crate) fn traffic_gb(v: &Decimal) -> Result<(), ValidationError> {
    within(
        *v,
        Decimal::ZERO,
        BILLION,
        "must be between 0 and 1,000,000,000 GB per month",
    )
}

pub(crate) fn lag_minutes(v: &Decimal) -> Result<(), ValidationError> {
    within(
        *v,
        Decimal::ZERO,
        Decimal::from(10_080),
        "must be between 0 and 10,080 minutes (7 days)",
    )
}

pub(crate) fn throughput(v: &Decimal) -> Result<(), ValidationError> {
    // Below a megabyte an hour, restore minutes (GB ÷ this) outgrow a Decimal.
    if *v < Decimal::new(1, 3) || *v > MILLION {
        return Err(out_of_range("must be at least 0.001 and at most 1,000,000 GB per hour"));
    }
    Ok(())
}

pub(crate) fn exchange_rate(v: &Decimal) -> Result<(), ValidationError> {
    if *v <= Decimal::ZERO || *v > MILLION {
        return Err(out_of_range(
            "the exchange rate must be greater than 0 and at most 1,000,000 units per USD",
        ));
    }
    Ok(())
}

pub(crate) fn simulated_years(years: u32) -> Result<(), ValidationError> {
    if (1_000..=100_000).contains(&years) {
        Ok(())
    } else {
        Err(out_of_range("must be between 1,000 and 100,000 simulated years"))
    }
}

pub(crate) fn currency_code(code: &str) -> Result<(), ValidationError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(ValidationError::new("currency").with_message(Cow::Borrowed(
            "must be a three-letter ISO 4217 code in capitals, e.g. EUR",
        )))
    }
}

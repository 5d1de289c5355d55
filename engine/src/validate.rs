//! Scenario validation: the ranges and formats of the parameter table
//! ([`crate::link::check`]) plus catalog cross-references, every problem at once.

use crate::catalog::{Catalog, ModelKind, VectorDbModel, DB_STORAGE_GB_MONTH, GPU_HOUR};
use crate::error::{Error, FieldError, Result};
use crate::scenario::{Scenario, StandbyMode};

/// Checks a scenario against its ranges and the catalog; returns every
/// problem at once as [`Error::Invalid`], sorted by field path.
pub fn validate(catalog: &Catalog, scenario: &Scenario) -> Result<()> {
    let mut errors = crate::link::check(scenario);
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
    check_vector_db(catalog, s, &mut need);
    check_self_hosted(catalog, s, &mut need);
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

type Need<'a> = dyn FnMut(bool, &dyn Fn() -> String, &str, &dyn Fn() -> String) + 'a;

/// The offering exists, runs on both regions' clouds, and both regions price
/// what it is sized by (its node, and disk for PostgreSQL and self-hosted).
fn check_vector_db(catalog: &Catalog, s: &Scenario, need: &mut Need<'_>) {
    let field = || "vector_db.offering".to_owned();
    let id = s.vector_db.offering.as_str();
    let Some(offering) = catalog.vector_db(id) else {
        need(false, &field, id, &|| {
            let ids: Vec<&str> = catalog.vector_dbs().iter().map(|v| v.id.as_str()).collect();
            format!("must be a catalog vector database offering: {}", ids.join(", "))
        });
        return;
    };
    if offering.model == VectorDbModel::Serverless {
        return;
    }
    let mut resources = vec![offering.node_resource.as_deref().unwrap_or_default()];
    if matches!(offering.model, VectorDbModel::Postgres | VectorDbModel::SelfHosted) {
        resources.push(DB_STORAGE_GB_MONTH);
    }
    for region in [&s.primary_region, &s.secondary_region] {
        let Some(r) = catalog.region(region) else { continue };
        let on_cloud = offering.clouds == "*" || offering.clouds == r.cloud;
        let priced = resources.iter().all(|res| catalog.region_price(region, res).is_some());
        need(on_cloud && priced, &field, id, &|| {
            let everywhere: Vec<&str> = catalog
                .regions()
                .iter()
                .filter(|r| offering.clouds == "*" || offering.clouds == r.cloud)
                .filter(|r| resources.iter().all(|res| catalog.region_price(&r.id, res).is_some()))
                .map(|r| r.id.as_str())
                .collect();
            format!(
                "{} has no price in {region} in this catalog; it is priced in: {}",
                offering.name,
                everywhere.join(", ")
            )
        });
    }
}

/// A self-hosted link runs GPUs in its region (the primary's for the first
/// link, the secondary's for a fallback), which must have a GPU price.
fn check_self_hosted(catalog: &Catalog, s: &Scenario, need: &mut Need<'_>) {
    for (i, link) in s.providers.iter().enumerate() {
        let self_hosted = catalog.is_self_hosted(&link.provider);
        let region = if i == 0 { &s.primary_region } else { &s.secondary_region };
        if self_hosted && i > 0 {
            need(
                link.standby == StandbyMode::PayPerUse && link.provisioned_monthly.to_decimal().is_zero(),
                &|| format!("providers[{i}].standby"),
                "provisioned",
                &|| {
                    "a self-hosted link runs its GPUs all the time and is priced by them; write it without :provisioned"
                        .to_owned()
                },
            );
        }
        if self_hosted && catalog.region(region).is_some() {
            need(
                catalog.region_price(region, GPU_HOUR).is_some(),
                &|| format!("providers[{i}].provider"),
                &link.provider,
                &|| {
                    let with: Vec<&str> = catalog
                        .regions()
                        .iter()
                        .filter(|r| catalog.region_price(&r.id, GPU_HOUR).is_some())
                        .map(|r| r.id.as_str())
                        .collect();
                    format!(
                        "self-hosted models run on the region's GPU instances and {region} has no GPU price in this catalog; regions with one: {}",
                        with.join(", ")
                    )
                },
            );
        }
    }
}

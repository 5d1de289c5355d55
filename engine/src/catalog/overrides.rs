//! A scenario's price overrides, applied to a copy of the catalog.
//!
//! A key is `kind:id:field` (`model:openai/gpt-4o:input_per_mtok`); it must name
//! a row the catalog has and one of the columns a user may change, and its
//! value must stay within the range that column has in the catalog files (the
//! bounds `check` holds), so an override cannot take a valid scenario's figures
//! past what a Decimal holds. Problems come back as field errors, all at once.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::check::{Bounds, FACTOR, FAILOVER_MINUTES, MULTIPLIER, PRICE, RETRIEVAL_HOURS};
use super::Catalog;
use crate::error::{FieldError, Result};

impl Catalog {
    /// A copy with the scenario's price overrides applied. Keys are
    /// `kind:id:field`, e.g. `region:eu-west-1:storage_multiplier`,
    /// `transfer:us-east-1/eu-west-1:price_per_gb` (`*` allowed),
    /// `model:openai/gpt-4o:input_per_mtok`, `storage:s3-standard:price_per_gb_month`,
    /// `region_price:us-east-1/vcpu_hour:price`, `vector_db:pinecone-serverless:read_units_per_million`,
    /// `strategy:active_passive:compute`.
    /// Unknown keys, values outside 0–1,000,000 and values outside the
    /// column's own range in the catalog files (a region multiplier 0.01–10, a
    /// strategy factor 0–10, failover minutes 0–10,080, retrieval hours 0–720)
    /// are field errors naming `price_overrides["key"]`.
    pub fn with_overrides(&self, overrides: &BTreeMap<String, Decimal>) -> Result<Catalog, Vec<FieldError>> {
        let mut catalog = self.clone();
        let mut errors = Vec::new();
        for (key, &value) in overrides {
            let field = format!("price_overrides[\"{key}\"]");
            if value.is_sign_negative() || value > MAX_OVERRIDE {
                errors.push(FieldError::new(
                    &field,
                    value.to_string(),
                    "a price override must be between 0 and 1,000,000",
                ));
                continue;
            }
            if let Err(message) = catalog.apply_override(key, value) {
                errors.push(FieldError::new(&field, value.to_string(), message));
            }
        }
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(errors)
        }
    }

    fn apply_override(&mut self, key: &str, value: Decimal) -> Result<(), String> {
        let mut parts = key.splitn(3, ':');
        let (kind, id, field) = match (parts.next(), parts.next(), parts.next()) {
            (Some(k), Some(i), Some(f)) => (k, i, f),
            _ => return Err(OVERRIDE_FORMAT.to_owned()),
        };
        let unknown = || format!("no {kind} with id {id} in the catalog");
        let bad_field = |allowed: &str| format!("a {kind} override must name one of: {allowed}");
        // Each field keeps the range its catalog column has: a region
        // multiplier of 1,000,000 would take a valid scenario's figures past
        // what a Decimal holds.
        let (slot, (min, max, allowed)): (&mut Decimal, Bounds) = match kind {
            "region" => {
                let r = self.regions.iter_mut().find(|r| r.id == id).ok_or_else(unknown)?;
                match field {
                    "storage_multiplier" => (&mut r.storage_multiplier, MULTIPLIER),
                    _ => return Err(bad_field("storage_multiplier")),
                }
            }
            "transfer" => {
                let (from, to) = id.split_once('/').ok_or_else(|| OVERRIDE_FORMAT.to_owned())?;
                let t = self
                    .transfer
                    .iter_mut()
                    .find(|t| t.from_region == from && t.to_region == to)
                    .ok_or_else(unknown)?;
                match field {
                    "price_per_gb" => (&mut t.price_per_gb, PRICE),
                    _ => return Err(bad_field("price_per_gb")),
                }
            }
            "model" => {
                let (provider, model) = id.split_once('/').ok_or_else(|| OVERRIDE_FORMAT.to_owned())?;
                let m = self
                    .models
                    .iter_mut()
                    .find(|m| m.provider == provider && m.model == model)
                    .ok_or_else(unknown)?;
                match field {
                    "input_per_mtok" => (&mut m.input_per_mtok, PRICE),
                    "output_per_mtok" => (&mut m.output_per_mtok, PRICE),
                    _ => return Err(bad_field("input_per_mtok, output_per_mtok")),
                }
            }
            "storage" => {
                let c = self
                    .storage_classes
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or_else(unknown)?;
                match field {
                    "price_per_gb_month" => (&mut c.price_per_gb_month, PRICE),
                    "retrieval_per_gb" => (&mut c.retrieval_per_gb, PRICE),
                    "retrieval_hours" => (&mut c.retrieval_hours, RETRIEVAL_HOURS),
                    _ => return Err(bad_field("price_per_gb_month, retrieval_per_gb, retrieval_hours")),
                }
            }
            "region_price" => {
                let (region, resource) = id.split_once('/').ok_or_else(|| OVERRIDE_FORMAT.to_owned())?;
                let p = self
                    .region_prices
                    .iter_mut()
                    .find(|p| p.region == region && p.resource == resource)
                    .ok_or_else(unknown)?;
                match field {
                    "price" => (&mut p.price, PRICE),
                    _ => return Err(bad_field("price")),
                }
            }
            "vector_db" => {
                let v = self.vector_dbs.iter_mut().find(|v| v.id == id).ok_or_else(unknown)?;
                let slot = match field {
                    "storage_gb_month" => &mut v.storage_gb_month,
                    "read_units_per_million" => &mut v.read_units_per_million,
                    "write_units_per_million" => &mut v.write_units_per_million,
                    "minimum_monthly" => &mut v.minimum_monthly,
                    _ => {
                        return Err(bad_field(
                            "storage_gb_month, read_units_per_million, write_units_per_million, minimum_monthly",
                        ))
                    }
                };
                match slot {
                    Some(price) => (price, PRICE),
                    None => return Err(format!("{id} is not priced by {field}")),
                }
            }
            "strategy" => {
                let s = self.strategies.iter_mut().find(|s| s.id == id).ok_or_else(unknown)?;
                match field {
                    "compute" => (&mut s.compute, FACTOR),
                    "vector_db" => (&mut s.vector_db, FACTOR),
                    "storage" => (&mut s.storage, FACTOR),
                    "replication" => (&mut s.replication, FACTOR),
                    "failover_minutes" => (&mut s.failover_minutes, FAILOVER_MINUTES),
                    _ => return Err(bad_field("compute, vector_db, storage, replication, failover_minutes")),
                }
            }
            _ => return Err(OVERRIDE_FORMAT.to_owned()),
        };
        if value < min || value > max {
            return Err(format!("a {kind} {field} override must be between {allowed}"));
        }
        *slot = value;
        Ok(())
    }
}

const MAX_OVERRIDE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const OVERRIDE_FORMAT: &str =
    "a price override key must be kind:id:field with kind one of region, region_price, transfer, model, storage, vector_db, strategy";

//! Sensitivity: how far the chosen plan's annual net benefit and break-even hours swing when one
//! main input moves, the others held (a tornado chart's rows).
//!
//! Annual net benefit = the risk matrix's ALE reduction − the DR annual cost
//! (chosen plan − production only), both as [`crate::Estimate`] gives them;
//! break-even hours = [`crate::BreakEven::hours`]. Each input is set to 50 % and
//! 150 % of its value (−50 % / +50 %), clamped to its valid range:
//!
//! | input | what moves |
//! |---|---|
//! | `downtime_cost` | the cost of an hour of downtime |
//! | `token_prices` | every model's input and output price per million tokens (chat and embedding), over any override |
//! | `standby_fraction` | the standby fraction (at most 1) |
//! | `data_size` | data GB and the vector index (entered GB, else the vector count) |
//! | `outage_rates` | every failure scenario's events per year |
//! | `transfer_volume` | cross-region and replication GB a month, and their amounts when entered |
//!
//! Rows are sorted by swing = |net benefit high − net benefit low|, largest
//! first; equal swings keep the table's order.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::deadline::Cancel;
use crate::error::Result;
use crate::estimate::{estimate_until, Estimate};
use crate::money::Money;
use crate::scenario::Scenario;

/// The base figures and one row per input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sensitivity {
    /// ALE reduction − DR annual cost of the scenario as given, reporting currency.
    pub base_net_benefit: Money,
    /// Break-even hours of the scenario as given.
    pub base_break_even_hours: Decimal,
    /// One row per input, largest swing first.
    pub rows: Vec<SensitivityRow>,
}

/// One input moved to its low and high values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SensitivityRow {
    /// Input id: `downtime_cost`, `token_prices`, `standby_fraction`,
    /// `data_size`, `outage_rates`, `transfer_volume`.
    pub input: String,
    /// Display name.
    pub name: String,
    /// The low value as shown, e.g. "−50 %" or, for the standby fraction, "10 %".
    pub low_label: String,
    /// The high value as shown, e.g. "+50 %".
    pub high_label: String,
    /// Net benefit with the input low.
    pub net_benefit_low: Money,
    /// Net benefit with the input high.
    pub net_benefit_high: Money,
    /// Break-even hours with the input low.
    pub break_even_low: Decimal,
    /// Break-even hours with the input high.
    pub break_even_high: Decimal,
    /// |`net_benefit_high` − `net_benefit_low`|.
    pub swing: Money,
}

/// The annual net benefit of an estimate: ALE reduction − DR annual cost.
fn net_benefit(e: &Estimate) -> Money {
    e.risk.ale_reduction - e.risk.dr_annual_cost
}

const LOW: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
const HIGH: Decimal = Decimal::from_parts(15, 0, 0, false, 1);
const BILLION: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// An input: id, name, and how to move it by a factor (scenario and catalog edited in place).
struct Input {
    id: &'static str,
    name: &'static str,
    apply: fn(&mut Scenario, &mut Option<Catalog>, &Catalog, Decimal),
}

/// The least cost of an hour of downtime a scenario may have (the link's `downtime_cost_per_hour`).
const MIN_DOWNTIME_COST: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

fn scale_money(m: Money, factor: Decimal, max: Decimal) -> Money {
    Money::new((m.to_decimal() * factor).min(max))
}

const INPUTS: [Input; 6] = [
    Input {
        id: "downtime_cost",
        name: "Cost of an hour of downtime",
        apply: |s, _, _, f| {
            // Kept within the parameter's range: −50 % of 0.015 would be below the 0.01 minimum.
            let moved = scale_money(s.downtime_cost_per_hour, f, MILLION * Decimal::ONE_HUNDRED);
            s.downtime_cost_per_hour = Money::new(moved.to_decimal().max(MIN_DOWNTIME_COST));
        },
    },
    Input {
        id: "token_prices",
        name: "AI token prices",
        apply: |s, _, catalog, f| {
            for m in catalog.models() {
                for (field, price) in [
                    ("input_per_mtok", m.input_per_mtok),
                    ("output_per_mtok", m.output_per_mtok),
                ] {
                    let key = format!("model:{}/{}:{field}", m.provider, m.model);
                    let base = s.price_overrides.get(&key).copied().unwrap_or(price);
                    s.price_overrides.insert(key, (base * f).min(MILLION));
                }
            }
        },
    },
    Input {
        id: "standby_fraction",
        name: "Standby fraction",
        apply: |s, _, _, f| s.standby_fraction = (s.standby_fraction * f).min(Decimal::ONE),
    },
    Input {
        id: "data_size",
        name: "Data size",
        apply: |s, _, _, f| {
            s.storage.data_gb = (s.storage.data_gb * f).min(MILLION);
            match s.vector_db.size_gb {
                Some(gb) => s.vector_db.size_gb = Some((gb * f).min(MILLION)),
                None => {
                    let vectors = (Decimal::from(s.vector_db.vectors) * f).round();
                    s.vector_db.vectors = u64::try_from(vectors).unwrap_or(u64::MAX).min(100_000_000_000);
                }
            }
        },
    },
    Input {
        id: "outage_rates",
        name: "Outage rates",
        apply: |_, scaled, catalog, f| *scaled = Some(catalog.with_risk_rates_scaled(f)),
    },
    Input {
        id: "transfer_volume",
        name: "Cross-region transfer volume",
        apply: |s, _, _, f| {
            let n = &mut s.network;
            n.cross_region_gb = (n.cross_region_gb * f).min(BILLION);
            n.replication_gb = (n.replication_gb * f).min(BILLION);
            n.cross_region_monthly = n.cross_region_monthly.map(|m| scale_money(m, f, BILLION));
            n.replication_monthly = n.replication_monthly.map(|m| scale_money(m, f, BILLION));
        },
    },
];

/// Moves each input to −50 % and +50 % (see the module's table), re-estimates,
/// and sorts the rows by swing, largest first. Errors only when the scenario
/// itself is invalid.
pub fn sensitivity(catalog: &Catalog, scenario: &Scenario) -> Result<Sensitivity> {
    sensitivity_until(catalog, scenario, &Cancel::never())
}

/// [`sensitivity`], stopping with [`crate::Error::Cancelled`] before the next
/// of its 13 estimates once `cancel` is set.
pub fn sensitivity_until(catalog: &Catalog, scenario: &Scenario, cancel: &Cancel) -> Result<Sensitivity> {
    let base = estimate_until(catalog, scenario, cancel)?;
    let mut rows = Vec::with_capacity(INPUTS.len());
    for input in &INPUTS {
        let moved = |factor: Decimal| -> Result<Estimate> {
            let mut s = scenario.clone();
            let mut scaled = None;
            (input.apply)(&mut s, &mut scaled, catalog, factor);
            estimate_until(scaled.as_ref().unwrap_or(catalog), &s, cancel)
        };
        let (low, high) = (moved(LOW)?, moved(HIGH)?);
        let (low_label, high_label) = if input.id == "standby_fraction" {
            let shown = |f: Decimal| {
                let v = (scenario.standby_fraction * f).min(Decimal::ONE) * Decimal::ONE_HUNDRED;
                format!("{} %", v.normalize())
            };
            (shown(LOW), shown(HIGH))
        } else {
            ("−50 %".to_owned(), "+50 %".to_owned())
        };
        let (net_low, net_high) = (net_benefit(&low), net_benefit(&high));
        let swing = net_high - net_low;
        rows.push(SensitivityRow {
            input: input.id.to_owned(),
            name: input.name.to_owned(),
            low_label,
            high_label,
            net_benefit_low: net_low,
            net_benefit_high: net_high,
            break_even_low: low.break_even.hours,
            break_even_high: high.break_even.hours,
            swing: if swing.is_negative() {
                Money::ZERO - swing
            } else {
                swing
            },
        });
    }
    // A stable sort: equal swings keep the table's order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.swing));
    Ok(Sensitivity {
        base_net_benefit: net_benefit(&base),
        base_break_even_hours: base.break_even.hours,
        rows,
    })
}

//! DR strategies: cost from per-layer factors, achieved RTO/RPO from mechanism; and the recommendation (the optimizer's design).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, DataMode, ReplicationMode, Strategy};
use crate::cost::{Basis, Factors, Plan, MONTHS_PER_YEAR};
use crate::money::Money;
use crate::optimizer::Design;
use crate::recovery;
use crate::rounding::{minutes, ratio};
use crate::scenario::{Scenario, Targets};

/// One strategy evaluated for the scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StrategyEstimate {
    /// Strategy id from the catalog.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Monthly cost of the whole deployment under this strategy (both
    /// regions, providers, cross-region lines), reporting currency.
    pub monthly: Money,
    /// 12 × `monthly`.
    pub annual: Money,
    /// Regional infrastructure (compute + vector DB + storage) in both regions
    /// ÷ the same in the primary alone, to 0.01: 1.6 for active-passive and
    /// 2.2 for active-active with the catalog's default factors. `None` when
    /// the primary has no regional cost.
    pub relative_to_one_region: Option<Decimal>,
    /// `monthly` ÷ the production-only monthly total, to 0.01.
    pub relative_to_production: Option<Decimal>,
    /// Achieved recovery time in minutes, to 0.1.
    pub rto_minutes: Decimal,
    /// Achieved recovery point in minutes, to 0.1.
    pub rpo_minutes: Decimal,
    /// `rto_minutes` ≤ the target RTO.
    pub meets_rto: bool,
    /// `rpo_minutes` ≤ the target RPO.
    pub meets_rpo: bool,
    /// Whether this is the scenario's chosen strategy (its secondary uses any
    /// directly entered amounts).
    pub chosen: bool,
}

impl StrategyEstimate {
    /// Meets both targets.
    pub fn meets(&self) -> bool {
        self.meets_rto && self.meets_rpo
    }

    /// Target RTO − achieved RTO, in minutes: time to spare when positive or
    /// zero, the miss when negative.
    pub fn rto_margin_minutes(&self, targets: &Targets) -> Decimal {
        targets.rto_minutes - self.rto_minutes
    }

    /// Target RPO − achieved RPO, in minutes: data-loss window to spare when
    /// positive or zero, the miss when negative.
    pub fn rpo_margin_minutes(&self, targets: &Targets) -> Decimal {
        targets.rpo_minutes - self.rpo_minutes
    }
}

/// The one recommendation: the optimized plan, which is the per-layer
/// optimizer's cheapest design meeting both targets, or when none does the
/// design that misses them by least.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    /// Whether the design meets both targets; false means no design does and this is the closest.
    pub meets: bool,
    /// The design, one line per layer, e.g. "Compute: Warm standby: 20 % of capacity running".
    pub design: Vec<String>,
    /// The whole plan a month (= [`crate::Estimate::optimized_dr`]'s total).
    pub monthly: Money,
    /// 12 × `monthly`.
    pub annual: Money,
    /// The design's recovery time, minutes, to 0.1.
    pub rto_minutes: Decimal,
    /// The design's recovery point, minutes, to 0.1.
    pub rpo_minutes: Decimal,
    /// Minutes by which it misses the RTO target (0 when met).
    pub rto_shortfall_minutes: Decimal,
    /// Minutes by which it misses the RPO target (0 when met).
    pub rpo_shortfall_minutes: Decimal,
    /// One sentence saying why, without a trailing period.
    pub reason: String,
}

/// The recommendation for the optimizer's `design`, whose plan costs `monthly`.
pub(crate) fn recommend(design: &Design, monthly: Money, targets: Targets, currency: &str) -> Recommendation {
    let targets_text = format!("RTO {} min and RPO {} min", targets.rto_minutes, targets.rpo_minutes);
    let rto_gap = (design.rto_minutes - targets.rto_minutes).max(Decimal::ZERO);
    let rpo_gap = (design.rpo_minutes - targets.rpo_minutes).max(Decimal::ZERO);
    let meets = design.meets_rto && design.meets_rpo;
    let reason = if meets {
        format!(
            "the cheapest design that meets {targets_text} recovers in {} min and loses at most {} min of data, for {} a month",
            design.rto_minutes,
            design.rpo_minutes,
            crate::present::money(monthly, currency)
        )
    } else {
        let mut misses = Vec::new();
        if rto_gap > Decimal::ZERO {
            misses.push(format!("the RTO by {rto_gap} min"));
        }
        if rpo_gap > Decimal::ZERO {
            misses.push(format!("the RPO by {rpo_gap} min"));
        }
        format!(
            "no design meets {targets_text}; the closest misses {}, for {} a month",
            misses.join(" and "),
            crate::present::money(monthly, currency)
        )
    };
    Recommendation {
        meets,
        design: design
            .modes
            .iter()
            .map(|m| format!("{}: {}", m.layer.label(), m.name))
            .collect(),
        monthly,
        annual: monthly * MONTHS_PER_YEAR,
        rto_minutes: design.rto_minutes,
        rpo_minutes: design.rpo_minutes,
        rto_shortfall_minutes: rto_gap,
        rpo_shortfall_minutes: rpo_gap,
        reason,
    }
}

/// The secondary factors a strategy applies for this scenario (warm standby
/// takes the scenario's standby fraction).
pub(crate) fn factors(strategy: &Strategy, standby_fraction: Decimal) -> Factors {
    if strategy.uses_standby_fraction {
        let f = standby_fraction;
        Factors {
            compute: f,
            vector_db: f,
            storage: f,
            replication: f,
        }
    } else {
        Factors {
            compute: strategy.compute,
            vector_db: strategy.vector_db,
            storage: strategy.storage,
            replication: strategy.replication,
        }
    }
}

/// Achieved RTO in minutes (exact): failover minutes + provisioning minutes
/// × (1 − standby capacity) + restore minutes when data is restored from
/// backups, and never less than the AI provider chain needs to recover
/// (the failover minutes when a fallback carries the traffic, else the
/// outage waited out), as the optimizer counts it.
pub fn rto_minutes(catalog: &Catalog, s: &Scenario, strategy: &Strategy) -> Decimal {
    let capacity = if strategy.uses_standby_fraction {
        s.standby_fraction
    } else {
        strategy.standby_capacity
    };
    let provision = Decimal::from(s.compute.provision_minutes) * (Decimal::ONE - capacity.min(Decimal::ONE));
    let restore = match strategy.data {
        DataMode::Restore => recovery::restore_minutes(catalog, s),
        DataMode::Replicated => Decimal::ZERO,
    };
    (strategy.failover_minutes + provision + restore).max(crate::optimizer::chain_rto_minutes(catalog, s))
}

/// Achieved RPO in minutes: the snapshot interval, the replication lag, or 0 for synchronous replication.
pub fn rpo_minutes(s: &Scenario, strategy: &Strategy) -> Decimal {
    match strategy.replication_mode {
        ReplicationMode::Snapshot => Decimal::from(s.backups.snapshot_interval_minutes),
        ReplicationMode::Async => s.network.replication_lag_minutes,
        ReplicationMode::Sync => Decimal::ZERO,
    }
}

/// Evaluates every catalog strategy.
pub(crate) fn evaluate(
    catalog: &Catalog,
    s: &Scenario,
    basis: &Basis,
    targets: Targets,
    production: Money,
) -> Vec<StrategyEstimate> {
    catalog
        .strategies()
        .iter()
        .map(|strategy| {
            let chosen = strategy.id == s.strategy;
            let totals = basis.totals(Plan::Dr {
                factors: factors(strategy, s.standby_fraction),
                entered: chosen,
            });
            let rto = minutes(rto_minutes(catalog, s, strategy));
            let rpo = minutes(rpo_minutes(s, strategy));
            let divide =
                |a: Money, b: Money| (!b.to_decimal().is_zero()).then(|| ratio(a.to_decimal() / b.to_decimal()));
            StrategyEstimate {
                id: strategy.id.clone(),
                name: strategy.name.clone(),
                monthly: totals.monthly,
                annual: totals.monthly * MONTHS_PER_YEAR,
                relative_to_one_region: divide(totals.regional_both, totals.regional_primary),
                relative_to_production: divide(totals.monthly, production),
                rto_minutes: rto,
                rpo_minutes: rpo,
                meets_rto: rto <= targets.rto_minutes,
                meets_rpo: rpo <= targets.rpo_minutes,
                chosen,
            }
        })
        .collect()
}

#[cfg(test)]
mod margin_tests {
    use super::*;

    #[test]
    fn margins_are_target_minus_achieved() {
        let estimate =
            crate::estimate(&Catalog::shipped(), &crate::examples::production_tier()).expect("the example estimates");
        let targets = estimate.targets;
        for s in &estimate.strategies {
            assert_eq!(s.rto_margin_minutes(&targets) >= Decimal::ZERO, s.meets_rto, "{}", s.id);
            assert_eq!(s.rpo_margin_minutes(&targets) >= Decimal::ZERO, s.meets_rpo, "{}", s.id);
        }
        let warm = estimate
            .strategies
            .iter()
            .find(|s| s.id == "warm_standby")
            .expect("warm standby");
        // Production tier: RTO 30 min, warm standby recovers in 22 min (docs/methodology.md).
        assert_eq!(warm.rto_margin_minutes(&targets), Decimal::from(8));
    }
}

//! DR strategies: cost from per-layer factors, achieved RTO/RPO from mechanism, and the recommendation.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, DataMode, ReplicationMode, Strategy};
use crate::cost::{Basis, Factors, Plan, MONTHS_PER_YEAR};
use crate::money::Money;
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

/// The cheapest strategy meeting both targets, or the closest miss.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    /// The recommended strategy id; `None` when no strategy meets both targets.
    pub strategy: Option<String>,
    /// When none meets: the strategy that comes closest (smallest RTO miss, then RPO miss).
    pub closest: Option<String>,
    /// Minutes by which the recommended (or closest) strategy misses the RTO target (0 when met).
    pub rto_shortfall_minutes: Decimal,
    /// Minutes by which it misses the RPO target (0 when met).
    pub rpo_shortfall_minutes: Decimal,
    /// One sentence saying why, without a trailing period.
    pub reason: String,
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
/// × (1 − standby capacity) + restore minutes when data is restored from backups.
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
    strategy.failover_minutes + provision + restore
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

/// The cheapest strategy that meets both targets (catalog order breaks ties);
/// when none does, the closest one and by how much it misses.
pub(crate) fn recommend(strategies: &[StrategyEstimate], targets: Targets, currency: &str) -> Recommendation {
    let targets_text = format!("RTO {} min and RPO {} min", targets.rto_minutes, targets.rpo_minutes);
    let best = strategies.iter().filter(|s| s.meets()).min_by_key(|s| s.monthly);
    if let Some(best) = best {
        return Recommendation {
            strategy: Some(best.id.clone()),
            closest: None,
            rto_shortfall_minutes: Decimal::ZERO,
            rpo_shortfall_minutes: Decimal::ZERO,
            reason: format!(
                "{} is the cheapest strategy that meets {targets_text}: it recovers in {} min and loses at most {} min of data, for {} {currency} a month",
                best.name, best.rto_minutes, best.rpo_minutes, best.monthly
            ),
        };
    }
    let gap = |s: &StrategyEstimate| {
        (
            (s.rto_minutes - targets.rto_minutes).max(Decimal::ZERO),
            (s.rpo_minutes - targets.rpo_minutes).max(Decimal::ZERO),
        )
    };
    let Some(closest) = strategies.iter().min_by_key(|s| gap(s)) else {
        return Recommendation {
            strategy: None,
            closest: None,
            rto_shortfall_minutes: Decimal::ZERO,
            rpo_shortfall_minutes: Decimal::ZERO,
            reason: "the catalog has no strategies".to_owned(),
        };
    };
    let (rto_gap, rpo_gap) = gap(closest);
    let mut misses = Vec::new();
    if rto_gap > Decimal::ZERO {
        misses.push(format!("the RTO by {rto_gap} min"));
    }
    if rpo_gap > Decimal::ZERO {
        misses.push(format!("the RPO by {rpo_gap} min"));
    }
    Recommendation {
        strategy: None,
        closest: Some(closest.id.clone()),
        rto_shortfall_minutes: rto_gap,
        rpo_shortfall_minutes: rpo_gap,
        reason: format!(
            "no strategy meets {targets_text}; the closest, {}, misses {}",
            closest.name,
            misses.join(" and ")
        ),
    }
}

#[cfg(test)]
mod margin_tests {
    use super::*;

    #[test]
    fn margins_are_target_minus_achieved() {
        let estimate = crate::estimate(&Catalog::shipped(), &Scenario::default()).expect("the default estimates");
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

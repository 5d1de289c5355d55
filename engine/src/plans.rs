//! The plans an [`Estimate`] prices and the marks a strategy carries, named
//! once: the page, the charts, the CSV files and the CLI list the same plans
//! in the same order under the same labels.

use crate::cost::PlanCost;
use crate::estimate::Estimate;
use crate::strategy::StrategyEstimate;

/// A plan an [`Estimate`] prices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Plan {
    /// The primary alone, no DR ([`Estimate::production_only`]).
    ProductionOnly,
    /// A full copy in the secondary with full replication ([`Estimate::full_dr`]).
    FullDr,
    /// The secondary at the standby fraction, the article's "optimized DR" ([`Estimate::standby_dr`]).
    StandbyDr,
    /// The cheapest design meeting both targets, or the closest ([`Estimate::optimized_dr`]).
    OptimizedDr,
    /// The scenario's chosen strategy ([`Estimate::dr_plan`]).
    Chosen,
}

/// What a plan is there for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// One of the three columns of the article's Part 6.1 example, priced the same way whatever
    /// strategy is chosen, so they are shown side by side.
    Reference,
    /// The recommendation: the cheapest design that meets the targets.
    Recommended,
    /// The plan of the strategy the scenario chose: the one being priced.
    Chosen,
}

impl Plan {
    /// Every plan, in display order: the references, then the chosen plan.
    pub const ALL: [Plan; 5] = [
        Plan::ProductionOnly,
        Plan::FullDr,
        Plan::StandbyDr,
        Plan::OptimizedDr,
        Plan::Chosen,
    ];

    /// The label every report gives it, e.g. `Full DR`.
    pub fn label(self) -> &'static str {
        match self {
            Plan::ProductionOnly => "Production only",
            Plan::FullDr => "Full DR",
            Plan::StandbyDr => "Standby share (the article's optimized DR)",
            Plan::OptimizedDr => "Optimized DR",
            Plan::Chosen => "Chosen DR plan",
        }
    }

    /// What the plan is there for.
    pub fn role(self) -> Role {
        match self {
            Plan::ProductionOnly | Plan::FullDr | Plan::StandbyDr => Role::Reference,
            Plan::OptimizedDr => Role::Recommended,
            Plan::Chosen => Role::Chosen,
        }
    }

    /// The plan's lines and totals in `estimate`.
    pub fn cost(self, estimate: &Estimate) -> &PlanCost {
        match self {
            Plan::ProductionOnly => &estimate.production_only,
            Plan::FullDr => &estimate.full_dr,
            Plan::StandbyDr => &estimate.standby_dr,
            Plan::OptimizedDr => &estimate.optimized_dr,
            Plan::Chosen => &estimate.dr_plan,
        }
    }
}

/// Every plan of `estimate` with its lines and monthly and annual totals, in
/// display order ([`Plan::ALL`]).
pub fn plans(estimate: &Estimate) -> [(Plan, &PlanCost); 5] {
    Plan::ALL.map(|plan| (plan, plan.cost(estimate)))
}

/// The plans of `estimate` with `role`, in display order.
pub fn plans_in(estimate: &Estimate, role: Role) -> impl Iterator<Item = (Plan, &PlanCost)> {
    plans(estimate).into_iter().filter(move |(plan, _)| plan.role() == role)
}

/// A word written after a strategy in the finance report and the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// The scenario's chosen strategy.
    Chosen,
    /// The strategy misses the RTO target, the RPO target or both.
    MissesTargets,
}

impl Mark {
    /// The words, e.g. `misses the targets`.
    pub fn label(self) -> &'static str {
        match self {
            Mark::Chosen => "chosen",
            Mark::MissesTargets => "misses the targets",
        }
    }
}

/// The marks of `strategy` in `estimate`, in the order they are written:
/// chosen, misses the targets. (The recommendation is a per-layer design,
/// [`Estimate::recommendation`], not a strategy.)
pub fn marks(strategy: &StrategyEstimate) -> Vec<Mark> {
    [
        (strategy.chosen, Mark::Chosen),
        (!strategy.meets(), Mark::MissesTargets),
    ]
    .into_iter()
    .filter_map(|(holds, mark)| holds.then_some(mark))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate, Catalog, Money};

    fn default_estimate() -> Estimate {
        estimate(&Catalog::shipped(), &crate::examples::production_tier()).expect("the example is valid")
    }

    #[test]
    fn production_tier_example_lists_five_plans_with_their_totals_in_display_order() {
        let e = default_estimate();
        let listed: Vec<(&str, Role, Money, Money)> = plans(&e)
            .into_iter()
            .map(|(plan, cost)| (plan.label(), plan.role(), cost.monthly, cost.annual))
            .collect();
        let units = Money::from_units;
        assert_eq!(
            listed,
            [
                ("Production only", Role::Reference, units(4_300), units(51_600)),
                ("Full DR", Role::Reference, units(7_800), units(93_600)),
                (
                    "Standby share (the article's optimized DR)",
                    Role::Reference,
                    units(5_800),
                    units(69_600)
                ),
                // The cheapest per-layer design meeting RTO 30 / RPO 15 min.
                ("Optimized DR", Role::Recommended, units(5_300), units(63_600)),
                ("Chosen DR plan", Role::Chosen, units(7_800), units(93_600)),
            ]
        );
    }

    #[test]
    fn the_references_are_the_three_columns_of_domain_section_3() {
        let e = default_estimate();
        let references: Vec<Plan> = plans_in(&e, Role::Reference).map(|(plan, _)| plan).collect();
        assert_eq!(references, [Plan::ProductionOnly, Plan::FullDr, Plan::StandbyDr]);
        let recommended: Vec<Plan> = plans_in(&e, Role::Recommended).map(|(plan, _)| plan).collect();
        assert_eq!(recommended, [Plan::OptimizedDr]);
        let chosen: Vec<Plan> = plans_in(&e, Role::Chosen).map(|(plan, _)| plan).collect();
        assert_eq!(chosen, [Plan::Chosen]);
    }

    #[test]
    fn each_strategy_of_the_production_tier_example_carries_its_marks() {
        let e = default_estimate();
        let marked: Vec<(&str, Vec<&str>)> = e
            .strategies
            .iter()
            .map(|s| (s.id.as_str(), marks(s).into_iter().map(Mark::label).collect()))
            .collect();
        assert_eq!(
            marked,
            [
                ("backup_restore", vec!["misses the targets"]),
                ("pilot_light", vec!["misses the targets"]),
                ("warm_standby", vec![]),
                ("active_passive", vec!["chosen"]),
                ("active_active", vec![]),
            ]
        );
    }
}

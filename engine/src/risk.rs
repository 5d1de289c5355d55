//! The risk matrix: expected events, downtime per event and annualized loss (ALE) with and without DR.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Mitigation, Range};
use crate::money::Money;
use crate::recovery;
use crate::rounding::{hours, ratio};
use crate::scenario::Scenario;

const SIXTY: Decimal = Decimal::from_parts(60, 0, 0, false, 0);

/// What DR does to one event of a failure scenario, in exact USD and hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Effect {
    /// The outage with DR lasts at most this many hours (`None`: DR does not shorten it).
    pub cap_hours: Option<Decimal>,
    /// One-off recovery cost of an event without DR (re-embedding a lost index).
    pub one_off_without: Decimal,
    /// One-off recovery cost of an event that remains with DR.
    pub one_off_with: Decimal,
}

/// The scenario's recovery times and costs that every failure scenario's
/// mitigation reads; computed once, shared by the risk matrix and the Monte
/// Carlo simulation so both apply the same rule.
pub(crate) struct Mitigations {
    provider_failover_hours: Option<Decimal>,
    restore_hours: Decimal,
    vector_restore_hours: Decimal,
    reembed_usd: Decimal,
    backed_up: bool,
}

impl Mitigations {
    pub(crate) fn new(catalog: &Catalog, s: &Scenario) -> Mitigations {
        Mitigations {
            provider_failover_hours: (s.providers.len() > 1)
                .then(|| Decimal::from(s.provider_failover_minutes) / SIXTY),
            restore_hours: recovery::restore_minutes(catalog, s) / SIXTY,
            vector_restore_hours: recovery::vector_restore_minutes(catalog, s) / SIXTY,
            reembed_usd: recovery::reembedding_cost_usd(catalog, s),
            backed_up: s.vector_db.backed_up,
        }
    }

    /// The effect of DR on one event: provider failover caps it at the
    /// failover minutes when the chain has a second provider; region failover
    /// at the strategy's achieved RTO (`rto_minutes`); backup restore at the
    /// restore time; vector restore at the index's restore (else re-embedding)
    /// time, and a backed-up index avoids the re-embedding cost.
    pub(crate) fn effect(&self, mitigation: Mitigation, rto_minutes: Decimal) -> Effect {
        let cap = |cap_hours: Option<Decimal>| Effect {
            cap_hours,
            one_off_without: Decimal::ZERO,
            one_off_with: Decimal::ZERO,
        };
        match mitigation {
            Mitigation::ProviderFailover => cap(self.provider_failover_hours),
            Mitigation::RegionFailover => cap(Some(rto_minutes / SIXTY)),
            Mitigation::BackupRestore => cap(Some(self.restore_hours)),
            // Without DR the index is re-embedded; with a backup it is restored.
            Mitigation::VectorRestore => Effect {
                cap_hours: Some(self.vector_restore_hours),
                one_off_without: self.reembed_usd,
                one_off_with: if self.backed_up {
                    Decimal::ZERO
                } else {
                    self.reembed_usd
                },
            },
            Mitigation::None => cap(None),
        }
    }
}

/// One failure scenario, costed for this scenario and the chosen strategy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskRow {
    /// Scenario id from the catalog.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Likelihood as the source words it.
    pub likelihood: String,
    /// Impact as the source words it.
    pub impact: String,
    /// Priority 1–5.
    pub priority: u8,
    /// Share of the full downtime cost an hour of this failure costs (0–1).
    pub impact_share: Decimal,
    /// Events per year (low, likely, high) from the catalog.
    pub events_range: Range,
    /// Hours per event without DR (low, likely, high) from the catalog.
    pub hours_range: Range,
    /// Expected events per year (the likely rate, ARO).
    pub events_per_year: Decimal,
    /// Hours of outage per event without DR (the likely duration), to 0.01.
    pub hours_without: Decimal,
    /// Hours per event with the chosen strategy and provider chain, to 0.01:
    /// the lesser of `hours_without` and what the mitigation allows.
    pub hours_with: Decimal,
    /// ARO × (hours without × impact share × downtime cost + one-off recovery cost).
    pub ale_without: Money,
    /// `ale_without` − `ale_reduction` (ARO × (hours with × impact share ×
    /// downtime cost + one-off cost that remains), give or take a cent of rounding).
    pub ale_with: Money,
    /// ARO × ((hours without − hours with) × impact share × downtime cost +
    /// one-off recovery cost avoided), rounded on its own.
    pub ale_reduction: Money,
    /// What the fallback provider costs over the primary while it carries the
    /// traffic, a year: events × hours it carries (without − with) × impact
    /// share × requests an hour × (its price per request − the primary's,
    /// at least 0); 0 for scenarios a provider failover does not mitigate.
    pub fallback_cost: Money,
}

/// The likelihood bands of a risk grid, lowest first (the words of the risk
/// assessment matrix, Part 1.2 of "Disaster Recovery & Failover Strategies for AI Services").
pub const LIKELIHOOD_BANDS: [&str; 4] = ["Very low", "Low", "Medium", "High"];

/// The impact bands of a risk grid, mildest first (the words of the article's Part 1.2).
pub const IMPACT_BANDS: [&str; 6] = ["Low", "Low-moderate", "Moderate", "Severe", "Critical", "Catastrophic"];

impl RiskRow {
    /// Index into [`LIKELIHOOD_BANDS`]: the band the catalog's wording starts
    /// with ("Medium (2-3x / year)" → Medium); wording that names no band is
    /// placed by the likely rate: under 0.2 a year very low, under 1.5 low,
    /// under 12 medium, else high.
    pub fn likelihood_band(&self) -> usize {
        let words = self.likelihood.to_ascii_lowercase();
        // Longest names first, so "very low" is not read as "low".
        let by_words = [(0, "very low"), (1, "low"), (2, "medium"), (3, "high")]
            .into_iter()
            .find(|(_, band)| words.starts_with(band))
            .map(|(index, _)| index);
        by_words.unwrap_or_else(|| {
            let rate = self.events_per_year;
            if rate < Decimal::new(2, 1) {
                0
            } else if rate < Decimal::new(15, 1) {
                1
            } else if rate < Decimal::from(12) {
                2
            } else {
                3
            }
        })
    }

    /// Index into [`IMPACT_BANDS`]: the band the catalog's wording names
    /// (case and the hyphen's kind ignored); wording that names none is placed
    /// by the impact share: under 0.2 low, under 0.4 low-moderate, under 0.75
    /// moderate, else severe.
    pub fn impact_band(&self) -> usize {
        let words = self.impact.to_ascii_lowercase().replace(['–', '—', ' '], "-");
        IMPACT_BANDS
            .iter()
            .position(|band| band.to_ascii_lowercase() == words)
            .unwrap_or_else(|| {
                let share = self.impact_share;
                if share < Decimal::new(2, 1) {
                    0
                } else if share < Decimal::new(4, 1) {
                    1
                } else if share < Decimal::new(75, 2) {
                    2
                } else {
                    3
                }
            })
    }
}

/// The whole matrix with totals and the return on the DR spend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskMatrix {
    /// One row per catalog failure scenario.
    pub rows: Vec<RiskRow>,
    /// Sum of `ale_without`.
    pub ale_without: Money,
    /// Sum of `ale_with`.
    pub ale_with: Money,
    /// Sum of the rows' reductions (= `ale_without` − `ale_with`; never negative:
    /// DR never lengthens an outage).
    pub ale_reduction: Money,
    /// Sum of `fallback_cost`: the fallback's extra spend while it carries
    /// the traffic ("costs may spike", the article's Part 8 on the provider outage).
    pub fallback_cost: Money,
    /// What DR adds to the bill a year: chosen plan − production only.
    pub dr_annual_cost: Money,
    /// `ale_reduction` ÷ `dr_annual_cost`, to 0.01 (above 1 the DR spend pays
    /// for itself); `None` when DR costs nothing.
    pub return_on_dr_spend: Option<Decimal>,
    /// Σ ARO × (hours without − hours with) × impact share: outage hours
    /// avoided a year, in hours of full downtime.
    pub downtime_avoided_hours: Decimal,
}

/// Builds the matrix. `rto_minutes` is the chosen strategy's achieved RTO
/// (exact); `convert` turns exact USD into rounded reporting currency.
pub(crate) fn matrix(
    catalog: &Catalog,
    s: &Scenario,
    rto_minutes: Decimal,
    dr_annual_cost: Money,
    convert: impl Fn(Decimal) -> Money,
) -> RiskMatrix {
    let downtime = s.downtime_cost_per_hour.to_decimal();
    let rules = Mitigations::new(catalog, s);
    let premium_per_hour = crate::pricing::fallback_premium_per_hour(catalog, s);
    let mut avoided = Decimal::ZERO;
    let rows: Vec<RiskRow> = catalog
        .risks()
        .iter()
        .map(|r| {
            let events = r.events_per_year.likely;
            let without = r.hours_per_event.likely;
            let Effect {
                cap_hours: mitigated,
                one_off_without,
                one_off_with,
            } = rules.effect(r.mitigation, rto_minutes);
            // Hours are rounded to what the table shows before any product, so a
            // reader can check each ALE by hand from the row itself.
            let without = hours(without);
            let with = hours(mitigated.map_or(without, |h| h.min(without)));
            avoided += events * (without - with) * r.impact_share;
            // The reduction is rounded on its own and `ale_with` derived from it,
            // so the reduction can only grow with the cost of downtime (two
            // separately rounded ALEs could lose a cent) and the columns add up.
            let ale_without = convert(events * (without * r.impact_share * downtime + one_off_without));
            let ale_reduction =
                convert(events * ((without - with) * r.impact_share * downtime + (one_off_without - one_off_with)));
            let fallback_cost = match r.mitigation {
                Mitigation::ProviderFailover => convert(events * (without - with) * r.impact_share * premium_per_hour),
                _ => Money::ZERO,
            };
            RiskRow {
                id: r.id.clone(),
                name: r.name.clone(),
                likelihood: r.likelihood.clone(),
                impact: r.impact.clone(),
                priority: r.priority,
                impact_share: r.impact_share,
                events_range: r.events_per_year,
                hours_range: r.hours_per_event,
                events_per_year: events,
                hours_without: without,
                hours_with: with,
                ale_without,
                ale_with: ale_without - ale_reduction,
                ale_reduction,
                fallback_cost,
            }
        })
        .collect();
    let ale_without: Money = rows.iter().map(|r| r.ale_without).sum();
    let ale_with: Money = rows.iter().map(|r| r.ale_with).sum();
    let ale_reduction: Money = rows.iter().map(|r| r.ale_reduction).sum();
    let fallback_cost: Money = rows.iter().map(|r| r.fallback_cost).sum();
    let return_on_dr_spend = (!dr_annual_cost.to_decimal().is_zero())
        .then(|| ratio(ale_reduction.to_decimal() / dr_annual_cost.to_decimal()));
    RiskMatrix {
        rows,
        ale_without,
        ale_with,
        ale_reduction,
        fallback_cost,
        dr_annual_cost,
        return_on_dr_spend,
        downtime_avoided_hours: hours(avoided),
    }
}

#[cfg(test)]
mod band_tests {
    use super::*;

    fn row(likelihood: &str, impact: &str, events: i64, share_tenths: i64) -> RiskRow {
        let range = Range {
            low: Decimal::ONE,
            likely: Decimal::ONE,
            high: Decimal::ONE,
        };
        RiskRow {
            id: "x".into(),
            name: "x".into(),
            likelihood: likelihood.into(),
            impact: impact.into(),
            priority: 3,
            impact_share: Decimal::new(share_tenths, 1),
            events_range: range,
            hours_range: range,
            events_per_year: Decimal::from(events),
            hours_without: Decimal::ONE,
            hours_with: Decimal::ONE,
            ale_without: Money::ZERO,
            ale_with: Money::ZERO,
            ale_reduction: Money::ZERO,
            fallback_cost: Money::ZERO,
        }
    }

    #[test]
    fn the_catalog_wording_places_each_risk_of_domain_section_6_on_the_grid() {
        for (likelihood, impact, expected) in [
            ("Medium (2-3x / year)", "Critical", (2, 4)),
            ("Low (1x / year)", "Severe", (1, 3)),
            ("Very low (< 1x / 5 years)", "Catastrophic", (0, 5)),
            ("Medium (5-10x / year)", "Moderate", (2, 2)),
            ("High (weekly)", "Low-moderate", (3, 1)),
            ("High (daily)", "Low", (3, 0)),
            ("Low (1x / 2 years)", "Severe", (1, 3)),
            ("high", "low–moderate", (3, 1)),
        ] {
            let r = row(likelihood, impact, 1, 10);
            assert_eq!(
                (r.likelihood_band(), r.impact_band()),
                expected,
                "{likelihood} / {impact}"
            );
        }
    }

    #[test]
    fn wording_without_a_band_is_placed_by_rate_and_impact_share() {
        for (events, share_tenths, expected) in [(0, 1, (0, 0)), (1, 3, (1, 1)), (5, 5, (2, 2)), (52, 9, (3, 3))] {
            let r = row("now and then", "noticeable", events, share_tenths);
            assert_eq!(
                (r.likelihood_band(), r.impact_band()),
                expected,
                "{events} a year, share {share_tenths}/10"
            );
        }
    }
}

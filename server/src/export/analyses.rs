//! The analyses' tables, each from its own engine run: the annual-loss
//! distribution (`simulation.csv`), the per-layer designs (`designs.csv`) and the tornado
//! (`sensitivity.csv`).

use engine::{Computation, Layer, Optimization, Sensitivity, Simulation};
use serde::Serialize;

use super::sheet::{text, Amount, Number, Sheet, Text, Trace};
use super::Report;

/// A row of `simulation.csv`: the annual loss without DR or under one strategy.
#[derive(Default, Serialize)]
pub(super) struct SimulationRow {
    /// The strategy's id, `none` without DR.
    strategy: Text,
    name: Text,
    dr_annual_cost: Amount,
    mean_annual_loss: Amount,
    p50: Amount,
    p90: Amount,
    p99: Amount,
    pays_for_itself_percent: Option<Number>,
    /// How the figures were computed: `exact` or `monte_carlo`, as the scenario's JSON names it.
    method: Text,
    /// Monte Carlo only: simulated years and seed.
    years: Option<u32>,
    seed: Option<u64>,
    currency: Text,
}

pub(super) fn simulation(sheet: &mut Sheet<SimulationRow, Trace>, r: &Report, s: &Simulation) {
    let currency = &r.estimate.currency.code;
    let (method, years, seed) = match s.computed {
        Computation::MonteCarlo { years, seed } => ("monte_carlo", Some(years), Some(seed)),
        Computation::Exact { .. } => ("exact", None, None),
    };
    for d in std::iter::once(&s.without_dr).chain(&s.strategies) {
        sheet.row(SimulationRow {
            strategy: text(d.strategy.clone().unwrap_or_else(|| "none".to_owned())),
            name: text(&d.name),
            dr_annual_cost: Amount(d.dr_annual_cost),
            mean_annual_loss: Amount(d.mean),
            p50: Amount(d.p50),
            p90: Amount(d.p90),
            p99: Amount(d.p99),
            pays_for_itself_percent: d.pays_for_itself_percent.map(Number),
            method: text(method),
            years,
            seed,
            currency: text(currency),
        });
    }
}

/// A row of `designs.csv`: the cheapest design meeting both targets, or a
/// point of the cost/RTO frontier, with its mode for each [`Layer`]. The
/// mode columns are `"<layer label> mode"` in [`Layer::ALL`] order (a test
/// holds the names to the labels).
#[derive(Default, Serialize)]
pub(super) struct DesignRow {
    design: Text,
    monthly: Amount,
    annual: Amount,
    rto_minutes: Number,
    rpo_minutes: Number,
    meets_rto: bool,
    meets_rpo: bool,
    #[serde(rename = "Compute mode")]
    compute_mode: Text,
    #[serde(rename = "Vector DB and data mode")]
    vector_db_mode: Text,
    #[serde(rename = "AI provider chain mode")]
    provider_chain_mode: Text,
    #[serde(rename = "Backups mode")]
    backups_mode: Text,
    currency: Text,
}

pub(super) fn designs(sheet: &mut Sheet<DesignRow, Trace>, r: &Report, o: &Optimization) {
    let labelled = o
        .cheapest
        .iter()
        .map(|d| ("Cheapest meeting both targets", d))
        .chain(o.frontier.iter().map(|d| ("Cost/RTO frontier", d)));
    for (label, d) in labelled {
        // One mode per layer, in `Layer::ALL` order.
        let mode = |layer: Layer| {
            d.modes
                .iter()
                .find(|m| m.layer == layer)
                .map_or_else(Text::default, |m| text(&m.name))
        };
        sheet.row(DesignRow {
            design: text(label),
            monthly: Amount(d.monthly),
            annual: Amount(d.annual),
            rto_minutes: Number(d.rto_minutes),
            rpo_minutes: Number(d.rpo_minutes),
            meets_rto: d.meets_rto,
            meets_rpo: d.meets_rpo,
            compute_mode: mode(Layer::Compute),
            vector_db_mode: mode(Layer::VectorDb),
            provider_chain_mode: mode(Layer::ProviderChain),
            backups_mode: mode(Layer::Backups),
            currency: text(&r.estimate.currency.code),
        });
    }
}

/// A row of `sensitivity.csv`: one input at both ends of its range.
#[derive(Default, Serialize)]
pub(super) struct SensitivityRow {
    input: Text,
    low: Text,
    high: Text,
    net_benefit_low: Amount,
    net_benefit_high: Amount,
    swing: Amount,
    break_even_hours_low: Number,
    break_even_hours_high: Number,
    base_net_benefit: Amount,
    base_break_even_hours: Number,
    currency: Text,
}

pub(super) fn sensitivity(sheet: &mut Sheet<SensitivityRow, Trace>, r: &Report, s: &Sensitivity) {
    for row in &s.rows {
        sheet.row(SensitivityRow {
            input: text(&row.name),
            low: text(&row.low_label),
            high: text(&row.high_label),
            net_benefit_low: Amount(row.net_benefit_low),
            net_benefit_high: Amount(row.net_benefit_high),
            swing: Amount(row.swing),
            break_even_hours_low: Number(row.break_even_low),
            break_even_hours_high: Number(row.break_even_high),
            base_net_benefit: Amount(s.base_net_benefit),
            base_break_even_hours: Number(s.base_break_even_hours),
            currency: text(&r.estimate.currency.code),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_columns_are_named_after_the_layers_in_design_order() {
        let sheet: Sheet<DesignRow, Trace> = Sheet::new(Trace {
            catalog_version: text("2026-11"),
            share_link: text("/"),
        });
        let bytes = sheet.finish().unwrap();
        let header = String::from_utf8(bytes).unwrap();
        let columns: Vec<&str> = header.trim_end().split(',').collect();
        let modes: Vec<String> = Layer::ALL.iter().map(|l| format!("{} mode", l.label())).collect();
        assert_eq!(columns[7..11], modes, "{header}");
    }
}

//! The estimate's tables: inputs, costs, strategies and risk, one row
//! struct each, whose field names (or `rename`s) are the CSV header.

use engine::link::{PARAMETERS, PRICE_PREFIX};
use engine::plans::plans;
use engine::Scenario;
use serde::Serialize;

use super::sheet::{text, Amount, Cell, Number, Sheet, Text, Trace};
use super::Report;

/// A row of `inputs.csv`: a link parameter or a catalog price override.
#[derive(Default, Serialize)]
pub(super) struct InputRow {
    parameter: Text,
    /// Text for a parameter, a number for a price override.
    value: Option<Cell>,
    unit: Text,
    default: Text,
    about: Text,
}

pub(super) fn inputs(sheet: &mut Sheet<InputRow, Trace>, r: &Report) {
    let default = Scenario::default();
    for p in PARAMETERS {
        sheet.row(InputRow {
            parameter: text(p.name),
            value: Some(Cell::Text(text(p.value(&r.scenario)))),
            unit: text(p.unit()),
            default: text(p.value(&default)),
            about: text(p.about),
        });
    }
    for (key, value) in &r.scenario.price_overrides {
        sheet.row(InputRow {
            parameter: text(format!("{PRICE_PREFIX}{key}")),
            value: Some(Cell::Number(Number(*value))),
            unit: text("USD (catalog unit)"),
            default: Text::default(),
            about: text("Catalog price override"),
        });
    }
}

/// A row of `costs.csv`: a cost line of a plan, or the plan's total.
#[derive(Default, Serialize)]
pub(super) struct CostRow {
    plan: Text,
    location: Text,
    component: Text,
    item: Text,
    provider: Text,
    monthly: Amount,
    annual: Amount,
    currency: Text,
}

pub(super) fn costs(sheet: &mut Sheet<CostRow, Trace>, r: &Report) {
    let currency = &r.estimate.currency.code;
    for (plan, cost) in plans(&r.estimate) {
        for line in &cost.lines {
            sheet.row(CostRow {
                plan: text(plan.label()),
                location: text(line.location.label()),
                component: text(line.component.label()),
                item: text(line.item.label()),
                provider: text(line.provider.clone().unwrap_or_default()),
                monthly: Amount(line.monthly),
                annual: Amount(line.annual),
                currency: text(currency),
            });
        }
        sheet.row(CostRow {
            plan: text(plan.label()),
            item: text("Total"),
            monthly: Amount(cost.monthly),
            annual: Amount(cost.annual),
            currency: text(currency),
            ..CostRow::default()
        });
    }
}

/// A row of `strategies.csv`: a catalog strategy, costed and timed.
#[derive(Default, Serialize)]
pub(super) struct StrategyRow {
    strategy: Text,
    name: Text,
    monthly: Amount,
    annual: Amount,
    currency: Text,
    relative_to_one_region: Option<Number>,
    relative_to_production: Option<Number>,
    rto_minutes: Number,
    rpo_minutes: Number,
    meets_rto: bool,
    meets_rpo: bool,
    chosen: bool,
}

pub(super) fn strategies(sheet: &mut Sheet<StrategyRow, Trace>, r: &Report) {
    for s in &r.estimate.strategies {
        sheet.row(StrategyRow {
            strategy: text(&s.id),
            name: text(&s.name),
            monthly: Amount(s.monthly),
            annual: Amount(s.annual),
            currency: text(&r.estimate.currency.code),
            relative_to_one_region: s.relative_to_one_region.map(Number),
            relative_to_production: s.relative_to_production.map(Number),
            rto_minutes: Number(s.rto_minutes),
            rpo_minutes: Number(s.rpo_minutes),
            meets_rto: s.meets_rto,
            meets_rpo: s.meets_rpo,
            chosen: s.chosen,
        });
    }
}

/// A row of `risk.csv`: a failure scenario, or the total.
#[derive(Default, Serialize)]
pub(super) struct RiskRow {
    risk: Text,
    name: Text,
    likelihood: Text,
    impact: Text,
    priority: Option<u8>,
    events_per_year: Option<Number>,
    hours_without_dr: Option<Number>,
    hours_with_dr: Option<Number>,
    ale_without_dr: Amount,
    ale_with_dr: Amount,
    ale_reduction: Amount,
    /// What the fallback provider costs over the primary while it carries the traffic, a year.
    fallback_extra_spend: Amount,
    currency: Text,
}

pub(super) fn risk(sheet: &mut Sheet<RiskRow, Trace>, r: &Report) {
    let m = &r.estimate.risk;
    let currency = &r.estimate.currency.code;
    for row in &m.rows {
        sheet.row(RiskRow {
            risk: text(&row.id),
            name: text(&row.name),
            likelihood: text(&row.likelihood),
            impact: text(&row.impact),
            priority: Some(row.priority),
            events_per_year: Some(Number(row.events_per_year)),
            hours_without_dr: Some(Number(row.hours_without)),
            hours_with_dr: Some(Number(row.hours_with)),
            ale_without_dr: Amount(row.ale_without),
            ale_with_dr: Amount(row.ale_with),
            ale_reduction: Amount(row.ale_reduction),
            fallback_extra_spend: Amount(row.fallback_cost),
            currency: text(currency),
        });
    }
    sheet.row(RiskRow {
        risk: text("total"),
        name: text("Total"),
        ale_without_dr: Amount(m.ale_without),
        ale_with_dr: Amount(m.ale_with),
        ale_reduction: Amount(m.ale_reduction),
        fallback_extra_spend: Amount(m.fallback_cost),
        currency: text(currency),
        ..RiskRow::default()
    });
}

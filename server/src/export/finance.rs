//! `report.csv`: one file for finance. Key inputs, the chosen plan's lines,
//! the plan totals, break-even, risk, the strategies and the sources, each
//! a row of section, item, money (monthly, annual, currency) or a value
//! with its unit.

use engine::plans::{marks, plans, Mark, Plan};
use engine::Money;
use serde::Serialize;

use super::sheet::{text, Amount, Cell, Number, Sheet, Text, Trace};
use super::Report;

/// A row of `report.csv`: money (`monthly`, `annual`, `currency`) or a
/// value with its unit, never both.
#[derive(Default, Serialize)]
pub(super) struct ReportRow {
    section: Text,
    item: Text,
    monthly: Option<Amount>,
    annual: Option<Amount>,
    currency: Text,
    value: Option<Cell>,
    unit: Text,
}

impl ReportRow {
    /// A fact: words or a figure written as words, with its unit.
    fn fact(section: &str, item: &str, value: impl Into<String>, unit: &str) -> ReportRow {
        ReportRow {
            section: text(section),
            item: text(item),
            value: Some(Cell::Text(text(value))),
            unit: text(unit),
            ..ReportRow::default()
        }
    }

    /// An amount a year, and a month when it has one.
    fn money(
        section: &str,
        item: impl Into<String>,
        monthly: Option<Money>,
        annual: Money,
        currency: &str,
    ) -> ReportRow {
        ReportRow {
            section: text(section),
            item: text(item),
            monthly: monthly.map(Amount),
            annual: Some(Amount(annual)),
            currency: text(currency),
            ..ReportRow::default()
        }
    }
}

pub(super) fn finance(sheet: &mut Sheet<ReportRow, Trace>, r: &Report) {
    let e = &r.estimate;
    let s = &r.scenario;
    let currency = e.currency.code.as_str();
    let minutes = |m: rust_decimal::Decimal| m.normalize().to_string();
    for row in [
        ReportRow::fact("Scenario", "Name", &s.name, ""),
        ReportRow::fact("Scenario", "Tier", &s.tier, ""),
        ReportRow::fact("Scenario", "Target RTO", minutes(e.targets.rto_minutes), "minutes"),
        ReportRow::fact("Scenario", "Target RPO", minutes(e.targets.rpo_minutes), "minutes"),
        ReportRow::fact("Scenario", "Primary region", &s.primary_region, ""),
        ReportRow::fact("Scenario", "Secondary region", &s.secondary_region, ""),
        ReportRow::fact("Scenario", "Strategy", &s.strategy, ""),
        ReportRow::fact(
            "Scenario",
            "Cost of one hour of downtime",
            s.downtime_cost_per_hour.to_decimal().normalize().to_string(),
            "USD per hour",
        ),
    ] {
        sheet.row(row);
    }

    let chosen = Plan::Chosen.label();
    for line in &e.dr_plan.lines {
        let mut item = format!("{}: {}", line.location.label(), line.item.label());
        if let Some(provider) = &line.provider {
            item.push_str(&format!(" ({provider})"));
        }
        sheet.row(ReportRow::money(
            chosen,
            item,
            Some(line.monthly),
            line.annual,
            currency,
        ));
    }
    sheet.row(ReportRow::money(
        chosen,
        "Total",
        Some(e.dr_plan.monthly),
        e.dr_plan.annual,
        currency,
    ));
    for (plan, cost) in plans(e) {
        sheet.row(ReportRow::money(
            "Plans",
            plan.label(),
            Some(cost.monthly),
            cost.annual,
            currency,
        ));
    }
    sheet.row(ReportRow {
        value: Some(Cell::Number(Number(e.savings.percent))),
        unit: text("%"),
        ..ReportRow::money(
            "Plans",
            if e.recommendation.meets {
                "Savings of optimized DR (meets the targets) over full DR; negative when it costs more"
            } else {
                "Savings of the closest design (no design meets the targets) over full DR; negative when it costs more"
            },
            Some(e.savings.monthly),
            e.savings.annual,
            currency,
        )
    });

    let b = &e.break_even;
    sheet.row(ReportRow::money(
        "Break-even",
        "What DR adds a year (DR cost)",
        None,
        b.annual_dr_cost,
        currency,
    ));
    sheet.row(ReportRow {
        section: text("Break-even"),
        item: text("Hours of downtime a year what DR adds must prevent"),
        value: Some(Cell::Number(Number(b.hours))),
        unit: text("hours"),
        ..ReportRow::default()
    });
    sheet.row(ReportRow::money(
        "Break-even",
        "The article's convention: the whole DR-enabled deployment a year",
        None,
        b.article_annual_cost,
        currency,
    ));
    sheet.row(ReportRow {
        section: text("Break-even"),
        item: text("The article's convention: hours the whole deployment must prevent"),
        value: Some(Cell::Number(Number(b.article_hours))),
        unit: text("hours"),
        ..ReportRow::default()
    });
    let m = &e.risk;
    for (item, annual) in [
        ("Annual loss expectancy without DR", m.ale_without),
        ("Annual loss expectancy with DR", m.ale_with),
        ("Annual loss avoided by DR", m.ale_reduction),
        (
            "The fallback provider's extra spend while it carries the traffic, a year",
            m.fallback_cost,
        ),
        ("What DR adds to the bill a year", m.dr_annual_cost),
    ] {
        sheet.row(ReportRow::money("Risk", item, None, annual, currency));
    }

    for st in &e.strategies {
        let words: Vec<&str> = marks(st).into_iter().map(Mark::label).collect();
        let value = format!(
            "RTO {} min, RPO {} min{}",
            st.rto_minutes.normalize(),
            st.rpo_minutes.normalize(),
            if words.is_empty() {
                String::new()
            } else {
                format!("; {}", words.join(", "))
            }
        );
        sheet.row(ReportRow {
            value: Some(Cell::Text(text(value))),
            ..ReportRow::money("Strategies", &st.name, Some(st.monthly), st.annual, currency)
        });
    }

    let source = |item: &str, value: &str| ReportRow {
        section: text("Source"),
        item: text(item),
        value: Some(Cell::Text(text(value))),
        ..ReportRow::default()
    };
    sheet.row(source("Catalog version", &e.catalog_version));
    sheet.row(source("Share link", &r.share_link));
    for notice in &r.notices {
        sheet.row(source("Notice", notice));
    }
}

//! CSV downloads of the results tables and a combined report for finance.
//!
//! Every file has one header row, amounts as plain numbers with two decimals
//! next to a currency column, and the catalog version and share link on every
//! row, so a reader can trace where each figure came from. Totals are the
//! engine's, which are sums of the rounded rows printed above them. Text
//! cells that a spreadsheet would run as a formula are neutralised.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use engine::compare::{Comparison, Value};
use engine::link::PARAMETERS;
use engine::{Estimate, Money, Optimization, PlanCost, Scenario, Sensitivity, Simulation};

use crate::charts::slug;
use crate::scenario_query::ScenarioQuery;
use crate::{AppState, Error, Result};

/// `/export/<table>.csv` for every [`Table`], each taking a share-link query.
pub fn router() -> Router<AppState> {
    Table::ALL.into_iter().fold(Router::new(), |router, table| {
        router.route(
            &format!("/export/{}.csv", table.name()),
            get(move |s: State<AppState>, q: ScenarioQuery| download(s, q, table)),
        )
    })
}

/// The CSV files drplan writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Every link parameter with its value, unit and default.
    Inputs,
    /// The cost lines of each plan (production only, full DR, optimized DR, the chosen plan), with totals.
    Costs,
    /// Every catalog strategy: cost, achieved RTO/RPO, whether it meets the targets.
    Strategies,
    /// The risk matrix: events, hours and annualized loss with and without DR, with totals.
    Risk,
    /// Monte Carlo annual loss without DR and per strategy: mean, P50, P90, P99, pays-for-itself share.
    Simulation,
    /// The per-layer designs: the cheapest meeting both targets, then the cost/RTO frontier.
    Designs,
    /// The tornado: net benefit and break-even hours at each end of every input's range.
    Sensitivity,
    /// One file for finance: key inputs, the chosen plan's lines, plan totals, break-even, risk, strategies, sources.
    Report,
}

impl Table {
    /// Every table, each served at `/export/<name>.csv`.
    pub const ALL: [Table; 8] = [
        Table::Inputs,
        Table::Costs,
        Table::Strategies,
        Table::Risk,
        Table::Simulation,
        Table::Designs,
        Table::Sensitivity,
        Table::Report,
    ];

    /// The file's base name, e.g. `costs`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Inputs => "inputs",
            Table::Costs => "costs",
            Table::Strategies => "strategies",
            Table::Risk => "risk",
            Table::Simulation => "simulation",
            Table::Designs => "designs",
            Table::Sensitivity => "sensitivity",
            Table::Report => "report",
        }
    }
}

pub use engine::Report;

async fn download(
    State(state): State<AppState>,
    ScenarioQuery(decoded): ScenarioQuery,
    table: Table,
) -> Result<Response> {
    let report = Report::new(&state.catalog, decoded)?;
    let body = write(table, &report, &state.catalog)?;
    Ok(attachment(&filename(table, &report.scenario.name, &today()), body))
}

/// A CSV answer: UTF-8, downloaded as `filename`.
pub fn attachment(filename: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `drplan-costs-production-tier-example-2026-11-25.csv`: the
/// table, the scenario name made safe for any file system, and the date.
pub fn filename(table: Table, scenario_name: &str, date: &str) -> String {
    format!("drplan-{}-{}-{date}.csv", table.name(), slug(scenario_name))
}

/// `drplan-compare-production-tier-example-vs-checkout-2026-11-25.csv`:
/// both scenario names, made safe as [`filename`] does (with [`slug`]), and the date.
pub fn compare_filename(a_name: &str, b_name: &str, date: &str) -> String {
    format!("drplan-compare-{}-vs-{}-{date}.csv", slug(a_name), slug(b_name))
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    civil_date(days as i64)
}

/// Days since 1970-01-01 → `YYYY-MM-DD` (Howard Hinnant's `civil_from_days`),
/// rather than a date library for one line of a file name.
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The CSV text of one table; the analyses' tables run their engine function on `catalog`.
pub fn write(table: Table, report: &Report, catalog: &engine::Catalog) -> Result<Vec<u8>> {
    let trace = [report.estimate.catalog_version.clone(), report.share_link.clone()];
    let mut sheet = Sheet::new(&["catalog_version", "share_link"], &trace);
    match table {
        Table::Inputs => inputs(&mut sheet, report),
        Table::Costs => costs(&mut sheet, report),
        Table::Strategies => strategies(&mut sheet, report),
        Table::Risk => risk(&mut sheet, report),
        Table::Simulation => simulation(&mut sheet, report, &engine::simulate(catalog, &report.scenario)?),
        Table::Designs => designs(&mut sheet, report, &engine::optimize(catalog, &report.scenario)?),
        Table::Sensitivity => sensitivity(&mut sheet, report, &engine::sensitivity(catalog, &report.scenario)?),
        Table::Report => finance(&mut sheet, report),
    }
    sheet.finish()
}

/// A CSV being written: every row ends with the trace columns (the catalog
/// version and the share link or links the figures come from).
struct Sheet {
    writer: csv::Writer<Vec<u8>>,
    trace_columns: Vec<String>,
    trace: Vec<String>,
    error: Option<csv::Error>,
}

impl Sheet {
    fn new(trace_columns: &[&str], trace: &[String]) -> Sheet {
        Sheet {
            // RFC 4180: CRLF line ends, fields quoted only when they must be.
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
            trace_columns: trace_columns.iter().map(|c| (*c).to_owned()).collect(),
            trace: trace.to_vec(),
            error: None,
        }
    }

    fn header(&mut self, columns: &[&str]) {
        let row: Vec<Cell> = columns.iter().map(|c| Cell::Text((*c).to_owned())).collect();
        let trace = self.trace_columns.clone();
        self.push(row, trace);
    }

    fn row(&mut self, cells: Vec<Cell>) {
        let trace = self.trace.clone();
        self.push(cells, trace);
    }

    fn push(&mut self, cells: Vec<Cell>, trace: Vec<String>) {
        let record = cells
            .into_iter()
            .chain(trace.into_iter().map(Cell::Text))
            .map(Cell::into_field);
        if let Err(e) = self.writer.write_record(record) {
            self.error.get_or_insert(e);
        }
    }

    fn finish(self) -> Result<Vec<u8>> {
        let internal = |e: &dyn std::fmt::Display| Error::Internal(format!("writing a CSV file: {e}"));
        if let Some(e) = self.error {
            return Err(internal(&e));
        }
        self.writer.into_inner().map_err(|e| internal(&e))
    }
}

/// One field: text (neutralised against formulas) or a number written as is.
enum Cell {
    Text(String),
    Number(String),
}

impl Cell {
    fn into_field(self) -> String {
        match self {
            // A spreadsheet runs a cell starting with one of these as a
            // formula (OWASP "CSV injection"); a leading apostrophe makes it text.
            Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{text}"),
            Cell::Text(text) | Cell::Number(text) => text,
        }
    }
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn empty() -> Cell {
    Cell::Text(String::new())
}

/// `7800.00`: two decimals, no separators, no symbol.
fn amount(m: Money) -> Cell {
    Cell::Number(m.round_cents().to_string())
}

fn number(value: impl ToString) -> Cell {
    Cell::Number(value.to_string())
}

fn optional(value: Option<rust_decimal::Decimal>) -> Cell {
    value.map_or_else(empty, |v| number(v.normalize()))
}

/// The rows of `comparison` that differ, one per line: section, item, unit,
/// A, B, B − A and (B − A) ÷ |A| in %, then the catalog version and both share
/// links. Money is written with two decimals; a value one side lacks is empty.
pub fn write_comparison(comparison: &Comparison, a: &Report, b: &Report) -> Result<Vec<u8>> {
    let trace = [
        a.estimate.catalog_version.clone(),
        a.share_link.clone(),
        b.share_link.clone(),
    ];
    let mut sheet = Sheet::new(&["catalog_version", "share_link_a", "share_link_b"], &trace);
    sheet.header(&["section", "item", "unit", "a", "b", "difference", "difference_percent"]);
    let value = |v: &Value| match v {
        Value::Money(m, _) => amount(*m),
        Value::Number(n) => number(n.normalize()),
        Value::Text(t) => text(t.clone()),
        Value::Absent => empty(),
    };
    for row in comparison.differences() {
        let difference = row.difference.as_ref().map_or_else(empty, |d| match row.a {
            Value::Money(..) => amount(Money::new(d.amount)),
            _ => number(d.amount.normalize()),
        });
        let percent = optional(row.difference.as_ref().and_then(|d| d.percent));
        sheet.row(vec![
            text(&row.section),
            text(&row.item),
            text(&row.unit),
            value(&row.a),
            value(&row.b),
            difference,
            percent,
        ]);
    }
    sheet.finish()
}

fn inputs(sheet: &mut Sheet, r: &Report) {
    sheet.header(&["parameter", "value", "unit", "default", "about"]);
    let default = Scenario::default();
    for p in PARAMETERS {
        sheet.row(vec![
            text(p.name),
            text(p.value(&r.scenario)),
            text(p.unit()),
            text(p.value(&default)),
            text(p.about),
        ]);
    }
    for (key, value) in &r.scenario.price_overrides {
        sheet.row(vec![
            text(format!("{}{key}", engine::link::PRICE_PREFIX)),
            number(value.normalize()),
            text("USD (catalog unit)"),
            empty(),
            text("Catalog price override"),
        ]);
    }
}

/// The plans in report order, with their labels.
fn plans(e: &Estimate) -> [(&'static str, &PlanCost); 4] {
    [
        ("Production only", &e.production_only),
        ("Full DR", &e.full_dr),
        ("Optimized DR", &e.optimized_dr),
        ("Chosen DR plan", &e.dr_plan),
    ]
}

fn costs(sheet: &mut Sheet, r: &Report) {
    sheet.header(&[
        "plan",
        "location",
        "component",
        "item",
        "provider",
        "monthly",
        "annual",
        "currency",
    ]);
    let currency = &r.estimate.currency.code;
    for (plan, cost) in plans(&r.estimate) {
        for line in &cost.lines {
            sheet.row(vec![
                text(plan),
                text(line.location.label()),
                text(line.component.label()),
                text(line.item.label()),
                text(line.provider.clone().unwrap_or_default()),
                amount(line.monthly),
                amount(line.annual),
                text(currency),
            ]);
        }
        sheet.row(vec![
            text(plan),
            empty(),
            empty(),
            text("Total"),
            empty(),
            amount(cost.monthly),
            amount(cost.annual),
            text(currency),
        ]);
    }
}

fn strategies(sheet: &mut Sheet, r: &Report) {
    sheet.header(&[
        "strategy",
        "name",
        "monthly",
        "annual",
        "currency",
        "relative_to_one_region",
        "relative_to_production",
        "rto_minutes",
        "rpo_minutes",
        "meets_rto",
        "meets_rpo",
        "chosen",
        "recommended",
    ]);
    let recommended = r.estimate.recommendation.strategy.as_deref();
    for s in &r.estimate.strategies {
        sheet.row(vec![
            text(&s.id),
            text(&s.name),
            amount(s.monthly),
            amount(s.annual),
            text(&r.estimate.currency.code),
            optional(s.relative_to_one_region),
            optional(s.relative_to_production),
            number(s.rto_minutes.normalize()),
            number(s.rpo_minutes.normalize()),
            number(s.meets_rto),
            number(s.meets_rpo),
            number(s.chosen),
            number(recommended == Some(s.id.as_str())),
        ]);
    }
}

fn risk(sheet: &mut Sheet, r: &Report) {
    sheet.header(&[
        "risk",
        "name",
        "likelihood",
        "impact",
        "priority",
        "events_per_year",
        "hours_without_dr",
        "hours_with_dr",
        "ale_without_dr",
        "ale_with_dr",
        "ale_reduction",
        "currency",
    ]);
    let m = &r.estimate.risk;
    let currency = &r.estimate.currency.code;
    for row in &m.rows {
        sheet.row(vec![
            text(&row.id),
            text(&row.name),
            text(&row.likelihood),
            text(&row.impact),
            number(row.priority),
            number(row.events_per_year.normalize()),
            number(row.hours_without.normalize()),
            number(row.hours_with.normalize()),
            amount(row.ale_without),
            amount(row.ale_with),
            amount(row.ale_reduction),
            text(currency),
        ]);
    }
    let mut total = vec![text("total"), text("Total")];
    total.extend((0..6).map(|_| empty()));
    total.extend([
        amount(m.ale_without),
        amount(m.ale_with),
        amount(m.ale_reduction),
        text(currency),
    ]);
    sheet.row(total);
}

fn finance(sheet: &mut Sheet, r: &Report) {
    sheet.header(&["section", "item", "monthly", "annual", "currency", "value", "unit"]);
    let e = &r.estimate;
    let s = &r.scenario;
    let currency = e.currency.code.as_str();
    let mut fact = |section: &str, item: &str, value: String, unit: &str| {
        sheet.row(vec![
            text(section),
            text(item),
            empty(),
            empty(),
            empty(),
            text(value),
            text(unit),
        ]);
    };
    fact("Scenario", "Name", s.name.clone(), "");
    fact("Scenario", "Tier", s.tier.clone(), "");
    fact(
        "Scenario",
        "Target RTO",
        e.targets.rto_minutes.normalize().to_string(),
        "minutes",
    );
    fact(
        "Scenario",
        "Target RPO",
        e.targets.rpo_minutes.normalize().to_string(),
        "minutes",
    );
    fact("Scenario", "Primary region", s.primary_region.clone(), "");
    fact("Scenario", "Secondary region", s.secondary_region.clone(), "");
    fact("Scenario", "Strategy", s.strategy.clone(), "");
    fact(
        "Scenario",
        "Cost of one hour of downtime",
        s.downtime_cost_per_hour.to_decimal().normalize().to_string(),
        "USD per hour",
    );
    let money_row = |sheet: &mut Sheet, section: &str, item: String, monthly: Option<Money>, annual: Money| {
        sheet.row(vec![
            text(section),
            text(item),
            monthly.map_or_else(empty, amount),
            amount(annual),
            text(currency),
            empty(),
            empty(),
        ]);
    };
    for line in &e.dr_plan.lines {
        let mut item = format!("{}: {}", line.location.label(), line.item.label());
        if let Some(provider) = &line.provider {
            item.push_str(&format!(" ({provider})"));
        }
        money_row(sheet, "Chosen DR plan", item, Some(line.monthly), line.annual);
    }
    money_row(
        sheet,
        "Chosen DR plan",
        "Total".to_owned(),
        Some(e.dr_plan.monthly),
        e.dr_plan.annual,
    );
    for (plan, cost) in plans(e) {
        money_row(sheet, "Plans", plan.to_owned(), Some(cost.monthly), cost.annual);
    }
    sheet.row(vec![
        text("Plans"),
        text("Savings of optimized over full DR"),
        amount(e.savings.monthly),
        amount(e.savings.annual),
        text(currency),
        number(e.savings.percent.normalize()),
        text("%"),
    ]);
    let b = &e.break_even;
    money_row(sheet, "Break-even", "Annual DR cost".to_owned(), None, b.annual_dr_cost);
    sheet.row(vec![
        text("Break-even"),
        text("Hours of downtime a year the DR spend must prevent"),
        empty(),
        empty(),
        empty(),
        number(b.hours.normalize()),
        text("hours"),
    ]);
    let m = &e.risk;
    money_row(
        sheet,
        "Risk",
        "Annual loss expectancy without DR".to_owned(),
        None,
        m.ale_without,
    );
    money_row(
        sheet,
        "Risk",
        "Annual loss expectancy with DR".to_owned(),
        None,
        m.ale_with,
    );
    money_row(
        sheet,
        "Risk",
        "Annual loss avoided by DR".to_owned(),
        None,
        m.ale_reduction,
    );
    money_row(
        sheet,
        "Risk",
        "What DR adds to the bill a year".to_owned(),
        None,
        m.dr_annual_cost,
    );
    for st in &e.strategies {
        let mut marks = Vec::new();
        if st.chosen {
            marks.push("chosen");
        }
        if e.recommendation.strategy.as_deref() == Some(st.id.as_str()) {
            marks.push("recommended");
        }
        if !st.meets() {
            marks.push("misses the targets");
        }
        let value = format!(
            "RTO {} min, RPO {} min{}",
            st.rto_minutes.normalize(),
            st.rpo_minutes.normalize(),
            if marks.is_empty() {
                String::new()
            } else {
                format!("; {}", marks.join(", "))
            }
        );
        sheet.row(vec![
            text("Strategies"),
            text(&st.name),
            amount(st.monthly),
            amount(st.annual),
            text(currency),
            text(value),
            empty(),
        ]);
    }
    let mut fact = |item: &str, value: String| {
        sheet.row(vec![
            text("Source"),
            text(item),
            empty(),
            empty(),
            empty(),
            text(value),
            empty(),
        ]);
    };
    fact("Catalog version", e.catalog_version.clone());
    fact("Share link", r.share_link.clone());
    for notice in &r.notices {
        fact("Notice", notice.clone());
    }
}

fn simulation(sheet: &mut Sheet, r: &Report, s: &Simulation) {
    sheet.header(&[
        "strategy",
        "name",
        "dr_annual_cost",
        "mean_annual_loss",
        "p50",
        "p90",
        "p99",
        "pays_for_itself_percent",
        "years",
        "seed",
        "currency",
    ]);
    let currency = &r.estimate.currency.code;
    for d in std::iter::once(&s.without_dr).chain(&s.strategies) {
        sheet.row(vec![
            text(d.strategy.clone().unwrap_or_else(|| "none".to_owned())),
            text(d.name.clone()),
            amount(d.dr_annual_cost),
            amount(d.mean),
            amount(d.p50),
            amount(d.p90),
            amount(d.p99),
            optional(d.pays_for_itself_percent),
            number(s.years),
            number(s.seed),
            text(currency),
        ]);
    }
}

fn designs(sheet: &mut Sheet, r: &Report, o: &Optimization) {
    let mut columns = vec![
        "design",
        "monthly",
        "annual",
        "rto_minutes",
        "rpo_minutes",
        "meets_rto",
        "meets_rpo",
    ];
    let layer_columns: Vec<String> = o.layers.iter().map(|l| format!("{} mode", l.layer.label())).collect();
    columns.extend(layer_columns.iter().map(String::as_str));
    columns.push("currency");
    sheet.header(&columns);
    let currency = &r.estimate.currency.code;
    let labelled = o
        .cheapest
        .iter()
        .map(|d| ("Cheapest meeting both targets", d))
        .chain(o.frontier.iter().map(|d| ("Cost/RTO frontier", d)));
    for (label, d) in labelled {
        let mut cells = vec![
            text(label),
            amount(d.monthly),
            amount(d.annual),
            number(d.rto_minutes.normalize()),
            number(d.rpo_minutes.normalize()),
            number(d.meets_rto),
            number(d.meets_rpo),
        ];
        cells.extend(d.modes.iter().map(|m| text(m.name.clone())));
        cells.push(text(currency));
        sheet.row(cells);
    }
}

fn sensitivity(sheet: &mut Sheet, r: &Report, s: &Sensitivity) {
    sheet.header(&[
        "input",
        "low",
        "high",
        "net_benefit_low",
        "net_benefit_high",
        "swing",
        "break_even_hours_low",
        "break_even_hours_high",
        "base_net_benefit",
        "base_break_even_hours",
        "currency",
    ]);
    let currency = &r.estimate.currency.code;
    for row in &s.rows {
        sheet.row(vec![
            text(row.name.clone()),
            text(row.low_label.clone()),
            text(row.high_label.clone()),
            amount(row.net_benefit_low),
            amount(row.net_benefit_high),
            amount(row.swing),
            number(row.break_even_low.normalize()),
            number(row.break_even_high.normalize()),
            amount(s.base_net_benefit),
            number(s.base_break_even_hours.normalize()),
            text(currency),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_days_since_1970() {
        for (days, date) in [
            (0, "1970-01-01"),
            (20_417, "2025-11-25"),
            (20_782, "2026-11-25"),
            (11_016, "2000-02-29"),
        ] {
            assert_eq!(civil_date(days), date);
        }
    }

    #[test]
    fn filenames_carry_the_table_a_safe_scenario_name_and_the_date() {
        let cases = [
            (
                "Production tier example",
                "drplan-costs-production-tier-example-2026-11-25.csv",
            ),
            ("", "drplan-costs-scenario-2026-11-25.csv"),
            ("=HYPERLINK(\"x\")", "drplan-costs-hyperlink-x-2026-11-25.csv"),
            ("../../etc/passwd", "drplan-costs-etc-passwd-2026-11-25.csv"),
            ("Ünïcödé only", "drplan-costs-n-c-d-only-2026-11-25.csv"),
        ];
        for (name, expected) in cases {
            assert_eq!(filename(Table::Costs, name, "2026-11-25"), expected, "{name}");
        }
    }

    #[test]
    fn a_comparison_file_is_named_after_both_scenarios() {
        assert_eq!(
            compare_filename("Checkout", "=cmd|' /C calc'!A0", "2026-11-25"),
            "drplan-compare-checkout-vs-cmd-c-calc-a0-2026-11-25.csv"
        );
    }

    #[test]
    fn text_that_would_run_as_a_formula_is_neutralised_and_numbers_are_not() {
        for (cell, expected) in [
            (text("=1+1"), "'=1+1"),
            (text("+1"), "'+1"),
            (text("-1"), "'-1"),
            (text("@SUM(A1)"), "'@SUM(A1)"),
            (text("\tx"), "'\tx"),
            (text("\rx"), "'\rx"),
            (text("plain"), "plain"),
            (number("-5.00"), "-5.00"),
        ] {
            assert_eq!(cell.into_field(), expected);
        }
    }
}

//! CSV downloads of the results tables and a combined report for finance.
//!
//! Every file has one header row, amounts as plain numbers with two decimals
//! next to a currency column, and the catalog version and share link on every
//! row, so a reader can trace where each figure came from. Totals are the
//! engine's, which are sums of the rounded rows printed above them. Text
//! cells that a spreadsheet would run as a formula are neutralised.
//!
//! This file routes `/export/<table>.csv` and picks the table's writer;
//! `file` names and sends the download, `sheet` is the CSV writer every
//! table shares, and each table is a `#[derive(Serialize)]` row struct in
//! `tables` (inputs, costs, strategies, risk), `analyses` (simulation,
//! designs, sensitivity), `finance` (the report) or `comparison`.

mod analyses;
mod comparison;
mod file;
mod finance;
mod sheet;
mod tables;

use axum::{extract::State, response::Response, routing::get, Router};

pub use comparison::write_comparison;
pub use file::{attachment, compare_filename, filename, today};
use sheet::{text, Sheet, Trace};

use crate::scenario_query::ScenarioQuery;
use crate::{AppState, Result};

/// `/export/<table>.csv` for every [`Table`], each taking a share-link query.
pub fn router() -> Router<AppState> {
    Table::ALL.into_iter().fold(Router::new(), |router, table| {
        router.route(
            &format!("/export/{}.csv", table.name()),
            get(move |s: State<AppState>, q: ScenarioQuery| download(s, q, table)),
        )
    })
}

/// The CSV files drplan writes (also the CLI's `--table`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Table {
    /// Every link parameter with its value, unit and default.
    Inputs,
    /// The cost lines of each plan (production only, full DR, optimized DR, the chosen plan), with totals.
    Costs,
    /// Every catalog strategy: cost, achieved RTO/RPO, whether it meets the targets.
    Strategies,
    /// The risk matrix: events, hours and annualized loss with and without DR, with totals.
    Risk,
    /// Annual loss without DR and per strategy (exact or Monte Carlo): mean, P50, P90, P99, pays-for-itself share.
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

/// A scenario with its estimate and link: what every table is written from.
pub use engine::Report;

async fn download(
    State(state): State<AppState>,
    ScenarioQuery(decoded): ScenarioQuery,
    table: Table,
) -> Result<Response> {
    // Every table needs the estimate (its optimizer search) and three run an
    // analysis: all of it in the bounded pool, none on the async workers.
    let catalog = state.catalog.clone();
    let (name, body) = state
        .admission
        .run(move |cancel| {
            cancel.check()?;
            let report = Report::new(&catalog, decoded)?;
            let body = write_until(table, &report, &catalog, cancel)?;
            Ok::<_, crate::Error>((report.scenario.name, body))
        })
        .await??;
    Ok(attachment(&filename(table, &name, &today()), body))
}

/// The CSV text of one table; the analyses' tables run their engine function on `catalog`.
pub fn write(table: Table, report: &Report, catalog: &engine::Catalog) -> Result<Vec<u8>> {
    write_until(table, report, catalog, &engine::Cancel::never())
}

/// [`write`], whose analysis stops once `cancel` is set.
pub fn write_until(
    table: Table,
    report: &Report,
    catalog: &engine::Catalog,
    cancel: &engine::Cancel,
) -> Result<Vec<u8>> {
    let r = report;
    let catalog = report.catalog(catalog);
    match table {
        Table::Inputs => sheet(r, |s| tables::inputs(s, r)),
        Table::Costs => sheet(r, |s| tables::costs(s, r)),
        Table::Strategies => sheet(r, |s| tables::strategies(s, r)),
        Table::Risk => sheet(r, |s| tables::risk(s, r)),
        Table::Simulation => {
            let simulation = engine::simulate_until(catalog, &r.scenario, cancel)?;
            sheet(r, |s| analyses::simulation(s, r, &simulation))
        }
        Table::Designs => {
            let optimization = engine::optimize_until(catalog, &r.scenario, cancel)?;
            sheet(r, |s| analyses::designs(s, r, &optimization))
        }
        Table::Sensitivity => {
            let sensitivity = engine::sensitivity_until(catalog, &r.scenario, cancel)?;
            sheet(r, |s| analyses::sensitivity(s, r, &sensitivity))
        }
        Table::Report => sheet(r, |s| finance::finance(s, r)),
    }
}

/// The bytes of a sheet of `R` rows, traced to `report`, that `write` fills.
fn sheet<R: serde::Serialize + Default>(report: &Report, write: impl FnOnce(&mut Sheet<R, Trace>)) -> Result<Vec<u8>> {
    let mut sheet = Sheet::new(Trace {
        catalog_version: text(&report.estimate.catalog_version),
        share_link: text(&report.share_link),
    });
    write(&mut sheet);
    sheet.finish()
}

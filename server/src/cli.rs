//! `drplan estimate`: a scenario file or share link in, a table, JSON or CSV out, no server.
//!
//! Also reads a catalog folder (`--catalog DIR`) for both `serve` and
//! `estimate`: the files are read here, at the edge, and handed to the engine
//! as text.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use engine::plans::{marks, plans, Mark, Plan, Role};
use engine::present;

use crate::api::{scenario_from_json, EstimateResponse};
use crate::config::{EstimateArgs, Format};
use crate::export::{self, Report};

/// The catalog in `dir`, or the shipped one; errors name the file, line and column.
pub fn load_catalog(dir: Option<&Path>) -> Result<engine::Catalog, String> {
    let Some(dir) = dir else {
        return Ok(engine::Catalog::shipped());
    };
    let mut files = engine::CatalogFiles::new();
    for name in engine::catalog::FILE_NAMES {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => files.insert(name, text),
            // A missing file is the engine's error to word ("the catalog has no file …").
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot read the catalog file {}: {e}", path.display())),
        }
    }
    engine::Catalog::from_files(&files).map_err(|e| format!("the catalog in {} is not usable: {e}", dir.display()))
}

/// Runs `drplan estimate`: prints the estimate on stdout, or the problems on
/// stderr with a non-zero exit status (1 for bad input, 2 is clap's usage errors).
pub fn estimate(args: &EstimateArgs) -> ExitCode {
    match run(args) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`drplan estimate | head`) is not worth a panic.
            let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("drplan: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &EstimateArgs) -> Result<String, String> {
    let catalog = load_catalog(args.catalog.as_deref())?;
    let decoded = read_scenario(&catalog, args.scenario.as_deref())?;
    for notice in &decoded.notices {
        eprintln!("drplan: {notice}");
    }
    let invalid = |e: crate::Error| match e {
        crate::Error::BadRequest(errors) | crate::Error::Unprocessable(errors) => field_errors(&errors),
        crate::Error::UnsupportedMediaType(detail) | crate::Error::Internal(detail) => detail,
        // The CLI runs nothing in the pool and cancels nothing.
        crate::Error::Overloaded => "BUG: the command line was answered \"overloaded\"".to_owned(),
    };
    match args.format {
        Format::Json => {
            let response = EstimateResponse::new(&catalog, decoded).map_err(invalid)?;
            let mut json = serde_json::to_string_pretty(&response).expect("BUG: an estimate serializes");
            json.push('\n');
            Ok(json)
        }
        Format::Csv => {
            let report = Report::new(&catalog, decoded).map_err(engine_errors)?;
            let bytes = export::write(args.table, &report, &catalog).map_err(invalid)?;
            String::from_utf8(bytes).map_err(|e| format!("BUG: CSV is not UTF-8: {e}"))
        }
        Format::Table => {
            let report = Report::new(&catalog, decoded).map_err(engine_errors)?;
            Ok(text_table(&report))
        }
    }
}

/// A scenario from a file (`.json`, `.toml`) or a share link; none is the default scenario.
fn read_scenario(catalog: &engine::Catalog, input: Option<&str>) -> Result<engine::link::Decoded, String> {
    // No input, or an empty link, is the default scenario.
    let Some(input) = input.filter(|i| !i.trim().is_empty()) else {
        return engine::link::decode(catalog, "").map_err(engine_errors);
    };
    let path = Path::new(input);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {input}: {e}"))?;
        let is_toml = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("toml"));
        let value: serde_json::Value = if is_toml {
            toml::from_str(&text).map_err(|e| format!("{input} is not TOML: {e}"))?
        } else {
            crate::strict_json::parse(text.as_bytes()).map_err(|e| format!("{input} is not JSON: {e}"))?
        };
        let scenario = scenario_from_json(value).map_err(|errors| format!("in {input}: {}", field_errors(&errors)))?;
        engine::validate(catalog, &scenario).map_err(|e| format!("in {input}: {}", engine_errors(e)))?;
        return Ok(engine::link::Decoded {
            scenario,
            link_catalog_version: None,
            notices: Vec::new(),
            priced_with: None,
        });
    }
    let looks_like_link = input.contains('=') || input.starts_with('?') || input.contains("://");
    if !looks_like_link {
        return Err(format!(
            "{input} is neither a scenario file (.json, .toml) nor a share link such as \"tier=critical&downtime_cost_per_hour=20000\""
        ));
    }
    engine::link::decode(catalog, engine::link::query_of(input)).map_err(engine_errors)
}

fn engine_errors(error: engine::Error) -> String {
    match error {
        engine::Error::Invalid(errors) => field_errors(&errors),
        other => other.to_string(),
    }
}

/// `invalid scenario:` then one `  field: message` line per problem.
fn field_errors(errors: &[engine::FieldError]) -> String {
    let mut text = String::from("invalid scenario:");
    for e in errors {
        let field = if e.field.is_empty() { "(scenario)" } else { &e.field };
        text.push_str(&format!("\n  {field}: {}", crate::error::with_value(e)));
    }
    text
}

/// The estimate as aligned text: the chosen plan's lines, the plan totals,
/// break-even, risk and strategies.
fn text_table(r: &Report) -> String {
    let e = &r.estimate;
    let c = &e.currency.code;
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(r.scenario.name.clone());
    line(format!(
        "catalog {} · {c} · targets RTO {}, RPO {} · link {}",
        e.catalog_version,
        present::duration_minutes(e.targets.rto_minutes),
        present::duration_minutes(e.targets.rpo_minutes),
        r.share_link
    ));
    line(String::new());
    let money = |m: engine::Money| present::amount(m.to_decimal());
    let mut rows: Vec<(String, engine::Money, engine::Money)> = e
        .dr_plan
        .lines
        .iter()
        .map(|l| {
            let mut item = format!("{:<13}{}", l.location.label(), l.item.label());
            if let Some(provider) = &l.provider {
                item.push_str(&format!(" ({provider})"));
            }
            (item, l.monthly, l.annual)
        })
        .collect();
    rows.push(("Total".to_owned(), e.dr_plan.monthly, e.dr_plan.annual));
    // Wide enough for the longest provider name, so the figures stay in columns.
    let width = rows
        .iter()
        .map(|(item, ..)| item.chars().count())
        .max()
        .unwrap_or(0)
        .max(46);
    let heading = |title: String| {
        format!(
            "{title:<w$} {:>14} {:>14}",
            format!("{c}/month"),
            format!("{c}/year"),
            w = width + 2
        )
    };
    line(heading(format!("{}: {}", Plan::Chosen.label(), r.scenario.strategy)));
    for (item, monthly, annual) in rows {
        line(format!("  {item:<width$} {:>14} {:>14}", money(monthly), money(annual)));
    }
    line(String::new());
    line(heading("Plans".to_owned()));
    for (plan, cost) in plans(e).into_iter().filter(|(plan, _)| plan.role() != Role::Chosen) {
        line(format!(
            "  {:<width$} {:>14} {:>14}",
            plan.label(),
            money(cost.monthly),
            money(cost.annual)
        ));
    }
    line(format!(
        "  {:<width$} {:>14} {:>14}",
        format!("Optimized DR saves ({})", present::percent(e.savings.percent)),
        money(e.savings.monthly),
        money(e.savings.annual)
    ));
    line(String::new());
    let b = &e.break_even;
    line(format!(
        "Break-even: {} hours of downtime a year (what DR adds, {c} {} a year, at {c} {} an hour)",
        present::hours(b.hours),
        money(b.annual_dr_cost),
        money(b.downtime_cost_per_hour)
    ));
    line(format!(
        "  The article's convention: {} hours (the whole DR-enabled deployment, {c} {} a year)",
        present::hours(b.article_hours),
        money(b.article_annual_cost)
    ));
    let m = &e.risk;
    line(format!(
        "Annual loss expectancy: {c} {} without DR, {c} {} with DR, {c} {} avoided",
        money(m.ale_without),
        money(m.ale_with),
        money(m.ale_reduction)
    ));
    line(format!("Recommendation: {}", e.recommendation.reason));
    for layer in &e.recommendation.design {
        line(format!("  {layer}"));
    }
    line(String::new());
    line(format!(
        "{:<28} {:>14} {:>10} {:>10}  {}",
        "Strategies",
        format!("{c}/month"),
        "RTO",
        "RPO",
        "meets targets"
    ));
    for s in &e.strategies {
        // The column says whether it meets the targets, so that mark is not repeated.
        let words = [if s.meets() { "yes" } else { "no" }]
            .into_iter()
            .chain(
                marks(s)
                    .into_iter()
                    .filter(|m| *m != Mark::MissesTargets)
                    .map(Mark::label),
            )
            .collect::<Vec<_>>();
        line(format!(
            "  {:<26} {:>14} {:>10} {:>10}  {}",
            s.name,
            money(s.monthly),
            present::duration_minutes(s.rto_minutes),
            present::duration_minutes(s.rpo_minutes),
            words.join(", ")
        ));
    }
    out
}

//! CSV downloads through the router: headers, columns read back with a CSV
//! reader, totals equal to the sum of their rows, formula neutralisation.

use crate::common::get;

use axum::http::StatusCode;
use rust_decimal::Decimal;

/// The header and the rows, each row as column name → value.
fn read(body: &str) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("every record has as many fields as the header");
            headers.iter().cloned().zip(r.iter().map(str::to_owned)).collect()
        })
        .collect();
    (headers, rows)
}

fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|_| panic!("{text:?} is not a plain number"))
}

fn is_amount(text: &str) -> bool {
    let (int, cents) = text.split_once('.').unwrap_or((text, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && cents.len() == 2
        && cents.bytes().all(|b| b.is_ascii_digit())
}

#[tokio::test]
async fn every_table_downloads_as_named_utf8_csv_with_its_source_on_every_row() {
    for table in [
        "inputs",
        "costs",
        "strategies",
        "risk",
        "simulation",
        "designs",
        "sensitivity",
        "report",
    ] {
        let d = get(&format!("/export/{table}.csv?downtime_cost_per_hour=20000")).await;
        assert_eq!(d.status, StatusCode::OK, "{table}: {}", d.body);
        assert_eq!(d.content_type, "text/csv; charset=utf-8");
        let prefix = format!("attachment; filename=\"drplan-{table}-support-assistant-from-quantities-");
        assert!(d.disposition.starts_with(&prefix), "{}", d.disposition);
        let date = &d.disposition[prefix.len()..prefix.len() + 10];
        assert!(
            date.starts_with("20") && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
            "{date}"
        );
        assert!(d.disposition.ends_with(".csv\""), "{}", d.disposition);
        assert!(d.body.contains("\r\n"), "RFC 4180 line ends");
        let (headers, rows) = read(&d.body);
        assert_eq!(&headers[headers.len() - 2..], ["catalog_version", "share_link"]);
        assert!(!rows.is_empty(), "{table}");
        for row in &rows {
            assert_eq!(row["catalog_version"], "2026-12");
            assert_eq!(row["share_link"], "/?v=2&catalog=2026-12&downtime_cost_per_hour=20000");
        }
    }
}

#[tokio::test]
async fn cost_totals_equal_the_sum_of_their_rows_and_the_chosen_plan_is_7800() {
    for query in [
        "?v=1",
        "",
        "?currency=EUR&rate=0.9137",
        "?strategy=warm_standby&requests=1234567&vcpus=7&compute_monthly=",
    ] {
        let d = get(&format!("/export/costs.csv{query}")).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.body);
        let (headers, rows) = read(&d.body);
        assert_eq!(
            headers[..8],
            [
                "plan",
                "location",
                "component",
                "item",
                "provider",
                "monthly",
                "annual",
                "currency"
            ]
        );
        let plans = ["Production only", "Full DR", "Optimized DR", "Chosen DR plan"];
        for plan in plans {
            let lines: Vec<_> = rows
                .iter()
                .filter(|r| r["plan"] == plan && r["item"] != "Total")
                .collect();
            let total = rows.iter().find(|r| r["plan"] == plan && r["item"] == "Total").unwrap();
            assert!(!lines.is_empty());
            for column in ["monthly", "annual"] {
                let sum: Decimal = lines.iter().map(|r| dec(&r[column])).sum();
                assert_eq!(sum, dec(&total[column]), "{query} {plan} {column}");
            }
        }
        for row in &rows {
            assert!(is_amount(&row["monthly"]) && is_amount(&row["annual"]), "{row:?}");
            let expected = if query.contains("EUR") { "EUR" } else { "USD" };
            assert_eq!(row["currency"], expected);
        }
        let chosen = rows
            .iter()
            .find(|r| r["plan"] == "Chosen DR plan" && r["item"] == "Total")
            .unwrap();
        let chosen = (chosen["monthly"].as_str(), chosen["annual"].as_str());
        if query == "?v=1" {
            // The article's production-tier bill, Part 1.1.
            assert_eq!(chosen, ("7800.00", "93600.00"));
        } else if query.is_empty() {
            // The default, priced from quantities.
            assert_eq!(chosen, ("4269.66", "51235.92"));
        }
    }
}

#[tokio::test]
async fn risk_totals_equal_the_sum_of_their_rows() {
    let d = get("/export/risk.csv?downtime_cost_per_hour=12345.67").await;
    let (_, rows) = read(&d.body);
    let (total, lines) = rows.split_last().unwrap();
    assert_eq!(total["name"], "Total");
    // The risk assessment matrix of "Disaster Recovery & Failover Strategies for AI Services", Part 1.2.
    assert_eq!(lines.len(), 7, "the seven failure scenarios of the article's Part 1.2");
    for column in ["ale_without_dr", "ale_with_dr", "ale_reduction"] {
        let sum: Decimal = lines.iter().map(|r| dec(&r[column])).sum();
        assert_eq!(sum, dec(&total[column]), "{column}");
        assert!(lines.iter().all(|r| is_amount(&r[column])));
    }
}

#[tokio::test]
async fn the_finance_report_totals_the_chosen_plan_and_names_its_sources() {
    let d = get("/export/report.csv?v=1&catalog=2026-08").await;
    let (headers, rows) = read(&d.body);
    assert_eq!(
        headers[..7],
        ["section", "item", "monthly", "annual", "currency", "value", "unit"]
    );
    let plan: Vec<_> = rows.iter().filter(|r| r["section"] == "Chosen DR plan").collect();
    let (total, lines) = plan.split_last().unwrap();
    assert_eq!(total["item"], "Total");
    assert_eq!(total["annual"], "93600.00");
    let sum: Decimal = lines.iter().map(|r| dec(&r["monthly"])).sum();
    assert_eq!(sum, dec(&total["monthly"]));
    let value = |section: &str, item: &str| {
        rows.iter()
            .find(|r| r["section"] == section && r["item"] == item)
            .map(|r| r["value"].clone())
            .unwrap_or_else(|| panic!("no {section} / {item}"))
    };
    assert_eq!(
        value("Break-even", "Hours of downtime a year what DR adds must prevent"),
        "2.8"
    );
    assert_eq!(
        value(
            "Break-even",
            "The article's convention: hours the whole deployment must prevent"
        ),
        "6.24"
    );
    assert_eq!(value("Source", "Catalog version"), "2026-12");
    assert_eq!(
        value("Source", "Share link"),
        "/?v=2&catalog=2026-12&name=Production+tier+example&secondary=eu-west-1&p1=openai/gpt-4o\
         &p2=azure-openai/gpt-4o:provisioned:500&p3=anthropic/claude-sonnet-4-5&compute_monthly=800\
         &compute_secondary_monthly=800&vector_monthly=1200&vector_secondary_monthly=1200&storage_monthly=300\
         &storage_secondary_monthly=300&cross_region_gb=20000&cross_region_monthly=400&replication_gb=10000\
         &replication_monthly=200"
    );
    assert_eq!(
        value("Source", "Notice"),
        "Prices changed since this link was made: catalog 2026-08 → 2026-12"
    );
}

#[tokio::test]
async fn a_scenario_name_that_is_a_formula_lands_as_text() {
    let name = "=HYPERLINK(\"http://evil.example\",\"click\")";
    let query = format!("name={}", "%3DHYPERLINK(%22http://evil.example%22,%22click%22)");
    for (table, column, row_key) in [
        ("inputs", "value", ("parameter", "name")),
        ("report", "value", ("item", "Name")),
    ] {
        let d = get(&format!("/export/{table}.csv?{query}")).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.body);
        let (_, rows) = read(&d.body);
        let row = rows.iter().find(|r| r[row_key.0] == row_key.1).unwrap();
        assert_eq!(row[column], format!("'{name}"), "{table}");
    }
    let d = get(&format!("/export/costs.csv?{query}")).await;
    assert!(
        d.disposition
            .contains("drplan-costs-hyperlink-http-evil-example-click-"),
        "{}",
        d.disposition
    );
}

#[tokio::test]
async fn inputs_list_every_link_parameter_with_value_and_default() {
    let d = get("/export/inputs.csv?tier=critical&price.region_price:us-east-1/vcpu_hour:price=0.05").await;
    let (headers, rows) = read(&d.body);
    assert_eq!(headers[..5], ["parameter", "value", "unit", "default", "about"]);
    assert_eq!(rows.len(), engine::link::PARAMETERS.len() + 1);
    let tier = rows.iter().find(|r| r["parameter"] == "tier").unwrap();
    assert_eq!(
        (tier["value"].as_str(), tier["default"].as_str()),
        ("critical", "production")
    );
    let p2 = rows.iter().find(|r| r["parameter"] == "p2").unwrap();
    assert_eq!(p2["value"], "aws-bedrock/claude-sonnet-4-5");
    let price = rows.last().unwrap();
    assert_eq!(
        (price["parameter"].as_str(), price["value"].as_str()),
        ("price.region_price:us-east-1/vcpu_hour:price", "0.05")
    );
}

#[tokio::test]
async fn a_bad_query_is_a_400_with_field_errors_not_a_broken_file() {
    let d = get("/export/costs.csv?downtime_cost_per_hour=lots").await;
    assert_eq!(d.status, StatusCode::BAD_REQUEST);
    assert_eq!(d.content_type, "application/json");
    let json: serde_json::Value = serde_json::from_str(&d.body).unwrap();
    assert_eq!(json["errors"][0]["field"], "downtime_cost_per_hour");
    assert!(d.disposition.is_empty());
}

#[tokio::test]
async fn the_analyses_export_what_the_engine_computes_for_the_link() {
    let catalog = engine::Catalog::shipped();
    let scenario = engine::link::decode(&catalog, "v=1&tier=critical&mc_seed=7")
        .unwrap()
        .scenario;

    // The seed travels only with Monte Carlo; the exact method has none.
    for (query, method, seed) in [
        ("v=1&tier=critical&mc_seed=7", "exact", ""),
        ("v=1&tier=critical&monte_carlo=true&mc_seed=7", "monte_carlo", "7"),
    ] {
        let scenario = engine::link::decode(&catalog, query).unwrap().scenario;
        let simulation = engine::simulate(&catalog, &scenario).unwrap();
        let (_, rows) = read(&get(&format!("/export/simulation.csv?{query}")).await.body);
        assert_eq!(
            rows.len(),
            1 + simulation.strategies.len(),
            "without DR, then each strategy"
        );
        assert_eq!(rows[0]["strategy"], "none");
        for (row, d) in rows
            .iter()
            .zip(std::iter::once(&simulation.without_dr).chain(&simulation.strategies))
        {
            assert_eq!(row["name"], d.name);
            assert_eq!(dec(&row["p90"]), d.p90.to_decimal());
            assert_eq!((row["method"].as_str(), row["seed"].as_str()), (method, seed));
            assert!(dec(&row["p50"]) <= dec(&row["p90"]) && dec(&row["p90"]) <= dec(&row["p99"]));
        }
    }

    let optimization = engine::optimize(&catalog, &scenario).unwrap();
    let (headers, rows) = read(&get("/export/designs.csv?v=1&tier=critical&mc_seed=7").await.body);
    assert!(
        headers.iter().any(|h| h == "Vector DB mode" || h.ends_with(" mode")),
        "{headers:?}"
    );
    let cheapest = optimization
        .cheapest
        .as_ref()
        .expect("the critical tier can be met by some design");
    assert_eq!(rows[0]["design"], "Cheapest meeting both targets");
    assert_eq!(dec(&rows[0]["monthly"]), cheapest.monthly.to_decimal());
    assert_eq!(rows.len(), 1 + optimization.frontier.len());

    let sensitivity = engine::sensitivity(&catalog, &scenario).unwrap();
    let (_, rows) = read(&get("/export/sensitivity.csv?v=1&tier=critical&mc_seed=7").await.body);
    assert_eq!(rows.len(), sensitivity.rows.len());
    let swings: Vec<Decimal> = rows.iter().map(|r| dec(&r["swing"])).collect();
    assert!(
        swings.windows(2).all(|w| w[0] >= w[1]),
        "largest swing first: {swings:?}"
    );
    for row in &rows {
        assert_eq!(
            dec(&row["swing"]),
            (dec(&row["net_benefit_high"]) - dec(&row["net_benefit_low"])).abs(),
            "the swing is the distance between the two ends"
        );
    }
}

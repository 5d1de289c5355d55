//! `drplan estimate` as a user runs it: the built binary, real files, exit statuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn drplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drplan"))
        .args(args)
        .env_remove("DRPLAN_CATALOG")
        .output()
        .expect("the drplan binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A fresh folder under the system temp dir for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drplan-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn shipped_catalog_copy(dir: &Path) -> PathBuf {
    let catalog = dir.join("catalog");
    std::fs::create_dir_all(&catalog).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    for name in engine::catalog::FILE_NAMES {
        std::fs::copy(data.join(name), catalog.join(name)).unwrap();
    }
    catalog
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "stderr: {}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn estimate_without_input_prints_the_default_scenario_as_a_table() {
    let out = drplan(&["estimate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.starts_with("Support assistant (from quantities)\n"), "{table}");
    let total = table.lines().find(|l| l.trim_start().starts_with("Total")).unwrap();
    assert_eq!(
        total.split_whitespace().collect::<Vec<_>>(),
        ["Total", "4,269.66", "51,235.92"]
    );
    // What DR adds (51,235.92 − 44,615.76 production only = 6,620.16 a year)
    // ÷ 15,000 an hour; the article's convention divides the whole 51,235.92.
    assert!(table.contains("Break-even: 0.44 hours of downtime a year"), "{table}");
    assert!(table.contains("The article's convention: 3.42 hours"), "{table}");
    assert!(table.contains("Warm standby"), "{table}");
}

/// The production-tier example at 30,000 an hour, as a format-1 link would
/// have it, rewritten in the current format.
const PRODUCTION_AT_30000: &str = "v=2&catalog=2026-12&name=Production+tier+example&secondary=eu-west-1\
    &p1=openai/gpt-4o&p2=azure-openai/gpt-4o:provisioned:500&p3=anthropic/claude-sonnet-4-5\
    &compute_monthly=800&compute_secondary_monthly=800&vector_monthly=1200&vector_secondary_monthly=1200\
    &storage_monthly=300&storage_secondary_monthly=300&cross_region_gb=20000&cross_region_monthly=400\
    &replication_gb=10000&replication_monthly=200&downtime_cost_per_hour=30000";

#[test]
fn estimate_reads_a_share_link_or_a_whole_url_and_prints_json() {
    for link in [
        "v=1&downtime_cost_per_hour=30000",
        "?v=1&downtime_cost_per_hour=30000",
        "http://127.0.0.1:3000/?v=1&catalog=2026-11&downtime_cost_per_hour=30000#results",
        &format!("http://127.0.0.1:3000/?{PRODUCTION_AT_30000}#results"),
    ] {
        let value = json(&drplan(&["estimate", link, "--format", "json"]));
        assert_eq!(value["estimate"]["break_even"]["article_hours"], "3.12", "{link}");
        assert_eq!(value["share_link"], PRODUCTION_AT_30000, "{link}");
    }
    // Without `v=1` a link is read over the default scenario.
    let value = json(&drplan(&[
        "estimate",
        "downtime_cost_per_hour=30000",
        "--format",
        "json",
    ]));
    assert_eq!(value["estimate"]["break_even"]["article_hours"], "1.71");
    assert_eq!(value["share_link"], "v=2&catalog=2026-12&downtime_cost_per_hour=30000");
}

#[test]
fn estimate_reads_partial_toml_and_json_scenario_files() {
    let dir = scratch("files");
    let toml = dir.join("scenario.toml");
    std::fs::write(
        &toml,
        "name = \"Checkout\"\ndowntime_cost_per_hour = \"30000\"\n\n[workload]\nmonthly_requests = 2000000\n",
    )
    .unwrap();
    let json_file = dir.join("scenario.json");
    std::fs::write(
        &json_file,
        r#"{"name": "Checkout", "downtime_cost_per_hour": "30000", "workload": {"monthly_requests": 2000000}}"#,
    )
    .unwrap();
    for file in [&toml, &json_file] {
        let value = json(&drplan(&["estimate", file.to_str().unwrap(), "--format", "json"]));
        assert_eq!(value["scenario"]["name"], "Checkout");
        assert_eq!(value["scenario"]["workload"]["input_tokens_per_request"], 400);
        // Files are read over the default scenario. Twice the requests: Claude
        // 2,700 → 5,400 and the vector database's reads 393.22 → 786.43, so
        // 7,362.88 a month, 88,354.56 a year, 2.95 hours at 30,000 an hour.
        assert_eq!(value["estimate"]["dr_plan"]["monthly"], "7362.88");
        assert_eq!(value["estimate"]["dr_plan"]["annual"], "88354.56");
        assert_eq!(value["estimate"]["break_even"]["article_hours"], "2.95");
    }
}

#[test]
fn estimate_prints_csv_tables_whose_totals_add_up() {
    let out = drplan(&[
        "estimate",
        "strategy=warm_standby",
        "--format",
        "csv",
        "--table",
        "costs",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let chosen: Vec<_> = rows.iter().filter(|r| &r[0] == "Chosen DR plan").collect();
    let (total, lines) = chosen.split_last().unwrap();
    assert_eq!(&total[3], "Total");
    let sum: rust_decimal::Decimal = lines
        .iter()
        .map(|r| r[5].parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    assert_eq!(sum.to_string(), &total[5]);
    let report = text(&drplan(&["estimate", "--format", "csv"]).stdout);
    assert!(report.starts_with("section,item,monthly,annual,currency,value,unit,catalog_version,share_link\r\n"));
}

/// Bad input: exit status 1, nothing on stdout, each problem on stderr.
#[test]
fn bad_input_exits_non_zero_with_the_field_errors_on_stderr() {
    let dir = scratch("bad");
    let unknown_field = dir.join("unknown.json");
    std::fs::write(&unknown_field, r#"{"workload": {"requests": 5}}"#).unwrap();
    let out_of_range = dir.join("range.toml");
    std::fs::write(
        &out_of_range,
        "downtime_cost_per_hour = \"0\"\nprovider_failover_minutes = 5000\n",
    )
    .unwrap();
    let not_toml = dir.join("broken.toml");
    std::fs::write(&not_toml, "name = \n").unwrap();
    let in_unknown = format!("drplan: in {}: invalid scenario:", unknown_field.display());
    let cases: Vec<(Vec<String>, Vec<&str>)> = vec![
        (
            vec!["tier=gold&downtime_cost_per_hour=lots".into()],
            vec![
                "drplan: invalid scenario:",
                "  tier: \"gold\" must be a catalog tier: critical, production, standard, basic",
                "  downtime_cost_per_hour: \"lots\" is not a number; allowed: 0.01–100,000,000 (USD per hour)",
            ],
        ),
        (
            vec![unknown_field.display().to_string()],
            vec![&in_unknown, "  workload.requests: unknown field `requests`"],
        ),
        (
            vec![out_of_range.display().to_string()],
            vec![
                "  downtime_cost_per_hour: \"0\" must be between 0.01 and 100,000,000 (USD per hour)",
                "  provider_failover_minutes: \"5000\" must be between 0 and 1,440 (minutes)",
            ],
        ),
        (vec![not_toml.display().to_string()], vec!["is not TOML"]),
        (
            vec!["no-such-file.json".into()],
            vec!["no-such-file.json is neither a scenario file"],
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["estimate".to_owned()];
        all.extend(args.iter().cloned());
        let out = drplan(&all.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = text(&out.stderr);
        for words in expected {
            assert!(stderr.contains(words), "{args:?}: {stderr}");
        }
    }
}

#[test]
fn a_company_catalog_folder_prices_the_estimate_and_old_links_say_so() {
    let dir = scratch("catalog");
    let catalog = shipped_catalog_copy(&dir);
    let meta = std::fs::read_to_string(catalog.join("meta.csv")).unwrap();
    std::fs::write(catalog.join("meta.csv"), meta.replace("2026-12,USD", "2027-01,USD")).unwrap();
    let out = drplan(&[
        "estimate",
        "v=2&catalog=2026-11",
        "--format",
        "json",
        "--catalog",
        catalog.to_str().unwrap(),
    ]);
    let value = json(&out);
    assert_eq!(value["estimate"]["catalog_version"], "2027-01");
    assert_eq!(
        text(&out.stderr),
        "drplan: Prices changed since this link was made: catalog 2026-11 → 2027-01\n"
    );

    std::fs::write(catalog.join("regions.csv"), "id,name\nus-east-1\n").unwrap();
    let out = drplan(&["estimate", "--catalog", catalog.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("regions.csv line"), "{}", text(&out.stderr));

    std::fs::remove_file(catalog.join("tiers.csv")).unwrap();
    let out = drplan(&["estimate", "--catalog", catalog.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_lists_serve_and_estimate() {
    let help = text(&drplan(&["--help"]).stdout);
    assert!(help.contains("serve") && help.contains("estimate"), "{help}");
    let help = text(&drplan(&["estimate", "--help"]).stdout);
    for flag in ["--format", "--table", "--catalog"] {
        assert!(help.contains(flag), "{help}");
    }
}

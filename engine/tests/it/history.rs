//! Catalog versions: the released catalogs, the diff between two, and the rows too old to trust.

use engine::catalog::history::{
    self, days_from_civil, diff, parse_as_of, stale, CellDiff, Duplicate, FileStatus, RowKind, Side, Staleness,
};
use engine::CatalogFiles;

fn released_2026_11() -> CatalogFiles {
    history::resolve("2026-11").expect("2026-11 is released")
}

/// 2026-11 with `from` replaced by `to` in one file.
fn edited(file: &str, from: &str, to: &str) -> CatalogFiles {
    let mut files = released_2026_11();
    let text = files.get(file).expect("released file").to_owned();
    assert!(text.contains(from), "{file} has no {from:?}");
    files.insert(file, text.replacen(from, to, 1));
    files
}

fn cell(column: &str, from: Option<&str>, to: Option<&str>) -> CellDiff {
    CellDiff {
        column: column.to_owned(),
        from: from.map(str::to_owned),
        to: to.map(str::to_owned),
    }
}

fn key(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|p| (*p).to_owned()).collect()
}

#[test]
fn every_released_version_names_itself_in_its_meta_file_and_is_the_same_as_itself() {
    let released = history::released();
    assert_eq!(released[0].0, "2026-11");
    for (version, files) in &released {
        assert_eq!(history::version_of(files).as_deref(), Some(*version));
        assert!(diff(files, files).is_empty(), "{version}");
        // A released version keeps the files it was released with; the
        // current schema may have more.
        for name in ["meta.csv", "regions.csv", "models.csv", "strategies.csv"] {
            assert!(files.get(name).is_some(), "{version} has {name}");
        }
    }
    assert_eq!(history::version_ids().last(), Some(&"current"));
    assert_eq!(history::allowed(), "2026-11, 2026-12, current");
    assert!(history::resolve("2025-01").is_none());
    assert_eq!(history::resolve("current"), Some(CatalogFiles::shipped()));
}

#[test]
fn a_changed_price_is_one_changed_row_with_the_old_and_new_value() {
    let to = edited(
        "models.csv",
        "openai,gpt-4o,GPT-4o,chat,2.50",
        "openai,gpt-4o,GPT-4o,chat,2.00",
    );
    let d = diff(&released_2026_11(), &to);
    assert_eq!(d.files.len(), 1);
    let file = &d.files[0];
    assert_eq!(
        (file.file.as_str(), file.status, &file.key_columns),
        ("models.csv", FileStatus::Changed, &key(&["provider", "model"]))
    );
    assert_eq!(file.header, None);
    assert_eq!(file.rows.len(), 1);
    let row = &file.rows[0];
    assert_eq!(
        (row.kind, &row.key, row.from_line, row.to_line),
        (RowKind::Changed, &key(&["openai", "gpt-4o"]), Some(2), Some(2))
    );
    assert_eq!(row.cells, [cell("input_per_mtok", Some("2.50"), Some("2.00"))]);
    assert_eq!(d.row_count(), 1);
}

#[test]
fn an_added_row_carries_every_cell_and_its_line() {
    let from = released_2026_11();
    let models = from.get("models.csv").unwrap();
    let mut to = from.clone();
    to.insert(
        "models.csv",
        format!("{models}openai,gpt-5,GPT-5,chat,1.25,10.00,400000,2000000,OpenAI API pricing,2026-12\n"),
    );
    let d = diff(&from, &to);
    let rows = &d.files[0].rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].kind, &rows[0].key, rows[0].from_line, rows[0].to_line),
        (RowKind::Added, &key(&["openai", "gpt-5"]), None, Some(13))
    );
    assert_eq!(rows[0].cells.len(), 10);
    assert_eq!(rows[0].cells[4], cell("input_per_mtok", None, Some("1.25")));
}

#[test]
fn a_removed_row_and_a_removed_file_are_listed_with_the_lines_they_had() {
    let from = released_2026_11();
    let tiers = from.get("tiers.csv").unwrap();
    let mut to = from.clone();
    to.insert(
        "tiers.csv",
        tiers
            .lines()
            .filter(|l| !l.starts_with("basic,"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let d = diff(&from, &to);
    let rows = &d.files[0].rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].kind, &rows[0].key, rows[0].from_line, rows[0].to_line),
        (RowKind::Removed, &key(&["basic"]), Some(5), None)
    );
    assert_eq!(rows[0].cells[2], cell("rto_minutes", Some("1440"), None));

    let mut fewer = CatalogFiles::new();
    fewer.insert("meta.csv", from.get("meta.csv").unwrap());
    let d = diff(&from, &fewer);
    let files: Vec<(&str, FileStatus, usize)> = d
        .files
        .iter()
        .map(|f| (f.file.as_str(), f.status, f.rows.len()))
        .collect();
    assert_eq!(
        files,
        [
            ("models.csv", FileStatus::Removed, 11),
            ("providers.csv", FileStatus::Removed, 3),
            ("regions.csv", FileStatus::Removed, 10),
            ("risks.csv", FileStatus::Removed, 7),
            ("storage_classes.csv", FileStatus::Removed, 5),
            ("strategies.csv", FileStatus::Removed, 5),
            ("tiers.csv", FileStatus::Removed, 4),
            ("transfer.csv", FileStatus::Removed, 4),
            ("unit_prices.csv", FileStatus::Removed, 2),
        ],
        "by file name, meta.csv being the same"
    );
    let back = diff(&fewer, &from);
    assert!(back.files.iter().all(|f| f.status == FileStatus::Added));
    assert!(back.files[0].rows.iter().all(|r| r.kind == RowKind::Added));
}

#[test]
fn a_renamed_column_is_a_header_change_and_each_row_says_old_and_new() {
    let to = edited("unit_prices.csv", "id,name,unit,price,", "id,name,unit,usd,");
    let d = diff(&released_2026_11(), &to);
    let file = &d.files[0];
    let header = file.header.as_ref().expect("the header changed");
    assert_eq!((&header.added, &header.removed), (&key(&["usd"]), &key(&["price"])));
    assert_eq!(file.rows.len(), 2);
    assert_eq!(file.rows[0].key, key(&["compute_vcpu_hour"]));
    assert_eq!(
        file.rows[0].cells,
        [cell("usd", None, Some("0.048")), cell("price", Some("0.048"), None)]
    );
}

#[test]
fn a_duplicate_key_is_reported_not_a_panic() {
    let from = released_2026_11();
    let regions = from.get("regions.csv").unwrap();
    let first = regions.lines().nth(1).unwrap();
    let mut to = from.clone();
    to.insert("regions.csv", format!("{regions}{first}\n"));
    let d = diff(&from, &to);
    let file = &d.files[0];
    assert_eq!(
        file.duplicates,
        [Duplicate {
            side: Side::To,
            key: key(&["us-east-1"]),
            lines: vec![2, 12],
        }]
    );
    assert_eq!(file.rows.len(), 1, "the second us-east-1 is an added row");
    assert_eq!((file.rows[0].kind, file.rows[0].to_line), (RowKind::Added, Some(12)));
}

#[test]
fn keys_are_the_key_columns_present_else_the_first_column() {
    for (file, from, to, expected) in [
        (
            "transfer.csv",
            "sa-east-1,*,0.138",
            "sa-east-1,*,0.13",
            ["from_region", "to_region"].as_slice(),
        ),
        ("meta.csv", "2026-11,USD", "2026-12,USD", ["version"].as_slice()),
        ("storage_classes.csv", ",0.023,", ",0.021,", ["id"].as_slice()),
    ] {
        let d = diff(&released_2026_11(), &edited(file, from, to));
        assert_eq!(d.files[0].key_columns, key(expected), "{file}");
    }
}

#[test]
fn spaces_around_cells_are_not_a_difference() {
    let to = edited("tiers.csv", "critical,Critical,", "critical , Critical,");
    assert!(diff(&released_2026_11(), &to).is_empty());
}

fn one_file(as_of: &[&str]) -> CatalogFiles {
    let mut text = String::from("id,price,source,as_of\n");
    for (i, date) in as_of.iter().enumerate() {
        text.push_str(&format!("row{i},1,\"Price page, https://example.com\",{date}\n"));
    }
    let mut files = CatalogFiles::new();
    files.insert("unit_prices.csv", text);
    files
}

/// (as_of, today, max age) → the staleness found, if any.
fn check_stale(as_of: &str, today: (i32, u32, u32), max_age_days: u32, expected: Option<Staleness>) {
    let found = stale(&one_file(&[as_of]), today, max_age_days);
    assert_eq!(
        found.first().map(|r| r.staleness),
        expected,
        "{as_of} on {today:?}, {max_age_days} days"
    );
}

#[test]
fn a_row_is_stale_the_day_after_it_is_max_age_days_old() {
    // YYYY-MM is the 1st: 2026-11 is 30 days before 2026-12-01.
    check_stale("2026-11", (2026, 12, 1), 30, None);
    check_stale("2026-11", (2026, 12, 1), 29, Some(Staleness::Old { days: 30 }));
    check_stale("2026-11", (2026, 12, 2), 30, Some(Staleness::Old { days: 31 }));
    check_stale("2026-11-25", (2026, 12, 25), 30, None);
    check_stale("2026-11-25", (2026, 12, 26), 30, Some(Staleness::Old { days: 31 }));
    check_stale("2024-02-29", (2025, 3, 1), 365, Some(Staleness::Old { days: 366 }));
    check_stale("2027-01-01", (2026, 12, 1), 0, None);
}

#[test]
fn a_missing_or_unreadable_date_is_listed_as_such() {
    check_stale("", (2026, 12, 1), 3650, Some(Staleness::Missing));
    for bad in [
        "2026-13",
        "2026-02-29",
        "Nov 2026",
        "2026-1",
        "2026-11-5",
        "2026-11-05-01",
        "26-11",
    ] {
        check_stale(bad, (2026, 12, 1), 3650, Some(Staleness::Unreadable));
    }
}

#[test]
fn stale_rows_name_file_line_key_date_and_source() {
    let found = stale(&one_file(&["2026-11", "2025-01", "2026-10-31"]), (2026, 12, 1), 30);
    let listed: Vec<(&str, u64, Vec<String>, &str, &str)> = found
        .iter()
        .map(|r| {
            (
                r.file.as_str(),
                r.line,
                r.key.clone(),
                r.as_of.as_str(),
                r.source.as_str(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (
                "unit_prices.csv",
                3,
                key(&["row1"]),
                "2025-01",
                "Price page, https://example.com"
            ),
            (
                "unit_prices.csv",
                4,
                key(&["row2"]),
                "2026-10-31",
                "Price page, https://example.com"
            ),
        ]
    );
}

#[test]
fn meta_published_counts_as_its_as_of_and_files_without_a_date_are_skipped() {
    let released = released_2026_11();
    let found = stale(&released, (2027, 6, 1), 30);
    let meta: Vec<_> = found.iter().filter(|r| r.file == "meta.csv").collect();
    assert_eq!(meta.len(), 1);
    assert_eq!((meta[0].as_of.as_str(), meta[0].line), ("2026-11-25", 2));
    assert!(
        stale(&released, (2026, 11, 25), 30).is_empty(),
        "all of 2026-11 is fresh on release day"
    );

    let mut undated = CatalogFiles::new();
    undated.insert("tiers.csv", "id,name\ncritical,Critical\n");
    assert!(stale(&undated, (2030, 1, 1), 0).is_empty());
}

#[test]
fn dates_parse_and_count_days_as_the_calendar_does() {
    assert_eq!(parse_as_of("2026-11"), Some((2026, 11, 1)));
    assert_eq!(parse_as_of("2000-02-29"), Some((2000, 2, 29)));
    assert_eq!(parse_as_of("1900-02-29"), None);
    for (date, days) in [
        ((1970, 1, 1), 0),
        ((2000, 2, 29), 11_016),
        ((2026, 11, 25), 20_782),
        ((1969, 12, 31), -1),
    ] {
        assert_eq!(days_from_civil(date.0, date.1, date.2), days, "{date:?}");
    }
}

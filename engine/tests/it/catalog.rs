//! Catalog loading: the shipped files load, and a bad row names file, line and column.

use engine::{Catalog, CatalogFiles, Error};

/// Replaces `from` with `to` in one shipped file and checks the error's text.
fn check(file: &str, from: &str, to: &str, expected: &str) {
    let mut files = CatalogFiles::shipped();
    let text = files.get(file).expect("shipped file").to_owned();
    assert!(text.contains(from), "{file} has no {from:?}");
    files.insert(file, text.replacen(from, to, 1));
    match Catalog::from_files(&files) {
        Err(e) => assert_eq!(e.to_string(), expected),
        Ok(_) => panic!("{file}: {from:?} → {to:?} should not load"),
    }
}

#[test]
fn shipped_catalog_is_version_2026_12_with_sources_and_dates() {
    let c = Catalog::shipped();
    assert_eq!(c.version(), "2026-12");
    assert_eq!(c.currency(), "USD");
    assert_eq!(c.regions().len(), 10);
    assert_eq!(c.strategies().len(), 5);
    assert_eq!(
        c.tiers().iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["critical", "production", "standard", "basic"]
    );
    assert_eq!(c.risks().len(), 7);
    for r in c.regions() {
        assert!(!r.source.is_empty() && r.as_of.starts_with("202"), "{}", r.id);
    }
    for m in c.models() {
        assert!(!m.source.is_empty() && !m.as_of.is_empty(), "{}", m.model);
    }
}

#[test]
fn a_bad_row_names_file_line_and_column() {
    check(
        "regions.csv",
        "1.065",
        "abc",
        "regions.csv line 6, column storage_multiplier: invalid number \"abc\"",
    );
    check(
        "regions.csv",
        "1.065",
        "-1",
        "regions.csv line 6, column storage_multiplier: -1 is out of range: must be between 0.01 and 10",
    );
    check(
        "models.csv",
        "openai,gpt-4.1,",
        "nobody,gpt-4.1,",
        "models.csv line 3, column provider: unknown provider \"nobody\": not in providers.csv",
    );
    check(
        "storage_classes.csv",
        ",90,",
        ",ninety,",
        "storage_classes.csv line 4, column min_days: invalid digit found in string",
    );
    check("strategies.csv", "restore,snapshot", "restore,carrier-pigeon", "strategies.csv line 2, column replication_mode: unknown variant `carrier-pigeon`, expected one of `snapshot`, `async`, `sync`");
    check(
        "risks.csv",
        "2,2.5,3,",
        "2,3.5,3,",
        "risks.csv line 2, column events_likely: 3.5 must lie between events_low 2 and events_high 3",
    );
    check(
        "tiers.csv",
        "critical,Critical,5,1",
        "critical,Critical,5",
        "tiers.csv line 2, column (row): found 8 fields, expected 9",
    );
    check(
        "transfer.csv",
        "*,*,0.02",
        "us-east-1,mars-1,0.02",
        "transfer.csv line 2, column to_region: unknown region \"mars-1\": not in regions.csv",
    );
    check(
        "regions.csv",
        "2026-12\nus-east-2",
        "Dec 2026\nus-east-2",
        "regions.csv line 2, column as_of: invalid date \"Dec 2026\": expected YYYY-MM or YYYY-MM-DD",
    );
    check(
        "providers.csv",
        "anthropic,",
        "openai,",
        "providers.csv line 4, column id: duplicate id \"openai\"",
    );
}

/// Found by the catalog_load fuzzer: a header with a nameless column and
/// without `name` gave the error an empty column, because the column was
/// looked up as a value ("name") under the nameless header.
#[test]
fn a_missing_column_is_named_and_no_column_is_nameless() {
    check(
        "region_prices.csv",
        "region,resource,price,source,as_of\nus-east-1,vcpu_hour,",
        "region,,price,source,as_of\nus-east-1,resource,",
        "region_prices.csv line 2, column resource: missing field `resource`",
    );
    check(
        "regions.csv",
        "id,cloud,name,geography,storage_multiplier,",
        "id,cloud,name,geography,,",
        "regions.csv line 2, column storage_multiplier: missing field `storage_multiplier`",
    );
}

#[test]
fn a_missing_file_is_named() {
    let mut files = CatalogFiles::new();
    files.insert("meta.csv", CatalogFiles::shipped().get("meta.csv").unwrap());
    assert_eq!(
        Catalog::from_files(&files),
        Err(Error::MissingFile("regions.csv".to_owned()))
    );
}

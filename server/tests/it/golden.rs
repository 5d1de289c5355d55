//! Golden files: the outputs people read, pinned byte for byte in
//! `server/tests/golden/`: the `drplan estimate` table and every CSV export of
//! the default scenario (priced from quantities) and of the article's
//! production-tier example (entered amounts) at the critical tier reported in
//! euros, and the comparison of the two. A change rewrites the files and fails once: review
//! the diff (`git diff server/tests/golden`) and commit it.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use server::export::Table;

use crate::cli::drplan;
use crate::common::get;

/// The pinned scenarios: their folder under `golden/` and their share link.
const SCENARIOS: [(&str, &str); 2] = [
    ("default", "v=2"),
    ("critical-eur", "v=1&tier=critical&currency=EUR&rate=0.9237"),
];

fn golden(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(file)
}

/// Brings every file up to date, then fails once listing all the stale ones,
/// so one run rewrites them all.
#[track_caller]
fn ensure_all(files: &[(String, String)]) {
    let stale: Vec<String> = files
        .iter()
        .filter_map(|(file, contents)| drplan_tests::try_ensure_file_contents(&golden(file), contents).err())
        .collect();
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn the_estimate_table_of_the_cli_is_its_golden_file() {
    let files: Vec<(String, String)> = SCENARIOS
        .iter()
        .map(|(name, link)| {
            let out = drplan(&["estimate", link, "--format", "table"]);
            assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
            let table = String::from_utf8(out.stdout).expect("UTF-8 output");
            (format!("{name}/estimate.txt"), table)
        })
        .collect();
    ensure_all(&files);
}

#[tokio::test]
async fn every_csv_export_is_its_golden_file() {
    let mut files = Vec::new();
    for (name, link) in SCENARIOS {
        for table in Table::ALL.map(Table::name) {
            let d = get(&format!("/export/{table}.csv?{link}")).await;
            assert_eq!(d.status, StatusCode::OK, "{name} {table}: {}", d.body);
            files.push((format!("{name}/{table}.csv"), d.body));
        }
    }
    let encoded = |link: &str| form_urlencoded::byte_serialize(format!("/?{link}").as_bytes()).collect::<String>();
    let [(_, a), (_, b)] = SCENARIOS;
    let d = get(&format!("/export/compare.csv?a={}&b={}", encoded(a), encoded(b))).await;
    assert_eq!(d.status, StatusCode::OK, "compare: {}", d.body);
    files.push(("compare.csv".to_owned(), d.body));
    ensure_all(&files);
}

//! Catalog versions at every door: `drplan catalog versions|diff|check` as a
//! user runs them, and `/catalog/diff` and `/api/v1/catalog/diff`.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;

use crate::cli::drplan;

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A copy of the released 2026-11 catalog in a fresh folder, with one edit in one file.
fn edited_copy(test: &str, file: &str, from: &str, to: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drplan-versions-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let released = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/versions/2026-11");
    for entry in std::fs::read_dir(&released).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let path = dir.join(file);
    let original = std::fs::read_to_string(&path).unwrap();
    assert!(original.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, original.replacen(from, to, 1)).unwrap();
    dir
}

#[test]
fn catalog_versions_lists_the_released_ones_then_current() {
    let out = drplan(&["catalog", "versions"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    let ids: Vec<&str> = listed.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(ids, ["2026-11", "2026-12", "current"], "{listed}");
}

#[test]
fn catalog_diff_lists_a_changed_price_as_text_and_as_csv() {
    let dir = edited_copy(
        "diff",
        "models.csv",
        "gpt-4o,GPT-4o,chat,2.50",
        "gpt-4o,GPT-4o,chat,2.00",
    );
    let dir = dir.to_str().unwrap();
    let out = drplan(&["catalog", "diff", "2026-11", dir]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "2026-11 → {dir}: 1 row differs in 1 file\n\n\
             models.csv (key provider/model): 0 added, 0 removed, 1 changed\n  \
             ~ openai/gpt-4o (changed, line 2)\n      input_per_mtok: \"2.50\" → \"2.00\"\n"
        )
    );
    let out = drplan(&["catalog", "diff", dir, "2026-11", "--format", "csv"]);
    assert_eq!(
        text(&out.stdout),
        "file,change,key,from_line,to_line,column,from,to\n\
         models.csv,changed,openai/gpt-4o,2,2,input_per_mtok,2.00,2.50\n"
    );
    let same = drplan(&["catalog", "diff", "2026-11", "2026-11"]);
    assert_eq!(text(&same.stdout), "2026-11 → 2026-11: no differences\n");
}

#[test]
fn catalog_diff_of_an_unknown_version_names_the_argument_and_the_versions_and_exits_2() {
    for (args, expected) in [
        (["catalog", "diff", "2025-01", "current"], "A is \"2025-01\""),
        (["catalog", "diff", "current", "latest"], "B is \"latest\""),
    ] {
        let out = drplan(&args);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{stderr}");
        assert!(stderr.contains("(2026-11, 2026-12, current)"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn catalog_check_exits_1_and_lists_the_stale_rows_only_past_max_age_days() {
    // The released 2026-11 rows are dated the 1st: 30 days old on 2026-12-01,
    // 31 on 2026-12-02.
    let released = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/versions/2026-11");
    let fresh = drplan(&[
        "catalog",
        "check",
        "--max-age-days",
        "30",
        "--today",
        "2026-12-01",
        "--catalog-dir",
        released.to_str().unwrap(),
    ]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stdout));
    assert_eq!(text(&fresh.stdout), "no row is older than 30 days on 2026-12-01\n");

    // The critical tier checked again on 2026-12-01: no longer stale.
    let dir = edited_copy(
        "check",
        "tiers.csv",
        "(service tier matrix)\",2026-11",
        "(service tier matrix)\",2026-12-01",
    );
    let dir = dir.to_str().unwrap();
    let stale = drplan(&[
        "catalog",
        "check",
        "--max-age-days",
        "30",
        "--today",
        "2026-12-02",
        "--catalog-dir",
        dir,
    ]);
    assert_eq!(stale.status.code(), Some(1));
    let listing = text(&stale.stdout);
    assert!(
        listing.starts_with("50 rows older than 30 days on 2026-12-02"),
        "every row but meta.csv's (published 2026-11-25) and the critical tier's: {listing}"
    );
    assert!(!listing.contains("tiers.csv:2 "), "{listing}");
    assert!(
        listing.contains("tiers.csv:3  production  as of \"2026-11\" (31 days old)  source: Disaster Recovery"),
        "{listing}"
    );

    // The shipped catalog (no --catalog-dir) carries prices whose pages date
    // from before 2026-11: it lists exactly the rows past 30 days.
    let shipped = drplan(&["catalog", "check", "--max-age-days", "30", "--today", "2026-12-01"]);
    assert_eq!(shipped.status.code(), Some(1), "{}", text(&shipped.stderr));
    let listing = text(&shipped.stdout);
    let rows: Vec<&str> = listing.lines().skip(1).collect();
    assert!(!rows.is_empty(), "{listing}");
    for row in &rows {
        let days: u32 = row
            .split(" days old)")
            .next()
            .and_then(|r| r.rsplit('(').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no age in {row:?}"));
        assert!(days > 30, "{row}");
    }
    assert!(
        listing.starts_with(&format!("{} rows older than 30 days on 2026-12-01", rows.len())),
        "{listing}"
    );

    let bad = drplan(&["catalog", "check", "--max-age-days", "30", "--today", "2026-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--today must be a day that exists"));
}

#[tokio::test]
async fn the_diff_page_lists_every_changed_row_and_the_catalog_page_links_to_it() {
    let answer = crate::common::get("/catalog/diff?from=2026-11&to=current").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.content_type.starts_with("text/html"));
    assert!(
        answer.body.contains("Catalog changes from 2026-11 to current"),
        "{}",
        answer.body
    );
    let expected = engine::catalog::history::diff(
        &engine::catalog::history::resolve("2026-11").unwrap(),
        &engine::CatalogFiles::shipped(),
    );
    for file in &expected.files {
        assert!(
            answer.body.contains(&format!("<caption>{}", file.file)),
            "{}",
            file.file
        );
        for row in &file.rows {
            assert!(
                answer.body.contains(&format!("<td>{}</td>", row.key.join("/"))),
                "{:?}",
                row.key
            );
        }
    }
    let catalog = crate::common::get("/catalog").await;
    assert!(
        catalog
            .body
            .contains(r#"href="/catalog/diff?from=2026-12&amp;to=current">Changes since 2026-12</a>"#),
        "{}",
        catalog.body
    );
}

#[tokio::test]
async fn the_diff_page_and_api_answer_400_naming_the_parameter_and_the_versions() {
    for (uri, parameter) in [
        ("/catalog/diff", "from"),
        ("/catalog/diff?from=2026-11", "to"),
        ("/catalog/diff?from=2025-01&to=current", "from"),
        ("/catalog/diff?from=current&to=latest", "to"),
        ("/catalog/diff?from=current&to=current&x=1", "x"),
    ] {
        let page = crate::common::get(uri).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(page.content_type.starts_with("text/html"), "{uri}");
        assert!(
            page.body.contains(&format!("<code>{parameter}</code>")),
            "{uri}: {}",
            page.body
        );
        assert!(page.body.contains("2026-11, 2026-12, current"), "{uri}");

        let api = crate::common::get(&uri.replacen("/catalog", "/api/v1/catalog", 1)).await;
        assert_eq!(api.status, StatusCode::BAD_REQUEST, "{uri}");
        let body: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        assert_eq!(body["errors"][0]["field"], parameter, "{uri}");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("2026-11, 2026-12, current"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn the_diff_api_answers_the_diff_as_json() {
    let answer = crate::common::get("/api/v1/catalog/diff?from=2026-11&to=current").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    let body: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(body["from"], "2026-11");
    assert_eq!(body["to"], "current");
    assert_eq!(body["to_version"], engine::Catalog::shipped().version());
    let expected = engine::catalog::history::diff(
        &engine::catalog::history::resolve("2026-11").unwrap(),
        &engine::CatalogFiles::shipped(),
    );
    assert_eq!(body["diff"], serde_json::to_value(&expected).unwrap());
}

#[test]
fn the_diff_page_shows_a_changed_price_as_a_row_with_its_old_and_new_value() {
    use leptos::prelude::RenderHtml;
    let from = engine::catalog::history::resolve("2026-11").unwrap();
    let mut to = from.clone();
    let models = to
        .get("models.csv")
        .unwrap()
        .replacen("gpt-4o,GPT-4o,chat,2.50", "gpt-4o,GPT-4o,chat,2.00", 1);
    to.insert("models.csv", models);
    let diff = app::catalog_diff::Diff {
        from: "2026-11".to_owned(),
        from_version: Some("2026-11".to_owned()),
        to: "edited".to_owned(),
        to_version: Some("2026-11".to_owned()),
        diff: engine::catalog::history::diff(&from, &to),
    };
    let html = app::components::catalog_diff::changes(&diff).to_html();
    assert!(html.contains("1 row differs in 1 file."), "{html}");
    assert!(
        html.contains("<caption>models.csv: key provider, model</caption>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<tr><td>changed</td><td>openai/gpt-4o</td><td>2</td><td>input_per_mtok</td><td>2.50</td><td>2.00</td>"
        ),
        "{html}"
    );
}

//! Comparing two scenarios through the router: the page marks exactly the rows
//! that differ, the CSV holds exactly those rows, a wrong link is a 400 that
//! names it, and a missing one gets a form.

use crate::common::get;

use axum::http::StatusCode;
use rust_decimal::Decimal;

fn encoded(link: &str) -> String {
    form_urlencoded::byte_serialize(link.as_bytes()).collect()
}

fn compare_uri(path: &str, a: &str, b: &str) -> String {
    format!("{path}?a={}&b={}", encoded(a), encoded(b))
}

/// One row of the page's comparison table.
#[derive(Debug, PartialEq)]
struct PageRow {
    section: String,
    item: String,
    cells: Vec<String>,
    marked: bool,
    badge: bool,
}

/// The rows of `<table id="comparison">`, read as XML (Leptos' `<!>` markers removed).
fn page_rows(html: &str) -> Vec<PageRow> {
    let start = html.find("<table id=\"comparison\"").expect("the comparison table");
    let end = html[start..].find("</table>").expect("the table ends") + start + "</table>".len();
    let table = html[start..end].replace("<!>", "");
    let doc = roxmltree::Document::parse(&table).expect("the table is well-formed");
    let text = |n: roxmltree::Node| {
        n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect::<String>()
    };
    let mut rows = Vec::new();
    for body in doc.root_element().children().filter(|n| n.has_tag_name("tbody")) {
        let mut trs = body.children().filter(|n| n.has_tag_name("tr"));
        let section = text(trs.next().expect("a section heading row"));
        for tr in trs {
            let th = tr.children().find(|n| n.has_tag_name("th")).expect("a row heading");
            rows.push(PageRow {
                section: section.clone(),
                item: th
                    .first_child()
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                cells: tr.children().filter(|n| n.has_tag_name("td")).map(text).collect(),
                marked: tr
                    .attribute("class")
                    .unwrap_or_default()
                    .split(' ')
                    .any(|c| c == "differs"),
                badge: th
                    .descendants()
                    .any(|n| n.attribute("class") == Some("badge differs") && text(n) == "differs"),
            });
        }
    }
    rows
}

fn csv_rows(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("every record has as many fields as the header")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    (headers, rows)
}

const A: &str = "/?v=1&name=Checkout";
/// What a format-1 link's production-tier example writes after its name and
/// tier, in the current link format.
const PRODUCTION: &str = "secondary=eu-west-1&p1=openai/gpt-4o&p2=azure-openai/gpt-4o:provisioned:500\
    &p3=anthropic/claude-sonnet-4-5&compute_monthly=800&compute_secondary_monthly=800&vector_monthly=1200\
    &vector_secondary_monthly=1200&storage_monthly=300&storage_secondary_monthly=300&cross_region_gb=20000\
    &cross_region_monthly=400&replication_gb=10000&replication_monthly=200";
const B: &str = "http://127.0.0.1:3000/?v=1&name=Checkout+critical&tier=critical&downtime_cost_per_hour=30000";

#[tokio::test]
async fn the_page_marks_exactly_the_rows_the_engine_finds_different() {
    let page = get(&compare_uri("/compare", A, B)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.content_type.starts_with("text/html"), "{}", page.content_type);
    assert!(page
        .body
        .contains("<title>Compare Checkout with Checkout critical · drplan</title>"));
    assert!(
        page.body.contains(r#"rel="stylesheet" href="/pkg/drplan.css""#),
        "the site stylesheet"
    );
    let rows = page_rows(&page.body);

    let catalog = engine::Catalog::shipped();
    let side = |q: &str| {
        let scenario = engine::link::decode(&catalog, engine::link::query_of(q))
            .unwrap()
            .scenario;
        let estimate = engine::estimate(&catalog, &scenario).unwrap();
        (scenario, estimate)
    };
    let ((sa, ea), (sb, eb)) = (side(A), side(B));
    let expected = engine::compare::compare(
        engine::compare::Side {
            scenario: &sa,
            estimate: &ea,
        },
        engine::compare::Side {
            scenario: &sb,
            estimate: &eb,
        },
    );
    assert_eq!(rows.len(), expected.rows.len(), "every row is on the page");
    for (shown, row) in rows.iter().zip(&expected.rows) {
        assert_eq!((&shown.section, &shown.item), (&row.section, &row.item));
        assert_eq!(shown.marked, row.differs(), "{} / {}: row class", row.section, row.item);
        assert_eq!(
            shown.badge,
            row.differs(),
            "{} / {}: the word, not colour alone",
            row.section,
            row.item
        );
    }

    let changed_inputs: Vec<&str> = rows
        .iter()
        .filter(|r| r.section == "Inputs" && r.marked)
        .map(|r| r.item.as_str())
        .collect();
    assert_eq!(
        changed_inputs,
        [
            "Scenario name shown in reports",
            "Service tier: its RTO/RPO targets",
            "Cost of one hour of downtime"
        ]
    );
    let downtime = rows.iter().find(|r| r.item == "Cost of one hour of downtime").unwrap();
    assert_eq!(downtime.cells, ["15,000", "30,000", "+15,000 (+100.0 %)"]);
    let rto = rows.iter().find(|r| r.item == "Target RTO").unwrap();
    assert_eq!(rto.cells, ["30 min", "5 min", "−25 min (−83.3 %)"]);
    let same = rows
        .iter()
        .find(|r| r.item == "Primary region, e.g. us-east-1")
        .unwrap();
    assert!(!same.marked && same.cells[2].is_empty(), "{same:?}");
    let a_link = format!("/?v=2&catalog=2026-12&name=Checkout&{PRODUCTION}").replace('&', "&amp;");
    assert!(
        page.body.contains("Open A in the planner") && page.body.contains(&format!(r#"href="{a_link}""#)),
        "{a_link}"
    );
}

#[tokio::test]
async fn the_csv_holds_the_pages_differing_rows_with_exact_differences() {
    let page = get(&compare_uri("/compare", A, B)).await;
    let differing: Vec<(String, String)> = page_rows(&page.body)
        .into_iter()
        .filter(|r| r.marked)
        .map(|r| (r.section, r.item))
        .collect();
    assert!(differing.len() > 10, "tier and downtime cost change many figures");

    let d = get(&compare_uri("/export/compare.csv", A, B)).await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);
    assert_eq!(d.content_type, "text/csv; charset=utf-8");
    assert!(
        d.disposition
            .starts_with(r#"attachment; filename="drplan-compare-checkout-vs-checkout-critical-"#),
        "{}",
        d.disposition
    );
    let (headers, rows) = csv_rows(&d.body);
    assert_eq!(
        headers,
        [
            "section",
            "item",
            "unit",
            "a",
            "b",
            "difference",
            "difference_percent",
            "catalog_version",
            "share_link_a",
            "share_link_b"
        ]
    );
    let in_csv: Vec<(String, String)> = rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    assert_eq!(
        in_csv, differing,
        "the CSV rows are the page's differing rows, in order"
    );
    let (link_a, link_b) = (
        format!("/?v=2&catalog=2026-12&name=Checkout&{PRODUCTION}"),
        format!("/?v=2&catalog=2026-12&name=Checkout+critical&tier=critical&{PRODUCTION}&downtime_cost_per_hour=30000"),
    );
    for r in &rows {
        assert_eq!(r[7], "2026-12");
        assert_eq!(r[8], link_a);
        assert_eq!(r[9], link_b);
        if r[2] == "USD" && !r[5].is_empty() {
            let (a, b, diff): (Decimal, Decimal, Decimal) =
                (r[3].parse().unwrap(), r[4].parse().unwrap(), r[5].parse().unwrap());
            assert_eq!(diff, b - a, "{r:?}: money differences are exact");
            assert!(r[3].split_once('.').is_some_and(|(_, cents)| cents.len() == 2), "{r:?}");
        }
    }
    let downtime = rows.iter().find(|r| r[1] == "Cost of one hour of downtime").unwrap();
    assert_eq!(&downtime[2..7], ["USD per hour", "15000", "30000", "15000", "100"]);
    let plan = rows
        .iter()
        .find(|r| r[1] == "Hours of downtime a year what DR adds must prevent")
        .unwrap();
    // What DR adds in the Part 1.1 cost example: 42,000 ÷ 15,000 = 2.8 h; the
    // critical tier keeps the same plan, at 30,000 an hour 1.4 h.
    assert_eq!(&plan[2..7], ["hours", "2.8", "1.4", "-1.4", "-50"]);
    let name = rows.iter().find(|r| r[1] == "Scenario name shown in reports").unwrap();
    assert_eq!(&name[3..6], ["Checkout", "Checkout critical", ""]);
}

#[tokio::test]
async fn a_wrong_link_is_a_400_naming_the_link_the_parameter_and_what_is_allowed() {
    let bad_b = "/?downtime_cost_per_hour=lots";
    let page = get(&compare_uri("/compare", A, bad_b)).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.content_type.starts_with("text/html"));
    assert!(
        page.body
            .contains("Link B is not a valid scenario: 1 problem (downtime_cost_per_hour)"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Link A is not"), "A is fine");
    assert!(page.body.contains("0.01–100,000,000"), "the allowed range");
    assert!(
        page.body.contains(r#"value="/?downtime_cost_per_hour=lots""#),
        "kept for correcting"
    );

    let both = get(&compare_uri("/compare", "/?tierr=critical", "/?standby_fraction=2")).await;
    assert_eq!(both.status, StatusCode::BAD_REQUEST);
    assert!(
        both.body.contains("Link A is not a valid scenario: 1 problem (tierr)"),
        "{}",
        both.body
    );
    assert!(both.body.contains("did you mean tier?"));
    assert!(both
        .body
        .contains("Link B is not a valid scenario: 1 problem (standby_fraction)"));

    let d = get(&compare_uri("/export/compare.csv", A, bad_b)).await;
    assert_eq!(d.status, StatusCode::BAD_REQUEST);
    let json: serde_json::Value = serde_json::from_str(&d.body).unwrap();
    assert_eq!(json["errors"][0]["field"], "b.downtime_cost_per_hour");
    assert!(json["errors"][0]["message"].as_str().unwrap().starts_with("link B: "));
    let missing = get(&format!("/export/compare.csv?a={}", encoded(A))).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.body.contains(r#""field":"b""#), "{}", missing.body);
}

#[tokio::test]
async fn a_link_pasted_without_encoding_or_a_bad_toggle_is_a_400_naming_it() {
    let unencoded = get("/compare?a=/?v=1&tier=critical&b=/?v=1").await;
    assert_eq!(unencoded.status, StatusCode::BAD_REQUEST);
    assert!(
        unencoded.body.contains("tier is not a parameter of /compare"),
        "{}",
        unencoded.body
    );
    let toggle = get(&format!("{}&only=same", compare_uri("/compare", A, B))).await;
    assert_eq!(toggle.status, StatusCode::BAD_REQUEST);
    assert!(toggle.body.contains("only=diff shows only the rows that differ"));
}

#[tokio::test]
async fn without_b_the_page_names_a_and_asks_for_b_in_a_plain_get_form() {
    let page = get(&format!(
        "/compare?a={}",
        encoded("http://localhost:3000/?v=1&name=Checkout")
    ))
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(r#"<form method="get" action="/compare">"#),
        "{}",
        page.body
    );
    let a_link = format!("/?v=2&catalog=2026-12&name=Checkout&{PRODUCTION}").replace('&', "&amp;");
    assert!(page.body.contains(&format!(r#"value="{a_link}""#)), "A, canonical");
    assert!(page.body.contains("Scenario A: “Checkout”"));
    let b_input = page.body.find(r#"id="b""#).expect("an input for B");
    assert!(
        page.body[b_input..].split_once('>').unwrap().0.contains("autofocus"),
        "B has the focus"
    );
    assert!(!page.body.contains("id=\"comparison\""), "nothing to compare yet");

    let empty = get("/compare").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains(r#"name="a""#) && empty.body.contains(r#"name="b""#));
}

#[tokio::test]
async fn only_differences_leaves_out_the_rows_that_are_the_same() {
    let all = page_rows(&get(&compare_uri("/compare", A, B)).await.body);
    let page = get(&format!("{}&only=diff", compare_uri("/compare", A, B))).await;
    assert_eq!(page.status, StatusCode::OK);
    let rows = page_rows(&page.body);
    assert!(rows.iter().all(|r| r.marked));
    assert_eq!(rows.len(), all.iter().filter(|r| r.marked).count());
    assert!(page.body.contains(r#"id="show-all""#), "and a way back to every row");
}

#[tokio::test]
async fn a_url_a_path_and_a_bare_query_are_the_same_link_and_form_fields_read_as_the_planner_reads_them() {
    let same = get(&compare_uri(
        "/compare",
        "http://127.0.0.1:3000/?v=2&tier=critical#summary",
        "tier=critical",
    ))
    .await;
    assert_eq!(same.status, StatusCode::OK, "{}", same.body);
    assert!(same
        .body
        .contains("A and B are the same: no input and no figure differs."));
    assert!(page_rows(&same.body).iter().all(|r| !r.marked));

    // What the planner's plain HTML form submits: the provider chain in three
    // fields, here over the production-tier example (p2 provisioned at 500).
    let form = "/?v=1&p2=azure-openai/gpt-4o&p2_standby=provisioned&p2_monthly=700";
    let rows = page_rows(&get(&compare_uri("/compare", "/?v=1", form)).await.body);
    let inputs: Vec<&PageRow> = rows.iter().filter(|r| r.section == "Inputs" && r.marked).collect();
    assert_eq!(inputs.len(), 1, "{inputs:?}");
    assert_eq!(
        inputs[0].cells[..2],
        [
            "azure-openai/gpt-4o:provisioned:500",
            "azure-openai/gpt-4o:provisioned:700"
        ]
    );
}

#[tokio::test]
async fn the_planner_links_to_a_comparison_of_its_scenario() {
    let page = get("/?tier=critical").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#"href="/compare?a=/%3Fv%3D2%26catalog%3D2026-12%26tier%3Dcritical""#),
        "{}",
        &page.body[page.body.find("share-link").unwrap_or(0)..][..600.min(page.body.len())]
    );
}

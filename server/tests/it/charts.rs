//! Over 500 lines because it tests every chart in both formats and sizes, one area.
//!
//! The chart endpoints over HTTP, through the router with no socket: headers,
//! the figures drawn (read back with an XML parser), PNG files, caching and
//! the error paths. `DRPLAN_CHART_OUT=/tmp/charts` also keeps every image
//! drawn by `every_chart_renders_in_both_formats_and_sizes`, to look at.

// The full-versus-optimized scenario (the article's Part 6.1) edits a few fields of the default;
// that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]

// The reference scenarios of the article "Disaster Recovery & Failover Strategies for AI Services",
// written once for the engine's tests.
#[path = "../../../engine/tests/it/common.rs"]
mod scenarios;

use crate::common::router;
use scenarios::section3;

use axum::{
    body::Body,
    http::{header, HeaderMap, Request, StatusCode},
};
use engine::{Money, Scenario};
use http_body_util::BodyExt;
use rust_decimal::Decimal;
use server::charts::Chart;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).map_or("", |v| v.to_str().unwrap())
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("UTF-8 body")
    }
}

async fn get_with(uri: &str, if_none_match: Option<&str>) -> Reply {
    let mut request = Request::get(uri);
    if let Some(tag) = if_none_match {
        request = request.header(header::IF_NONE_MATCH, tag);
    }
    let response = router().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply { status, headers, body }
}

async fn get(uri: &str) -> Reply {
    get_with(uri, None).await
}

/// The share-link query of a scenario, as the page would write it.
fn link(scenario: &Scenario) -> String {
    engine::link::encode(&engine::Catalog::shipped(), scenario)
}

/// A 120-character name and euros: the case that breaks careless layouts.
fn long_euro_query() -> String {
    let mut s = engine::examples::production_tier();
    s.name = "Retrieval-augmented customer support assistant for the EMEA region with a second region and two standby LLM providers!!!"
        .to_owned();
    assert_eq!(s.name.chars().count(), 120);
    s.currency.code = "EUR".to_owned();
    s.currency.rate_from_usd = Decimal::new(92, 2);
    link(&s)
}

/// Critical tier, a provisioned standby provider and dear downtime.
const CRITICAL: &str = "v=1&tier=critical&p2=azure-openai/gpt-4o:provisioned:800&downtime_cost_per_hour=30000";

/// Targets no strategy and no design meets.
const UNMET: &str = "downtime_cost_per_hour=1000000&rto=0.5&rpo=0&standby_fraction=1";

/// The text of every `<text>` element, in document order.
fn texts(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
    assert_eq!(document.root_element().tag_name().name(), "svg");
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_owned())
        .collect()
}

fn has(texts: &[String], wanted: &str) -> bool {
    texts.iter().any(|t| t == wanted)
}

/// Filled rectangles of `fill` wider than `min_width`, as (x, y, width, height).
fn rects(svg: &str, fill: &str, min_width: f64) -> Vec<(f64, f64, f64, f64)> {
    let document = roxmltree::Document::parse(svg).unwrap();
    let number = |n: &roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    document
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill").is_some_and(|f| f.eq_ignore_ascii_case(fill)))
        .map(|n| {
            (
                number(&n, "x"),
                number(&n, "y"),
                number(&n, "width"),
                number(&n, "height"),
            )
        })
        .filter(|r| r.2 > min_width)
        .collect()
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a readable PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("one frame");
    (info.width, info.height)
}

#[tokio::test]
async fn every_chart_renders_in_both_formats_and_sizes() {
    let keep = std::env::var_os("DRPLAN_CHART_OUT").map(std::path::PathBuf::from);
    let long = long_euro_query();
    let cases: [(&str, &str); 6] = [
        ("default", ""),
        ("critical", CRITICAL),
        ("long-eur", &long),
        ("section3", &link(&section3())),
        // Dear downtime, targets no strategy meets, no saving from optimizing.
        ("edge", UNMET),
        // Cheap downtime: break-even far beyond the downtime avoided.
        ("cheap", "downtime_cost_per_hour=100"),
    ];
    for chart in Chart::ALL {
        for (case, query) in cases {
            for (size, dimensions) in [("page", (800, 450)), ("slide", (1600, 900))] {
                for format in ["svg", "png"] {
                    let uri = format!("/charts/{}.{format}?{query}&size={size}", chart.name());
                    let reply = get(&uri).await;
                    assert_eq!(
                        reply.status,
                        StatusCode::OK,
                        "{uri}: {:?}",
                        String::from_utf8_lossy(&reply.body)
                    );
                    if format == "svg" {
                        assert_eq!(reply.header(header::CONTENT_TYPE), "image/svg+xml", "{uri}");
                        let document = roxmltree::Document::parse(reply.text()).expect("well-formed SVG");
                        let root = document.root_element();
                        let width: u32 = root.attribute("width").unwrap().parse().unwrap();
                        let height: u32 = root.attribute("height").unwrap().parse().unwrap();
                        assert_eq!((width, height), dimensions, "{uri}");
                    } else {
                        assert_eq!(reply.header(header::CONTENT_TYPE), "image/png", "{uri}");
                        assert_eq!(png_size(&reply.body), dimensions, "{uri}");
                    }
                    assert!(reply.header(header::ETAG).starts_with('"'), "{uri}");
                    assert_eq!(reply.header(header::CACHE_CONTROL), "public, max-age=3600", "{uri}");
                    if let Some(dir) = &keep {
                        std::fs::create_dir_all(dir).unwrap();
                        let file = dir.join(format!("{}-{case}-{size}.{format}", chart.name()));
                        std::fs::write(file, &reply.body).unwrap();
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn the_file_name_says_which_chart_of_which_scenario() {
    for (uri, expected) in [
        (
            "/charts/cost-comparison.svg?v=1".to_owned(),
            "inline; filename=\"drplan-cost-comparison-production-tier-example.svg\"",
        ),
        (
            format!("/charts/risk-ale.png?{}", link(&section3())),
            "inline; filename=\"drplan-risk-ale-full-versus-optimized-dr.png\"",
        ),
        (
            "/charts/break-even.svg?name=%22%3B+evil%3D+%2F+name".to_owned(),
            "inline; filename=\"drplan-break-even-evil-name.svg\"",
        ),
    ] {
        assert_eq!(get(&uri).await.header(header::CONTENT_DISPOSITION), expected, "{uri}");
    }
}

#[tokio::test]
async fn the_cost_comparison_of_section_3_shows_its_totals_and_the_saving() {
    let svg = get(&format!("/charts/cost-comparison.svg?{}", link(&section3()))).await;
    let texts = texts(svg.text());
    for wanted in [
        "$7.3K",
        "$11.8K",
        "$8.2K",
        "saves $3.6K a month",
        "30.5 % less than full DR",
        "Production only",
        "Full DR",
        "Optimized DR",
        "$87.6K a year",
        "$141.6K a year",
        "$98.4K a year",
        "Compute",
        "Vector DB",
        "AI API",
        "Storage",
        "Network",
        "Compute $4K",
        "AI API $3K",
    ] {
        assert!(has(&texts, wanted), "{wanted:?} missing from {texts:?}");
    }
    assert!(
        !has(&texts, "Monitoring"),
        "Part 6.1 has no monitoring, so no legend entry: {texts:?}"
    );
    // Bar heights, summed per bar, stand in the ratio of the totals.
    let mut bars: Vec<(f64, f64)> = Vec::new();
    for fill in ["#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00"] {
        for (x, _, _, height) in rects(svg.text(), fill, 30.0) {
            match bars.iter_mut().find(|(bx, _)| (*bx - x).abs() < 1.0) {
                Some(bar) => bar.1 += height,
                None => bars.push((x, height)),
            }
        }
    }
    bars.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(bars.len(), 3, "{bars:?}");
    let per_thousand = bars[0].1 / 7.3;
    for (bar, total) in bars.iter().zip([7.3, 11.8, 8.2]) {
        assert!((bar.1 / per_thousand - total).abs() < 0.05, "{bars:?}");
    }
}

#[tokio::test]
async fn the_break_even_chart_marks_break_even_and_the_downtime_avoided() {
    let texts = texts(get("/charts/break-even.svg?v=1").await.text());
    for wanted in [
        "break-even 2.8 h",
        "$42K a year",
        "expected downtime avoided 29.8 h a year →",
        "Downtime loss",
        "What DR adds a year",
        "Hours of downtime a year",
        "USD a year",
    ] {
        assert!(has(&texts, wanted), "{wanted:?} missing from {texts:?}");
    }
    let doubled = texts_of("/charts/break-even.svg?v=1&downtime_cost_per_hour=30000").await;
    assert!(has(&doubled, "break-even 1.4 h"), "{doubled:?}");
}

async fn texts_of(uri: &str) -> Vec<String> {
    let reply = get(uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}");
    texts(reply.text())
}

#[tokio::test]
async fn the_heatmap_places_every_risk_with_its_priority() {
    let texts = texts_of("/charts/risk-heatmap.svg").await;
    let joined = texts.join(" ");
    for name in [
        "AI provider outage",
        "Database corruption",
        "Region failure",
        "Network partition",
        "Application bug",
        "Rate limit exceeded",
        "Vector DB index loss",
    ] {
        assert!(joined.contains(name), "{name:?} missing from {texts:?}");
    }
    for band in ["Very low", "Medium", "High", "Catastrophic", "Impact →", "Likelihood →"] {
        assert!(has(&texts, band), "{band:?} missing from {texts:?}");
    }
    // One priority badge per risk: the article's risk assessment matrix (Part 1.2) has one 5, four 4s and two 3s;
    // the legend adds a sample badge "5" and one swatch label per priority.
    let count = |p: &str| texts.iter().filter(|t| *t == p).count();
    assert_eq!((count("5"), count("4"), count("3")), (3, 5, 3), "{texts:?}");
}

#[tokio::test]
async fn the_ale_chart_shows_each_risk_without_and_with_dr() {
    let texts = texts_of("/charts/risk-ale.svg?v=1").await;
    for wanted in [
        "$163.9K", // AI provider outage without DR: 2.5 × 4.37 h × 15,000
        "$3K",     // …and with active-passive and a standby provider
        "$97.5K",  // application bug: DR does not help
        "Without DR",
        "With DR (Active-passive)",
    ] {
        assert!(has(&texts, wanted), "{wanted:?} missing from {texts:?}");
    }
    assert!(
        texts
            .iter()
            .any(|t| t.contains("total $682.5K without DR, $235.5K with Active-passive")),
        "{texts:?}"
    );
}

#[tokio::test]
async fn the_frontier_highlights_the_recommended_strategy_against_the_target() {
    let svg = get("/charts/strategy-frontier.svg?v=1").await;
    let texts = texts(svg.text());
    for wanted in [
        "RTO target 30 min",
        "Warm standby · $5.8K · 22 min",
        "Active-passive · $7.8K · 10 min · current",
        "Backup & restore · $5.4K · 6 h",
        "Meets the RTO target",
        "Optimized DR (recommended)",
        "Optimized DR · $5.3K · 22 min",
    ] {
        assert!(
            has(&texts, wanted) || texts.iter().any(|t| t.starts_with(wanted)),
            "{wanted:?} missing from {texts:?}"
        );
    }
    let document = roxmltree::Document::parse(svg.text()).unwrap();
    let bold: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("bold"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(bold.iter().any(|t| t.starts_with("Optimized DR")), "{bold:?}");
    assert!(!bold.iter().any(|t| t.starts_with("Warm standby")), "{bold:?}");
    assert!(!bold.iter().any(|t| t.starts_with("Active-passive")), "{bold:?}");
}

#[tokio::test]
async fn a_long_name_is_ellipsized_and_money_is_in_the_reporting_currency() {
    let texts = texts_of(&format!("/charts/cost-comparison.svg?{}", long_euro_query())).await;
    let subtitle = texts
        .iter()
        .find(|t| t.starts_with("Retrieval-augmented"))
        .expect("the name heads the subtitle");
    assert!(
        subtitle.contains('…') && subtitle.ends_with("EUR a month · catalog 2026-12"),
        "{subtitle}"
    );
    // 7,800 USD at 0.92 is 7,176 EUR.
    assert!(has(&texts, "€7.2K"), "{texts:?}");
}

#[tokio::test]
async fn the_same_query_gives_the_same_bytes() {
    let query = link(&section3());
    for chart in Chart::ALL {
        for format in ["svg", "png"] {
            let uri = format!("/charts/{}.{format}?{query}", chart.name());
            let (first, second) = (get(&uri).await, get(&uri).await);
            assert_eq!(first.body, second.body, "{uri}");
            assert_eq!(first.header(header::ETAG), second.header(header::ETAG), "{uri}");
        }
    }
}

#[tokio::test]
async fn a_matching_etag_is_a_304_and_any_change_changes_the_etag() {
    let tag = get("/charts/cost-comparison.svg").await.header(header::ETAG).to_owned();
    let again = get_with("/charts/cost-comparison.svg", Some(&tag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header(header::ETAG), tag);
    let listed = get_with("/charts/cost-comparison.svg", Some(&format!("\"other\", W/{tag}"))).await;
    assert_eq!(listed.status, StatusCode::NOT_MODIFIED);
    let stale = get_with("/charts/cost-comparison.svg", Some("\"0000000000000000\"")).await;
    assert_eq!(stale.status, StatusCode::OK);

    let mut tags = vec![tag];
    for uri in [
        "/charts/cost-comparison.png",
        "/charts/cost-comparison.svg?size=slide",
        "/charts/break-even.svg",
        "/charts/cost-comparison.svg?downtime_cost_per_hour=30000",
    ] {
        let tag = get(uri).await.header(header::ETAG).to_owned();
        assert!(!tags.contains(&tag), "{uri} has a used ETag {tag}");
        tags.push(tag);
    }
    // A link that spells the default out is the same scenario, so the same ETag.
    let spelled = get("/charts/cost-comparison.svg?downtime_cost_per_hour=15000").await;
    assert_eq!(spelled.header(header::ETAG), tags[0]);
}

#[tokio::test]
async fn a_bad_query_is_a_400_naming_each_field_never_an_image() {
    for (query, fields) in [
        ("downtime_cost_per_hour=lots", vec!["downtime_cost_per_hour"]),
        ("size=huge", vec!["size"]),
        ("size=page&size=slide", vec!["size"]),
        ("tierr=production", vec!["tierr"]),
        (
            "downtime_cost_per_hour=0&size=poster",
            vec!["downtime_cost_per_hour", "size"],
        ),
    ] {
        for format in ["svg", "png"] {
            let uri = format!("/charts/strategy-frontier.{format}?{query}");
            let reply = get(&uri).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
            assert_eq!(reply.header(header::CONTENT_TYPE), "application/json", "{uri}");
            let json: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
            let named: Vec<&str> = json["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["field"].as_str().unwrap())
                .collect();
            assert_eq!(named, fields, "{uri}: {json}");
        }
    }
}

/// The scenarios every analysis chart is checked on: default, critical tier,
/// targets nothing meets, euros with a long name.
fn analysis_cases() -> [(&'static str, String); 4] {
    [
        ("default", String::new()),
        ("critical", CRITICAL.to_owned()),
        ("unmet", UNMET.to_owned()),
        ("long-eur", long_euro_query()),
    ]
}

fn scenario_of(query: &str) -> Scenario {
    engine::link::decode(&engine::Catalog::shipped(), query)
        .unwrap()
        .scenario
}

/// `(text, x, y, bold)` of every `<text>` element.
fn placed_texts(svg: &str) -> Vec<(String, f64, f64, bool)> {
    let document = roxmltree::Document::parse(svg).unwrap();
    let number = |n: &roxmltree::Node, a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            (
                n.text().unwrap_or("").trim().to_owned(),
                number(&n, "x"),
                number(&n, "y"),
                n.attribute("font-weight") == Some("bold"),
            )
        })
        .collect()
}

/// Circles filled with `fill`.
fn dots(svg: &str, fill: &str) -> usize {
    let document = roxmltree::Document::parse(svg).unwrap();
    document
        .descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("fill").is_some_and(|f| f.eq_ignore_ascii_case(fill)))
        .count()
}

#[tokio::test]
async fn the_loss_exceedance_chart_has_a_curve_per_plan_and_marks_p90_and_p99() {
    let catalog = engine::Catalog::shipped();
    for (case, query) in analysis_cases() {
        let scenario = scenario_of(&query);
        let simulation = engine::simulate(&catalog, &scenario).unwrap();
        let estimate = engine::estimate(&catalog, &scenario).unwrap();
        let currency = estimate.currency.code.as_str();
        let money = |m: Money| engine::present::compact_money(m, currency);
        let svg = get(&format!("/charts/loss-exceedance.svg?{query}")).await;
        assert_eq!(svg.status, StatusCode::OK, "{case}");
        let placed = placed_texts(svg.text());
        let texts: Vec<String> = placed.iter().map(|t| t.0.clone()).collect();
        assert!(
            has(
                &texts,
                "How often a year's loss exceeds each amount, without and with DR"
            ),
            "{case}: {texts:?}"
        );
        // One legend entry per plan, each with its P90 and P99.
        let plans: Vec<&engine::LossDistribution> = std::iter::once(&simulation.without_dr)
            .chain(&simulation.strategies)
            .collect();
        assert_eq!(plans.len(), 1 + estimate.strategies.len(), "{case}");
        let legend: Vec<&String> = texts.iter().filter(|t| t.starts_with("P90 ")).collect();
        assert_eq!(legend.len(), plans.len(), "{case}: {legend:?}");
        for plan in &plans {
            let wanted = format!("P90 {} · P99 {}", money(plan.p90), money(plan.p99));
            assert!(has(&texts, &wanted), "{case}: {wanted:?} missing from {texts:?}");
        }
        // Only the chosen strategy is bold in the legend.
        let chosen = estimate.strategies.iter().find(|s| s.chosen).unwrap();
        let bold_names: Vec<&str> = placed
            .iter()
            .filter(|t| t.3 && t.0.ends_with("· current"))
            .map(|t| t.0.as_str())
            .collect();
        assert_eq!(bold_names, [format!("{} · current", chosen.name)], "{case}");
        for mark in ["1 year in 10 (P90)", "1 year in 100 (P99)"] {
            assert!(has(&texts, mark), "{case}: {mark:?} missing");
        }
        // The P99 of the plan without DR is written where its curve crosses 1 %.
        assert!(has(&texts, &money(simulation.without_dr.p99)), "{case}: {texts:?}");
        // One dot per marked plan and level: without DR and the chosen strategy, P90 and P99.
        assert_eq!(dots(svg.text(), "#D55E00"), 2, "{case}");
    }
    let euros = texts_of(&format!("/charts/loss-exceedance.svg?{}", long_euro_query())).await;
    assert!(euros.iter().any(|t| t.contains("EUR a year")), "{euros:?}");
    assert!(euros.iter().any(|t| t.starts_with("Annual loss, EUR")), "{euros:?}");
}

#[tokio::test]
async fn the_design_frontier_rings_the_cheapest_feasible_design() {
    let catalog = engine::Catalog::shipped();
    for (case, query) in analysis_cases() {
        let optimization = engine::optimize(&catalog, &scenario_of(&query)).unwrap();
        let svg = get(&format!("/charts/design-frontier.svg?{query}")).await;
        assert_eq!(svg.status, StatusCode::OK, "{case}");
        let texts = texts(svg.text());
        assert!(
            has(
                &texts,
                "Per-layer designs: cheapest monthly cost for each recovery time"
            ),
            "{case}: {texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.contains(&format!(
                "{} designs searched, {} meet",
                optimization.search_space, optimization.feasible
            ))),
            "{case}: {texts:?}"
        );
        // A green dot per design shown that meets both targets, plus the legend's.
        let shown = optimization
            .frontier
            .iter()
            .chain(optimization.cheapest.iter().filter(|c| !c.on_frontier));
        let meeting = shown.filter(|d| d.meets_rto && d.meets_rpo).count();
        assert_eq!(dots(svg.text(), "#009E73"), meeting + 1, "{case}");
        let ringed = texts.iter().filter(|t| t.starts_with("Cheapest meeting both:")).count();
        match &optimization.cheapest {
            Some(_) => {
                assert_eq!(ringed, 1, "{case}: {texts:?}");
                assert!(has(&texts, "Cheapest meeting both targets"), "{case}");
            }
            None => {
                assert_eq!(ringed, 0, "{case}: {texts:?}");
                assert!(has(&texts, "No design meets both targets"), "{case}: {texts:?}");
                assert!(!has(&texts, "Cheapest meeting both targets"), "{case}");
            }
        }
    }
    let default = texts_of("/charts/design-frontier.svg?v=1").await;
    for wanted in ["Cheapest meeting both: $5.3K · 22 min", "RTO target 30 min", "Frontier"] {
        assert!(has(&default, wanted), "{wanted:?} missing from {default:?}");
    }
    let critical = texts_of(&format!("/charts/design-frontier.svg?{CRITICAL}")).await;
    assert!(has(&critical, "Cheapest meeting both: $6.9K · 5 min"), "{critical:?}");
}

#[tokio::test]
async fn the_tornado_has_a_bar_per_input_largest_swing_on_top() {
    let catalog = engine::Catalog::shipped();
    for (case, query) in analysis_cases() {
        let sensitivity = engine::sensitivity(&catalog, &scenario_of(&query)).unwrap();
        let svg = get(&format!("/charts/tornado.svg?{query}")).await;
        assert_eq!(svg.status, StatusCode::OK, "{case}");
        let placed = placed_texts(svg.text());
        let texts: Vec<String> = placed.iter().map(|t| t.0.clone()).collect();
        assert!(has(&texts, "What moves the annual net benefit of DR"), "{case}");
        // Each input's name (possibly wrapped on two lines) in the engine's order, top down.
        let mut last_y = f64::NEG_INFINITY;
        for row in &sensitivity.rows {
            let first_word = row.name.split(' ').next().unwrap();
            let (_, _, y, _) = placed
                .iter()
                .find(|t| t.0.starts_with(first_word) && t.1 < 200.0)
                .unwrap_or_else(|| panic!("{case}: {:?} missing from {texts:?}", row.name));
            assert!(*y > last_y, "{case}: {:?} out of order", row.name);
            last_y = *y;
        }
        // A low and a high bar per input that moves the benefit; the legend has one swatch of each.
        let moving = sensitivity
            .rows
            .iter()
            .filter(|r| {
                r.net_benefit_low != sensitivity.base_net_benefit || r.net_benefit_high != sensitivity.base_net_benefit
            })
            .count();
        let still = sensitivity.rows.len() - moving;
        assert_eq!(rects(svg.text(), "#0072B2", -1.0).len(), moving + 1, "{case}");
        assert_eq!(rects(svg.text(), "#E69F00", -1.0).len(), moving + 1, "{case}");
        assert_eq!(
            texts.iter().filter(|t| t.ends_with(": no effect")).count(),
            still,
            "{case}"
        );
        let currency = engine::estimate(&catalog, &scenario_of(&query)).unwrap().currency.code;
        let base = engine::present::compact_money(sensitivity.base_net_benefit, &currency);
        assert!(has(&texts, &format!("Base case {base}")), "{case}: {texts:?}");
    }
    let default = texts_of("/charts/tornado.svg").await;
    for wanted in ["−50 %", "+50 %", "Input at its low value", "Input at its high value"] {
        assert!(has(&default, wanted), "{wanted:?} missing from {default:?}");
    }
}

#[tokio::test]
async fn charts_of_the_estimate_alone_run_no_analysis() {
    let catalog = engine::Catalog::shipped();
    let scenario = Scenario::default();
    let plain =
        server::charts::Figures::compute(&catalog, &scenario, &[Chart::CostComparison, Chart::RiskAle]).unwrap();
    assert!(plain.simulation.is_none() && plain.optimization.is_none() && plain.sensitivity.is_none());
    let one = server::charts::Figures::compute(&catalog, &scenario, &[Chart::LossExceedance]).unwrap();
    assert!(one.simulation.is_some() && one.optimization.is_none() && one.sensitivity.is_none());
    let all = server::charts::Figures::compute(&catalog, &scenario, &Chart::ALL).unwrap();
    assert!(all.simulation.is_some() && all.optimization.is_some() && all.sensitivity.is_some());
}

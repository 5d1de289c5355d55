//! Every door reads a link the same way: the page, the `plan` server
//! function, the JSON API (GET, and POST with the scenario the GET read), a
//! chart, a CSV export, the comparison (page and CSV) and the CLI. Each
//! query below goes through all of them; each door must give the same
//! outcome: the same canonical link (so the same figures), or a 400 naming
//! the same parameters.

use std::collections::BTreeSet;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};

/// What a door answered.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    /// The scenario was valid: its canonical share-link query.
    Figures(String),
    /// The query was refused, naming these parameters.
    Refused(BTreeSet<String>),
}

/// The canonical link of the production-tier example (what a format-1 link
/// reads over) after its name, and optionally its tier, then `$tail`.
macro_rules! production {
    ($($tier:literal)?; $tail:literal) => {
        concat!(
            "&name=Production+tier+example",
            $($tier,)?
            "&secondary=eu-west-1&p1=openai/gpt-4o&p2=azure-openai/gpt-4o:provisioned:500",
            "&p3=anthropic/claude-sonnet-4-5&compute_monthly=800&compute_secondary_monthly=800",
            "&vector_monthly=1200&vector_secondary_monthly=1200&storage_monthly=300",
            "&storage_secondary_monthly=300&cross_region_gb=20000&cross_region_monthly=400",
            "&replication_gb=10000&replication_monthly=200",
            $tail
        )
    };
}

/// (query, expected: `Ok(canonical link after the version and catalog)` or
/// `Err(parameters named)`). Valid links, links that are odd but accepted
/// (form fields, thousands separators, encoded separators, format-1 links
/// read over the production-tier example), and invalid ones.
fn cases() -> Vec<(&'static str, Result<&'static str, &'static [&'static str]>)> {
    vec![
        ("", Ok("")),
        ("v=2", Ok("")),
        ("v=1", Ok(production!(; ""))),
        ("v=1&tier=critical", Ok(production!("&tier=critical"; ""))),
        (
            "v=1&downtime_cost_per_hour=30,000",
            Ok(production!(; "&downtime_cost_per_hour=30000")),
        ),
        (
            "v=1&p2=azure-openai%2Fgpt-4o&p2_standby=provisioned&p2_monthly=500",
            Ok(production!(; "")),
        ),
        ("tier=critical", Ok("&tier=critical")),
        ("?tier=critical", Ok("&tier=critical")),
        ("downtime_cost_per_hour=30000", Ok("&downtime_cost_per_hour=30000")),
        ("downtime_cost_per_hour=30,000", Ok("&downtime_cost_per_hour=30000")),
        ("downtime_cost_per_hour=30%2C000", Ok("&downtime_cost_per_hour=30000")),
        ("downtime_cost_per_hour=+30000+", Ok("&downtime_cost_per_hour=30000")),
        ("downtime_cost_per_hour=30000.00", Ok("&downtime_cost_per_hour=30000")),
        ("requests=2,000,000", Ok("&requests=2000000")),
        ("standby_fraction=0.5", Ok("&standby_fraction=0.5")),
        (
            "primary=us-west-2&secondary=eu-central-1",
            Ok("&primary=us-west-2&secondary=eu-central-1"),
        ),
        ("p2=&p3=", Ok("&p2=&p3=")),
        ("p3=", Ok("&p3=")),
        ("p1=anthropic%2Fclaude-sonnet-4-5", Ok("")),
        (
            "p2=aws-bedrock%2Fclaude-sonnet-4-5&p2_standby=pay_per_use&p2_monthly=",
            Ok(""),
        ),
        (
            "p2=azure-openai%2Fgpt-4o&p2_standby=provisioned&p2_monthly=1%2C500",
            Ok("&p2=azure-openai/gpt-4o:provisioned:1500"),
        ),
        (
            "p2=azure-openai%2Fgpt-4o&p2_standby=pay_per_use&p2_monthly=",
            Ok("&p2=azure-openai/gpt-4o"),
        ),
        (
            "embedding=openai%2Ftext-embedding-3-large",
            Ok("&embedding=openai/text-embedding-3-large"),
        ),
        ("name=R%26D+team", Ok("&name=R%26D+team")),
        ("rto=30&rpo=10", Ok("&rto=30&rpo=10")),
        ("currency=EUR&rate=0.9237", Ok("&currency=EUR&rate=0.9237")),
        ("mc_years=2000&mc_seed=7", Ok("&mc_years=2000&mc_seed=7")),
        (
            "price.region_price:us-east-1/vcpu_hour:price=0.05",
            Ok("&price.region_price:us-east-1/vcpu_hour:price=0.05"),
        ),
        ("catalog=2026-11", Ok("")),
        // Refused, the same way everywhere.
        ("downtime_cost_per_hour=lots", Err(&["downtime_cost_per_hour"])),
        ("downtime_cost_per_hour=0", Err(&["downtime_cost_per_hour"])),
        ("downtime_cost_per_hour=1e15", Err(&["downtime_cost_per_hour"])),
        ("requests=-5", Err(&["requests"])),
        ("requests=1.5", Err(&["requests"])),
        ("tier=gold", Err(&["tier"])),
        ("tierr=critical", Err(&["tierr"])),
        ("tier=basic&tier=basic", Err(&["tier"])),
        ("secondary=us-east-1", Err(&["secondary"])),
        ("p2=&p3=openai/gpt-4o", Err(&["p3"])),
        ("p2=openai", Err(&["p2"])),
        ("rpo=10", Err(&["rto"])),
        (
            "standby_fraction=1.5&mc_years=5",
            Err(&["mc_years", "standby_fraction"]),
        ),
        ("currency=eur", Err(&["currency"])),
        ("v=3", Err(&["v"])),
        ("name=50%", Err(&["name"])),
        // Control characters and noncharacters (NUL, ESC, DEL, U+FFFE) never
        // reach an SVG, a page or a CSV file.
        ("name=a%00b", Err(&["name"])),
        ("name=%1B%5B31mred", Err(&["name"])),
        ("name=x%7F", Err(&["name"])),
        ("name=%EF%BF%BE", Err(&["name"])),
        ("name=%0Aline", Err(&["name"])),
    ]
}

fn canonical(suffix: &str) -> String {
    format!("v=2&catalog={}{suffix}", engine::Catalog::shipped().version())
}

async fn send(request: Request<Body>) -> (StatusCode, String) {
    let answer = crate::common::send(request).await;
    (answer.status, answer.body)
}

async fn get(uri: &str) -> (StatusCode, String) {
    send(Request::get(uri).body(Body::empty()).unwrap()).await
}

/// The parameters a JSON `{"errors":[…]}` answer names; `prefix` is taken off (`a.`).
fn named(json: &serde_json::Value, prefix: &str) -> BTreeSet<String> {
    json["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    e["field"]
                        .as_str()
                        .unwrap_or_default()
                        .trim_start_matches(prefix)
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn refused(status: StatusCode, body: &str, prefix: &str) -> Outcome {
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    Outcome::Refused(named(&serde_json::from_str(body).expect("a JSON error"), prefix))
}

/// The value of `attribute` on the first element that has `marker` before it.
fn attribute_after<'a>(html: &'a str, marker: &str, attribute: &str) -> Option<&'a str> {
    let from = html.find(marker)?;
    let rest = &html[from..];
    let start = rest.find(&format!("{attribute}=\""))? + attribute.len() + 2;
    rest[start..].split('"').next()
}

async fn page(query: &str) -> Outcome {
    let (status, html) = get(&format!("/?{query}")).await;
    assert_eq!(status, StatusCode::OK, "the page always renders");
    match attribute_after(&html, "id=\"share-link\"", "value") {
        Some(url) => Outcome::Figures(url.trim_start_matches("/?").replace("&amp;", "&")),
        None => Outcome::Refused(
            html.match_indices("data-field-error=\"")
                .map(|(i, m)| html[i + m.len()..].split('"').next().unwrap_or_default().to_owned())
                .collect(),
        ),
    }
}

async fn server_function(query: &str) -> Outcome {
    let body = format!("query={}&full=false", engine::link::escape(query, false));
    let request = Request::post("/fn/plan")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let (status, text) = send(request).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    match json.get("Figures") {
        Some(figures) => Outcome::Figures(figures["link"].as_str().unwrap().to_owned()),
        None => Outcome::Refused(
            json["Invalid"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["field"].as_str().unwrap().to_owned())
                .collect(),
        ),
    }
}

/// GET, then POST the scenario the GET read: both must give the same link.
async fn api(query: &str) -> Outcome {
    let (status, body) = get(&format!("/api/v1/estimate?{}", query.trim_start_matches('?'))).await;
    if status != StatusCode::OK {
        return refused(status, &body, "");
    }
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let link = json["share_link"].as_str().unwrap().to_owned();
    let request = Request::post("/api/v1/estimate")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json["scenario"].to_string()))
        .unwrap();
    let (status, posted) = send(request).await;
    assert_eq!(status, StatusCode::OK, "{posted}");
    let posted: serde_json::Value = serde_json::from_str(&posted).unwrap();
    assert_eq!(posted["share_link"], json["share_link"], "POST of the GET's scenario");
    assert_eq!(posted["estimate"], json["estimate"], "POST of the GET's scenario");
    Outcome::Figures(link)
}

async fn chart(query: &str) -> Outcome {
    let (status, body) = get(&format!(
        "/charts/cost-comparison.svg?{}&size=page",
        query.trim_start_matches('?')
    ))
    .await;
    if status != StatusCode::OK {
        return refused(status, &body, "");
    }
    assert!(body.starts_with("<svg"), "an SVG");
    // The chart names no link; the API's link for the same query is what it drew.
    Outcome::Figures(String::new())
}

async fn csv(query: &str) -> Outcome {
    let (status, body) = get(&format!("/export/costs.csv?{}", query.trim_start_matches('?'))).await;
    if status != StatusCode::OK {
        return refused(status, &body, "");
    }
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = headers
        .iter()
        .position(|h| h == "share_link")
        .expect("a share_link column");
    let first = reader.records().next().expect("a row").unwrap();
    Outcome::Figures(first[column].trim_start_matches("/?").to_owned())
}

async fn compare(query: &str) -> Outcome {
    let a = format!("/?{}", query.trim_start_matches('?'));
    let pair = format!(
        "a={}&b={}",
        engine::link::escape(&a, true),
        engine::link::escape("/?tier=basic", true)
    );
    let (page_status, _) = get(&format!("/compare?{pair}")).await;
    let (status, body) = get(&format!("/export/compare.csv?{pair}")).await;
    if status != StatusCode::OK {
        assert_eq!(
            page_status,
            StatusCode::BAD_REQUEST,
            "the page refuses what the CSV refuses"
        );
        return refused(status, &body, "a.");
    }
    assert_eq!(page_status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = headers
        .iter()
        .position(|h| h == "share_link_a")
        .expect("a share_link_a column");
    let first = reader.records().next().expect("a row").unwrap();
    Outcome::Figures(first[column].trim_start_matches("/?").to_owned())
}

fn cli(query: &str) -> Outcome {
    let out = crate::cli::drplan(&[
        "estimate",
        "--format",
        "json",
        &format!("?{}", query.trim_start_matches('?')),
    ]);
    if out.status.success() {
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        return Outcome::Figures(json["share_link"].as_str().unwrap().to_owned());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `  field: message` (or `  field "value" …`) per problem after "invalid scenario:".
    Outcome::Refused(
        stderr
            .lines()
            .filter_map(|line| line.strip_prefix("  "))
            .filter_map(|line| line.split([':', ' ']).next())
            .map(str::to_owned)
            .collect(),
    )
}

#[tokio::test]
async fn every_door_reads_a_query_the_same_way() {
    let cases = cases();
    assert!(cases.len() >= 30, "at least 30 queries");
    let mut mismatches = Vec::new();
    for (query, expected) in cases {
        let expected = match expected {
            Ok(suffix) => Outcome::Figures(canonical(suffix)),
            Err(fields) => Outcome::Refused(fields.iter().map(|f| f.to_string()).collect()),
        };
        let doors = [
            ("page", page(query).await),
            ("server function", server_function(query).await),
            ("API", api(query).await),
            ("CSV", csv(query).await),
            ("compare", compare(query).await),
            ("CLI", cli(query)),
        ];
        for (door, outcome) in doors {
            if outcome != expected {
                mismatches.push(format!("{query:?} via {door}: {outcome:?}, expected {expected:?}"));
            }
        }
        // The chart draws figures exactly when the others do, and refuses the same parameters.
        let chart = chart(query).await;
        let same = match (&chart, &expected) {
            (Outcome::Figures(_), Outcome::Figures(_)) => true,
            (a, b) => a == b,
        };
        if !same {
            mismatches.push(format!("{query:?} via chart: {chart:?}, expected {expected:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

//! Over 500 lines because the request generator and its checks belong together.
//!
//! Bad input, tried for real: at least 10,000 random and malformed requests
//! from a seeded generator, sent to every route of the fully layered app (as
//! the binary serves it). None may be a 5xx, and every 4xx must say what was
//! wrong (see [`explains`]).
//!
//! The seed is fixed so a failure is reproducible; `DRPLAN_MALFORMED_SEED=n`
//! tries another sequence, `DRPLAN_MALFORMED_REQUESTS=n` another count.

use std::collections::BTreeMap;

use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
    Router,
};
use engine::link::{PARAMETERS, PRICE_PREFIX};
use http_body_util::BodyExt;
use rand::{rngs::StdRng, seq::IndexedRandom, Rng, SeedableRng};
use tower::ServiceExt;

/// What a route reads, which decides what garbage it gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Input {
    /// A share-link query string.
    Link,
    /// A share-link query plus a chart's `size`.
    Chart,
    /// Two share links, `a` and `b`, each one percent-encoded value.
    Compare,
    /// A JSON scenario body.
    Json,
    /// A server function's form body (`query=…`).
    ServerFn,
    /// Nothing: the query and body are ignored.
    Nothing,
}

/// One route to attack. Add a route here and it gets its share of requests.
struct Route {
    method: Method,
    path: String,
    input: Input,
}

fn route(method: Method, path: impl Into<String>, input: Input) -> Route {
    Route {
        method,
        path: path.into(),
        input,
    }
}

/// Every route the server has, and a few it has not.
fn routes() -> Vec<Route> {
    let mut routes = vec![
        route(Method::GET, "/", Input::Link),
        route(Method::GET, "/methodology", Input::Nothing),
        route(Method::GET, "/catalog", Input::Nothing),
        route(Method::GET, "/healthz", Input::Nothing),
        route(Method::GET, "/readyz", Input::Nothing),
        route(Method::GET, "/api/v1/estimate", Input::Link),
        route(Method::GET, "/compare", Input::Compare),
        route(Method::GET, "/export/compare.csv", Input::Compare),
        route(Method::POST, "/api/v1/estimate", Input::Json),
        route(Method::GET, "/api/v1/catalog", Input::Nothing),
        route(Method::GET, "/api/v1/openapi.json", Input::Nothing),
        route(Method::POST, "/fn/plan", Input::ServerFn),
        // Not routes: the 404 page, a missing static file, a path escaping the site.
        route(Method::GET, "/no-such-page", Input::Link),
        route(Method::GET, "/api/v2/estimate", Input::Link),
        route(Method::GET, "/pkg/missing.js", Input::Nothing),
        route(Method::GET, "/pkg/drplan.css", Input::Nothing),
        route(Method::GET, "/favicon.svg", Input::Nothing),
        route(Method::GET, "/pkg/../../Cargo.toml", Input::Nothing),
        route(Method::GET, "/charts/no-such-chart.svg", Input::Chart),
        route(Method::GET, "/export/no-such-table.csv", Input::Link),
    ];
    for table in ["inputs", "costs", "strategies", "risk", "report"] {
        routes.push(route(Method::GET, format!("/export/{table}.csv"), Input::Link));
    }
    for chart in server::charts::Chart::ALL {
        for format in ["svg", "png"] {
            routes.push(route(
                Method::GET,
                format!("/charts/{}.{format}", chart.name()),
                Input::Chart,
            ));
        }
    }
    routes
}

/// The layered app over a site folder holding the files `/readyz` looks for,
/// so that route is ready and static files are served.
fn site_router() -> Router {
    let root = std::env::temp_dir().join(format!("drplan-malformed-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).expect("create a site folder");
    for (file, text) in [
        ("drplan.js", "export default function() {}"),
        ("drplan_bg.wasm", "\0asm"),
        ("drplan.css", "body { margin: 0 }"),
    ] {
        std::fs::write(pkg.join(file), text).expect("write a site file");
    }
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("drplan")
        .site_root(root.display().to_string())
        .build();
    server::service(
        server::AppState {
            leptos_options,
            catalog: std::sync::Arc::new(engine::Catalog::shipped()),
            admission: server::admission::Admission::default(),
        },
        server::layers::Limits::default(),
    )
}

/// A generated request, kept as text so a failure can be shown and replayed.
struct Attempt {
    method: Method,
    uri: String,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Numbers and words that break parsers: every way a value can be wrong.
const NASTY_VALUES: &[&str] = &[
    "",
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "-0.000001",
    "1e400",
    "-1e400",
    "1e-400",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1e30",
    "99999999999999999999999999999999",
    "18446744073709551616",
    "-9223372036854775809",
    "2147483648",
    "0x10",
    "1_000",
    "1,000",
    " 5 ",
    "5 ",
    "+5",
    "--5",
    "1.2.3",
    ".",
    "-",
    "e",
    "true",
    "null",
    "[]",
    "{}",
    "critical",
    "gold",
    "production",
    "us-east-1",
    "openai/gpt-4o",
    "openai/",
    "/",
    "//",
    "a/b/c",
    "%",
    "%2",
    "%zz",
    "%ff",
    "%ff%fe%fd",
    "%c3%28",
    "%00",
    "%0d%0a",
    "%e2%80%ae",
    "日本",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "=HYPERLINK(\"x\")",
    "\u{feff}1",
    "١٢٣",
];

/// Parameter names: the real ones, the chart's, prices, and unknown ones.
fn name(rng: &mut StdRng) -> String {
    match rng.random_range(0..10) {
        0..=5 => PARAMETERS.choose(rng).map(|p| p.name.to_owned()).unwrap_or_default(),
        6 => ["v", "catalog", "size", "name"]
            .choose(rng)
            .copied()
            .unwrap_or("v")
            .to_owned(),
        7 => format!(
            "{PRICE_PREFIX}{}",
            ["openai/gpt-4o/input", "x", "", "s3-standard", "%ff"]
                .choose(rng)
                .copied()
                .unwrap_or("")
        ),
        8 => ["unknown", "", "%zz", "a[0]", "tier[]", "__proto__", "%ff%fe", "日本"]
            .choose(rng)
            .copied()
            .unwrap_or("")
            .to_owned(),
        _ => "x".repeat(rng.random_range(1..300)),
    }
}

fn value(rng: &mut StdRng) -> String {
    match rng.random_range(0..10) {
        0..=6 => NASTY_VALUES.choose(rng).copied().unwrap_or("").to_owned(),
        7 => rng.random_range(-1_000_000_000i64..1_000_000_000).to_string(),
        8 => format!("{}", rng.random::<f64>() * 10f64.powi(rng.random_range(-10..40))),
        _ => "9".repeat(rng.random_range(1..4000)),
    }
}

/// Text as a query writes it, except `%` escapes meant to be malformed stay as they are.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'%' | b'/' | b'[' | b']' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A query string: some real pairs, some broken ones, repeats, stray separators.
fn query(rng: &mut StdRng, chart: bool) -> String {
    let mut pairs = Vec::new();
    for _ in 0..rng.random_range(0..6) {
        let pair = match rng.random_range(0..12) {
            0 => encode(&name(rng)),
            1 => format!("={}", encode(&value(rng))),
            2 => "&".to_owned(),
            _ => format!("{}={}", encode(&name(rng)), encode(&value(rng))),
        };
        pairs.push(pair);
    }
    if chart && rng.random_bool(0.5) {
        pairs.push(format!(
            "size={}",
            ["page", "slide", "huge", "", "PAGE", "%ff"]
                .choose(rng)
                .copied()
                .unwrap_or("")
        ));
    }
    if rng.random_bool(0.1) && !pairs.is_empty() {
        let repeated = pairs[0].clone();
        pairs.push(repeated);
    }
    let query = pairs.join("&");
    if rng.random_bool(0.05) {
        format!("?{query}")
    } else {
        query
    }
}

/// `a` and `b` links (whole URLs, bare queries, junk), sometimes with stray parameters.
fn compare_query(rng: &mut StdRng) -> String {
    let mut pairs = Vec::new();
    for side in ["a", "b"] {
        let link = match rng.random_range(0..5) {
            0 => String::new(),
            1 => format!("http://127.0.0.1:3000/?{}", query(rng, false)),
            2 => value(rng),
            _ => query(rng, false),
        };
        if rng.random_bool(0.9) {
            pairs.push(format!(
                "{side}={}",
                encode(&link).replace('%', if rng.random_bool(0.8) { "%25" } else { "%" })
            ));
        }
    }
    match rng.random_range(0..6) {
        0 => pairs.push(format!(
            "only={}",
            ["diff", "", "all", "%ff"].choose(rng).copied().unwrap_or("")
        )),
        1 => pairs.push(query(rng, false)),
        2 => pairs.push("a=1".to_owned()),
        _ => {}
    }
    pairs.join("&")
}

/// A valid scenario as JSON, then broken in one or more ways.
fn json_body(rng: &mut StdRng) -> Vec<u8> {
    let mut scenario = serde_json::to_value(engine::Scenario::default()).expect("a scenario serializes");
    for _ in 0..rng.random_range(1..4) {
        mutate(rng, &mut scenario, 0);
    }
    if rng.random_bool(0.1) {
        // Readable, but out of range or not in the catalog: the 422 path.
        let (field, bad) = [
            ("downtime_cost_per_hour", serde_json::json!("-5")),
            ("provider_failover_minutes", serde_json::json!(5000)),
            ("tier", serde_json::json!("gold")),
            ("primary_region", serde_json::json!("mars-1")),
        ]
        .choose(rng)
        .cloned()
        .expect("the list is not empty");
        scenario[field] = bad;
    }
    let text = serde_json::to_string(&scenario).expect("a value serializes");
    match rng.random_range(0..12) {
        // Numbers serde_json cannot hold, written in by hand.
        0 => text.replacen(':', ":1e400,\"_\":", 1).into_bytes(),
        1 => text.replacen(':', ":NaN,\"_\":", 1).into_bytes(),
        2 => {
            let cut = rng.random_range(0..text.len());
            text.as_bytes()[..cut].to_vec()
        }
        3 => {
            let depth = rng.random_range(100..5000);
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
        }
        4 => {
            let depth = rng.random_range(100..2000);
            format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)).into_bytes()
        }
        5 => {
            let mut bytes = text.into_bytes();
            let at = rng.random_range(0..bytes.len());
            bytes.insert(at, 0xff);
            bytes
        }
        6 => Vec::new(),
        7 => ["null", "[]", "\"scenario\"", "42", "true", "{}"]
            .choose(rng)
            .copied()
            .unwrap_or("")
            .into(),
        _ => text.into_bytes(),
    }
}

/// Replaces, adds or removes one field somewhere in `value`.
fn mutate(rng: &mut StdRng, value: &mut serde_json::Value, depth: usize) {
    let serde_json::Value::Object(map) = value else {
        return;
    };
    let keys: Vec<String> = map.keys().cloned().collect();
    let Some(key) = keys.choose(rng).cloned() else {
        return;
    };
    match rng.random_range(0..8) {
        0 if depth < 3 && map[&key].is_object() => mutate(rng, map.get_mut(&key).expect("the key exists"), depth + 1),
        1 => {
            map.insert(name(rng), json_value(rng));
        }
        2 => {
            map.remove(&key);
        }
        _ => {
            map.insert(key, json_value(rng));
        }
    }
}

fn json_value(rng: &mut StdRng) -> serde_json::Value {
    use serde_json::json;
    match rng.random_range(0..9) {
        0 => json!(null),
        1 => json!(rng.random_bool(0.5)),
        2 => json!(rng.random_range(i64::MIN..i64::MAX)),
        3 => json!(-1),
        4 => json!(rng.random::<f64>() * 1e300),
        5 => json!(value(rng)),
        6 => json!([value(rng), 1, null]),
        7 => json!({ "nested": value(rng) }),
        _ => json!(u64::MAX),
    }
}

/// A server function's body: the form field `query`, or something else entirely.
fn server_fn_body(rng: &mut StdRng) -> Vec<u8> {
    match rng.random_range(0..8) {
        0 => Vec::new(),
        1 => format!("other={}", encode(&value(rng))).into_bytes(),
        2 => b"query=%ff%fe&query=2".to_vec(),
        3 => vec![0xff, 0xfe, 0x00, b'='],
        4 => format!("{{\"query\": {}}}", json_value(rng)).into_bytes(),
        _ => format!("query={}&full={}", encode(&query(rng, false)), rng.random_bool(0.5)).into_bytes(),
    }
}

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "application/x-www-form-urlencoded",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/cbor",
    "application/xml",
    "garbage",
    "",
];

fn attempt(rng: &mut StdRng, route: &Route, limits: &server::layers::Limits) -> Attempt {
    let method = if rng.random_bool(0.05) {
        [
            Method::PUT,
            Method::DELETE,
            Method::PATCH,
            Method::OPTIONS,
            Method::GET,
            Method::POST,
        ]
        .choose(rng)
        .cloned()
        .unwrap_or(Method::PUT)
    } else {
        route.method.clone()
    };
    let mut uri = route.path.clone();
    let query = match route.input {
        Input::Link | Input::Nothing => query(rng, false),
        Input::Chart => query(rng, true),
        Input::Compare => compare_query(rng),
        Input::Json | Input::ServerFn if rng.random_bool(0.2) => query(rng, false),
        Input::Json | Input::ServerFn => String::new(),
    };
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query);
    }
    if rng.random_bool(0.01) {
        // Past the URI cap.
        uri.push_str(&format!("&name={}", "a".repeat(limits.max_uri_length)));
    }
    let mut body = match route.input {
        Input::Json => json_body(rng),
        Input::ServerFn => server_fn_body(rng),
        _ if rng.random_bool(0.05) => b"{\"unexpected\": \"body\"}".to_vec(),
        _ => Vec::new(),
    };
    if rng.random_bool(0.01) {
        // Past the body limit.
        body = vec![b'{'; limits.body_limit + rng.random_range(1..1000)];
    }
    let content_type = match route.input {
        Input::Json if rng.random_bool(0.7) => Some("application/json".to_owned()),
        Input::ServerFn if rng.random_bool(0.7) => Some("application/x-www-form-urlencoded".to_owned()),
        _ if rng.random_bool(0.3) => CONTENT_TYPES.choose(rng).map(|t| (*t).to_owned()),
        _ => None,
    };
    Attempt {
        method,
        uri,
        content_type,
        body,
    }
}

/// What came back, as text.
struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
    nosniff: bool,
}

async fn send(router: Router, attempt: &Attempt) -> Answer {
    let mut request = Request::builder().method(attempt.method.clone()).uri(&attempt.uri);
    if let Some(content_type) = &attempt.content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    if attempt.body.len().is_multiple_of(2) {
        // Half the bodies announce their length, half are read to find out.
        request = request.header(header::CONTENT_LENGTH, attempt.body.len());
    }
    let request = request
        .body(Body::from(attempt.body.clone()))
        .unwrap_or_else(|e| panic!("the generator made an invalid request {}: {e}", attempt.uri));
    let response = router.oneshot(request).await.expect("the router is infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let nosniff = response.headers().get(header::X_CONTENT_TYPE_OPTIONS).is_some();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("a response body is readable")
        .to_bytes();
    Answer {
        status,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        nosniff,
    }
}

/// Names an error entry may carry without the request containing them: the
/// link's parameters and scenario fields (a check across fields names the
/// field it blames, which may have kept its default), and the chart's `size`.
fn known_field(field: &str) -> bool {
    let head = field.split(['.', '[']).next().unwrap_or("");
    ["size", "v", "catalog"].contains(&head)
        || field.starts_with(PRICE_PREFIX)
        || PARAMETERS
            .iter()
            .any(|p| p.name == head || p.field.split(['.', '[']).next() == Some(head))
        || SCENARIO_FIELDS.iter().any(|f| f == head)
}

/// `/compare` names its own parameters (`a`, `b`, `only`), and a field of
/// link A or B as `a.<field>` / `b.<field>`.
fn compare_field(field: &str, request_text: &str) -> bool {
    if ["a", "b", "only"].contains(&field) {
        return true;
    }
    let inner = field.strip_prefix("a.").or_else(|| field.strip_prefix("b."));
    inner.is_some_and(|inner| known_field(inner) || request_text.contains(inner))
}

/// The top-level fields of a JSON scenario.
static SCENARIO_FIELDS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| match serde_json::to_value(engine::Scenario::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    });

/// The rule every 4xx answer must meet: it says what was wrong.
///
/// - A JSON error list (`{"errors":[{"field","message"}]}`, the API's shape, also
///   used for limits and methods): at least one entry, every message at least
///   a few words, every non-empty field a real parameter or field name, or a
///   name the request itself contained (an unknown parameter is named as sent);
///   an entry about the whole request names the limit, the method, or the body.
/// - A server-function 400: `Kind|detail` from the server-function machinery.
/// - A 404 page for a path that is no route: says the page was not found.
fn explains(attempt: &Attempt, answer: &Answer) -> Result<(), String> {
    if answer.body.trim().is_empty() {
        return Err("empty body".into());
    }
    if answer.status == StatusCode::NOT_FOUND && answer.content_type.starts_with("text/html") {
        return if answer.body.contains("Page not found") {
            Ok(())
        } else {
            Err("a 404 page that does not say the page was not found".into())
        };
    }
    if answer.content_type.starts_with("text/html") {
        // A page that answers a bad request with its form: the problems are
        // listed in its alert, each a sentence.
        let alert = answer
            .body
            .split_once("role=\"alert\"")
            .map(|(_, rest)| rest)
            .unwrap_or("");
        let first = alert
            .split_once("<li>")
            .and_then(|(_, rest)| rest.split_once("</li>"))
            .map(|(item, _)| item)
            .unwrap_or("");
        return if first.split_whitespace().count() >= 3 {
            Ok(())
        } else {
            Err("an HTML error page without a problem listed in its alert".into())
        };
    }
    if attempt.uri.starts_with("/fn/") && answer.status == StatusCode::BAD_REQUEST && !answer.body.starts_with('{') {
        let (kind, detail) = answer.body.split_once('|').unwrap_or(("", ""));
        return if ["Args", "MissingArg", "Deserialization"].contains(&kind) && detail.len() > 3 {
            Ok(())
        } else {
            Err("a server-function error without its kind and detail".into())
        };
    }
    let json: serde_json::Value =
        serde_json::from_str(&answer.body).map_err(|e| format!("not a JSON error list: {e}"))?;
    let errors = json["errors"].as_array().ok_or("no `errors` list")?;
    if errors.is_empty() {
        return Err("an empty `errors` list".into());
    }
    let request_text = format!(
        "{} {}",
        percent_decoded(&attempt.uri),
        String::from_utf8_lossy(&attempt.body)
    );
    for error in errors {
        let field = error["field"].as_str().ok_or("an entry without `field`")?;
        let message = error["message"].as_str().ok_or("an entry without `message`")?;
        if message.split_whitespace().count() < 3 {
            return Err(format!("message {message:?} does not say what was wrong"));
        }
        if field.is_empty() {
            let about_request = [
                "limit",
                "method",
                "body",
                "JSON",
                "scenario",
                "object",
                "parameter",
                "query",
                "field",
            ];
            if !about_request.iter().any(|word| message.contains(word)) {
                return Err(format!("message {message:?} names neither a field nor what was wrong"));
            }
        } else if !known_field(field)
            && !request_text.contains(field.trim_start_matches('.'))
            && !compare_field(field, &request_text)
        {
            return Err(format!("field {field:?} is neither a known field nor in the request"));
        }
    }
    Ok(())
}

/// The URI with its query's names and values decoded, as a route reads them,
/// then decoded again twice: `/compare` takes whole links as encoded values.
fn percent_decoded(uri: &str) -> String {
    let mut text = uri.split_once('?').map_or("", |(_, q)| q).to_owned();
    let mut all = uri.to_owned();
    for _ in 0..3 {
        text = form_urlencoded::parse(text.as_bytes())
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        all.push(' ');
        all.push_str(&text);
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_and_malformed_requests_get_no_5xx_and_every_4xx_says_what_was_wrong() {
    let seed: u64 = std::env::var("DRPLAN_MALFORMED_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let count: usize = std::env::var("DRPLAN_MALFORMED_REQUESTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let limits = server::layers::Limits::default();
    let routes = routes();
    let mut rng = StdRng::seed_from_u64(seed);
    let attempts: Vec<Attempt> = (0..count)
        .map(|i| attempt(&mut rng, &routes[i % routes.len()], &limits))
        .collect();
    let router = site_router();
    let started = std::time::Instant::now();
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let attempts = std::sync::Arc::new(attempts);
    // Two at a time per core: the page and PNG renders are CPU-bound.
    let mut tasks = tokio::task::JoinSet::new();
    let mut next = 0;
    while next < attempts.len() || !tasks.is_empty() {
        while next < attempts.len() && tasks.len() < 4 {
            let router = router.clone();
            let attempts = attempts.clone();
            let index = next;
            tasks.spawn(async move { (index, send(router, &attempts[index]).await) });
            next += 1;
        }
        let Some(joined) = tasks.join_next().await else { break };
        let (index, answer) = joined.expect("a request task does not panic");
        let attempt = &attempts[index];
        *statuses.entry(answer.status.as_u16()).or_default() += 1;
        let verdict = if answer.status.is_server_error() {
            Err("a 5xx".to_owned())
        } else if !answer.nosniff {
            Err("no security headers".to_owned())
        } else if answer.status.is_client_error() {
            explains(attempt, &answer)
        } else {
            Ok(())
        };
        if let Err(problem) = verdict {
            failures.push(format!(
                "{problem}: {} {} (content-type {:?}, body {:?}) → {} {:?}",
                attempt.method,
                attempt.uri.chars().take(300).collect::<String>(),
                attempt.content_type,
                String::from_utf8_lossy(&attempt.body)
                    .chars()
                    .take(200)
                    .collect::<String>(),
                answer.status,
                answer.body.chars().take(300).collect::<String>(),
            ));
        }
    }
    println!(
        "{count} requests (seed {seed}) in {:.1} s; statuses: {statuses:?}",
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} requests failed (seed {seed}); the first ones:\n{}",
        failures.len(),
        failures.iter().take(25).cloned().collect::<Vec<_>>().join("\n")
    );
    // The generator must reach both sides, or the test proves nothing.
    assert!(statuses.get(&200).copied().unwrap_or(0) > count / 50, "{statuses:?}");
    assert!(statuses.get(&400).copied().unwrap_or(0) > count / 4, "{statuses:?}");
    for status in [404, 405, 413, 414, 422] {
        assert!(statuses.contains_key(&status), "no {status} among {statuses:?}");
    }
}

//! The planner as an architect uses it: read the recommendation, change the
//! tier and the cost of downtime, share the link, make a mistake, go without
//! JavaScript, and see it on a desktop and a phone.

use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{Harness, Scripts};

/// The figures a finance reader would compare between two screens.
async fn key_figures(h: &Harness) -> Vec<String> {
    let mut figures = Vec::new();
    for css in [
        "#recommended-monthly",
        "#plan-monthly",
        "#plan-annual",
        "#break-even-hours",
        "#ale-reduction",
    ] {
        figures.push(h.text(css).await);
    }
    figures
}

#[tokio::test]
async fn the_articles_example_shows_the_recommendation_and_its_totals() {
    // "Start from an example" opens the article's Part 1.1 bill.
    let h = Harness::hydrated("/").await;
    h.click("a[data-example='article-production-tier']").await;
    h.wait_for_text("#plan-monthly", "$7,800.00").await;
    h.wait_for_hydration().await;
    assert_eq!(h.text("#recommended-strategy").await, "Optimized DR");
    // The cheapest per-layer design meeting RTO 30 / RPO 15 min.
    assert_eq!(h.text("#recommended-monthly").await, "$5,300.00");
    assert_eq!(h.text("#chosen-strategy").await, "Active-passive");
    assert_eq!(
        h.text("#plan-monthly").await,
        "$7,800.00",
        "\"Disaster Recovery & Failover Strategies for AI Services\", Part 1.1 cost example: 7,800 a month"
    );
    assert_eq!(
        h.text("#plan-annual").await,
        "$93,600.00",
        "the article's Part 1.1: 93,600 a year"
    );
    assert_eq!(h.text("#plan-lines-monthly").await, "$7,800.00", "line-by-line total");
    assert_eq!(h.text("#article-break-even-hours").await, "6.24");
    assert_eq!(
        h.text("#break-even-hours").await,
        "2.80",
        "what DR adds, 42,000 ÷ 15,000"
    );
    h.assert_no_console_errors().await;
    h.screenshot("planner-desktop").await;
    h.stop().await;
}

#[tokio::test]
async fn a_stricter_tier_changes_the_recommendation_without_a_page_load() {
    let h = Harness::hydrated("/").await;
    assert_eq!(h.text("#recommended-monthly").await, "$4,020.58");
    h.client
        .execute("window.__same_page = 'yes';", vec![])
        .await
        .expect("mark the page");
    h.client
        .find(Locator::Css("#tier"))
        .await
        .expect("tier picker")
        .select_by_value("critical")
        .await
        .expect("pick critical");
    // RTO 5 min: active-active compute with a synchronous active-passive replica.
    h.wait_for_text("#recommended-monthly", "$4,606.05").await;
    let design = h.text("#recommended-design").await;
    assert!(design.contains("Active-active"), "{design}");
    let url = h.client.current_url().await.expect("url");
    assert!(
        url.query().unwrap_or_default().contains("tier=critical"),
        "the address bar is the share link: {url}"
    );
    let same = h
        .client
        .execute("return window.__same_page;", vec![])
        .await
        .expect("read mark");
    assert_eq!(same, "yes", "the recommendation changed through a page load");
    h.assert_no_console_errors().await;
    h.stop().await;
}

#[tokio::test]
async fn the_address_bar_link_opened_in_a_fresh_browser_shows_the_same_numbers() {
    let first = Harness::hydrated("/").await;
    first.type_into("#downtime_cost_per_hour", "42000").await;
    // What DR adds, 6,620.16 a year, ÷ 42,000.
    first.wait_for_text("#break-even-hours", "0.16").await;
    first
        .client
        .find(Locator::Css("#tier"))
        .await
        .unwrap()
        .select_by_value("standard")
        .await
        .unwrap();
    first.wait_for_text("#recommended-monthly", "$3,908.45").await;
    // Let the address bar catch up with the last answer.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let url = first.client.current_url().await.expect("url");
    let link = format!("{}?{}", url.path(), url.query().unwrap_or_default());
    assert!(
        link.contains("downtime_cost_per_hour=42000") && link.contains("tier=standard"),
        "{link}"
    );
    assert_eq!(
        first.value("#share-link").await,
        link,
        "the Share link box holds the same link"
    );
    let before = key_figures(&first).await;
    first.stop().await;

    let second = Harness::hydrated(&link).await;
    assert_eq!(key_figures(&second).await, before, "same link, same numbers");
    assert_eq!(second.value("#tier").await, "standard", "same inputs");
    second.stop().await;
}

#[tokio::test]
async fn an_invalid_value_is_explained_at_the_field_and_the_last_figures_stay_marked_stale() {
    let h = Harness::hydrated("/?v=1").await;
    h.type_into("#standby_fraction", "1.5").await;
    let message = h.wait_for_message("#standby_fraction-error", "1.5").await;
    assert!(
        message.contains("standby_fraction") || message.contains("1.5"),
        "names the value: {message:?}"
    );
    assert!(message.contains("between 0 and 1"), "says what is allowed: {message:?}");
    let stale = h
        .client
        .find(Locator::Css(".results-body"))
        .await
        .unwrap()
        .attr("data-stale")
        .await
        .unwrap();
    assert_eq!(stale.as_deref(), Some("true"), "the kept figures are marked stale");
    assert_eq!(
        h.text("#plan-monthly").await,
        "$7,800.00",
        "the last valid figures stay"
    );
    h.assert_no_console_errors().await;
    h.stop().await;
}

#[tokio::test]
async fn the_provider_chain_reorders_with_the_keyboard() {
    let h = Harness::hydrated("/").await;
    let before = h.value("#p2-model").await;
    let up = h
        .client
        .find(Locator::Css("button[aria-label='Move the secondary provider up']"))
        .await
        .unwrap();
    // Focus the button and press Enter, as a keyboard user would.
    up.send_keys("\u{E007}").await.expect("press Enter on the button");
    h.wait_for_value("#p1-model", &before).await;
    h.stop().await;
}

#[tokio::test]
async fn without_javascript_a_submitted_form_gets_the_same_numbers() {
    let with_js = Harness::hydrated("/?downtime_cost_per_hour=20000&tier=standard").await;
    let expected = key_figures(&with_js).await;
    with_js.stop().await;

    let h = Harness::start(Scripts::Disabled).await;
    h.open("/").await;
    h.type_into("#downtime_cost_per_hour", "20000").await;
    h.client
        .find(Locator::Css("#tier"))
        .await
        .unwrap()
        .select_by_value("standard")
        .await
        .unwrap();
    h.client
        .find(Locator::Css("button.calculate"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    h.wait_for_text("#recommended-monthly", &expected[0]).await;
    assert_eq!(key_figures(&h).await, expected);
    h.stop().await;
}

#[tokio::test]
async fn desktop_and_phone_screenshots() {
    let h = Harness::start(Scripts::Enabled).await;
    h.client.set_window_size(1366, 900).await.expect("desktop size");
    h.open("/").await;
    h.wait_for_hydration().await;
    h.screenshot("desktop-1366x900").await;
    h.phone_screenshots("phone").await;
    h.stop().await;
}

/// Milliseconds from an input event to the new break-even on the page, as the
/// browser measures it (debounce, server function and render included).
async fn update_latency_ms(h: &Harness, value: &str) -> f64 {
    let script = r#"
        const [value, done] = arguments;
        const results = document.querySelector('.results');
        const before = document.querySelector('#break-even-hours').textContent;
        let start = 0;
        const observer = new MutationObserver(() => {
            const now = document.querySelector('#break-even-hours');
            if (now && now.textContent !== before) {
                observer.disconnect();
                done(performance.now() - start);
            }
        });
        observer.observe(results, { subtree: true, childList: true, characterData: true });
        const input = document.querySelector('#downtime_cost_per_hour');
        input.value = value;
        start = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
    "#;
    let elapsed = h
        .client
        .execute_async(script, vec![value.into()])
        .await
        .expect("the figures update");
    elapsed.as_f64().expect("milliseconds")
}

#[tokio::test]
async fn results_follow_the_last_keystroke_and_the_latency_is_recorded() {
    // The article's bill: each cost of downtime gives a different break-even to 0.01 h.
    let h = Harness::hydrated("/?v=1").await;
    let mut samples = Vec::new();
    for round in 0..15 {
        let value = format!("{}", 16_000 + round * 1_000);
        samples.push(update_latency_ms(&h, &value).await);
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let median = samples[samples.len() / 2];
    let worst = samples[samples.len() - 1];
    let report = format!(
        "update latency over {} edits: median {median:.1} ms, max {worst:.1} ms\n",
        samples.len()
    );
    print!("{report}");
    let folder = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target");
    std::fs::write(folder.join("browser-latency.txt"), report).expect("record the latency");
    assert_eq!(
        h.text("#break-even-hours").await,
        "1.40",
        "the last edit (30,000 an hour) is what the page shows"
    );
    h.stop().await;
}

/// Each input of the default scenario changes the figures it drives, and
/// the line it changes says how it was found.
#[tokio::test]
async fn each_input_changes_its_lines_and_they_say_how() {
    let h = Harness::hydrated("/").await;
    assert_eq!(h.text("#plan-lines-monthly").await, "$4,269.66");
    // Primary region: compute at eu-west-1's 0.0535 a vCPU-hour.
    h.client
        .find(Locator::Css("#primary"))
        .await
        .unwrap()
        .select_by_value("eu-west-1")
        .await
        .unwrap();
    h.wait_for_text("#plan-lines-monthly", "$4,333.90").await;
    assert!(
        h.text("#plan-lines")
            .await
            .contains("16 vCPU × 0.0535 USD per vCPU-hour in eu-west-1 × 730 h"),
        "the compute line says how"
    );
    // Secondary region: compute and storage at eu-central-1's prices.
    h.client
        .find(Locator::Css("#secondary"))
        .await
        .unwrap()
        .select_by_value("eu-central-1")
        .await
        .unwrap();
    h.wait_for_text("#plan-lines-monthly", "$4,403.66").await;
    assert!(h
        .text("#plan-lines")
        .await
        .contains("1.065 (eu-central-1 storage ratio)"));
    // The vector database and data groups start folded: open them as a user would.
    h.client
        .execute(
            "for (const id of ['vectors', 'data_gb']) document.getElementById(id).closest('details').open = true;",
            vec![],
        )
        .await
        .expect("open the groups");
    // Vector count: five times the index, its reads and its backups.
    h.type_into("#vectors", "20000000").await;
    h.wait_for_text("#plan-lines-monthly", "$6,044.70").await;
    assert!(h
        .text("#plan-lines")
        .await
        .contains("122.88 GB × 0.33 USD per GB-month"));
    // Data size.
    h.type_into("#data_gb", "250").await;
    h.wait_for_text("#plan-lines-monthly", "$5,993.88").await;
    // Provider and model of the primary link.
    h.client
        .find(Locator::Css("#p1-model"))
        .await
        .unwrap()
        .select_by_value("openai/gpt-4.1")
        .await
        .unwrap();
    h.wait_for_text("#plan-lines-monthly", "$4,893.88").await;
    assert!(h
        .text("#plan-lines")
        .await
        .contains("400 input tokens × 2 + 100 output tokens × 8"));
    h.assert_no_console_errors().await;
    h.stop().await;
}

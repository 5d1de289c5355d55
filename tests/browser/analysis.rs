//! The analyses under the calculators: the annual loss (here by Monte Carlo, the option), the
//! per-layer design and the sensitivity, as a reader meets them on the page.

use crate::harness::Harness;

/// The cells of one column of a results table, in row order.
async fn column(h: &Harness, table: &str, column: usize) -> Vec<String> {
    let script = format!(
        "return Array.from(document.querySelectorAll('#{table} tbody tr')).map(r => r.children[{column}].textContent.trim());"
    );
    let value = h.client.execute(&script, vec![]).await.expect("read the table");
    serde_json::from_value(value).expect("a list of strings")
}

/// `$1,234.56` or `−$1,234.56` → 1234.56 (sign kept).
fn amount(text: &str) -> f64 {
    let negative = text.starts_with('−') || text.starts_with('-');
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let value: f64 = digits.parse().unwrap_or_else(|_| panic!("not an amount: {text:?}"));
    if negative {
        -value
    } else {
        value
    }
}

#[tokio::test]
async fn the_simulation_design_and_sensitivity_follow_the_scenario_and_its_seed() {
    // The exact annual loss has no seed; the link asks for Monte Carlo, whose seed moves the figures.
    let h = Harness::hydrated("/?v=2&monte_carlo=true").await;

    // Without DR first, then every strategy; percentiles in order.
    let names = column(&h, "simulation", 0).await;
    assert_eq!(names.first().map(String::as_str), Some("Without DR"));
    assert_eq!(names.len(), 6, "without DR and the five strategies: {names:?}");
    let (p50s, p90s, p99s) = (
        column(&h, "simulation", 3).await,
        column(&h, "simulation", 4).await,
        column(&h, "simulation", 5).await,
    );
    for (name, ((p50, p90), p99)) in names.iter().zip(p50s.iter().zip(&p90s).zip(&p99s)) {
        let (p50, p90, p99) = (amount(p50), amount(p90), amount(p99));
        assert!(p50 <= p90 && p90 <= p99, "{name}: P50 {p50} ≤ P90 {p90} ≤ P99 {p99}");
    }
    assert!(h.text("#simulation-lede").await.contains("seed 1)"));

    // The per-layer design names its search space and meets the targets with a total.
    assert!(h.text("#design-search").await.contains("designs, every one evaluated"));
    assert!(h.text("#design-total").await.starts_with('$'));

    // Sensitivity: largest swing first.
    let swings: Vec<f64> = column(&h, "sensitivity", 4).await.iter().map(|s| amount(s)).collect();
    assert!(swings.len() >= 6, "one row per main input: {swings:?}");
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "sorted by swing: {swings:?}");

    // Every chart of the three sections has loaded.
    for name in ["loss-exceedance", "design-frontier", "tornado"] {
        let loaded = h
            .client
            .execute(
                &format!(
                    "const i = document.querySelector('img[src^=\"/charts/{name}.svg\"]'); \
                     return i !== null && i.complete && i.naturalWidth > 0;"
                ),
                vec![],
            )
            .await
            .expect("read the image");
        assert_eq!(loaded, serde_json::Value::Bool(true), "{name} chart is shown");
    }

    // Another seed is another sample: the link carries it, the figures move.
    let before = column(&h, "simulation", 4).await;
    h.client
        .execute(
            "document.getElementById('mc_seed').closest('details').open = true;",
            vec![],
        )
        .await
        .expect("open the simulation group");
    h.type_into("#mc_seed", "7").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    // Read in one script: the live page replaces the section while we poll,
    // and an element found in one call can be gone by the next.
    let lede = async || {
        let text = h
            .client
            .execute(
                "return document.querySelector('#simulation-lede')?.textContent ?? '';",
                vec![],
            )
            .await
            .expect("read the simulation's lede");
        text.as_str().unwrap_or_default().to_owned()
    };
    while !lede().await.contains("seed 7)") {
        assert!(std::time::Instant::now() < deadline, "the results never showed seed 7");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let after = column(&h, "simulation", 4).await;
    assert_ne!(before, after, "a new seed draws other years");
    let url = h.client.current_url().await.expect("url");
    assert!(url.query().unwrap_or_default().contains("mc_seed=7"), "{url}");

    h.assert_no_console_errors().await;
    h.screenshot("analysis").await;
    h.stop().await;
}

//! Comparing two scenarios as an architect does: from the planner's
//! "Compare with…", paste a second scenario's link, read what differs, on a
//! desktop and on a phone.

use fantoccini::Locator;

use crate::harness::Harness;

/// The text of the comparison row whose heading starts with `item`.
async fn row_text(h: &Harness, item: &str) -> String {
    let script = "return [...document.querySelectorAll('#comparison tbody tr')]
        .find(tr => tr.querySelector('th').textContent.startsWith(arguments[0]))
        .innerText;";
    let text = h.client.execute(script, vec![item.into()]).await.expect("read the row");
    text.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn compare_with_from_the_planner_then_a_pasted_link_shows_the_differences_marked() {
    let h = Harness::hydrated("/?name=Checkout").await;
    h.click("a.compare-link").await;
    h.wait_for_element("form[action='/compare'] input#b").await;
    assert_eq!(
        h.value("#a").await,
        "/?v=2&catalog=2026-12&name=Checkout",
        "A is this scenario's link"
    );

    let b = format!(
        "{}/?name=Checkout+EU&downtime_cost_per_hour=30000&currency=EUR&rate=0.9",
        h.base_url
    );
    h.type_into("#b", &b).await;
    h.click("form[action='/compare'] button[type='submit']").await;
    h.wait_for_element("#comparison").await;

    let summary = h.text("#compare-summary").await;
    assert!(
        summary.contains("rows differ: 4 inputs and"),
        "name, downtime cost, currency and rate: {summary:?}"
    );
    let marked = h.client.find_all(Locator::Css("tr.differs")).await.unwrap();
    let badges = h
        .client
        .find_all(Locator::Css("tr.differs .badge.differs"))
        .await
        .unwrap();
    assert!(marked.len() > 20, "{} rows marked", marked.len());
    assert_eq!(badges.len(), marked.len(), "each marked row says so in words");
    let downtime = row_text(&h, "Cost of one hour of downtime").await;
    assert!(
        downtime.contains("differs") && downtime.contains("+15,000 (+100.0 %)"),
        "{downtime:?}"
    );
    let plan = row_text(&h, "Chosen DR plan, monthly").await;
    assert!(
        plan.contains("$4,269.66") && plan.contains("€3,842.71") && plan.contains("different currencies"),
        "{plan:?}"
    );
    let region = row_text(&h, "Primary region").await;
    assert!(!region.contains("differs"), "{region:?}");
    h.assert_no_console_errors().await;
    h.screenshot("compare-desktop").await;

    h.phone_screenshots("compare-phone").await;
    h.stop().await;
}

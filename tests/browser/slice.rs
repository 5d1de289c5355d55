//! The first vertical slice: server render, hydration, a server function, no-JS form.

use fantoccini::Locator;

use crate::harness::{Harness, Scripts};

#[tokio::test]
async fn page_hydrates_and_typing_changes_break_even_without_a_page_load() {
    let h = Harness::start(Scripts::Enabled).await;
    // The article's Part 1.1 bill (a link of format 1 reads against it).
    h.open("/?v=1").await;
    // Server-rendered figure, before and after hydration.
    h.wait_for_text("#article-break-even-hours", "6.24").await;
    h.wait_for_hydration().await;
    h.client
        .execute("window.__same_page = 'yes';", vec![])
        .await
        .expect("mark the page");

    h.type_into("#downtime_cost_per_hour", "30000").await;
    h.wait_for_text("#article-break-even-hours", "3.12").await;
    // What DR adds, 42,000 a year, ÷ 30,000.
    h.wait_for_text("#break-even-hours", "1.40").await;

    let still_same_page = h
        .client
        .execute("return window.__same_page;", vec![])
        .await
        .expect("read the mark");
    assert_eq!(
        still_same_page, "yes",
        "the figure changed through a page load, not a server function"
    );
    h.screenshot("slice-desktop").await;
    h.assert_no_console_errors().await;
    h.stop().await;
}

#[tokio::test]
async fn invalid_downtime_cost_says_what_is_allowed_next_to_the_field() {
    let h = Harness::hydrated("/").await;
    h.type_into("#downtime_cost_per_hour", "lots").await;
    let message = h.wait_for_message("#downtime_cost_per_hour-error", "lots").await;
    assert!(
        message.contains("not a number"),
        "message next to the field: {message:?}"
    );
    h.assert_no_console_errors().await;
    h.stop().await;
}

#[tokio::test]
async fn without_javascript_the_form_submits_and_the_server_renders_the_figures() {
    let h = Harness::start(Scripts::Disabled).await;
    h.open("/?v=1").await;
    h.wait_for_text("#article-break-even-hours", "6.24").await;
    h.type_into("#downtime_cost_per_hour", "30000").await;
    h.client
        .find(Locator::Css("button.calculate"))
        .await
        .expect("the Calculate button")
        .click()
        .await
        .expect("submit");
    h.wait_for_text("#article-break-even-hours", "3.12").await;
    let url = h.client.current_url().await.expect("current url");
    let query = url.query().unwrap_or_default();
    assert!(
        query.contains("downtime_cost_per_hour=30000"),
        "the form submits GET to the same URL: {query}"
    );
    h.stop().await;
}

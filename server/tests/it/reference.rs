//! The reference pages: the methodology and the catalog in force.

use axum::http::StatusCode;

async fn get(uri: &str) -> (StatusCode, String, String) {
    let answer = crate::common::get(uri).await;
    (answer.status, answer.content_type, answer.body)
}

#[tokio::test]
async fn the_methodology_page_is_the_methodology_document_as_html() {
    let (status, content_type, html) = get("/methodology").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(html.contains("<h1>Methodology</h1>"), "the document's title");
    assert!(
        html.contains("730 hours"),
        "the month convention a finance reader checks"
    );
    assert!(
        html.contains(r#"rel="stylesheet" href="/pkg/drplan.css""#),
        "the site stylesheet"
    );
}

#[tokio::test]
async fn the_catalog_page_lists_every_price_with_its_source_and_date() {
    let (status, _, html) = get("/catalog").await;
    assert_eq!(status, StatusCode::OK);
    let catalog = engine::Catalog::shipped();
    assert!(html.contains(&format!("Price catalog {}", catalog.version())));
    for model in catalog.models() {
        assert!(
            html.contains(&format!("<td>{}/{}</td>", model.provider, model.model)),
            "model {}",
            model.model
        );
    }
    for class in catalog.storage_classes() {
        assert!(
            html.contains(&format!("<td>{}</td>", class.id)),
            "storage class {}",
            class.id
        );
    }
    let rows = html.matches("<tr>").count();
    let headers = 10; // one header row per table
    assert_eq!(html.matches("<table").count(), headers, "one table per catalog file");
    let expected = headers
        + catalog.regions().len()
        + catalog.transfer_prices().len()
        + catalog.providers().len()
        + catalog.models().len()
        + catalog.storage_classes().len()
        + catalog.region_prices().len()
        + catalog.vector_dbs().len()
        + catalog.strategies().len()
        + catalog.tiers().len()
        + catalog.risks().len();
    assert_eq!(rows, expected, "one row per catalog entry");
}

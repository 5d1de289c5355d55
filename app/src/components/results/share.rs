//! The share bar: the link, a Copy button (the live island copies it), a way
//! to compare this scenario with another, and the whole report as CSV.

use leptos::prelude::*;

use crate::form::compare_href;

/// The share bar of the results for the canonical link query `link`.
#[component]
pub fn ShareBar(link: String, catalog_version: String) -> impl IntoView {
    let url = if link.is_empty() {
        "/".to_owned()
    } else {
        format!("/?{link}")
    };
    view! {
        <section class="share" aria-label="Share">
            <label for="share-link">"Share link"</label>
            <input id="share-link" type="text" readonly value=url.clone() />
            <button type="button" class="secondary" id="copy-link">"Copy link"</button>
            <a class="compare-link" href=compare_href(&url, None, false) rel="external">"Compare with…"</a>
            <a class="csv" href=format!("/export/report.csv?{link}") download>"Report for finance (CSV)"</a>
            <span class="catalog-version">{format!("Prices: catalog {catalog_version}")}</span>
        </section>
    }
}

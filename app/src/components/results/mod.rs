//! The results column: every figure of the estimate, in the order a reader asks for them.

pub mod charts;
pub mod cost_breakdown;
pub mod recovery;
pub mod risk;
pub mod strategies;
pub mod summary;

use leptos::prelude::*;

/// A "Download CSV" link for one table, carrying the scenario's share-link query.
#[component]
pub fn CsvLink(
    /// The export's path, e.g. `/export/costs.csv`.
    path: &'static str,
    /// The share-link query, without `?`.
    link: String,
    /// What the file holds, for screen readers.
    what: &'static str,
) -> impl IntoView {
    let href = if link.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{link}")
    };
    view! {
        <a class="csv" href=href download aria-label=format!("Download {what} as CSV")>
            "Download CSV"
        </a>
    }
}

//! The reference pages a finance reader checks figures against: the
//! methodology (docs/methodology.md rendered) and the price catalog in force,
//! every row with its source and as-of date.

use std::{fmt::Display, sync::LazyLock};

use axum::{extract::State, response::Html, routing::get, Router};

use crate::AppState;

/// `/methodology` and `/catalog`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/methodology", get(methodology))
        .route("/catalog", get(catalog))
}

/// docs/methodology.md as HTML, rendered once: the file ships inside the binary.
static METHODOLOGY: LazyLock<String> = LazyLock::new(|| {
    let markdown = include_str!("../../docs/methodology.md");
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
});

async fn methodology(State(state): State<AppState>) -> Html<String> {
    Html(page(&state, "Methodology", "reference", &METHODOLOGY))
}

/// Text made safe to place in HTML.
fn escape(text: impl Display) -> String {
    let text = text.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page around a body: the site's stylesheet and a way back to the
/// planner; `main_class` is the class of the `<main>` holding the body.
pub(crate) fn page(state: &AppState, title: &str, main_class: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · drplan</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{stylesheet}">
</head>
<body>
<header class="masthead">
<h1><a href="/">drplan</a></h1>
<p class="tagline">{title}</p>
<nav aria-label="More"><a href="/">Planner</a><a href="/methodology">Methodology</a><a href="/catalog">Price catalog</a></nav>
</header>
<main class="{main_class}">
{body}
</main>
</body>
</html>"#,
        title = escape(title),
        main_class = escape(main_class),
        stylesheet = escape(crate::site::SiteFiles::stylesheet_url(&state.leptos_options)),
    )
}

/// One table: a caption, a header row, and rows of cells already escaped.
fn table(caption: &str, headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let head: String = headers
        .iter()
        .map(|h| format!("<th scope=\"col\">{}</th>", escape(h)))
        .collect();
    let body: String = rows
        .into_iter()
        .map(|cells| {
            format!(
                "<tr>{}</tr>",
                cells.into_iter().map(|c| format!("<td>{c}</td>")).collect::<String>()
            )
        })
        .collect();
    format!(
        "<div class=\"table-scroll\"><table class=\"figures-table\"><caption>{}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>",
        escape(caption)
    )
}

async fn catalog(State(state): State<AppState>) -> Html<String> {
    let c = &*state.catalog;
    let mut body = format!(
        "<h2>Price catalog {}</h2><p>Every price and rate drplan uses, in {}, with where it comes from and when it was checked. \
         A scenario can override any price; a company can replace the whole catalog with its own CSV files (<code>drplan serve --catalog DIR</code>).</p>",
        escape(c.version()),
        escape(c.currency())
    );
    body += &table(
        "Regions",
        &["Id", "Name", "Geography", "Price multiplier", "Source", "As of"],
        c.regions()
            .iter()
            .map(|r| {
                vec![
                    escape(&r.id),
                    escape(&r.name),
                    escape(&r.geography),
                    escape(r.price_multiplier),
                    escape(&r.source),
                    escape(&r.as_of),
                ]
            })
            .collect(),
    );
    body += &table(
        "Inter-region transfer",
        &["From", "To", "USD per GB", "Source", "As of"],
        c.transfer_prices()
            .iter()
            .map(|t| {
                vec![
                    escape(&t.from_region),
                    escape(&t.to_region),
                    escape(t.price_per_gb),
                    escape(&t.source),
                    escape(&t.as_of),
                ]
            })
            .collect(),
    );
    body += &table(
        "AI providers",
        &["Id", "Name", "Source", "As of"],
        c.providers()
            .iter()
            .map(|p| vec![escape(&p.id), escape(&p.name), escape(&p.source), escape(&p.as_of)])
            .collect(),
    );
    body += &table(
        "Models",
        &[
            "Provider/model",
            "Name",
            "Kind",
            "USD per 1M input tokens",
            "USD per 1M output tokens",
            "Context tokens",
            "Tokens per minute",
            "Source",
            "As of",
        ],
        c.models()
            .iter()
            .map(|m| {
                vec![
                    escape(format!("{}/{}", m.provider, m.model)),
                    escape(&m.name),
                    escape(format!("{:?}", m.kind).to_lowercase()),
                    escape(m.input_per_mtok),
                    escape(m.output_per_mtok),
                    escape(m.context_tokens),
                    escape(m.tokens_per_minute),
                    escape(&m.source),
                    escape(&m.as_of),
                ]
            })
            .collect(),
    );
    body += &table(
        "Storage classes",
        &[
            "Id",
            "Name",
            "USD per GB-month",
            "Retrieval USD per GB",
            "Retrieval hours",
            "Minimum days",
            "Source",
            "As of",
        ],
        c.storage_classes()
            .iter()
            .map(|s| {
                vec![
                    escape(&s.id),
                    escape(&s.name),
                    escape(s.price_per_gb_month),
                    escape(s.retrieval_per_gb),
                    escape(s.retrieval_hours),
                    escape(s.min_days),
                    escape(&s.source),
                    escape(&s.as_of),
                ]
            })
            .collect(),
    );
    body += &table(
        "Unit prices",
        &["Id", "Name", "Unit", "USD", "Source", "As of"],
        c.unit_prices()
            .iter()
            .map(|u| {
                vec![
                    escape(&u.id),
                    escape(&u.name),
                    escape(&u.unit),
                    escape(u.price),
                    escape(&u.source),
                    escape(&u.as_of),
                ]
            })
            .collect(),
    );
    body += &table(
        "DR strategies (share of a full copy kept in the secondary)",
        &[
            "Id",
            "Name",
            "Compute",
            "Vector DB",
            "Storage",
            "Replication",
            "Failover minutes",
            "Source",
            "As of",
        ],
        c.strategies()
            .iter()
            .map(|s| {
                vec![
                    escape(&s.id),
                    escape(&s.name),
                    escape(s.compute),
                    escape(s.vector_db),
                    escape(s.storage),
                    escape(s.replication),
                    escape(s.failover_minutes),
                    escape(&s.source),
                    escape(&s.as_of),
                ]
            })
            .collect(),
    );
    body += &table(
        "Service tiers",
        &[
            "Id",
            "Name",
            "RTO minutes",
            "RPO minutes",
            "Typical annual DR budget (USD)",
            "Typical users",
            "Source",
            "As of",
        ],
        c.tiers()
            .iter()
            .map(|t| {
                vec![
                    escape(&t.id),
                    escape(&t.name),
                    escape(t.rto_minutes),
                    escape(t.rpo_minutes),
                    escape(format!("{}–{}", t.budget_low, t.budget_high)),
                    escape(&t.typical_users),
                    escape(&t.source),
                    escape(&t.as_of),
                ]
            })
            .collect(),
    );
    body += &table(
        "Failure scenarios (low / likely / high)",
        &[
            "Id",
            "Name",
            "Likelihood",
            "Impact",
            "Priority",
            "Events a year",
            "Hours per event",
            "Source",
            "As of",
        ],
        c.risks()
            .iter()
            .map(|r| {
                let range = |x: &engine::catalog::Range| escape(format!("{} / {} / {}", x.low, x.likely, x.high));
                vec![
                    escape(&r.id),
                    escape(&r.name),
                    escape(&r.likelihood),
                    escape(&r.impact),
                    escape(r.priority),
                    range(&r.events_per_year),
                    range(&r.hours_per_event),
                    escape(&r.source),
                    escape(&r.as_of),
                ]
            })
            .collect(),
    );
    Html(page(
        &state,
        &format!("Price catalog {}", c.version()),
        "reference",
        &body,
    ))
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(
            escape(r#"<a href="x">R&D's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;"
        );
    }
}

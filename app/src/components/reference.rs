//! The reference pages a finance reader checks figures against: the
//! methodology (docs/methodology.md rendered) and the price catalog in force,
//! every row with its source and as-of date. Leptos routes under the same
//! masthead as the planner; Leptos escapes every cell.

use std::sync::{Arc, LazyLock};

use engine::Catalog;
use leptos::prelude::*;
use leptos_meta::Title;

use super::layout::Masthead;

/// docs/methodology.md as HTML, rendered once: the file ships inside the binary.
static METHODOLOGY: LazyLock<String> = LazyLock::new(|| {
    let markdown = include_str!("../../../docs/methodology.md");
    let parser = pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
});

/// `/methodology`.
#[component]
pub fn MethodologyPage() -> impl IntoView {
    view! {
        <Title text="Methodology · drplan" />
        <Masthead title="Methodology".to_owned() />
        <main class="reference" inner_html=METHODOLOGY.as_str()></main>
    }
}

/// One table of the catalog: a caption, a header row and rows of cells.
#[component]
fn CatalogTable(caption: &'static str, headers: &'static [&'static str], rows: Vec<Vec<String>>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="figures-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>{headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|cells| view! {
                        <tr>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The newest released catalog version, which the page offers a diff against.
fn latest_release() -> Option<&'static str> {
    engine::catalog::history::released().last().map(|(version, _)| *version)
}

/// `/catalog`: every table of the catalog in force.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let c = expect_context::<Arc<Catalog>>();
    let title = format!("Price catalog {}", c.version());
    let s = |x: &dyn ToString| x.to_string();
    let tables = vec![
        view! {
            <CatalogTable caption="Regions" headers=&["Id", "Cloud", "Name", "Geography", "Storage ratio to us-east-1", "Source", "As of"]
                rows=c.regions().iter().map(|r| vec![s(&r.id), s(&r.cloud), s(&r.name), s(&r.geography), s(&r.storage_multiplier), s(&r.source), s(&r.as_of)]).collect() />
        },
        view! {
            <CatalogTable caption="Prices per region (USD)" headers=&["Region", "Resource", "USD", "Source", "As of"]
                rows=c.region_prices().iter().map(|p| vec![s(&p.region), s(&p.resource), s(&p.price), s(&p.source), s(&p.as_of)]).collect() />
        },
        view! {
            <CatalogTable caption="Inter-region transfer" headers=&["From", "To", "USD per GB", "Source", "As of"]
                rows=c.transfer_prices().iter().map(|t| vec![s(&t.from_region), s(&t.to_region), s(&t.price_per_gb), s(&t.source), s(&t.as_of)]).collect() />
        },
        view! {
            <CatalogTable caption="AI providers" headers=&["Id", "Name", "Kind", "Source", "As of"]
                rows=c.providers().iter().map(|p| vec![s(&p.id), s(&p.name), format!("{:?}", p.kind).to_lowercase(), s(&p.source), s(&p.as_of)]).collect() />
        },
        view! {
            <CatalogTable caption="Models"
                headers=&["Provider/model", "Name", "Kind", "USD per 1M input tokens", "USD per 1M output tokens", "Context tokens", "Tokens per minute", "Price from", "Retires", "GPU tokens per second", "Source", "As of"]
                rows=c.models().iter().map(|m| vec![
                    format!("{}/{}", m.provider, m.model), s(&m.name), format!("{:?}", m.kind).to_lowercase(),
                    s(&m.input_per_mtok), s(&m.output_per_mtok), s(&m.context_tokens),
                    m.tokens_per_minute.map(|t| t.to_string()).unwrap_or_default(),
                    m.price_from.clone().unwrap_or_default(), m.retires.clone().unwrap_or_default(),
                    m.gpu_tokens_per_second.map(|t| t.to_string()).unwrap_or_default(),
                    s(&m.source), s(&m.as_of),
                ]).collect() />
        },
        view! {
            <CatalogTable caption="Storage classes"
                headers=&["Id", "Name", "USD per GB-month (us-east-1)", "Retrieval USD per GB", "Retrieval hours", "Minimum days", "Source", "As of"]
                rows=c.storage_classes().iter().map(|x| vec![
                    s(&x.id), s(&x.name), s(&x.price_per_gb_month), s(&x.retrieval_per_gb), s(&x.retrieval_hours), s(&x.min_days), s(&x.source), s(&x.as_of),
                ]).collect() />
        },
        view! {
            <CatalogTable caption="Vector database offerings"
                headers=&["Id", "Name", "Model", "Clouds", "USD per GB-month", "USD per 1M read units", "USD per 1M write units", "Monthly minimum", "Node priced by", "GiB per node", "Index overhead", "Source", "As of"]
                rows=c.vector_dbs().iter().map(|v| {
                    let o = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
                    vec![
                        s(&v.id), s(&v.name), format!("{:?}", v.model).to_lowercase(), s(&v.clouds),
                        o(v.storage_gb_month), o(v.read_units_per_million), o(v.write_units_per_million), o(v.minimum_monthly),
                        v.node_resource.clone().unwrap_or_default(), o(v.node_ram_gb), o(v.index_overhead), s(&v.source), s(&v.as_of),
                    ]
                }).collect() />
        },
        view! {
            <CatalogTable caption="DR strategies (share of a full copy kept in the secondary)"
                headers=&["Id", "Name", "Compute", "Vector DB", "Storage", "Replication", "Failover minutes", "Source", "As of"]
                rows=c.strategies().iter().map(|x| vec![
                    s(&x.id), s(&x.name), s(&x.compute), s(&x.vector_db), s(&x.storage), s(&x.replication), s(&x.failover_minutes), s(&x.source), s(&x.as_of),
                ]).collect() />
        },
        view! {
            <CatalogTable caption="Service tiers"
                headers=&["Id", "Name", "RTO minutes", "RPO minutes", "Typical annual DR budget (USD)", "Typical users", "Source", "As of"]
                rows=c.tiers().iter().map(|t| vec![
                    s(&t.id), s(&t.name), s(&t.rto_minutes), s(&t.rpo_minutes), format!("{}–{}", t.budget_low, t.budget_high), s(&t.typical_users), s(&t.source), s(&t.as_of),
                ]).collect() />
        },
        view! {
            <CatalogTable caption="Failure scenarios (low / likely / high)"
                headers=&["Id", "Name", "Likelihood", "Impact", "Priority", "Events a year", "Hours per event", "Source", "As of"]
                rows=c.risks().iter().map(|r| {
                    let range = |x: &engine::catalog::Range| format!("{} / {} / {}", x.low, x.likely, x.high);
                    vec![s(&r.id), s(&r.name), s(&r.likelihood), s(&r.impact), s(&r.priority), range(&r.events_per_year), range(&r.hours_per_event), s(&r.source), s(&r.as_of)]
                }).collect() />
        },
    ];
    view! {
        <Title text=format!("{title} · drplan") />
        <Masthead title=title.clone() />
        <main class="reference">
            <h2>{title}</h2>
            <p>
                {format!("Every price and rate drplan uses, in {}, with where it comes from and when it was checked. \
                  A scenario can override any price; a company can replace the whole catalog with its own CSV files (", c.currency())}
                <code>"drplan serve --catalog DIR"</code>")."
            </p>
            {latest_release().map(|v| view! {
                <p class="catalog-versions">
                    <a id="catalog-changes" href=format!("/catalog/diff?from={v}&to=current")>{format!("Changes since {v}")}</a>
                    {format!(": every row added, removed or changed since the released catalog {v}, against the one shipped with this build.")}
                </p>
            })}
            {tables.into_iter().map(IntoAny::into_any).collect_view()}
        </main>
    }
}

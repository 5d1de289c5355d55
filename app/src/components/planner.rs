//! The planner page: inputs on one side, results on the other, rendered on
//! the server for the page's query. A plain HTML form (GET to the same URL)
//! that the server answers in full; the [`LivePlanner`] island makes the
//! results follow the typing and keeps the share link in the address bar.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::inputs::InputsForm;
use super::layout::Masthead;
use crate::form;
use crate::live::LivePlanner;
use crate::server_fns::{cached_plan, PlanOutcome};

/// The whole planner.
#[component]
pub fn PlannerPage() -> impl IntoView {
    let query = use_location().search.get_untracked();
    let catalog = expect_context::<Arc<engine::Catalog>>();
    let outcome = cached_plan(&query, true);
    let fields = form::from_query(&query);
    let (results, errors) = match outcome {
        PlanOutcome::Figures(figures) => (
            view! { <div id="results" inner_html=figures.results_html></div> }.into_any(),
            Vec::new(),
        ),
        PlanOutcome::Invalid(errors) => (
            view! {
                <div id="results">
                    <section class="panel stale-banner" role="status">
                        <h2>"Nothing to show yet"</h2>
                        <p>"Some inputs are not valid: the message next to each field says what is allowed."</p>
                        <ul class="error-list">
                            {errors.iter().map(|e| view! { <li data-field-error=e.field.clone()>{e.message.clone()}</li> }).collect_view()}
                        </ul>
                    </section>
                </div>
            }
            .into_any(),
            errors,
        ),
    };
    view! {
        <Masthead title="Disaster-recovery cost and RTO/RPO planner for AI services".to_owned() planner=true />
        <StartFromAnExample catalog=catalog.clone() />
        <LivePlanner>
            <InputsForm fields=fields errors=errors catalog=catalog />
            <div class="results" aria-live="polite">{results}</div>
        </LivePlanner>
    }
}

/// "Start from an example": the default (described by quantities) and the
/// article's two worked bills, each a plain link to its share link.
#[component]
fn StartFromAnExample(catalog: Arc<engine::Catalog>) -> impl IntoView {
    let items = engine::examples::EXAMPLES
        .iter()
        .map(|example| {
            let href = format!("/?{}", engine::link::encode(&catalog, &(example.scenario)()));
            view! {
                <li>
                    <a href=href data-example=example.id>{example.title}</a>
                    <span class="about">" — "{example.about}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="examples" aria-label="Examples">
            <strong>"Start from an example"</strong>
            <ul>{items}</ul>
        </nav>
    }
}

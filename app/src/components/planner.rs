//! The planner page: inputs on one side, results on the other. A plain HTML
//! form (GET to the same URL) that the server answers in full; once hydrated,
//! results follow the typing through a server function and the address bar
//! always holds the share link.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::inputs::InputsForm;
use crate::form::{self, Fields};
use crate::server_fns::{fetch_catalog_choices, plan, FieldMessage, Figures, PlanOutcome};

/// How long typing must pause before the figures are asked for.
const DEBOUNCE_MS: u64 = 80;

/// The whole planner.
#[component]
pub fn PlannerPage() -> impl IntoView {
    let initial_query = use_location().search.get_untracked();
    let fields: RwSignal<Fields> = RwSignal::new(form::from_query(&initial_query));
    let link_query = Memo::new(move |_| fields.with(form::to_link_query));
    // What the figures were last asked for: the page's own query at first
    // (so the server renders exactly what the URL says), then the form's.
    let requested = RwSignal::new(initial_query);
    let outcome = Resource::new(move || requested.get(), plan);
    let options = OnceResource::new(fetch_catalog_choices());
    let last_good: RwSignal<Option<Figures>> = RwSignal::new(None);

    // Derived, not memoised: read where it is used, inside the Transition,
    // so hydration sees the resource read under a suspense boundary.
    let errors = Signal::derive(move || match outcome.get() {
        Some(Ok(PlanOutcome::Invalid(errors))) => errors,
        Some(Err(error)) => vec![FieldMessage {
            field: String::new(),
            message: error.to_string(),
        }],
        _ => Vec::new(),
    });

    // Effects run only in the browser: this flag says hydration happened.
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));

    ask_after_a_pause(link_query, requested);
    Effect::new(move |_| {
        if let Some(Ok(PlanOutcome::Figures(figures))) = outcome.get() {
            replace_address(&figures.link);
            last_good.set(Some(*figures));
        } else if let Some(Ok(PlanOutcome::Invalid(_))) = outcome.get() {
            replace_address(&link_query.get_untracked());
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        // With JavaScript the figures are already live; submitting just asks now.
        ev.prevent_default();
        requested.set(link_query.get_untracked());
    };

    view! {
        <header class="masthead">
            <h1>"drplan"</h1>
            <p class="tagline">"Disaster-recovery cost and RTO/RPO planner for AI services"</p>
            <nav aria-label="More">
                <a href="/methodology" rel="external">"Methodology"</a>
                <a href="/catalog" rel="external">"Price catalog"</a>
                <a href="/api/v1/openapi.json" rel="external">"API"</a>
            </nav>
        </header>
        <main class="planner" data-hydrated=move || hydrated.get().to_string()>
            <Transition fallback=|| view! { <p>"Loading the catalog…"</p> }>
                {move || options.get().map(|options| match options {
                    Ok(options) => view! {
                        <InputsForm fields=fields errors=errors options=options on_submit=on_submit />
                    }.into_any(),
                    Err(error) => view! { <p class="error">{format!("The catalog could not be loaded: {error}")}</p> }.into_any(),
                })}
            </Transition>
            <div class="results" aria-live="polite">
                <Transition fallback=|| view! { <p>"Calculating…"</p> }>
                    {move || outcome.get().map(|result| match result {
                        Ok(PlanOutcome::Figures(figures)) => view! { <Results figures=*figures stale=false /> }.into_any(),
                        Ok(PlanOutcome::Invalid(_)) | Err(_) => match last_good.get() {
                            Some(figures) => view! { <Results figures=figures stale=true /> }.into_any(),
                            None => view! {
                                <section class="panel stale-banner" role="status">
                                    <h2>"Nothing to show yet"</h2>
                                    <p>"Some inputs are not valid: the message next to each field says what is allowed."</p>
                                    <ul class="error-list">
                                        {errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}
                                    </ul>
                                </section>
                            }.into_any(),
                        },
                    })}
                </Transition>
            </div>
        </main>
    }
}

/// Every result section for one estimate; `stale` marks figures kept from
/// the last valid input while the current one has errors. The sections come
/// as HTML the server rendered, so the browser's wasm carries neither their
/// views nor the estimate's deserialiser.
#[component]
fn Results(figures: Figures, stale: bool) -> impl IntoView {
    let Figures {
        sections_html,
        link,
        catalog_version,
        notices,
    } = figures;
    let share_url = format!("/?{link}");
    view! {
        <div class="results-body" class:stale=stale data-stale=stale.to_string()>
            {stale.then(|| view! {
                <p class="stale-banner" role="status">
                    "These figures are from your last valid input. Fix the highlighted fields to update them."
                </p>
            })}
            {(!notices.is_empty()).then(|| view! {
                <ul class="notices" role="status">{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
            <ShareBar url=share_url catalog_version=catalog_version link=link />
            <div class="results-sections" inner_html=sections_html></div>
        </div>
    }
}

/// The share link, a Copy button, a way to compare this scenario with
/// another, and the whole report as CSV.
#[component]
fn ShareBar(url: String, catalog_version: String, link: String) -> impl IntoView {
    let (copied, set_copied) = signal(false);
    let copy_url = url.clone();
    let copy = move |_| {
        copy_to_clipboard(&copy_url);
        set_copied.set(true);
    };
    view! {
        <section class="share" aria-label="Share">
            <label for="share-link">"Share link"</label>
            <input id="share-link" type="text" readonly value=url.clone() />
            <button type="button" class="secondary" on:click=copy>
                {move || if copied.get() { "Copied" } else { "Copy link" }}
            </button>
            // External: /compare is a server page, not a route of this app.
            <a class="compare-link" href=form::compare_href(&url, None, false) rel="external">"Compare with…"</a>
            <a class="csv" href=format!("/export/report.csv?{link}") download>"Report for finance (CSV)"</a>
            <span class="catalog-version">{format!("Prices: catalog {catalog_version}")}</span>
        </section>
    }
}

/// Asks for figures once the form has been still for [`DEBOUNCE_MS`].
fn ask_after_a_pause(link_query: Memo<String>, requested: RwSignal<String>) {
    let pending: StoredValue<Option<leptos::prelude::TimeoutHandle>> = StoredValue::new(None);
    Effect::new(move |previous: Option<String>| {
        let query = link_query.get();
        if previous.is_some() {
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let next = query.clone();
            let handle = set_timeout_with_handle(
                move || requested.set(next),
                std::time::Duration::from_millis(DEBOUNCE_MS),
            )
            .ok();
            pending.set_value(handle);
        }
        query
    });
}

/// Puts `/?query` in the address bar without a history entry.
fn replace_address(query: &str) {
    #[cfg(feature = "hydrate")]
    {
        let url = if query.is_empty() {
            "/".to_string()
        } else {
            format!("/?{query}")
        };
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = query;
}

/// Copies the absolute form of `url` to the clipboard.
fn copy_to_clipboard(url: &str) {
    #[cfg(feature = "hydrate")]
    {
        let window = window();
        let origin = window.location().origin().unwrap_or_default();
        let _ = window.navigator().clipboard().write_text(&format!("{origin}{url}"));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = url;
}

//! The planner page: inputs on one side, results on the other.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::server_fns::{break_even, BreakEvenOutcome};

/// The default cost of an hour of downtime, as the form shows it.
const DEFAULT_DOWNTIME: &str = "15000";

/// The whole planner: a form that works without JavaScript (GET to the same
/// URL) and updates its results through a server function once hydrated.
#[component]
pub fn PlannerPage() -> impl IntoView {
    let query = use_query_map();
    let initial = query
        .read_untracked()
        .get("downtime_cost_per_hour")
        .unwrap_or_else(|| DEFAULT_DOWNTIME.to_string());
    let (downtime, set_downtime) = signal(initial);
    let outcome = Resource::new(move || downtime.get(), break_even);

    // Effects run only in the browser, so this flag says hydration happened;
    // the browser tests wait for it.
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));

    view! {
        <header class="masthead">
            <h1>"drplan"</h1>
            <p class="tagline">"Disaster-recovery cost and RTO/RPO planner for AI services"</p>
        </header>
        <main class="planner" data-hydrated=move || hydrated.get().to_string()>
            <form class="inputs" method="get" action="/">
                <h2>"Cost of downtime"</h2>
                <div class="field">
                    <label for="downtime_cost_per_hour">"Cost of one hour of downtime (USD per hour)"</label>
                    <input
                        id="downtime_cost_per_hour"
                        name="downtime_cost_per_hour"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-describedby="downtime_cost_per_hour-hint downtime_cost_per_hour-error"
                        prop:value=downtime
                        on:input=move |ev| set_downtime.set(event_target_value(&ev))
                    />
                    <p class="hint" id="downtime_cost_per_hour-hint">
                        "Default 15,000. Lost revenue, penalties and staff time for one hour of outage."
                    </p>
                    <Transition fallback=|| ()>
                        <p class="error" id="downtime_cost_per_hour-error" role="alert">
                            {move || {
                                outcome
                                    .get()
                                    .and_then(|r| r.ok())
                                    .and_then(|o| match o {
                                        BreakEvenOutcome::Invalid(errors) => {
                                            Some(errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join("; "))
                                        }
                                        BreakEvenOutcome::Figures(_) => None,
                                    })
                            }}
                        </p>
                    </Transition>
                </div>
                <button type="submit" class="calculate">"Calculate"</button>
            </form>
            <section class="results" aria-live="polite">
                <h2>"Break-even"</h2>
                <Transition fallback=|| view! { <p>"Calculating…"</p> }>
                    {move || outcome.get().map(|result| match result {
                        Ok(BreakEvenOutcome::Figures(figures)) => view! {
                            <dl class="summary">
                                <dt>"Break-even"</dt>
                                <dd><span id="break-even-hours">{figures.hours}</span>" hours of downtime a year"</dd>
                                <dt>"Annual DR cost"</dt>
                                <dd id="annual-dr-cost">{figures.annual_dr_cost}</dd>
                                <dt>"Cost of one hour of downtime"</dt>
                                <dd id="downtime-cost">{figures.downtime_cost_per_hour}</dd>
                            </dl>
                        }.into_any(),
                        Ok(BreakEvenOutcome::Invalid(_)) => view! {
                            <p class="stale">"Fix the highlighted field to see the figures."</p>
                        }.into_any(),
                        Err(error) => view! {
                            <p class="error">{format!("The server could not compute the figures: {error}")}</p>
                        }.into_any(),
                    })}
                </Transition>
            </section>
        </main>
    }
}

//! The masthead every page shares: the name, what the page is, the way around.

use leptos::prelude::*;

/// The page header; on the planner itself the name is not a link to it.
#[component]
pub fn Masthead(
    /// What this page is, under the name.
    title: String,
    /// Whether this is the planner.
    #[prop(optional)]
    planner: bool,
) -> impl IntoView {
    view! {
        <header class="masthead">
            {if planner {
                view! { <h1>"drplan"</h1> }.into_any()
            } else {
                view! { <h1><a href="/">"drplan"</a></h1> }.into_any()
            }}
            <p class="tagline">{title}</p>
            <nav aria-label="More">
                {(!planner).then(|| view! { <a href="/">"Planner"</a> })}
                <a href="/methodology" rel="external">"Methodology"</a>
                <a href="/catalog" rel="external">"Price catalog"</a>
                <a href="/api/v1/openapi.json" rel="external">"API"</a>
            </nav>
        </header>
    }
}

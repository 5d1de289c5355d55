//! drplan's Leptos front end. Every page is rendered on the server (`ssr`);
//! the browser hydrates one island, [`live::LivePlanner`], which makes the
//! planner's form and results follow the typing (`hydrate`, islands mode).
//! Nothing else reaches the wasm: the results and reference pages are HTML.

#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod catalog_diff;
#[cfg(feature = "ssr")]
pub mod comparison;
#[cfg(feature = "ssr")]
pub mod components;
#[cfg(feature = "ssr")]
pub mod form;
pub mod live;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub use pages::{shell, App};

#[cfg(feature = "ssr")]
mod pages {
    //! The document shell and the routes: one layout for every page.

    use leptos::prelude::*;
    use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, Title};
    use leptos_router::{
        components::{Route, Router, Routes},
        SsrMode, StaticSegment,
    };

    use crate::components::{catalog_diff::CatalogDiffPage, compare::ComparePage, planner::PlannerPage, reference};

    /// The HTML document around every page.
    pub fn shell(options: LeptosOptions) -> impl IntoView {
        view! {
            <!DOCTYPE html>
            <html lang="en">
                <head>
                    <meta charset="utf-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1" />
                    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                    // The stylesheet's name carries its content hash when the build
                    // wrote hash.txt (see server/src/site.rs), so it lives here with the options.
                    <HashedStylesheet options=options.clone() id="drplan-css" />
                    <HydrationScripts options islands=true />
                    <leptos_meta::MetaTags />
                </head>
                <body>
                    <App />
                </body>
            </html>
        }
    }

    /// The application: meta tags and the routes.
    #[component]
    pub fn App() -> impl IntoView {
        provide_meta_context();
        view! {
            <Title text="drplan: DR cost and RTO/RPO planner for AI services" />
            <Meta name="description" content="Plan disaster recovery for AI services: cost, RTO/RPO, break-even and risk." />
            <Router>
                <Routes fallback=|| view! { <p class="not-found">"Page not found."</p> }>
                    // Async SSR: the first paint of any link already holds the
                    // numbers, which is what a browser without JavaScript sees.
                    <Route path=StaticSegment("") view=PlannerPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("methodology") view=reference::MethodologyPage />
                    <Route path=StaticSegment("catalog") view=reference::CatalogPage />
                    <Route path=(StaticSegment("catalog"), StaticSegment("diff")) view=CatalogDiffPage />
                    <Route path=StaticSegment("compare") view=ComparePage />
                </Routes>
            </Router>
        }
    }
}

/// The browser entry point: hydrates the islands of the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

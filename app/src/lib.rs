//! drplan's Leptos front end: the page shell, the routes and the components,
//! rendered on the server (`ssr`) and hydrated in the browser (`hydrate`).

#![recursion_limit = "256"]

#[cfg(feature = "ssr")]
pub mod cache;
pub mod components;
pub mod form;
pub mod format;
pub mod server_fns;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    SsrMode, StaticSegment,
};

use components::planner::PlannerPage;

/// The HTML document around the app; the server renders it for every page.
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
                <HydrationScripts options />
                <leptos_meta::MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: meta tags, the stylesheet and the routes.
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
            </Routes>
        </Router>
    }
}

/// The browser entry point: attaches the reactive system to the server-rendered HTML.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}

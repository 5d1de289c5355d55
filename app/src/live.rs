//! The one island: what makes the server-rendered planner live in the browser.
//!
//! Everything on the page is rendered on the server — the form from the
//! parameter table, the results from the engine — and works as a plain HTML
//! form without JavaScript. This island is the only component the browser
//! hydrates, so the wasm carries the reactive runtime and this file, not the
//! views of the form or the results (that is what keeps the bundle small).
//! It listens to the form (event delegation on `<main>`), asks the `plan`
//! server function for the figures after a pause in the typing, and puts the
//! HTML the server rendered in place: first the estimate, then the analyses.
//! It also edits the provider chain (add, move, remove) and copies the link.

use leptos::prelude::*;

/// How long typing must pause before the figures are asked for.
#[cfg(feature = "hydrate")]
const DEBOUNCE_MS: u64 = 25;

/// How long the form must stay still after the estimate arrived before the
/// analyses are asked for.
#[cfg(feature = "hydrate")]
const ANALYSES_AFTER_MS: i32 = 250;

/// The planner's `<main>`, made live. `children` is the server-rendered form
/// and results.
#[island]
pub fn LivePlanner(children: Children) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser: this says hydration happened.
    Effect::new(move |_| set_hydrated.set(true));
    #[cfg(feature = "hydrate")]
    let (on_input, on_change, on_click, on_submit) = {
        let (edit, click, submit) = browser::handlers();
        (edit.clone(), edit, click, submit)
    };
    // On the server the listeners are never attached.
    #[cfg(not(feature = "hydrate"))]
    let (on_input, on_change, on_click, on_submit) = (|_| {}, |_| {}, |_| {}, |_| {});
    view! {
        <main
            class="planner"
            data-hydrated=move || hydrated.get().to_string()
            on:input=on_input
            on:change=on_change
            on:click=on_click
            on:submit=on_submit
        >
            {children()}
        </main>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    //! The browser side: DOM reads and writes through web-sys.

    use std::cell::Cell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Element, Event, HtmlFormElement, HtmlInputElement, HtmlSelectElement, MouseEvent};

    use super::{ANALYSES_AFTER_MS, DEBOUNCE_MS};

    /// How many links the provider chain shows at most (the form renders them all).
    const CHAIN_ROWS: usize = 3;

    /// The input/change, click and submit handlers of `<main>`.
    pub fn handlers() -> (
        impl Fn(Event) + Clone,
        impl Fn(MouseEvent),
        impl Fn(web_sys::SubmitEvent),
    ) {
        let state = Rc::new(Live::default());
        let edit = {
            let state = state.clone();
            move |_: Event| state.clone().soon()
        };
        let click = {
            let state = state.clone();
            move |ev: MouseEvent| {
                let Some(button) = target(&ev).and_then(|t| t.closest("button[data-chain]").ok().flatten()) else {
                    if target(&ev)
                        .and_then(|t| t.closest("#copy-link").ok().flatten())
                        .is_some()
                    {
                        copy_link();
                    }
                    return;
                };
                let action = button.get_attribute("data-chain").unwrap_or_default();
                let index = button
                    .get_attribute("data-index")
                    .and_then(|i| i.parse::<usize>().ok())
                    .unwrap_or_default();
                edit_chain(&action, index);
                state.clone().soon();
            }
        };
        let submit = move |ev: web_sys::SubmitEvent| {
            // With JavaScript the figures are already live; submitting asks now.
            ev.prevent_default();
            state.clone().ask(true);
        };
        (edit, click, submit)
    }

    fn target(ev: &Event) -> Option<Element> {
        ev.target().and_then(|t| t.dyn_into::<Element>().ok())
    }

    /// The requests in flight: only the newest answer is put on the page.
    #[derive(Default)]
    struct Live {
        sequence: Cell<u32>,
        pending: Cell<Option<TimeoutHandle>>,
    }

    impl Live {
        /// Asks for the figures once the form has been still for [`DEBOUNCE_MS`].
        fn soon(self: Rc<Self>) {
            if let Some(handle) = self.pending.take() {
                handle.clear();
            }
            let me = self.clone();
            let handle =
                set_timeout_with_handle(move || me.ask(false), std::time::Duration::from_millis(DEBOUNCE_MS)).ok();
            self.pending.set(handle);
        }

        /// Sends the form to `plan`: the estimate at once, then — once the
        /// form has been still for [`ANALYSES_AFTER_MS`] — the analyses, which
        /// cost the server tens of milliseconds: asked for every keystroke,
        /// they would hold up the next keystroke's estimate.
        fn ask(self: &Rc<Self>, now: bool) {
            let Some(query) = form_query() else { return };
            let sequence = self.sequence.get().wrapping_add(1);
            self.sequence.set(sequence);
            let me = self.clone();
            leptos::task::spawn_local(async move {
                let current = || me.sequence.get() == sequence;
                let Ok(answer) = plan(&query, false).await else { return };
                // A newer edit is on its way, or the input is invalid: nothing more to do.
                if !current() || !show(&answer) {
                    return;
                }
                if !now {
                    pause(ANALYSES_AFTER_MS).await;
                }
                if !current() {
                    return;
                }
                let Ok(answer) = plan(&query, true).await else { return };
                if current() {
                    show(&answer);
                }
            });
        }
    }

    /// Waits `ms` milliseconds (a browser timer, as a future).
    async fn pause(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = JsFuture::from(promise).await;
    }

    fn document() -> web_sys::Document {
        window().document().expect("a document")
    }

    fn element(selector: &str) -> Option<Element> {
        document().query_selector(selector).ok().flatten()
    }

    fn all(selector: &str) -> Vec<Element> {
        let Ok(list) = document().query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    /// The form's fields as a query string, exactly as a plain submit sends them.
    fn form_query() -> Option<String> {
        let form: HtmlFormElement = element("form.inputs")?.dyn_into().ok()?;
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(String::from(params.to_string()))
    }

    /// POSTs to the `plan` server function; the answer's JSON is read by the
    /// browser's own parser (no JSON library in the wasm).
    async fn plan(query: &str, full: bool) -> Result<JsValue, JsValue> {
        let body = web_sys::UrlSearchParams::new()?;
        body.append("query", query);
        body.append("full", if full { "true" } else { "false" });
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        let response = JsFuture::from(window().fetch_with_str_and_init("/fn/plan", &init)).await?;
        let response: web_sys::Response = response.dyn_into()?;
        let text = JsFuture::from(response.text()?).await?;
        js_sys::JSON::parse(&text.as_string().unwrap_or_default())
    }

    fn get(value: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// Puts an answer on the page; `false` when it was the field errors.
    fn show(answer: &JsValue) -> bool {
        let figures = get(answer, "Figures");
        if !figures.is_undefined() {
            if let Some(results) = element("#results") {
                // The analyses shown now stay, marked as updating, where the
                // answer has only their placeholders (it comes back with them).
                let kept: Vec<Element> = all("#results [data-analysis]:not([data-pending])");
                results.set_inner_html(&get(&figures, "results_html").as_string().unwrap_or_default());
                for old in kept {
                    let name = old.get_attribute("data-analysis").unwrap_or_default();
                    if let Some(pending) = element(&format!("#results [data-analysis='{name}'][data-pending]")) {
                        let _ = old.set_attribute("aria-busy", "true");
                        let _ = old.class_list().add_1("updating");
                        let _ = pending.replace_with_with_node_1(&old);
                    }
                }
            }
            mark_errors(&js_sys::Array::new());
            replace_address(&get(&figures, "link").as_string().unwrap_or_default());
            return true;
        }
        let invalid = get(answer, "Invalid");
        let errors: js_sys::Array = invalid.dyn_into().unwrap_or_default();
        mark_errors(&errors);
        if let Some(body) = element(".results-body") {
            let _ = body.class_list().add_1("stale");
            let _ = body.set_attribute("data-stale", "true");
        }
        if let Some(banner) = element("#stale-banner") {
            let _ = banner.remove_attribute("hidden");
        }
        false
    }

    /// Writes each field's message under it and clears the others; messages
    /// for names the form has no field for go in the list at its top.
    fn mark_errors(errors: &js_sys::Array) {
        let list: Vec<(String, String)> = errors
            .iter()
            .map(|e| {
                let field = get(&e, "field").as_string().unwrap_or_default();
                let message = get(&e, "message").as_string().unwrap_or_default();
                (field, message)
            })
            .collect();
        let fields = document().query_selector_all("[data-field]").ok();
        let mut placed = vec![false; list.len()];
        for i in 0..fields.as_ref().map_or(0, |f| f.length()) {
            let Some(field) = fields
                .as_ref()
                .and_then(|f| f.item(i))
                .and_then(|n| n.dyn_into::<Element>().ok())
            else {
                continue;
            };
            let name = field.get_attribute("data-field").unwrap_or_default();
            let mut messages = Vec::new();
            for (j, (f, message)) in list.iter().enumerate() {
                if *f == name || f.starts_with(&format!("{name}.")) {
                    messages.push(message.as_str());
                    placed[j] = true;
                }
            }
            let text = messages.join("; ");
            let _ = field.class_list().toggle_with_force("invalid", !text.is_empty());
            if let Some(error) = field.query_selector(".error").ok().flatten() {
                error.set_text_content(Some(&text));
            }
            if let Some(control) = field.query_selector("input:not([type=hidden]), select").ok().flatten() {
                let _ = control.set_attribute("aria-invalid", if text.is_empty() { "false" } else { "true" });
            }
        }
        if let Some(unknown) = element("#form-errors") {
            let items: String = list
                .iter()
                .zip(&placed)
                .filter(|(_, placed)| !**placed)
                .map(|((_, message), _)| format!("<li>{}</li>", escape_html(message)))
                .collect();
            unknown.set_inner_html(&items);
            if items.is_empty() {
                let _ = unknown.set_attribute("hidden", "");
            } else {
                let _ = unknown.remove_attribute("hidden");
            }
        }
    }

    fn escape_html(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }

    /// Puts `/?link` in the address bar without a history entry.
    fn replace_address(link: &str) {
        let url = if link.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{link}")
        };
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }

    /// Copies the share link (absolute) to the clipboard.
    fn copy_link() {
        let Some(input) = element("#share-link").and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        let origin = window().location().origin().unwrap_or_default();
        let value = input.value();
        let url = if value.starts_with('/') {
            format!("{origin}{value}")
        } else {
            value
        };
        let _ = window().navigator().clipboard().write_text(&url);
        if let Some(button) = element("#copy-link") {
            button.set_text_content(Some("Copied"));
        }
    }

    /// One row of the chain as the form holds it: model, standby, monthly.
    #[derive(Clone, Default, PartialEq)]
    struct Row {
        model: String,
        standby: String,
        monthly: String,
    }

    fn control(id: &str) -> Option<Element> {
        element(&format!("#{id}"))
    }

    fn value_of(id: &str) -> String {
        match control(id) {
            Some(e) => match e.dyn_ref::<HtmlSelectElement>() {
                Some(select) => select.value(),
                None => e.dyn_ref::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default(),
            },
            None => String::new(),
        }
    }

    fn set_value(id: &str, value: &str) {
        if let Some(e) = control(id) {
            if let Some(select) = e.dyn_ref::<HtmlSelectElement>() {
                select.set_value(value);
            } else if let Some(input) = e.dyn_ref::<HtmlInputElement>() {
                input.set_value(value);
            }
        }
    }

    fn rows() -> Vec<Row> {
        (1..=CHAIN_ROWS)
            .map(|n| Row {
                model: value_of(&format!("p{n}-model")),
                standby: value_of(&format!("p{n}_standby")),
                monthly: value_of(&format!("p{n}_monthly")),
            })
            .take_while(|row| !row.model.is_empty())
            .collect()
    }

    /// Writes the chain back: rows in order, the rest emptied and hidden,
    /// and each button enabled only where it can act.
    fn write_rows(rows: &[Row]) {
        for n in 1..=CHAIN_ROWS {
            let row = rows.get(n - 1).cloned().unwrap_or_default();
            set_value(&format!("p{n}-model"), &row.model);
            set_value(
                &format!("p{n}_standby"),
                if row.standby.is_empty() {
                    "pay_per_use"
                } else {
                    &row.standby
                },
            );
            set_value(&format!("p{n}_monthly"), &row.monthly);
            if let Some(li) = element(&format!("#chain-row-{n}")) {
                let _ = li.toggle_attribute_with_force("hidden", row.model.is_empty());
            }
        }
        let count = rows.len();
        let enable = |selector: String, on: bool| {
            if let Some(button) = element(&selector) {
                let _ = button.toggle_attribute_with_force("disabled", !on);
            }
        };
        for n in 1..=CHAIN_ROWS {
            enable(format!("#chain-row-{n} button[data-chain=up]"), n > 1);
            enable(format!("#chain-row-{n} button[data-chain=down]"), n < count);
            enable(format!("#chain-row-{n} button[data-chain=remove]"), count > 1);
        }
        enable("button[data-chain=add]".to_owned(), count < CHAIN_ROWS);
    }

    /// Adds, moves or removes a link of the chain.
    fn edit_chain(action: &str, index: usize) {
        let mut rows = rows();
        match action {
            "up" if index > 0 && index < rows.len() => rows.swap(index, index - 1),
            "down" if index + 1 < rows.len() => rows.swap(index, index + 1),
            "remove" if rows.len() > 1 && index < rows.len() => {
                rows.remove(index);
            }
            "add" if rows.len() < CHAIN_ROWS => {
                // The first chat model not yet in the chain, from the picker's own options.
                let models: Vec<String> = all("#p1-model option")
                    .into_iter()
                    .filter_map(|o| o.get_attribute("value"))
                    .filter(|v| !v.is_empty())
                    .collect();
                let unused = models.iter().find(|m| !rows.iter().any(|r| &r.model == *m));
                if let Some(model) = unused.or(models.first()) {
                    rows.push(Row {
                        model: model.clone(),
                        standby: "pay_per_use".into(),
                        monthly: String::new(),
                    });
                }
            }
            _ => return,
        }
        write_rows(&rows);
    }
}

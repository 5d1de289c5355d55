//! The inputs column: every scenario parameter, grouped as a person thinks of
//! them, each with its label, unit, default, allowed range and error.

use engine::link::{Parameter, PARAMETERS};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::form::{self, Fields, ProviderRow, MAX_PROVIDERS, PROVIDER_PARAMS};
use crate::format;
use crate::server_fns::{CatalogChoices, FieldMessage};

/// The group drawn as the provider chain rather than field by field.
const PROVIDERS_GROUP: &str = "AI providers";

/// A group of fields: its heading, whether it starts open, its parameters.
struct Group {
    title: &'static str,
    open: bool,
    names: &'static [&'static str],
}

const GROUPS: &[Group] = &[
    Group {
        title: "Objectives",
        open: true,
        names: &["tier", "rto", "rpo"],
    },
    Group {
        title: "Regions",
        open: true,
        names: &["primary", "secondary"],
    },
    Group {
        title: PROVIDERS_GROUP,
        open: true,
        names: &["p1", "p2", "p3", "failover_minutes"],
    },
    Group {
        title: "Cost of downtime",
        open: true,
        names: &["downtime_cost_per_hour"],
    },
    Group {
        title: "DR strategy",
        open: true,
        names: &["strategy", "standby_fraction"],
    },
    Group {
        title: "Workload",
        open: true,
        names: &["requests", "input_tokens", "output_tokens", "ai_monthly"],
    },
    Group {
        title: "Application compute",
        open: false,
        names: &[
            "vcpus",
            "compute_monthly",
            "compute_secondary_monthly",
            "provision_minutes",
        ],
    },
    Group {
        title: "Vector database and corpus",
        open: false,
        names: &[
            "vector_gb",
            "vectors",
            "dimensions",
            "vector_monthly",
            "vector_secondary_monthly",
            "vector_backed_up",
            "documents",
            "tokens_per_document",
            "embedding",
            "embedding_tpm",
        ],
    },
    Group {
        title: "Data and backups",
        open: false,
        names: &[
            "data_gb",
            "storage_class",
            "storage_monthly",
            "storage_secondary_monthly",
            "snapshot_minutes",
            "standard_days",
            "standard_class",
            "infrequent_days",
            "infrequent_class",
            "archive_days",
            "archive_class",
            "restore_gb_per_hour",
        ],
    },
    Group {
        title: "Network and monitoring",
        open: false,
        names: &[
            "network_monthly",
            "cross_region_gb",
            "cross_region_monthly",
            "replication_gb",
            "replication_monthly",
            "replication_lag_minutes",
            "monitoring_monthly",
        ],
    },
    Group {
        title: "Simulation",
        open: false,
        names: &["mc_years", "mc_seed"],
    },
    Group {
        title: "Report",
        open: false,
        names: &["name", "currency", "rate"],
    },
];

/// Parameters the groups above don't place (a newer link format), shown last.
fn ungrouped() -> Vec<&'static str> {
    PARAMETERS
        .iter()
        .map(|p| p.name)
        .filter(|name| !GROUPS.iter().any(|g| g.names.contains(name)))
        .collect()
}

fn parameter(name: &str) -> Option<&'static Parameter> {
    PARAMETERS.iter().find(|p| p.name == name)
}

/// The picker choices for a parameter, if it is picked from the catalog.
fn choices(name: &str, options: &CatalogChoices) -> Option<Vec<(String, String)>> {
    let yes_no = || {
        vec![
            ("true".to_string(), "Yes".to_string()),
            ("false".to_string(), "No".to_string()),
        ]
    };
    match name {
        "tier" => Some(options.tiers.clone()),
        "primary" | "secondary" => Some(options.regions.clone()),
        "strategy" => Some(options.strategies.clone()),
        "embedding" => Some(options.embedding_models.clone()),
        "storage_class" | "standard_class" | "infrequent_class" | "archive_class" => {
            Some(options.storage_classes.clone())
        }
        "vector_backed_up" => Some(yes_no()),
        _ => None,
    }
}

/// The message for `name`, if the last answer had one.
fn message_for(errors: &[FieldMessage], name: &str) -> Option<String> {
    let matching: Vec<&str> = errors
        .iter()
        .filter(|e| e.field == name || e.field.starts_with(&format!("{name}.")))
        .map(|e| e.message.as_str())
        .collect();
    (!matching.is_empty()).then(|| matching.join("; "))
}

/// The whole form. Its field names are the share link's, so a plain GET
/// submit is a share link the server can render.
#[component]
pub fn InputsForm(
    fields: RwSignal<Fields>,
    errors: Signal<Vec<FieldMessage>>,
    options: CatalogChoices,
    #[prop(into)] on_submit: Callback<leptos::ev::SubmitEvent>,
) -> impl IntoView {
    let options = StoredValue::new(options);
    let unknown = Memo::new(move |_| {
        errors.with(|errors| {
            errors
                .iter()
                .filter(|e| parameter(&e.field).is_none() && !PROVIDER_PARAMS.iter().any(|p| e.field.starts_with(p)))
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
        })
    });
    let groups = GROUPS
        .iter()
        .map(|group| {
            if group.title == PROVIDERS_GROUP {
                return view! {
                    <details class="group" open>
                        <summary>"AI providers (failover order)"</summary>
                        <div class="group-body">
                            <ProviderChain fields=fields errors=errors options=options />
                            <Field name="failover_minutes" fields=fields errors=errors options=options />
                        </div>
                    </details>
                }
                .into_any();
            }
            let body = group
                .names
                .iter()
                .map(|name| view! { <Field name=name fields=fields errors=errors options=options /> })
                .collect_view();
            view! {
                <details class="group" open=group.open>
                    <summary>{group.title}</summary>
                    <div class="group-body">{body}</div>
                </details>
            }
            .into_any()
        })
        .collect_view();
    let more = ungrouped();
    view! {
        <form class="inputs" method="get" action="/" on:submit=move |ev| on_submit.run(ev) novalidate>
            <h2>"Inputs"</h2>
            <p class="hint">"Every field shows its default and what is allowed; the results follow as you type."</p>
            {move || {
                let unknown = unknown.get();
                (!unknown.is_empty()).then(|| view! {
                    <ul class="error-list" role="alert">{unknown.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                })
            }}
            {groups}
            {(!more.is_empty()).then(|| view! {
                <details class="group">
                    <summary>"More"</summary>
                    <div class="group-body">
                        {more.into_iter().map(|name| view! { <Field name=name fields=fields errors=errors options=options /> }).collect_view()}
                    </div>
                </details>
            })}
            <div class="form-actions">
                <button type="submit" class="calculate">"Calculate"</button>
                <a href="/" class="reset" rel="external">"Start over"</a>
            </div>
        </form>
    }
}

/// One parameter: label with unit, input or picker, hint with the default and
/// the allowed range, and the error message when the value is not allowed.
#[component]
fn Field(
    name: &'static str,
    fields: RwSignal<Fields>,
    errors: Signal<Vec<FieldMessage>>,
    options: StoredValue<CatalogChoices>,
) -> impl IntoView {
    let Some(p) = parameter(name) else {
        return ().into_any();
    };
    let default = p.value(&engine::Scenario::default());
    let value = Memo::new(move |_| fields.with(|f| form::get(f, name).unwrap_or_default().to_string()));
    let error = Memo::new(move |_| errors.with(|e| message_for(e, name)));
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = format!("{hint_id} {error_id}");
    let label = if p.unit.is_empty() || p.unit.contains('[') {
        p.about.to_string()
    } else {
        format!("{} ({})", p.about, p.unit)
    };
    let is_money = p.unit.contains("USD");
    let shown_default = if default.is_empty() {
        "empty".to_string()
    } else {
        default.clone()
    };
    let hint = format!("Default {shown_default}. Allowed: {}.", p.range);
    let write = move |text: String| fields.update(|f| form::set(f, name, text));
    let control = match options.with_value(|o| choices(name, o)) {
        Some(choices) => view! {
            <select
                id=name
                name=name
                aria-describedby=described.clone()
                aria-invalid=move || error.get().is_some().to_string()
                on:change=move |ev| write(event_target_value(&ev))
            >
                {choices.into_iter().map(|(id, label)| {
                    let selected_id = id.clone();
                    view! { <option value=id selected=move || value.get() == selected_id>{label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        None => view! {
            <input
                id=name
                name=name
                type="text"
                inputmode=if p.unit.contains("USD") || p.unit.contains("minutes") || p.unit.contains("GB") { "decimal" } else { "text" }
                autocomplete="off"
                aria-describedby=described.clone()
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || value.get()
                value=value.get_untracked()
                on:input=move |ev| write(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=name>{label}</label>
            {control}
            <p class="hint" id=hint_id>
                {hint}
                {move || is_money.then(|| {
                    value.get().replace(',', "").parse::<Decimal>().ok().map(|v| format!(" Now: {}.", format::amount(v)))
                }).flatten()}
            </p>
            <p class="error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
    .into_any()
}

/// A change to the provider chain, applied to the rows in order.
type ChainEdit = Box<dyn FnOnce(&mut Vec<ProviderRow>)>;

/// The failover chain: up to three links, each added, removed and moved with
/// buttons (so with the keyboard as well as the mouse).
#[component]
fn ProviderChain(
    fields: RwSignal<Fields>,
    errors: Signal<Vec<FieldMessage>>,
    options: StoredValue<CatalogChoices>,
) -> impl IntoView {
    let rows = Memo::new(move |_| fields.with(form::providers));
    let edit = move |change: ChainEdit| {
        fields.update(|f| {
            let mut rows = form::providers(f);
            change(&mut rows);
            form::set_providers(f, &rows);
        })
    };
    // A new fallback starts on the catalog's first chat model not yet in the
    // chain, so it is always one the catalog has.
    let add = move |_| {
        let models: Vec<String> = options.with_value(|o| o.chat_models.iter().map(|(id, _)| id.clone()).collect());
        edit(Box::new(move |rows: &mut Vec<ProviderRow>| {
            let unused = models.iter().find(|id| !rows.iter().any(|r| &r.model == *id));
            if let (true, Some(model)) = (rows.len() < MAX_PROVIDERS, unused.or(models.first())) {
                rows.push(ProviderRow {
                    model: model.clone(),
                    standby: "pay_per_use".into(),
                    monthly: String::new(),
                });
            }
        }))
    };
    view! {
        <ol class="provider-chain">
            {move || {
                let rows = rows.get();
                let count = rows.len();
                // The form always carries p1..p3 so a plain submit keeps the chain.
                (0..MAX_PROVIDERS).map(|index| {
                    let row = rows.get(index).cloned();
                    let param = PROVIDER_PARAMS[index];
                    match row {
                        None => view! {
                            <li class="empty-link">
                                <input type="hidden" name=param value="" />
                            </li>
                        }.into_any(),
                        Some(row) => view! {
                            <ProviderLinkRow index=index count=count row=row edit=edit errors=errors options=options />
                        }.into_any(),
                    }
                }).collect_view()
            }}
        </ol>
        <button type="button" class="secondary add-provider" on:click=add disabled=move || { rows.get().len() >= MAX_PROVIDERS }>
            "Add a fallback provider"
        </button>
    }
}

/// One link of the chain.
#[component]
fn ProviderLinkRow(
    index: usize,
    count: usize,
    row: ProviderRow,
    edit: impl Fn(ChainEdit) + Copy + Send + Sync + 'static,
    errors: Signal<Vec<FieldMessage>>,
    options: StoredValue<CatalogChoices>,
) -> impl IntoView {
    let param = PROVIDER_PARAMS[index];
    let role = ["Primary", "Secondary", "Tertiary"][index];
    let model_id = format!("{param}-model");
    let standby_name = format!("{param}_standby");
    let monthly_name = format!("{param}_monthly");
    let error = Memo::new(move |_| errors.with(|e| message_for(e, param)));
    let error_id = format!("{param}-error");
    let choices = options.with_value(|o| o.chat_models.clone());
    let set_part = move |part: fn(&mut ProviderRow, String), text: String| {
        edit(Box::new(move |rows: &mut Vec<ProviderRow>| {
            if let Some(row) = rows.get_mut(index) {
                part(row, text);
            }
        }))
    };
    let is_provisioned = row.standby == "provisioned";
    view! {
        <li class="provider-link" class:invalid=move || error.get().is_some()>
            <div class="link-head">
                <label for=model_id.clone()>{format!("{role} provider and model")}</label>
                <div class="link-buttons">
                    <button type="button" class="icon" aria-label=format!("Move the {} provider up", role.to_lowercase())
                        disabled={ index == 0 }
                        on:click=move |_| edit(Box::new(move |rows: &mut Vec<ProviderRow>| rows.swap(index, index - 1)))>"↑"</button>
                    <button type="button" class="icon" aria-label=format!("Move the {} provider down", role.to_lowercase())
                        disabled={ index + 1 >= count }
                        on:click=move |_| edit(Box::new(move |rows: &mut Vec<ProviderRow>| rows.swap(index, index + 1)))>"↓"</button>
                    <button type="button" class="icon" aria-label=format!("Remove the {} provider", role.to_lowercase())
                        disabled={ count <= 1 }
                        on:click=move |_| edit(Box::new(move |rows: &mut Vec<ProviderRow>| { rows.remove(index); }))>"✕"</button>
                </div>
            </div>
            <select id=model_id name=param aria-describedby=error_id.clone()
                on:change=move |ev| set_part(|r, t| r.model = t, event_target_value(&ev))>
                {choices.into_iter().map(|(id, label)| {
                    let selected = id == row.model;
                    view! { <option value=id selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            {(index > 0).then(|| view! {
                <div class="link-standby">
                    <label for=standby_name.clone()>"Stands by as"</label>
                    <select id=standby_name.clone() name=standby_name.clone()
                        on:change=move |ev| set_part(|r, t| r.standby = t, event_target_value(&ev))>
                        <option value="pay_per_use" selected=!is_provisioned>"Pay-per-use (costs nothing until used)"</option>
                        <option value="provisioned" selected=is_provisioned>"Provisioned / warm (fixed monthly)"</option>
                    </select>
                    <label for=monthly_name.clone()>"Fixed cost (USD per month)"</label>
                    <input id=monthly_name.clone() name=monthly_name.clone() type="text" inputmode="decimal" autocomplete="off"
                        value=row.monthly.clone()
                        on:input=move |ev| set_part(|r, t| r.monthly = t, event_target_value(&ev)) />
                </div>
            })}
            {(index == 0).then(|| view! {
                <input type="hidden" name=standby_name.clone() value="" />
                <input type="hidden" name=monthly_name.clone() value="" />
            })}
            <p class="error" id=error_id role="alert">{move || error.get()}</p>
        </li>
    }
}

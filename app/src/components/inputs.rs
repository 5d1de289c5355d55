//! The inputs column: every scenario parameter, grouped as a person thinks of
//! them, each with its label, unit, default, allowed range and error. Drawn
//! on the server from `engine::link::PARAMETERS`: the parameter's kind picks
//! the control (a picker for catalog ids and yes/no, a text box typed for
//! numbers), so no code here guesses a kind from a unit's text.

use std::sync::Arc;

use engine::link::{parameter, Kind, Parameter, Table, MAX_PROVIDERS, PARAMETERS};
use engine::{Catalog, FieldError};
use leptos::prelude::*;

use crate::form::{self, Fields, ProviderRow};

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
        names: &["p1", "p2", "p3", "p4", "p5", "failover_minutes"],
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
            "vector_db",
            "vector_writes",
            "vector_replicas",
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
        names: &["monte_carlo", "mc_years", "mc_seed"],
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

/// (value, label) of each choice of a catalog table.
fn table_choices(catalog: &Catalog, table: Table) -> Vec<(String, String)> {
    use engine::present::duration_minutes;
    match table {
        Table::Tier => catalog
            .tiers()
            .iter()
            .map(|t| {
                let label = format!(
                    "{} (RTO {}, RPO {})",
                    t.name,
                    duration_minutes(t.rto_minutes),
                    duration_minutes(t.rpo_minutes)
                );
                (t.id.clone(), label)
            })
            .collect(),
        Table::Region => catalog
            .regions()
            .iter()
            .map(|r| (r.id.clone(), format!("{} ({})", r.name, r.id)))
            .collect(),
        Table::Strategy => catalog
            .strategies()
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect(),
        Table::StorageClass => catalog
            .storage_classes()
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect(),
        Table::EmbeddingModel => models(catalog, engine::catalog::ModelKind::Embedding),
        Table::VectorDb => catalog
            .vector_dbs()
            .iter()
            .map(|v| (v.id.clone(), v.name.clone()))
            .collect(),
    }
}

/// (`provider/model`, label) of each model of `kind`.
fn models(catalog: &Catalog, kind: engine::catalog::ModelKind) -> Vec<(String, String)> {
    catalog
        .models()
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| {
            let provider = catalog
                .providers()
                .iter()
                .find(|p| p.id == m.provider)
                .map(|p| p.name.as_str());
            (
                format!("{}/{}", m.provider, m.model),
                format!("{} – {}", provider.unwrap_or(&m.provider), m.name),
            )
        })
        .collect()
}

/// The picker choices for a parameter, if its kind is picked from a list.
fn choices(p: &Parameter, catalog: &Catalog) -> Option<Vec<(String, String)>> {
    match p.kind {
        Kind::Id(table) => Some(table_choices(catalog, table)),
        Kind::Boolean => Some(vec![
            ("true".to_string(), "Yes".to_string()),
            ("false".to_string(), "No".to_string()),
        ]),
        _ => None,
    }
}

/// The message for `name`, if the answer had one.
fn message_for(errors: &[FieldError], name: &str) -> Option<String> {
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
pub fn InputsForm(fields: Fields, errors: Vec<FieldError>, catalog: Arc<Catalog>) -> impl IntoView {
    let unknown: Vec<String> = errors
        .iter()
        .filter(|e| parameter(&e.field).is_none())
        .map(|e| e.message.clone())
        .collect();
    let no_unknown = unknown.is_empty();
    let groups = GROUPS
        .iter()
        .map(|group| {
            if group.title == PROVIDERS_GROUP {
                return view! {
                    <details class="group" open>
                        <summary>"AI providers (failover order)"</summary>
                        <div class="group-body">
                            <ProviderChain fields=fields.clone() errors=errors.clone() catalog=catalog.clone() />
                            <Field name="failover_minutes" fields=fields.clone() errors=errors.clone() catalog=catalog.clone() />
                        </div>
                    </details>
                }
                .into_any();
            }
            let body = group
                .names
                .iter()
                .map(|name| view! { <Field name=name fields=fields.clone() errors=errors.clone() catalog=catalog.clone() /> })
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
        <form class="inputs" method="get" action="/" novalidate>
            <h2>"Inputs"</h2>
            <p class="hint">"Every field shows its default and what is allowed; the results follow as you type."</p>
            <ul class="error-list" id="form-errors" role="alert" hidden=no_unknown>
                {unknown.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            {groups}
            {(!more.is_empty()).then(|| view! {
                <details class="group">
                    <summary>"More"</summary>
                    <div class="group-body">
                        {more.into_iter().map(|name| view! { <Field name=name fields=fields.clone() errors=errors.clone() catalog=catalog.clone() /> }).collect_view()}
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
fn Field(name: &'static str, fields: Fields, errors: Vec<FieldError>, catalog: Arc<Catalog>) -> impl IntoView {
    let Some(p) = parameter(name) else {
        return ().into_any();
    };
    let default = p.value(&engine::Scenario::default());
    let value = form::get(&fields, name).unwrap_or_default().to_string();
    let error = message_for(&errors, name);
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = format!("{hint_id} {error_id}");
    let label = match p.unit() {
        "" => p.about.to_string(),
        unit => format!("{} ({unit})", p.about),
    };
    let shown_default = if default.is_empty() {
        "empty".to_string()
    } else {
        default
    };
    let hint = format!("Default {shown_default}. Allowed: {}.", p.allowed());
    let is_invalid = error.is_some();
    let invalid = is_invalid.to_string();
    let control = match choices(p, &catalog) {
        Some(choices) => view! {
            <select id=name name=name aria-describedby=described aria-invalid=invalid>
                {choices.into_iter().map(|(id, label)| {
                    let selected = id == value;
                    view! { <option value=id selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        None => {
            let inputmode = match p.kind {
                Kind::Number(n) if n.whole => "numeric",
                Kind::Number(_) => "decimal",
                _ => "text",
            };
            view! {
                <input id=name name=name type="text" inputmode=inputmode autocomplete="off"
                    aria-describedby=described aria-invalid=invalid value=value />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=is_invalid data-field=name>
            <label for=name>{label}</label>
            {control}
            <p class="hint" id=hint_id>{hint}</p>
            <p class="error" id=error_id role="alert">{error}</p>
        </div>
    }
    .into_any()
}

/// The failover chain: up to [`MAX_PROVIDERS`] links, each added, removed and
/// moved with buttons (so with the keyboard as well as the mouse). Every row
/// is rendered; rows past the chain are hidden and empty, so a plain submit
/// sends `pN=` (no link) and the island only shows or hides them.
#[component]
fn ProviderChain(fields: Fields, errors: Vec<FieldError>, catalog: Arc<Catalog>) -> impl IntoView {
    let rows = form::providers(&fields);
    let count = rows.len();
    let chat_models = models(&catalog, engine::catalog::ModelKind::Chat);
    let links = (0..MAX_PROVIDERS)
        .map(|index| {
            let row = rows.get(index).cloned().unwrap_or_default();
            view! {
                <ProviderLinkRow index=index count=count row=row errors=errors.clone() choices=chat_models.clone() />
            }
        })
        .collect_view();
    view! {
        <ol class="provider-chain">{links}</ol>
        <button type="button" class="secondary add-provider" data-chain="add" disabled={count >= MAX_PROVIDERS}>
            "Add a fallback provider"
        </button>
        <p class="hint">{format!("A chain holds up to {MAX_PROVIDERS} providers, tried in this order.")}</p>
    }
}

/// One link of the chain.
#[component]
fn ProviderLinkRow(
    index: usize,
    count: usize,
    row: ProviderRow,
    errors: Vec<FieldError>,
    choices: Vec<(String, String)>,
) -> impl IntoView {
    let n = index + 1;
    let param = format!("p{n}");
    let role = ["Primary", "Secondary", "Tertiary"]
        .get(index)
        .copied()
        .unwrap_or("Fallback");
    let model_id = format!("{param}-model");
    let standby_name = format!("{param}_standby");
    let monthly_name = format!("{param}_monthly");
    let error = message_for(&errors, &param);
    let error_id = format!("{param}-error");
    let is_provisioned = row.standby == "provisioned";
    let is_invalid = error.is_some();
    let field = param.clone();
    let button = |action: &'static str, label: String, text: &'static str, enabled: bool| {
        view! {
            <button type="button" class="icon" data-chain=action data-index=index.to_string()
                aria-label=label disabled={!enabled}>{text}</button>
        }
    };
    let lower = role.to_lowercase();
    view! {
        <li class="provider-link" class:invalid=is_invalid id=format!("chain-row-{n}") data-field=field
            hidden={index >= count}>
            <div class="link-head">
                <label for=model_id.clone()>{format!("{role} provider and model")}</label>
                <div class="link-buttons">
                    {button("up", format!("Move the {lower} provider up"), "↑", index > 0)}
                    {button("down", format!("Move the {lower} provider down"), "↓", index + 1 < count)}
                    {button("remove", format!("Remove the {lower} provider"), "✕", count > 1)}
                </div>
            </div>
            <select id=model_id name=param aria-describedby=error_id.clone()>
                {(index > 0).then(|| view! { <option value="" selected=row.model.is_empty()>"None"</option> })}
                {choices.into_iter().map(|(id, label)| {
                    let selected = id == row.model;
                    view! { <option value=id selected=selected>{label}</option> }
                }).collect_view()}
            </select>
            <div class="link-standby" hidden={index == 0}>
                <label for=standby_name.clone()>"Stands by as"</label>
                <select id=standby_name.clone() name=standby_name.clone()>
                    <option value="pay_per_use" selected=!is_provisioned>"Pay-per-use (costs nothing until used)"</option>
                    <option value="provisioned" selected=is_provisioned>"Provisioned / warm (fixed monthly)"</option>
                </select>
                <label for=monthly_name.clone()>"Fixed cost (USD per month)"</label>
                <input id=monthly_name.clone() name=monthly_name type="text" inputmode="decimal" autocomplete="off"
                    value=row.monthly.clone() />
            </div>
            <p class="error" id=error_id role="alert">{error}</p>
        </li>
    }
}

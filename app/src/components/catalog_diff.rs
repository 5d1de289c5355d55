//! The catalog diff page `/catalog/diff?from=<version>&to=<version>`: every
//! row added, removed or changed between two catalog versions, one table per
//! file (400 naming the parameter and the versions when one is missing or
//! unknown). A Leptos route rendered on the server; it needs no script.

use engine::catalog::history::{self, CatalogDiff, FileDiff, FileStatus, RowKind, Side};
use engine::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;

use super::layout::Masthead;
use crate::catalog_diff::{read_request, Diff};

/// `/catalog/diff`.
#[component]
pub fn CatalogDiffPage() -> impl IntoView {
    let raw = leptos_router::hooks::use_location().search.get_untracked();
    let (title, body) = match read_request(&raw) {
        Ok(diff) => (
            format!("Catalog changes from {} to {}", diff.from, diff.to),
            changes(&diff),
        ),
        Err(problems) => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::BAD_REQUEST);
            }
            (
                "Catalog changes: a parameter is not valid".to_owned(),
                problems_view(&problems),
            )
        }
    };
    view! {
        <Title text=format!("{title} · drplan") />
        <Masthead title=title.clone() />
        <main class="reference catalog-diff">
            <h2>{title}</h2>
            {body}
        </main>
    }
}

/// `/catalog/diff?from=…&to=…`.
fn href(from: &str, to: &str) -> String {
    format!("/catalog/diff?from={from}&to={to}")
}

/// What was wrong with the request, and the diffs that can be asked for.
fn problems_view(problems: &[FieldError]) -> AnyView {
    let ids = history::version_ids();
    let examples: Vec<(String, String)> = ids
        .iter()
        .flat_map(|a| {
            ids.iter()
                .filter(move |b| a != *b)
                .map(move |b| (a.to_string(), b.to_string()))
        })
        .collect();
    view! {
        <ul class="errors" role="alert">
            {problems.iter().map(|p| {
                let field = if p.field.is_empty() { "(request)".to_owned() } else { p.field.clone() };
                view! { <li><code>{field}</code>": "{p.message.clone()}</li> }
            }).collect_view()}
        </ul>
        <p>{format!("from and to each name a catalog version: {}. current is the catalog shipped with this build.", history::allowed())}</p>
        <ul>
            {examples.into_iter().map(|(a, b)| view! {
                <li><a href=href(&a, &b)>{format!("Changes from {a} to {b}")}</a></li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn versions_line(diff: &Diff) -> String {
    let named = |asked: &str, version: &Option<String>| match version {
        Some(v) if v != asked => format!("{asked} (version {v})"),
        _ => asked.to_owned(),
    };
    format!(
        "From {} to {}: ",
        named(&diff.from, &diff.from_version),
        named(&diff.to, &diff.to_version)
    )
}

/// The summary and one table per file that differs: the page's content when both versions are known.
pub fn changes(diff: &Diff) -> AnyView {
    let d: &CatalogDiff = &diff.diff;
    let summary = if d.is_empty() {
        "the two catalogs are the same, file by file and row by row.".to_owned()
    } else {
        let (rows, files) = (d.row_count(), d.files.len());
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} in {}.",
            plural(rows, "row differs", "rows differ"),
            plural(files, "file", "files")
        )
    };
    view! {
        <p class="compare-summary" role="status">{versions_line(diff)}{summary}</p>
        <p>
            "Rows are matched by their key columns (id, provider and model, regions…); each changed cell shows its old and new value. "
            <a href=format!("/api/v1/catalog/diff?from={}&to={}", diff.from, diff.to) rel="external">"The same as JSON"</a>"."
        </p>
        {d.files.iter().map(|f| file_table(f, &diff.from, &diff.to)).collect_view()}
    }
    .into_any()
}

fn file_table(f: &FileDiff, from: &str, to: &str) -> impl IntoView {
    let status = match f.status {
        FileStatus::Added => format!(" (only in {to})"),
        FileStatus::Removed => format!(" (only in {from})"),
        FileStatus::Changed => String::new(),
    };
    let caption = format!("{}{status}: key {}", f.file, f.key_columns.join(", "));
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "(no column)".to_owned());
    let lines = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} → {b}"),
        (Some(a), None) | (None, Some(a)) => a.to_string(),
        (None, None) => String::new(),
    };
    let mut rows: Vec<[String; 6]> = Vec::new();
    if let Some(h) = &f.header {
        for c in &h.added {
            rows.push([
                "column added".into(),
                String::new(),
                String::new(),
                c.clone(),
                String::new(),
                String::new(),
            ]);
        }
        for c in &h.removed {
            rows.push([
                "column removed".into(),
                String::new(),
                String::new(),
                c.clone(),
                String::new(),
                String::new(),
            ]);
        }
    }
    for dup in &f.duplicates {
        let side = match dup.side {
            Side::From => from,
            Side::To => to,
        };
        let at: Vec<String> = dup.lines.iter().map(u64::to_string).collect();
        rows.push([
            format!("duplicate key in {side}"),
            engine::catalog::history::key_text(&dup.key),
            at.join(", "),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for r in &f.rows {
        let kind = match r.kind {
            RowKind::Added => "added",
            RowKind::Removed => "removed",
            RowKind::Changed => "changed",
        };
        for c in &r.cells {
            rows.push([
                kind.to_owned(),
                engine::catalog::history::key_text(&r.key),
                lines(r.from_line, r.to_line),
                c.column.clone(),
                value(&c.from),
                value(&c.to),
            ]);
        }
    }
    let headers = ["Change", "Key", "Line", "Column", from, to];
    view! {
        <div class="table-scroll">
            <table class="figures-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>{headers.iter().map(|h| view! { <th scope="col">{h.to_string()}</th> }).collect_view()}</tr>
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

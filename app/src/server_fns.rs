//! Server functions: the browser calls these to have the server run the engine.
//! Their bodies only run on the server (`ssr`); the browser gets a fetch stub.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The break-even figures the page shows, already formatted for people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakEvenView {
    /// Hours of downtime a year the DR spend must prevent to pay for itself.
    pub hours: String,
    /// Annual DR cost with its currency, e.g. `USD 93,600.00`.
    pub annual_dr_cost: String,
    /// Cost of one hour of downtime with its currency.
    pub downtime_cost_per_hour: String,
}

/// What the page gets back: figures, or the field errors to show where the user typed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BreakEvenOutcome {
    /// The scenario was valid.
    Figures(BreakEvenView),
    /// The input was rejected: one message per field.
    Invalid(Vec<FieldMessage>),
}

/// One field's problem, as shown next to that field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldMessage {
    /// The scenario field, e.g. `downtime_cost_per_hour`.
    pub field: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

/// Break-even for the default scenario with the given cost of an hour of downtime.
///
/// The text arrives as typed; parsing and validation happen here, on the
/// server, so the browser and a plain HTML form get the same messages.
#[server(prefix = "/fn", endpoint = "break_even")]
pub async fn break_even(downtime_cost_per_hour: String) -> Result<BreakEvenOutcome, ServerFnError> {
    let catalog = expect_context::<std::sync::Arc<engine::Catalog>>();
    Ok(break_even_outcome(&catalog, &downtime_cost_per_hour))
}

/// The body of [`break_even`], callable without the server-function machinery.
#[cfg(feature = "ssr")]
pub fn break_even_outcome(catalog: &engine::Catalog, downtime_cost_per_hour: &str) -> BreakEvenOutcome {
    use crate::format;
    let field = "downtime_cost_per_hour";
    let Ok(amount) = downtime_cost_per_hour
        .trim()
        .replace(',', "")
        .parse::<rust_decimal::Decimal>()
    else {
        return BreakEvenOutcome::Invalid(vec![FieldMessage {
            field: field.into(),
            message: format!("{downtime_cost_per_hour:?} is not a number; enter an amount such as 15000"),
        }]);
    };
    let scenario = engine::Scenario {
        downtime_cost_per_hour: engine::Money::new(amount),
        ..engine::Scenario::default()
    };
    match engine::estimate(catalog, &scenario) {
        Ok(estimate) => {
            let currency = scenario.currency.code.as_str();
            let b = &estimate.break_even;
            BreakEvenOutcome::Figures(BreakEvenView {
                hours: format::hours(b.hours),
                annual_dr_cost: format::money(b.annual_dr_cost.to_decimal(), currency),
                downtime_cost_per_hour: format::money(b.downtime_cost_per_hour.to_decimal(), currency),
            })
        }
        Err(engine::Error::Invalid(errors)) => BreakEvenOutcome::Invalid(
            errors
                .into_iter()
                .map(|e| FieldMessage {
                    field: e.field,
                    message: e.message,
                })
                .collect(),
        ),
        Err(other) => BreakEvenOutcome::Invalid(vec![FieldMessage {
            field: field.into(),
            message: other.to_string(),
        }]),
    }
}

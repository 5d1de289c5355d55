//! What the page must warn about in a scenario that still estimates: a model
//! the provider retires, a price that changes on an announced date, a
//! fallback whose context window is smaller than the requests it would get
//! ("Disaster Recovery & Failover Strategies for AI Services", Part 2.3), or
//! whose rate limit cannot carry the traffic.

use rust_decimal::Decimal;

use crate::catalog::{Catalog, Model};
use crate::scenario::{Scenario, StandbyMode};

/// Every warning for the scenario, in chain order, each a sentence.
pub(crate) fn warnings(catalog: &Catalog, s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    let w = &s.workload;
    let request_tokens = u64::from(w.input_tokens_per_request) + u64::from(w.output_tokens_per_request);
    let tokens_per_minute = crate::pricing::workload_tokens_per_minute(s);
    for (i, link) in s.providers.iter().enumerate() {
        let Some(model) = catalog.model(&link.provider, &link.model) else {
            continue;
        };
        let name = format!("p{} {}/{}", i + 1, link.provider, link.model);
        dated(catalog, &name, model, &mut out);
        if i == 0 {
            continue;
        }
        if model.context_tokens < request_tokens {
            out.push(format!(
                "{name} has a context window of {} tokens, smaller than a request's {request_tokens} tokens: requests it receives on failover will fail (the article, Part 2.3, on context windows)",
                model.context_tokens
            ));
        }
        if link.standby == StandbyMode::PayPerUse {
            if let Some(limit) = model.tokens_per_minute {
                if Decimal::from(limit) < tokens_per_minute {
                    out.push(format!(
                        "{name} allows {limit} tokens a minute, less than the workload's {} on average: pay-per-use, it cannot carry all the traffic",
                        tokens_per_minute.round()
                    ));
                }
            }
        }
    }
    let c = &s.corpus;
    if let Some(model) = catalog.model(&c.embedding_provider, &c.embedding_model) {
        let name = format!("embedding model {}/{}", c.embedding_provider, c.embedding_model);
        dated(catalog, &name, model, &mut out);
    }
    out
}

/// A retirement date or an announced price change of `model`.
fn dated(catalog: &Catalog, name: &str, model: &Model, out: &mut Vec<String>) {
    if let Some(date) = &model.retires {
        out.push(format!(
            "{name} is retired by its provider on {date}: plan its successor before then"
        ));
    }
    if let Some(next) = catalog.next_model_price(&model.provider, &model.model) {
        out.push(format!(
            "{name} changes price on {}: {} → {} USD per million input tokens, {} → {} per million output tokens",
            next.price_from.as_deref().unwrap_or_default(),
            model.input_per_mtok.normalize(),
            next.input_per_mtok.normalize(),
            model.output_per_mtok.normalize(),
            next.output_per_mtok.normalize()
        ));
    }
}

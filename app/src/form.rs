//! The planner form's values as the server renders them: each field holds
//! what the page's query says (as typed, even when it is not valid), else
//! its default. The provider chain is three fields per link in the form
//! (`p2`, `p2_standby`, `p2_monthly`); `engine::link::Query` joins them back
//! into one link value, so the form's GET submit is a link every door reads.

use engine::link::{escape, read_provider, MAX_PROVIDERS, PARAMETERS};

/// Form fields in order: (name, value as typed).
pub type Fields = Vec<(String, String)>;

/// One link of the provider chain as the form shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProviderRow {
    /// `provider/model`, e.g. `openai/gpt-4o`.
    pub model: String,
    /// `pay_per_use` or `provisioned`.
    pub standby: String,
    /// USD per month when provisioned; may be empty.
    pub monthly: String,
}

/// The pairs of a query string, percent-decoded, in order: the link
/// reader's split, so the form and every door see the same pairs.
pub fn parse_query(query: &str) -> Fields {
    engine::link::Query::parse(query).pairs()
}

/// The value of `name` in `fields`, if present.
pub fn get<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Sets `name` to `value`, keeping the field's place, or appends it.
pub fn set(fields: &mut Fields, name: &str, value: String) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some(field) => field.1 = value,
        None => fields.push((name.to_string(), value)),
    }
}

/// The default value of every link parameter, decoded, in link order.
pub fn defaults() -> Fields {
    values_of(&engine::Scenario::default())
}

/// The value of every link parameter in `scenario`, as text, in link order.
pub fn values_of(scenario: &engine::Scenario) -> Fields {
    PARAMETERS
        .iter()
        .map(|p| (p.name.to_string(), p.value(scenario)))
        .collect()
}

/// The form's fields for a page opened with `query`: every parameter with its
/// value from the query, else its value in the scenario the link starts from
/// (`engine::link::base`: the default, or for a link of format 1 the
/// article's production example); providers split into their parts.
pub fn from_query(query: &str) -> Fields {
    let pairs = parse_query(query);
    let mut fields = values_of(&engine::link::base(&pairs));
    for (name, value) in pairs {
        set(&mut fields, &name, value);
    }
    for n in 1..=MAX_PROVIDERS {
        let p = format!("p{n}");
        if get(&fields, &format!("{p}_standby")).is_some() || get(&fields, &format!("{p}_monthly")).is_some() {
            continue; // already in form shape
        }
        let row = provider_row(get(&fields, &p).unwrap_or_default());
        set(&mut fields, &p, row.model);
        set(&mut fields, &format!("{p}_standby"), row.standby);
        set(&mut fields, &format!("{p}_monthly"), row.monthly);
    }
    fields
}

/// A link's `provider/model[:standby[:amount]]` as the form's three fields,
/// read by the engine's provider codec; text it cannot read stays whole in
/// the model field, so the form shows what was typed.
fn provider_row(value: &str) -> ProviderRow {
    match read_provider(&escape(value, true)) {
        Ok(Some(link)) => ProviderRow {
            model: format!("{}/{}", link.provider, link.model),
            standby: match link.standby {
                engine::scenario::StandbyMode::PayPerUse if link.provisioned_monthly.to_decimal().is_zero() => {
                    String::new()
                }
                engine::scenario::StandbyMode::PayPerUse => "pay_per_use".to_owned(),
                engine::scenario::StandbyMode::Provisioned => "provisioned".to_owned(),
            },
            monthly: if link.provisioned_monthly.to_decimal().is_zero() {
                String::new()
            } else {
                link.provisioned_monthly.to_decimal().normalize().to_string()
            },
        },
        _ => ProviderRow {
            model: value.to_owned(),
            ..ProviderRow::default()
        },
    }
}

/// The provider rows present in the form, in chain order (empty models skipped).
pub fn providers(fields: &Fields) -> Vec<ProviderRow> {
    (1..=MAX_PROVIDERS)
        .map(|n| ProviderRow {
            model: get(fields, &format!("p{n}")).unwrap_or_default().to_string(),
            standby: get(fields, &format!("p{n}_standby")).unwrap_or_default().to_string(),
            monthly: get(fields, &format!("p{n}_monthly")).unwrap_or_default().to_string(),
        })
        .filter(|row| !row.model.trim().is_empty())
        .collect()
}

/// `/compare?a=<link>[&b=<link>][&only=diff]`: the comparison page for two
/// share links (each a path such as `/?v=1&…`), each percent-encoded as one
/// parameter value with the engine's encoder; without `b` the page asks for it.
pub fn compare_href(a: &str, b: Option<&str>, only_differences: bool) -> String {
    let mut href = format!("/compare?a={}", escape(a, true));
    if let Some(b) = b {
        href.push_str(&format!("&b={}", escape(b, true)));
    }
    if only_differences {
        href.push_str("&only=diff");
    }
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_provider_splits_into_form_fields() {
        let fields = from_query("p2=azure-openai%2Fgpt-4o%3Aprovisioned%3A500");
        assert_eq!(get(&fields, "p2"), Some("azure-openai/gpt-4o"));
        assert_eq!(get(&fields, "p2_standby"), Some("provisioned"));
        assert_eq!(get(&fields, "p2_monthly"), Some("500"));
    }

    #[test]
    fn the_form_of_a_link_reads_back_as_the_same_scenario() {
        let catalog = engine::Catalog::shipped();
        for link in [
            "",
            "v=1",
            "v=1&downtime_cost_per_hour=30000",
            "p2=azure-openai/gpt-4o:provisioned:500&tier=critical",
            "name=R%26D+%C2%AB1%2B1%C2%BB",
        ] {
            let fields = from_query(link);
            let submitted: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{}={}", escape(k, false), escape(v, false)))
                .collect();
            let from_form = engine::link::Query::parse(&submitted.join("&")).decode(&catalog);
            let from_link = engine::link::decode(&catalog, link);
            assert_eq!(from_form.map(|d| d.scenario), from_link.map(|d| d.scenario), "{link}");
        }
    }

    #[test]
    fn text_that_would_break_a_query_is_kept_whole() {
        let fields = from_query("name=R%26D+%3D+100%25");
        assert_eq!(get(&fields, "name"), Some("R&D = 100%"));
    }

    #[test]
    fn a_compare_link_carries_each_share_link_as_one_value() {
        let href = compare_href("/?v=1&name=A+b", Some("/?tier=critical"), true);
        assert_eq!(
            href,
            "/compare?a=/%3Fv%3D1%26name%3DA%2Bb&b=/%3Ftier%3Dcritical&only=diff"
        );
        let pairs = parse_query(href.strip_prefix("/compare?").unwrap());
        assert_eq!(get(&pairs, "a"), Some("/?v=1&name=A+b"));
        assert_eq!(get(&pairs, "b"), Some("/?tier=critical"));
        assert_eq!(compare_href("/", None, false), "/compare?a=/");
    }
}

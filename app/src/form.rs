//! The planner form's state: the fields exactly as an HTML form submits them,
//! and how they become a share-link query. The provider chain is three fields
//! per link in the form (`p2`, `p2_standby`, `p2_monthly`) and one in the link
//! (`p2=azure-openai/gpt-4o:provisioned:500`); everything else is one to one.

use engine::link::PARAMETERS;

/// How many providers the failover chain holds at most.
pub const MAX_PROVIDERS: usize = 3;

/// The provider parameters of the link, in chain order.
pub const PROVIDER_PARAMS: [&str; MAX_PROVIDERS] = ["p1", "p2", "p3"];

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

impl ProviderRow {
    /// Reads a link's `provider/model[:standby[:amount]]`.
    pub fn parse(value: &str) -> ProviderRow {
        let mut parts = value.splitn(3, ':');
        ProviderRow {
            model: parts.next().unwrap_or_default().to_string(),
            standby: parts.next().unwrap_or_default().to_string(),
            monthly: parts.next().unwrap_or_default().to_string(),
        }
    }

    /// Writes it back as a link value; the standby part only when given.
    pub fn to_value(&self) -> String {
        let mut value = self.model.trim().to_string();
        let standby = self.standby.trim();
        let monthly = self.monthly.trim().replace(',', "");
        if !standby.is_empty() || !monthly.is_empty() {
            value.push(':');
            value.push_str(if standby.is_empty() { "pay_per_use" } else { standby });
        }
        if !monthly.is_empty() {
            value.push(':');
            value.push_str(&monthly);
        }
        value
    }
}

/// Decodes `application/x-www-form-urlencoded` text into pairs, in order.
pub fn parse_query(query: &str) -> Fields {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
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
/// `Parameter::value` already gives the decoded text: decoding it again would
/// turn a `+` typed in a name into a space.
pub fn values_of(scenario: &engine::Scenario) -> Fields {
    PARAMETERS
        .iter()
        .map(|p| (p.name.to_string(), p.value(scenario)))
        .collect()
}

/// The form's fields for a page opened with `query`: every parameter with its
/// value from the query, else its default; providers split into their parts.
/// Names the link does not know are kept, so the decoder can name them.
pub fn from_query(query: &str) -> Fields {
    let given = parse_query(query);
    let mut fields = defaults();
    for (name, value) in given {
        set(&mut fields, &name, value);
    }
    for p in PROVIDER_PARAMS {
        if get(&fields, &format!("{p}_standby")).is_some() || get(&fields, &format!("{p}_monthly")).is_some() {
            continue; // already in form shape
        }
        let row = ProviderRow::parse(get(&fields, p).unwrap_or_default());
        set(&mut fields, p, row.model);
        set(&mut fields, &format!("{p}_standby"), row.standby);
        set(&mut fields, &format!("{p}_monthly"), row.monthly);
    }
    fields
}

/// The provider rows present in the form, in chain order (empty models skipped).
pub fn providers(fields: &Fields) -> Vec<ProviderRow> {
    PROVIDER_PARAMS
        .iter()
        .map(|p| ProviderRow {
            model: get(fields, p).unwrap_or_default().to_string(),
            standby: get(fields, &format!("{p}_standby")).unwrap_or_default().to_string(),
            monthly: get(fields, &format!("{p}_monthly")).unwrap_or_default().to_string(),
        })
        .filter(|row| !row.model.trim().is_empty())
        .collect()
}

/// Writes the provider chain back into the form fields (p1..p3, the rest emptied).
pub fn set_providers(fields: &mut Fields, rows: &[ProviderRow]) {
    for (i, p) in PROVIDER_PARAMS.iter().enumerate() {
        let row = rows.get(i).cloned().unwrap_or_default();
        set(fields, p, row.model);
        set(fields, &format!("{p}_standby"), row.standby);
        set(fields, &format!("{p}_monthly"), row.monthly);
    }
}

/// The link query the form's fields stand for: link parameters in link
/// order, providers joined into one value each, money typed with thousands
/// separators taken without them, unknown names passed on for the decoder.
pub fn to_link_query(fields: &Fields) -> String {
    let rows = providers(fields);
    let mut out = Query::default();
    for name in ["v", "catalog"] {
        if let Some(value) = get(fields, name) {
            out.append_pair(name, value);
        }
    }
    for p in PARAMETERS {
        let value = match PROVIDER_PARAMS.iter().position(|name| *name == p.name) {
            Some(index) => rows.get(index).map(ProviderRow::to_value).unwrap_or_default(),
            None => {
                let value = get(fields, p.name).unwrap_or_default();
                if p.unit.contains("USD") {
                    value.replace(',', "")
                } else {
                    value.to_string()
                }
            }
        };
        out.append_pair(p.name, value.trim());
    }
    let known = |name: &str| {
        name == "v"
            || name == "catalog"
            || PARAMETERS.iter().any(|p| p.name == name)
            || PROVIDER_PARAMS
                .iter()
                .any(|p| name == format!("{p}_standby") || name == format!("{p}_monthly"))
    };
    for (name, value) in fields.iter().filter(|(name, _)| !known(name)) {
        out.append_pair(name, value);
    }
    out.0
}

/// `/compare?a=<link>[&b=<link>][&only=diff]`: the comparison page for two
/// share links (each a path such as `/?v=1&…`), each percent-encoded as one
/// parameter value; without `b` the page asks for it.
pub fn compare_href(a: &str, b: Option<&str>, only_differences: bool) -> String {
    let mut query = Query::default();
    query.append_pair("a", a);
    if let Some(b) = b {
        query.append_pair("b", b);
    }
    if only_differences {
        query.append_pair("only", "diff");
    }
    format!("/compare?{}", query.0)
}

/// A query string written the way share links are: `/` and `:` stay as they
/// are (they separate provider, model and standby), everything that would
/// break a query is percent-encoded.
#[derive(Default)]
struct Query(String);

impl Query {
    fn append_pair(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        escape_into(&mut self.0, name);
        self.0.push('=');
        escape_into(&mut self.0, value);
    }
}

fn escape_into(out: &mut String, text: &str) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b':' | b',' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_split_into_form_fields_and_join_back() {
        let fields = from_query("p2=azure-openai%2Fgpt-4o%3Aprovisioned%3A500");
        assert_eq!(get(&fields, "p2"), Some("azure-openai/gpt-4o"));
        assert_eq!(get(&fields, "p2_standby"), Some("provisioned"));
        assert_eq!(get(&fields, "p2_monthly"), Some("500"));
        let query = to_link_query(&fields);
        assert!(query.contains("p2=azure-openai/gpt-4o:provisioned:500"), "{query}");
    }

    #[test]
    fn a_plain_html_form_submission_becomes_a_link_query() {
        let submitted =
            "downtime_cost_per_hour=30%2C000&p1=openai%2Fgpt-4o&p1_standby=&p1_monthly=&p3=&p3_standby=&p3_monthly=";
        let query = to_link_query(&from_query(submitted));
        assert!(
            query.contains("downtime_cost_per_hour=30000"),
            "thousands separators dropped: {query}"
        );
        assert!(query.contains("p1=openai/gpt-4o&"), "{query}");
        assert!(query.contains("p3=&"), "an empty third link stays empty: {query}");
    }

    #[test]
    fn the_defaults_decode_to_the_default_scenario() {
        let catalog = engine::Catalog::shipped();
        let decoded = engine::link::decode(&catalog, &to_link_query(&from_query(""))).expect("defaults decode");
        assert_eq!(decoded.scenario, engine::Scenario::default());
    }

    #[test]
    fn reordering_rows_moves_the_whole_link() {
        let mut fields = from_query("");
        let mut rows = providers(&fields);
        assert!(rows.len() >= 2, "the default chain has a fallback");
        rows.swap(0, 1);
        set_providers(&mut fields, &rows);
        assert_eq!(providers(&fields), rows);
    }

    #[test]
    fn text_that_would_break_a_query_is_escaped() {
        let mut fields = from_query("");
        set(&mut fields, "name", "R&D = 100% «ok»".into());
        let query = to_link_query(&fields);
        assert!(query.contains("name=R%26D%20%3D%20100%25%20%C2%ABok%C2%BB&"), "{query}");
        let catalog = engine::Catalog::shipped();
        let decoded = engine::link::decode(&catalog, &query).expect("decodes");
        assert_eq!(decoded.scenario.name, "R&D = 100% «ok»");
    }

    #[test]
    fn values_are_shown_as_typed_not_decoded_twice() {
        let scenario = engine::Scenario {
            name: "1+1 = 2 at 100%".into(),
            ..engine::Scenario::default()
        };
        assert_eq!(get(&values_of(&scenario), "name"), Some("1+1 = 2 at 100%"));
    }

    #[test]
    fn a_compare_link_carries_each_share_link_as_one_value() {
        let href = compare_href("/?v=1&name=A+b", Some("/?tier=critical"), true);
        assert_eq!(
            href,
            "/compare?a=/%3Fv%3D1%26name%3DA%2Bb&b=/%3Ftier%3Dcritical&only=diff"
        );
        let query = href.strip_prefix("/compare?").unwrap();
        let pairs = parse_query(query);
        assert_eq!(get(&pairs, "a"), Some("/?v=1&name=A+b"));
        assert_eq!(get(&pairs, "b"), Some("/?tier=critical"));
        assert_eq!(compare_href("/", None, false), "/compare?a=/");
    }

    #[test]
    fn unknown_names_are_passed_on_for_the_decoder_to_name() {
        let query = to_link_query(&from_query("downtime=5"));
        assert!(query.ends_with("&downtime=5"), "{query}");
    }
}

//! Share links: a scenario as a short, readable, canonical query string, and back.
//!
//! [`encode`] writes the format version (`v=1`), the catalog version
//! (`catalog=2026-11`), then only the parameters whose value differs from
//! [`Scenario::default`], in the fixed order of [`PARAMETERS`], then the price
//! overrides (`price.<kind>:<id>:<field>`) in key order. The same scenario
//! therefore always gives the same link. [`decode`] is strict: unknown or
//! repeated parameters, unreadable numbers and out-of-range values are field
//! errors naming the query parameter, never silent defaults; it then runs
//! [`crate::validate`] and renames the engine's field paths to parameter names.
//! Pure string work: this module also runs in the browser (wasm32).

use std::collections::BTreeSet;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::{Error, FieldError, Result};
use crate::money::Money;
use crate::scenario::{ProviderLink, Scenario, StandbyMode, Targets};
use crate::validate::validate;

/// Version of the link format; written as `v=1`. A link without `v` is read
/// as the current format (the first slice's links had none).
pub const LINK_FORMAT: u32 = 1;

/// Prefix of a price-override parameter: `price.model:openai/gpt-4o:input_per_mtok=3`.
pub const PRICE_PREFIX: &str = "price.";

/// A decoded share link: the scenario and what the reader should know about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decoded {
    /// The scenario, validated against the current catalog.
    pub scenario: Scenario,
    /// The catalog version the link was made with (`catalog=`), if it named one.
    pub link_catalog_version: Option<String>,
    /// Sentences for the reader, e.g. "Prices changed since this link was made:
    /// catalog 2026-08 → 2026-11".
    pub notices: Vec<String>,
}

/// One query parameter of a share link, for decoding and for the documentation.
pub struct Parameter {
    /// The query parameter, e.g. `downtime_cost_per_hour`.
    pub name: &'static str,
    /// The scenario field it sets, as engine field errors name it (a prefix
    /// for composite parameters such as `providers[1]`).
    pub field: &'static str,
    /// Unit of the value, e.g. `USD per month`.
    pub unit: &'static str,
    /// Allowed values, e.g. `0–1,440`.
    pub range: &'static str,
    /// What it is, one sentence.
    pub about: &'static str,
    get: fn(&Scenario) -> String,
    set: fn(&mut Draft, &str) -> Result<(), String>,
}

impl Parameter {
    /// The value this parameter has in `scenario`, as a link writes it (not percent-encoded).
    pub fn value(&self, scenario: &Scenario) -> String {
        shown(&(self.get)(scenario))
    }
}

/// A scenario being decoded, with the parts that need more than one parameter.
struct Draft {
    scenario: Scenario,
    /// `p1`..`p3` as given: `None` = not in the link, `Some(None)` = given empty (no such link).
    providers: [Option<Option<ProviderLink>>; 3],
    /// `rto` and `rpo` as given, in minutes (`Some(None)` = given empty: the tier's targets).
    rto: Option<Option<Decimal>>,
    rpo: Option<Option<Decimal>>,
}

/// A value as a link writes it and reads it back.
trait Text: Sized {
    fn show(&self) -> String;
    fn read(text: &str) -> Result<Self, String>;
}

impl Text for String {
    fn show(&self) -> String {
        self.clone()
    }
    fn read(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl Text for bool {
    fn show(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err("is not true or false".to_owned()),
        }
    }
}

fn whole<T: FromStr>(text: &str) -> Result<T, String> {
    // `u32::from_str` also takes "+5"; a link has one spelling per value.
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("is not a whole number".to_owned());
    }
    text.parse().map_err(|_| "is too large".to_owned())
}

impl Text for u32 {
    fn show(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        whole(text)
    }
}

impl Text for u64 {
    fn show(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        whole(text)
    }
}

impl Text for Decimal {
    fn show(&self) -> String {
        // `500.00` and `500` are the same value; the link writes it one way.
        self.normalize().to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !plain(int) || !plain(frac) {
            return Err("is not a number".to_owned());
        }
        Decimal::from_str_exact(text).map_err(|_| "has too many digits".to_owned())
    }
}

impl Text for Money {
    fn show(&self) -> String {
        self.to_decimal().show()
    }
    fn read(text: &str) -> Result<Self, String> {
        Decimal::read(text).map(Money::new)
    }
}

impl<T: Text> Text for Option<T> {
    fn show(&self) -> String {
        self.as_ref().map(Text::show).unwrap_or_default()
    }
    fn read(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            Ok(None)
        } else {
            T::read(text).map(Some)
        }
    }
}

fn put<T: Text>(slot: &mut T, raw: &str) -> Result<(), String> {
    *slot = T::read(&unescape(raw)?)?;
    Ok(())
}

/// A plain scenario field: `$name` sets `scenario.$path`.
macro_rules! field {
    ($name:literal, $($path:ident).+, $unit:literal, $range:expr, $about:literal) => {
        Parameter {
            name: $name,
            field: stringify!($($path).+),
            unit: $unit,
            range: $range,
            about: $about,
            get: |s| escape(&Text::show(&s.$($path).+), true),
            set: |d, raw| put(&mut d.scenario.$($path).+, raw),
        }
    };
}

/// `p1`..`p3`: link `$index` of the provider chain, `provider/model[:standby[:USD per month]]`.
macro_rules! provider_param {
    ($name:literal, $index:literal, $about:literal) => {
        Parameter {
            name: $name,
            field: concat!("providers[", $index, "]"),
            unit: "provider/model[:standby:USD per month]",
            range: "catalog chat model; standby pay_per_use or provisioned; amount 0–1,000,000,000",
            about: $about,
            get: |s| s.providers.get($index).map(show_provider).unwrap_or_default(),
            set: |d, raw| {
                d.providers[$index] = Some(read_provider(raw)?);
                Ok(())
            },
        }
    };
}

const ID: &str = "a catalog id";
const AMOUNT: &str = "0–1,000,000,000";
const AMOUNT_OR_EMPTY: &str = "0–1,000,000,000, or empty to derive it";

/// Every parameter except `v`, `catalog` and `price.*`, in link order.
pub const PARAMETERS: &[Parameter] = &[
    field!(
        "name",
        name,
        "text",
        "up to 200 characters",
        "Scenario name shown in reports"
    ),
    field!(
        "tier",
        tier,
        "",
        "critical, production, standard, basic",
        "Service tier: its RTO/RPO targets"
    ),
    Parameter {
        name: "rto",
        field: "custom_targets.rto_minutes",
        unit: "minutes",
        range: "0–525,600; with rpo",
        about: "Custom recovery time objective (replaces the tier's; give rpo too)",
        get: |s| s.custom_targets.map(|t| t.rto_minutes.show()).unwrap_or_default(),
        set: |d, raw| {
            d.rto = Some(Option::<Decimal>::read(&unescape(raw)?)?);
            Ok(())
        },
    },
    Parameter {
        name: "rpo",
        field: "custom_targets.rpo_minutes",
        unit: "minutes",
        range: "0–525,600; with rto",
        about: "Custom recovery point objective (replaces the tier's; give rto too)",
        get: |s| s.custom_targets.map(|t| t.rpo_minutes.show()).unwrap_or_default(),
        set: |d, raw| {
            d.rpo = Some(Option::<Decimal>::read(&unescape(raw)?)?);
            Ok(())
        },
    },
    field!("primary", primary_region, "", ID, "Primary region, e.g. us-east-1"),
    field!(
        "secondary",
        secondary_region,
        "",
        "a catalog id other than primary",
        "Secondary (DR) region"
    ),
    field!(
        "strategy",
        strategy,
        "",
        "backup_restore, pilot_light, warm_standby, active_passive, active_active",
        "The chosen DR strategy"
    ),
    field!(
        "standby_fraction",
        standby_fraction,
        "fraction",
        "0–1",
        "Share of a full copy that warm standby keeps running (0.2 = 20 %)"
    ),
    provider_param!("p1", 0, "Primary AI provider and model, e.g. openai/gpt-4o"),
    provider_param!(
        "p2",
        1,
        "Secondary AI provider, e.g. azure-openai/gpt-4o:provisioned:500; empty for none"
    ),
    provider_param!(
        "p3",
        2,
        "Tertiary AI provider, e.g. anthropic/claude-sonnet-4-5; empty for none"
    ),
    field!(
        "failover_minutes",
        provider_failover_minutes,
        "minutes",
        "0–1,440",
        "Time to detect a provider failure and move traffic"
    ),
    field!(
        "requests",
        workload.monthly_requests,
        "requests per month",
        "0–1,000,000,000,000",
        "Requests to the primary provider"
    ),
    field!(
        "input_tokens",
        workload.input_tokens_per_request,
        "tokens per request",
        "0–10,000,000",
        "Input tokens per request"
    ),
    field!(
        "output_tokens",
        workload.output_tokens_per_request,
        "tokens per request",
        "0–10,000,000",
        "Output tokens per request"
    ),
    field!(
        "ai_monthly",
        workload.monthly_spend,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "AI spend entered directly (replaces requests × token prices)"
    ),
    field!(
        "vcpus",
        compute.vcpus,
        "vCPUs",
        "0–1,000,000",
        "Application vCPUs at the primary"
    ),
    field!(
        "compute_monthly",
        compute.monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Primary compute entered directly"
    ),
    field!(
        "compute_secondary_monthly",
        compute.secondary_monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Secondary compute under the strategy, entered directly"
    ),
    field!(
        "provision_minutes",
        compute.provision_minutes,
        "minutes",
        "0–10,080",
        "Time to provision full compute from nothing on failover"
    ),
    field!(
        "vector_gb",
        vector_db.size_gb,
        "GB",
        "0–1,000,000, or empty to derive it",
        "Vector index size (else vectors × dimensions × 4 bytes)"
    ),
    field!(
        "vectors",
        vector_db.vectors,
        "vectors",
        "0–100,000,000,000",
        "Vectors in the index"
    ),
    field!(
        "dimensions",
        vector_db.dimensions,
        "dimensions",
        "1–65,536",
        "Dimensions per vector"
    ),
    field!(
        "vector_monthly",
        vector_db.monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Primary vector database entered directly"
    ),
    field!(
        "vector_secondary_monthly",
        vector_db.secondary_monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Secondary vector database entered directly"
    ),
    field!(
        "vector_backed_up",
        vector_db.backed_up,
        "",
        "true, false",
        "Whether the index is in the backups (else it is re-embedded)"
    ),
    field!("data_gb", storage.data_gb, "GB", "0–1,000,000", "Primary data volume"),
    field!("storage_class", storage.class, "", ID, "Storage class of the live data"),
    field!(
        "storage_monthly",
        storage.monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Primary storage (backups included) entered directly"
    ),
    field!(
        "storage_secondary_monthly",
        storage.secondary_monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Secondary storage entered directly"
    ),
    field!(
        "documents",
        corpus.documents,
        "documents",
        "0–10,000,000,000",
        "Documents behind the vector index"
    ),
    field!(
        "tokens_per_document",
        corpus.tokens_per_document,
        "tokens",
        "0–10,000,000",
        "Tokens per document"
    ),
    Parameter {
        name: "embedding",
        field: "corpus.embedding_",
        unit: "",
        range: "provider/model of a catalog embedding model",
        about: "Embedding model for re-embedding, e.g. openai/text-embedding-3-small",
        get: |s| {
            let c = &s.corpus;
            format!(
                "{}/{}",
                escape(&c.embedding_provider, false),
                escape(&c.embedding_model, false)
            )
        },
        set: |d, raw| {
            let (provider, model) = raw
                .split_once('/')
                .ok_or_else(|| "is not provider/model, e.g. openai/text-embedding-3-small".to_owned())?;
            d.scenario.corpus.embedding_provider = unescape(provider)?;
            d.scenario.corpus.embedding_model = unescape(model)?;
            Ok(())
        },
    },
    field!(
        "embedding_tpm",
        corpus.tokens_per_minute,
        "tokens per minute",
        "1–1,000,000,000, or empty for the catalog's",
        "Embedding rate limit"
    ),
    field!(
        "snapshot_minutes",
        backups.snapshot_interval_minutes,
        "minutes",
        "1–10,080",
        "Minutes between snapshots"
    ),
    field!(
        "standard_days",
        backups.standard_days,
        "days",
        "0–3,650",
        "Backup days on the standard class"
    ),
    field!(
        "infrequent_days",
        backups.infrequent_days,
        "days",
        "0–3,650",
        "Backup days on the infrequent-access class"
    ),
    field!(
        "archive_days",
        backups.archive_days,
        "days",
        "0–3,650",
        "Backup days on the archive class"
    ),
    field!(
        "standard_class",
        backups.standard_class,
        "",
        ID,
        "Storage class of the standard rung"
    ),
    field!(
        "infrequent_class",
        backups.infrequent_class,
        "",
        ID,
        "Storage class of the infrequent rung"
    ),
    field!(
        "archive_class",
        backups.archive_class,
        "",
        ID,
        "Storage class of the archive rung"
    ),
    field!(
        "restore_gb_per_hour",
        backups.restore_gb_per_hour,
        "GB per hour",
        "0.001–1,000,000",
        "Restore throughput"
    ),
    field!(
        "network_monthly",
        network.primary_monthly,
        "USD per month",
        AMOUNT,
        "Production network at the primary"
    ),
    field!(
        "cross_region_gb",
        network.cross_region_gb,
        "GB per month",
        "0–1,000,000,000",
        "Traffic between the regions besides replication"
    ),
    field!(
        "cross_region_monthly",
        network.cross_region_monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Cross-region transfer entered directly"
    ),
    field!(
        "replication_gb",
        network.replication_gb,
        "GB per month",
        "0–1,000,000,000",
        "Data full replication moves to the secondary"
    ),
    field!(
        "replication_monthly",
        network.replication_monthly,
        "USD per month",
        AMOUNT_OR_EMPTY,
        "Full replication entered directly"
    ),
    field!(
        "replication_lag_minutes",
        network.replication_lag_minutes,
        "minutes",
        "0–10,080",
        "Asynchronous replication lag"
    ),
    field!(
        "monitoring_monthly",
        monitoring_monthly,
        "USD per month",
        AMOUNT,
        "DR monitoring"
    ),
    field!(
        "downtime_cost_per_hour",
        downtime_cost_per_hour,
        "USD per hour",
        "0.01–100,000,000",
        "Cost of one hour of downtime"
    ),
    field!(
        "currency",
        currency.code,
        "",
        "ISO 4217 code in capitals, e.g. EUR",
        "Reporting currency"
    ),
    field!(
        "rate",
        currency.rate_from_usd,
        "units per USD",
        "greater than 0, at most 1,000,000",
        "Exchange rate to the reporting currency"
    ),
    field!(
        "mc_years",
        simulation.years,
        "years",
        "1,000–100,000",
        "Years the Monte Carlo simulation draws"
    ),
    field!(
        "mc_seed",
        simulation.seed,
        "",
        "0–18,446,744,073,709,551,615",
        "Seed of the Monte Carlo simulation: the same seed gives the same figures"
    ),
];

const PROVIDER_FORMAT: &str = "is not provider/model[:standby[:amount]], e.g. azure-openai/gpt-4o:provisioned:500";

/// `openai/gpt-4o`, or `azure-openai/gpt-4o:provisioned:500` when it stands by at a cost.
fn show_provider(link: &ProviderLink) -> String {
    let mut text = format!("{}/{}", escape(&link.provider, false), escape(&link.model, false));
    if link.standby != StandbyMode::PayPerUse || !link.provisioned_monthly.to_decimal().is_zero() {
        let mode = match link.standby {
            StandbyMode::PayPerUse => "pay_per_use",
            StandbyMode::Provisioned => "provisioned",
        };
        text.push_str(&format!(":{mode}:{}", link.provisioned_monthly.show()));
    }
    text
}

/// The inverse of [`show_provider`]; an empty value is no link at all.
fn read_provider(raw: &str) -> Result<Option<ProviderLink>, String> {
    if raw.is_empty() {
        return Ok(None);
    }
    // Split before percent-decoding, so an id holding an encoded `/` or `:` stays whole.
    let (provider, rest) = raw.split_once('/').ok_or_else(|| PROVIDER_FORMAT.to_owned())?;
    let mut parts = rest.split(':');
    let model = parts.next().unwrap_or_default();
    let standby = match parts.next() {
        None | Some("pay_per_use") => StandbyMode::PayPerUse,
        Some("provisioned") => StandbyMode::Provisioned,
        Some(other) => {
            return Err(format!(
                "has standby {:?}; allowed: pay_per_use, provisioned",
                unescape(other).unwrap_or_else(|_| other.to_owned())
            ))
        }
    };
    let provisioned_monthly = match parts.next() {
        None => Money::ZERO,
        Some(amount) => Money::read(&unescape(amount)?).map_err(|p| format!("has an amount that {p}"))?,
    };
    if parts.next().is_some() {
        return Err(PROVIDER_FORMAT.to_owned());
    }
    Ok(Some(ProviderLink {
        provider: unescape(provider)?,
        model: unescape(model)?,
        standby,
        provisioned_monthly,
    }))
}

/// Percent-encodes for a query string (`application/x-www-form-urlencoded`,
/// space as `+`). `/` and `:` stay readable unless they would split a
/// composite value such as `provider/model`.
fn escape(text: &str, keep_separators: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'*' => out.push(char::from(b)),
            b'/' | b':' if keep_separators => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `+` and `%XX`; a stray `%` or bytes that are not UTF-8 are errors, not panics.
fn unescape(raw: &str) -> Result<String, String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |j: usize| bytes.get(j).and_then(|b| char::from(*b).to_digit(16));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(high), Some(low)) => out.push((high * 16 + low) as u8),
                    _ => return Err("has a % that is not followed by two hex digits".to_owned()),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "is not UTF-8 text once percent-decoded".to_owned())
}

/// A value for an error message: decoded when it can be, else as written.
fn shown(raw: &str) -> String {
    unescape(raw).unwrap_or_else(|_| raw.to_owned())
}

/// `"lots" is not a number`, or `"0": the cost of … must be …`.
fn sentence(value: &str, problem: &str) -> String {
    let verb = ["is ", "must ", "has ", "follows "]
        .iter()
        .any(|v| problem.starts_with(v));
    if verb {
        format!("{value:?} {problem}")
    } else {
        format!("{value:?}: {problem}")
    }
}

/// The canonical share-link query string of a scenario (no leading `?`):
/// `v=1&catalog=<version>`, then only the parameters whose value differs from
/// [`Scenario::default`], in [`PARAMETERS`] order, then `price.*` in key order.
pub fn encode(catalog: &Catalog, scenario: &Scenario) -> String {
    let default = Scenario::default();
    let mut out = format!("v={LINK_FORMAT}&catalog={}", escape(catalog.version(), true));
    for p in PARAMETERS {
        let value = (p.get)(scenario);
        if value != (p.get)(&default) {
            out.push_str(&format!("&{}={value}", p.name));
        }
    }
    for (key, value) in &scenario.price_overrides {
        out.push_str(&format!("&{PRICE_PREFIX}{}={}", escape(key, true), value.show()));
    }
    out
}

/// The share-link query inside what a person pastes: a whole URL
/// (`http://host/?v=1&…`), a path (`/?v=1&…`) or the bare query (`v=1&…`),
/// without surrounding spaces or a `#fragment`. A URL or path without `?`
/// is a link to the default scenario: its query is empty.
pub fn query_of(pasted: &str) -> &str {
    let text = pasted.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    match text.split_once('?') {
        Some((_, query)) => query,
        None if text.starts_with('/') || text.contains("://") => "",
        None => text,
    }
}

/// Reads a share-link query string (a leading `?` is allowed) into a
/// validated scenario. Every problem is reported at once as
/// [`Error::Invalid`], each naming the query parameter, the value and what is
/// allowed; parameters not in the link keep [`Scenario::default`]'s values.
pub fn decode(catalog: &Catalog, query: &str) -> Result<Decoded> {
    read(Some(catalog), query)
}

/// Reads a share link's syntax only: unknown, repeated and unreadable
/// parameters are errors, but values are not checked against ranges or the
/// catalog. For tools and tests; a server or UI wants [`decode`].
pub fn parse(query: &str) -> Result<Decoded> {
    read(None, query)
}

fn read(catalog: Option<&Catalog>, query: &str) -> Result<Decoded> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut draft = Draft {
        scenario: Scenario::default(),
        providers: [None, None, None],
        rto: None,
        rpo: None,
    };
    let mut errors: Vec<FieldError> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut link_catalog_version = None;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = shown(raw_value);
        let name = match unescape(raw_name) {
            Ok(name) => name,
            Err(problem) => {
                errors.push(FieldError::new(raw_name, &value, sentence(raw_name, &problem)));
                continue;
            }
        };
        if !seen.insert(name.clone()) {
            let problem = "is given twice; a link names each parameter once";
            errors.push(FieldError::new(&name, &value, format!("{name} {problem}")));
            continue;
        }
        let outcome = match name.as_str() {
            "v" => match raw_value {
                "1" => Ok(()),
                _ => Err(format!(
                    "is not a link format this drplan reads; it reads v={LINK_FORMAT}"
                )),
            },
            "catalog" => match unescape(raw_value) {
                Ok(version) if !version.is_empty() => {
                    link_catalog_version = Some(version);
                    Ok(())
                }
                Ok(_) => Err("is empty; it names a catalog version such as 2026-11".to_owned()),
                Err(problem) => Err(problem),
            },
            _ if name.starts_with(PRICE_PREFIX) => {
                let key = name[PRICE_PREFIX.len()..].to_owned();
                unescape(raw_value).and_then(|text| Decimal::read(&text)).map(|price| {
                    draft.scenario.price_overrides.insert(key, price);
                })
            }
            _ => match PARAMETERS.iter().find(|p| p.name == name) {
                Some(p) => {
                    (p.set)(&mut draft, raw_value).map_err(|problem| format!("{problem}; allowed: {}", allowed(p)))
                }
                None => {
                    errors.push(FieldError::new(&name, &value, unknown(&name)));
                    continue;
                }
            },
        };
        if let Err(problem) = outcome {
            errors.push(FieldError::new(&name, &value, sentence(&value, &problem)));
        }
    }
    assemble(&mut draft, &mut errors);
    let scenario = draft.scenario;
    let checked = catalog.map_or(Ok(()), |catalog| validate(catalog, &scenario));
    if let Err(Error::Invalid(invalid)) = checked {
        for e in invalid {
            let name = parameter_of(&e.field);
            // A parameter that could not be read kept its default; its own error says enough.
            if !errors.iter().any(|known| known.field == name) {
                let message = sentence(&e.value, &e.message);
                errors.push(FieldError::new(name, e.value, message));
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_cached_key(|e| position(&e.field));
        return Err(Error::Invalid(errors));
    }
    let mut notices = Vec::new();
    if let (Some(made_with), Some(catalog)) = (&link_catalog_version, catalog) {
        if made_with != catalog.version() {
            notices.push(format!(
                "Prices changed since this link was made: catalog {made_with} → {}",
                catalog.version()
            ));
        }
    }
    Ok(Decoded {
        scenario,
        link_catalog_version,
        notices,
    })
}

fn allowed(p: &Parameter) -> String {
    if p.unit.is_empty() || p.unit.contains('[') {
        p.range.to_owned()
    } else {
        format!("{} ({})", p.range, p.unit)
    }
}

/// Builds the provider chain from `p1`..`p3` and the custom targets from `rto` and `rpo`.
fn assemble(draft: &mut Draft, errors: &mut Vec<FieldError>) {
    let defaults = Scenario::default().providers;
    let mut chain = Vec::new();
    let mut gap = None;
    for (i, given) in draft.providers.iter().enumerate() {
        let name = format!("p{}", i + 1);
        let link = match given {
            None => defaults.get(i).cloned(),
            Some(link) => link.clone(),
        };
        match (link, gap) {
            (None, _) if i == 0 => errors.push(FieldError::new(
                name,
                "",
                "p1 must name the primary AI provider and model, e.g. openai/gpt-4o",
            )),
            (None, _) => gap = gap.or(Some(i)),
            (Some(link), None) => chain.push(link),
            (Some(link), Some(g)) => {
                let message = format!(
                    "p{} is empty, so p{} has nothing to follow; fill the chain in order",
                    g + 1,
                    i + 1
                );
                errors.push(FieldError::new(name, show_provider(&link), message));
            }
        }
    }
    draft.scenario.providers = chain;
    let together = |given: &str, missing: &str| {
        format!("{missing} is needed with {given}: custom targets set both RTO and RPO, in minutes")
    };
    match (draft.rto, draft.rpo) {
        (None, None) => {}
        (Some(Some(rto)), Some(Some(rpo))) => {
            draft.scenario.custom_targets = Some(Targets {
                rto_minutes: rto,
                rpo_minutes: rpo,
            })
        }
        (Some(Some(rto)), _) => errors.push(FieldError::new(
            "rpo",
            "",
            together(&format!("rto={}", rto.show()), "rpo"),
        )),
        (_, Some(Some(rpo))) => errors.push(FieldError::new(
            "rto",
            "",
            together(&format!("rpo={}", rpo.show()), "rto"),
        )),
        _ => draft.scenario.custom_targets = None,
    }
}

/// The query parameter for an engine field path, e.g. `providers[1].model` → `p2`.
fn parameter_of(field: &str) -> String {
    if let Some(key) = field
        .strip_prefix("price_overrides[\"")
        .and_then(|k| k.strip_suffix("\"]"))
    {
        return format!("{PRICE_PREFIX}{key}");
    }
    if field == "providers" {
        return "p1".to_owned();
    }
    PARAMETERS
        .iter()
        .find(|p| p.field == field)
        .or_else(|| PARAMETERS.iter().find(|p| field.starts_with(p.field)))
        .map_or_else(|| field.to_owned(), |p| p.name.to_owned())
}

/// Sort key for errors: link order, `v` and `catalog` first, prices and unknown names last.
fn position(name: &str) -> (usize, String) {
    let index = match name {
        "v" => 0,
        "catalog" => 1,
        _ => match PARAMETERS.iter().position(|p| p.name == name) {
            Some(i) => i + 2,
            None if name.starts_with(PRICE_PREFIX) => PARAMETERS.len() + 2,
            None => PARAMETERS.len() + 3,
        },
    };
    (index, name.to_owned())
}

/// "tierr is not a link parameter (did you mean tier?)…".
fn unknown(name: &str) -> String {
    // The distance is at least the difference in length, and only 2 or less
    // makes a hint: skipping the other names keeps a long unknown name linear
    // in its length instead of costing its length times every name's.
    let chars = name.chars().count();
    let closest = ["v", "catalog"]
        .into_iter()
        .chain(PARAMETERS.iter().map(|p| p.name))
        .filter(|known| known.len().abs_diff(chars) <= 2)
        .map(|known| (distance(name, known), known))
        .min();
    let hint = match closest {
        // Close enough to be a typo, or the start of a longer name ("downtime").
        Some((d, known)) if d <= 2 && 2 * d < name.len() => format!(" (did you mean {known}?)"),
        _ if name.len() >= 3 => PARAMETERS
            .iter()
            .find(|p| p.name.starts_with(name))
            .map_or_else(String::new, |p| format!(" (did you mean {}?)", p.name)),
        _ => String::new(),
    };
    format!("{name} is not a link parameter{hint}; the parameters are listed in docs/share-links.md")
}

/// Levenshtein distance, for the "did you mean" of an unknown parameter.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_are_dotted_without_spaces() {
        let requests = PARAMETERS.iter().find(|p| p.name == "requests").unwrap();
        assert_eq!(requests.field, "workload.monthly_requests");
    }

    #[test]
    fn the_query_is_found_in_a_url_a_path_or_on_its_own() {
        for (pasted, query) in [
            ("http://127.0.0.1:3000/?v=1&tier=critical#summary", "v=1&tier=critical"),
            (" /?v=1&tier=critical\n", "v=1&tier=critical"),
            ("?tier=critical", "tier=critical"),
            ("tier=critical", "tier=critical"),
            ("https://drplan.example/", ""),
            ("/", ""),
            ("", ""),
        ] {
            assert_eq!(query_of(pasted), query, "{pasted:?}");
        }
    }

    #[test]
    fn escape_and_unescape_are_inverse_for_any_text() {
        for text in ["", "a b", "50% & =+?#", "é§✓", "x/y:z", "%zz"] {
            assert_eq!(unescape(&escape(text, false)).unwrap(), text);
            assert_eq!(unescape(&escape(text, true)).unwrap(), text);
        }
    }

    #[test]
    fn unescape_rejects_stray_percent_and_invalid_utf8() {
        assert!(unescape("%").is_err());
        assert!(unescape("%4").is_err());
        assert!(unescape("%+1").is_err());
        assert!(unescape("%FF").is_err());
        assert!(unescape("%C3%A9").is_ok());
    }
}

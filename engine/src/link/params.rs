//! Over 500 lines because it is the table itself: one entry per parameter.
//!
//! The parameter table: every share-link parameter with its kind, bounds,
//! unit and meaning. Everything that needs to know what a parameter is — the
//! decoder, the range checks, the form's control, the inputs summary, the
//! CSV and comparison units, the OpenAPI schema and docs/share-links.md —
//! reads it here, the way ripgrep's flag table drives parsing and help.

use rust_decimal::Decimal;

use super::codec::Number as Numeric;
use super::codec::{escape, put, read_provider, show_provider, shown, unescape, Text};
use crate::catalog::{Catalog, ModelKind};
use crate::error::FieldError;
use crate::present;
use crate::scenario::{LossMethod, ProviderLink, Scenario};

/// How many links the AI provider chain holds at most (`p1`…`p5`): the
/// primary and four fallbacks, more than any failover chain the article
/// describes (primary, secondary, tertiary) and enough to mix APIs, clouds
/// and a self-hosted model.
pub const MAX_PROVIDERS: usize = 5;

/// A catalog table whose ids a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Service tiers (`critical`, …).
    Tier,
    /// Cloud regions.
    Region,
    /// DR strategies.
    Strategy,
    /// Storage classes.
    StorageClass,
    /// Embedding models, written `provider/model`.
    EmbeddingModel,
    /// Vector database offerings.
    VectorDb,
}

impl Table {
    /// Every id the catalog has in this table, in catalog order
    /// (`provider/model` for embedding models).
    pub fn ids(self, catalog: &Catalog) -> Vec<String> {
        match self {
            Table::Tier => catalog.tiers().iter().map(|t| t.id.clone()).collect(),
            Table::Region => catalog.regions().iter().map(|r| r.id.clone()).collect(),
            Table::Strategy => catalog.strategies().iter().map(|s| s.id.clone()).collect(),
            Table::VectorDb => catalog.vector_dbs().iter().map(|v| v.id.clone()).collect(),
            Table::StorageClass => catalog.storage_classes().iter().map(|c| c.id.clone()).collect(),
            Table::EmbeddingModel => catalog
                .models()
                .iter()
                .filter(|m| m.kind == ModelKind::Embedding)
                .map(|m| format!("{}/{}", m.provider, m.model))
                .collect(),
        }
    }

    /// The table's name in a sentence: "a catalog region".
    pub fn noun(self) -> &'static str {
        match self {
            Table::Tier => "tier",
            Table::Region => "region",
            Table::Strategy => "strategy",
            Table::VectorDb => "vector database offering",
            Table::StorageClass => "storage class",
            Table::EmbeddingModel => "embedding model (provider/model)",
        }
    }
}

/// What a number stands for: decides how it is shown and typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// An amount of money in USD (the catalog's currency).
    Money,
    /// A duration in minutes.
    Minutes,
    /// A whole count (requests, tokens, vectors, days, …).
    Count,
    /// Any other decimal quantity (GB, a fraction, a rate).
    Decimal,
}

/// A numeric parameter: what it counts, its unit and its allowed values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    /// What the number stands for.
    pub quantity: Quantity,
    /// Its unit as people read it, e.g. `USD per month`, `GB`; empty for none.
    pub unit: &'static str,
    /// Whether only whole numbers are allowed.
    pub whole: bool,
    /// The smallest allowed value.
    pub min: Decimal,
    /// Whether `min` itself is excluded (an exchange rate must be above 0).
    pub above_min: bool,
    /// The largest allowed value.
    pub max: Decimal,
    /// What an empty value means, if the parameter may be empty: "derive it".
    pub empty: Option<&'static str>,
}

/// What kind of value a parameter holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Free text of at most `max_chars` characters.
    Text {
        /// Longest allowed text, in characters.
        max_chars: usize,
    },
    /// An id from a catalog table.
    Id(Table),
    /// `true` or `false`.
    Boolean,
    /// A number with its unit and bounds.
    Number(Number),
    /// One link of the AI provider chain, `provider/model[:standby[:USD per month]]`.
    Provider,
    /// An ISO 4217 currency code in capitals.
    Currency,
}

impl Kind {
    /// The number's description, for a numeric parameter.
    pub fn number(&self) -> Option<&Number> {
        match self {
            Kind::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// `n × 10^-scale` as a constant.
const fn dec(n: u64, scale: u32) -> Decimal {
    Decimal::from_parts(n as u32, (n >> 32) as u32, 0, false, scale)
}

const fn number(quantity: Quantity, unit: &'static str, whole: bool, min: Decimal, max: Decimal) -> Kind {
    Kind::Number(Number {
        quantity,
        unit,
        whole,
        min,
        above_min: false,
        max,
        empty: None,
    })
}

const fn or_empty(kind: Kind, meaning: &'static str) -> Kind {
    match kind {
        Kind::Number(n) => Kind::Number(Number {
            empty: Some(meaning),
            ..n
        }),
        other => other,
    }
}

const fn above_min(kind: Kind) -> Kind {
    match kind {
        Kind::Number(n) => Kind::Number(Number { above_min: true, ..n }),
        other => other,
    }
}

const fn money(unit: &'static str, max: u64) -> Kind {
    number(Quantity::Money, unit, false, dec(0, 0), dec(max, 0))
}

const fn monthly() -> Kind {
    money("USD per month", 1_000_000_000)
}

const fn derived_monthly() -> Kind {
    or_empty(monthly(), "derive it")
}

const fn minutes(whole: bool, min: u64, max: u64) -> Kind {
    number(Quantity::Minutes, "minutes", whole, dec(min, 0), dec(max, 0))
}

const fn count(unit: &'static str, min: u64, max: u64) -> Kind {
    number(Quantity::Count, unit, true, dec(min, 0), dec(max, 0))
}

const fn decimal(unit: &'static str, min: Decimal, max: u64) -> Kind {
    number(Quantity::Decimal, unit, false, min, dec(max, 0))
}

/// One query parameter of a share link: the one definition every door reads.
pub struct Parameter {
    /// The query parameter, e.g. `downtime_cost_per_hour`.
    pub name: &'static str,
    /// The scenario field it sets, as engine field errors name it (a prefix
    /// for composite parameters such as `providers[1]`).
    pub field: &'static str,
    /// What kind of value it holds, with its unit and bounds.
    pub kind: Kind,
    /// A rule beyond the kind, e.g. "with rpo"; empty for none.
    pub note: &'static str,
    /// What it is, one sentence.
    pub about: &'static str,
    pub(super) get: fn(&Scenario) -> String,
    pub(super) set: fn(&mut Draft, &str) -> Result<(), String>,
    /// The field's number, for the range check of a numeric parameter.
    pub(super) number: fn(&Scenario) -> Option<Decimal>,
}

impl Parameter {
    /// The value this parameter has in `scenario`, as a link writes it (not percent-encoded).
    pub fn value(&self, scenario: &Scenario) -> String {
        shown(&(self.get)(scenario))
    }

    /// The value's unit as people read it (`USD per month`, `minutes`); empty for none.
    pub fn unit(&self) -> &'static str {
        match self.kind {
            Kind::Number(n) => n.unit,
            _ => "",
        }
    }

    /// What is allowed, in words: `0–1,000,000,000, or empty to derive it`.
    pub fn allowed(&self) -> String {
        let mut text = match self.kind {
            Kind::Text { max_chars } => format!("up to {max_chars} characters, no control characters"),
            Kind::Id(table) => format!("a catalog {}", table.noun()),
            Kind::Boolean => "true, false".to_owned(),
            Kind::Provider => {
                "a catalog chat model as provider/model; standby pay_per_use or provisioned; amount 0–1,000,000,000"
                    .to_owned()
            }
            Kind::Currency => "ISO 4217 code in capitals, e.g. EUR".to_owned(),
            Kind::Number(n) => {
                let range = if n.above_min {
                    format!(
                        "greater than {}, at most {}",
                        present::decimal(n.min),
                        present::decimal(n.max)
                    )
                } else {
                    format!("{}–{}", present::decimal(n.min), present::decimal(n.max))
                };
                match n.empty {
                    Some(meaning) => format!("{range}, or empty to {meaning}"),
                    None => range,
                }
            }
        };
        if !self.note.is_empty() {
            text.push_str("; ");
            text.push_str(self.note);
        }
        text
    }

    /// The problems of this parameter's value in `scenario`, as the
    /// table's kind and bounds define them (the catalog checks come after).
    fn check(&self, scenario: &Scenario, out: &mut Vec<FieldError>) {
        let mut fail = |field: String, value: String, message: String| out.push(FieldError::new(field, value, message));
        match self.kind {
            Kind::Number(n) => {
                let Some(value) = (self.number)(scenario) else {
                    return;
                };
                let low = if n.above_min { value <= n.min } else { value < n.min };
                if low || value > n.max {
                    let unit = match n.unit {
                        "" => String::new(),
                        unit => format!(" ({unit})"),
                    };
                    let range = if n.above_min {
                        format!(
                            "greater than {} and at most {}",
                            present::decimal(n.min),
                            present::decimal(n.max)
                        )
                    } else {
                        format!("between {} and {}", present::decimal(n.min), present::decimal(n.max))
                    };
                    fail(
                        self.field.to_owned(),
                        value.normalize().to_string(),
                        format!("must be {range}{unit}"),
                    );
                }
            }
            Kind::Text { max_chars } => {
                let value = self.value(scenario);
                // A control character or a noncharacter makes an SVG chart
                // that is not well-formed XML and a CSV cell a terminal or a
                // spreadsheet misreads; no name needs one.
                if let Some(c) = value.chars().find(|&c| is_forbidden_in_text(c)) {
                    let what = if c.is_control() {
                        "a control character"
                    } else {
                        "a Unicode noncharacter"
                    };
                    let shown: String = value.chars().take(40).collect();
                    fail(
                        self.field.to_owned(),
                        shown,
                        format!(
                            "contains U+{:04X}, {what}; text may not contain control characters \
                             (U+0000–U+001F, U+007F–U+009F) or noncharacters (U+FDD0–U+FDEF, and U+FFFE \
                             and U+FFFF in every plane)",
                            u32::from(c)
                        ),
                    );
                } else if value.chars().count() > max_chars {
                    let shown: String = value.chars().take(40).collect();
                    fail(
                        self.field.to_owned(),
                        format!("{shown}…"),
                        format!("must have at most {max_chars} characters"),
                    );
                }
            }
            Kind::Id(_) => {
                for (field, id) in ids(self, scenario) {
                    if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
                        let shown: String = id.chars().take(40).collect();
                        fail(
                            field,
                            shown,
                            format!("must have between 1 and {MAX_ID_CHARS} characters"),
                        );
                    }
                }
            }
            Kind::Provider => {
                let index: usize = self.name[1..].parse::<usize>().unwrap_or(1) - 1;
                let Some(link) = scenario.providers.get(index) else {
                    return;
                };
                for (part, id) in [("provider", &link.provider), ("model", &link.model)] {
                    if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
                        let shown: String = id.chars().take(40).collect();
                        fail(
                            format!("providers[{index}].{part}"),
                            shown,
                            format!("must have between 1 and {MAX_ID_CHARS} characters"),
                        );
                    }
                }
                let amount = link.provisioned_monthly.to_decimal();
                if amount < Decimal::ZERO || amount > dec(1_000_000_000, 0) {
                    fail(
                        format!("providers[{index}].provisioned_monthly"),
                        amount.normalize().to_string(),
                        "must be between 0 and 1,000,000,000".to_owned(),
                    );
                }
            }
            Kind::Currency => {
                let code = &scenario.currency.code;
                if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                    fail(
                        self.field.to_owned(),
                        code.chars().take(40).collect(),
                        "must be a three-letter ISO 4217 code in capitals, e.g. EUR".to_owned(),
                    );
                }
            }
            Kind::Boolean => {}
        }
    }
}

/// The longest catalog id a scenario may name.
const MAX_ID_CHARS: usize = 64;

/// The ids an id parameter holds, with their field paths (the embedding
/// model is two: provider and model).
fn ids<'a>(p: &Parameter, s: &'a Scenario) -> Vec<(String, &'a str)> {
    match p.name {
        "embedding" => vec![
            (
                "corpus.embedding_provider".to_owned(),
                s.corpus.embedding_provider.as_str(),
            ),
            ("corpus.embedding_model".to_owned(), s.corpus.embedding_model.as_str()),
        ],
        _ => {
            let value = match p.field {
                "tier" => &s.tier,
                "primary_region" => &s.primary_region,
                "secondary_region" => &s.secondary_region,
                "strategy" => &s.strategy,
                "storage.class" => &s.storage.class,
                "backups.standard_class" => &s.backups.standard_class,
                "backups.infrequent_class" => &s.backups.infrequent_class,
                "backups.archive_class" => &s.backups.archive_class,
                _ => return Vec::new(),
            };
            vec![(p.field.to_owned(), value.as_str())]
        }
    }
}

/// Every problem of `scenario` that the parameter table defines: ranges,
/// lengths, formats and the chain's length. The JSON API's scenarios and the
/// links' are checked by this one function (through [`crate::validate`]).
pub fn check(scenario: &Scenario) -> Vec<FieldError> {
    let mut out = Vec::new();
    if scenario.providers.is_empty() || scenario.providers.len() > MAX_PROVIDERS {
        out.push(FieldError::new(
            "providers",
            format!("{} items", scenario.providers.len()),
            format!("must have between 1 and {MAX_PROVIDERS} items"),
        ));
    }
    for p in PARAMETERS {
        p.check(scenario, &mut out);
    }
    out
}

/// A scenario being decoded, with the parts that need more than one parameter.
pub(super) struct Draft {
    pub scenario: Scenario,
    /// `p1`..`p5` as given: `None` = not in the link, `Some(None)` = given empty (no such link).
    pub providers: [Option<Option<ProviderLink>>; MAX_PROVIDERS],
    /// `rto` and `rpo` as given, in minutes (`Some(None)` = given empty: the tier's targets).
    pub rto: Option<Option<Decimal>>,
    pub rpo: Option<Option<Decimal>>,
}

fn no_number(_: &Scenario) -> Option<Decimal> {
    None
}

/// A plain scenario field: `$name` sets `scenario.$path`.
macro_rules! field {
    ($name:literal, $($path:ident).+, $kind:expr, $about:literal) => {
        field!($name, $($path).+, $kind, "", $about)
    };
    ($name:literal, $($path:ident).+, $kind:expr, $note:literal, $about:literal) => {
        Parameter {
            name: $name,
            field: stringify!($($path).+),
            kind: $kind,
            note: $note,
            about: $about,
            get: |s| escape(&Text::show(&s.$($path).+), true),
            set: |d, raw| put(&mut d.scenario.$($path).+, raw),
            number: |s| Numeric::number(&s.$($path).+),
        }
    };
}

/// `p1`..`p5`: link `$index` of the provider chain, `provider/model[:standby[:USD per month]]`.
macro_rules! provider_param {
    ($name:literal, $index:literal, $about:literal) => {
        Parameter {
            name: $name,
            field: concat!("providers[", $index, "]"),
            kind: Kind::Provider,
            note: "",
            about: $about,
            get: |s| s.providers.get($index).map(show_provider).unwrap_or_default(),
            set: |d, raw| {
                d.providers[$index] = Some(read_provider(raw)?);
                Ok(())
            },
            number: |s| s.providers.get($index).map(|p| p.provisioned_monthly.to_decimal()),
        }
    };
}

const TARGET: Kind = or_empty(minutes(false, 0, 525_600), "use the tier's");

/// A control character (Unicode category Cc: C0, DEL, C1) or a
/// noncharacter (U+FDD0–U+FDEF and the last two code points of every plane).
pub fn is_forbidden_in_text(c: char) -> bool {
    let code = u32::from(c);
    c.is_control() || (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// Every parameter except `v`, `catalog` and `price.*`, in link order.
pub const PARAMETERS: &[Parameter] = &[
    field!(
        "name",
        name,
        Kind::Text { max_chars: 200 },
        "Scenario name shown in reports"
    ),
    field!("tier", tier, Kind::Id(Table::Tier), "Service tier: its RTO/RPO targets"),
    Parameter {
        name: "rto",
        field: "custom_targets.rto_minutes",
        kind: TARGET,
        note: "with rpo",
        about: "Custom recovery time objective (replaces the tier's; give rpo too)",
        get: |s| s.custom_targets.map(|t| t.rto_minutes.show()).unwrap_or_default(),
        set: |d, raw| {
            d.rto = Some(Option::<Decimal>::read(&unescape(raw)?)?);
            Ok(())
        },
        number: |s| s.custom_targets.map(|t| t.rto_minutes),
    },
    Parameter {
        name: "rpo",
        field: "custom_targets.rpo_minutes",
        kind: TARGET,
        note: "with rto",
        about: "Custom recovery point objective (replaces the tier's; give rto too)",
        get: |s| s.custom_targets.map(|t| t.rpo_minutes.show()).unwrap_or_default(),
        set: |d, raw| {
            d.rpo = Some(Option::<Decimal>::read(&unescape(raw)?)?);
            Ok(())
        },
        number: |s| s.custom_targets.map(|t| t.rpo_minutes),
    },
    field!(
        "primary",
        primary_region,
        Kind::Id(Table::Region),
        "Primary region, e.g. us-east-1"
    ),
    field!(
        "secondary",
        secondary_region,
        Kind::Id(Table::Region),
        "other than primary",
        "Secondary (DR) region"
    ),
    field!(
        "strategy",
        strategy,
        Kind::Id(Table::Strategy),
        "The chosen DR strategy"
    ),
    field!(
        "standby_fraction",
        standby_fraction,
        decimal("fraction", dec(0, 0), 1),
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
    provider_param!(
        "p4",
        3,
        "Fourth AI provider, e.g. self-hosted/llama-3.1-8b; empty for none"
    ),
    provider_param!("p5", 4, "Fifth AI provider; empty for none"),
    field!(
        "failover_minutes",
        provider_failover_minutes,
        minutes(true, 0, 1_440),
        "Time to detect a provider failure and move traffic"
    ),
    field!(
        "requests",
        workload.monthly_requests,
        count("requests per month", 0, 1_000_000_000_000),
        "Requests to the primary provider"
    ),
    field!(
        "input_tokens",
        workload.input_tokens_per_request,
        count("tokens per request", 0, 10_000_000),
        "Input tokens per request"
    ),
    field!(
        "output_tokens",
        workload.output_tokens_per_request,
        count("tokens per request", 0, 10_000_000),
        "Output tokens per request"
    ),
    field!(
        "ai_monthly",
        workload.monthly_spend,
        derived_monthly(),
        "AI spend entered directly (replaces requests × token prices)"
    ),
    field!(
        "vcpus",
        compute.vcpus,
        count("vCPUs", 0, 1_000_000),
        "Application vCPUs at the primary"
    ),
    field!(
        "compute_monthly",
        compute.monthly,
        derived_monthly(),
        "Primary compute entered directly"
    ),
    field!(
        "compute_secondary_monthly",
        compute.secondary_monthly,
        derived_monthly(),
        "Secondary compute under the strategy, entered directly"
    ),
    field!(
        "provision_minutes",
        compute.provision_minutes,
        minutes(true, 0, 10_080),
        "Time to provision full compute from nothing on failover"
    ),
    field!(
        "vector_db",
        vector_db.offering,
        Kind::Id(Table::VectorDb),
        "How the vector database is bought: serverless, managed cluster, pgvector or self-hosted"
    ),
    field!(
        "vector_writes",
        vector_db.monthly_writes,
        count("vectors a month", 0, 100_000_000_000),
        "Vectors written (upserted) a month: a serverless offering's write units"
    ),
    field!(
        "vector_replicas",
        vector_db.replicas,
        count("replicas", 1, 10),
        "Copies of a node-sized index (cluster, pgvector, self-hosted)"
    ),
    field!(
        "vector_gb",
        vector_db.size_gb,
        or_empty(decimal("GB", dec(0, 0), 1_000_000), "derive it"),
        "Vector index size (else vectors × dimensions × 4 bytes)"
    ),
    field!(
        "vectors",
        vector_db.vectors,
        count("vectors", 0, 100_000_000_000),
        "Vectors in the index"
    ),
    field!(
        "dimensions",
        vector_db.dimensions,
        count("dimensions", 1, 65_536),
        "Dimensions per vector"
    ),
    field!(
        "vector_monthly",
        vector_db.monthly,
        derived_monthly(),
        "Primary vector database entered directly"
    ),
    field!(
        "vector_secondary_monthly",
        vector_db.secondary_monthly,
        derived_monthly(),
        "Secondary vector database entered directly"
    ),
    field!(
        "vector_backed_up",
        vector_db.backed_up,
        Kind::Boolean,
        "Whether the index is in the backups (else it is re-embedded)"
    ),
    field!(
        "data_gb",
        storage.data_gb,
        decimal("GB", dec(0, 0), 1_000_000),
        "Primary data volume"
    ),
    field!(
        "storage_class",
        storage.class,
        Kind::Id(Table::StorageClass),
        "Storage class of the live data"
    ),
    field!(
        "storage_monthly",
        storage.monthly,
        derived_monthly(),
        "Primary storage (backups included) entered directly"
    ),
    field!(
        "storage_secondary_monthly",
        storage.secondary_monthly,
        derived_monthly(),
        "Secondary storage entered directly"
    ),
    field!(
        "documents",
        corpus.documents,
        count("documents", 0, 10_000_000_000),
        "Documents behind the vector index"
    ),
    field!(
        "tokens_per_document",
        corpus.tokens_per_document,
        count("tokens", 0, 10_000_000),
        "Tokens per document"
    ),
    Parameter {
        name: "embedding",
        field: "corpus.embedding_",
        kind: Kind::Id(Table::EmbeddingModel),
        note: "",
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
        number: no_number,
    },
    field!(
        "embedding_tpm",
        corpus.tokens_per_minute,
        or_empty(count("tokens per minute", 1, 1_000_000_000), "use the catalog's"),
        "Embedding rate limit"
    ),
    field!(
        "snapshot_minutes",
        backups.snapshot_interval_minutes,
        minutes(true, 1, 10_080),
        "Minutes between snapshots"
    ),
    field!(
        "standard_days",
        backups.standard_days,
        count("days", 0, 3_650),
        "Backup days on the standard class"
    ),
    field!(
        "infrequent_days",
        backups.infrequent_days,
        count("days", 0, 3_650),
        "Backup days on the infrequent-access class"
    ),
    field!(
        "archive_days",
        backups.archive_days,
        count("days", 0, 3_650),
        "Backup days on the archive class"
    ),
    field!(
        "standard_class",
        backups.standard_class,
        Kind::Id(Table::StorageClass),
        "Storage class of the standard rung"
    ),
    field!(
        "infrequent_class",
        backups.infrequent_class,
        Kind::Id(Table::StorageClass),
        "Storage class of the infrequent rung"
    ),
    field!(
        "archive_class",
        backups.archive_class,
        Kind::Id(Table::StorageClass),
        "Storage class of the archive rung"
    ),
    field!(
        "restore_gb_per_hour",
        backups.restore_gb_per_hour,
        decimal("GB per hour", dec(1, 3), 1_000_000),
        "Restore throughput"
    ),
    field!(
        "network_monthly",
        network.primary_monthly,
        monthly(),
        "Production network at the primary"
    ),
    field!(
        "cross_region_gb",
        network.cross_region_gb,
        decimal("GB per month", dec(0, 0), 1_000_000_000),
        "Traffic between the regions besides replication"
    ),
    field!(
        "cross_region_monthly",
        network.cross_region_monthly,
        derived_monthly(),
        "Cross-region transfer entered directly"
    ),
    field!(
        "replication_gb",
        network.replication_gb,
        decimal("GB per month", dec(0, 0), 1_000_000_000),
        "Data full replication moves to the secondary"
    ),
    field!(
        "replication_monthly",
        network.replication_monthly,
        derived_monthly(),
        "Full replication entered directly"
    ),
    field!(
        "replication_lag_minutes",
        network.replication_lag_minutes,
        minutes(false, 0, 10_080),
        "Asynchronous replication lag"
    ),
    field!("monitoring_monthly", monitoring_monthly, monthly(), "DR monitoring"),
    field!(
        "downtime_cost_per_hour",
        downtime_cost_per_hour,
        number(Quantity::Money, "USD per hour", false, dec(1, 2), dec(100_000_000, 0)),
        "Cost of one hour of downtime"
    ),
    field!("currency", currency.code, Kind::Currency, "Reporting currency"),
    field!(
        "rate",
        currency.rate_from_usd,
        above_min(decimal("units per USD", dec(0, 0), 1_000_000)),
        "Exchange rate to the reporting currency"
    ),
    // A yes/no rather than a named choice: the parameter kinds every door
    // renders (form, OpenAPI schema) have no enumeration besides catalog tables.
    Parameter {
        name: "monte_carlo",
        field: "simulation.method",
        kind: Kind::Boolean,
        note: "",
        about: "Annual loss by Monte Carlo (mc_years, mc_seed) instead of the exact computation",
        get: |s| (s.simulation.method == LossMethod::MonteCarlo).to_string(),
        set: |d, raw| {
            let mut monte_carlo = false;
            put(&mut monte_carlo, raw)?;
            d.scenario.simulation.method = if monte_carlo {
                LossMethod::MonteCarlo
            } else {
                LossMethod::Exact
            };
            Ok(())
        },
        number: no_number,
    },
    field!(
        "mc_years",
        simulation.years,
        count("years", 1_000, 100_000),
        "Years the Monte Carlo simulation draws (with monte_carlo=true)"
    ),
    field!(
        "mc_seed",
        simulation.seed,
        count("", 0, u64::MAX),
        "Seed of the Monte Carlo simulation (with monte_carlo=true): the same seed gives the same figures"
    ),
];

/// The parameter named `name`, if the link has one.
pub fn parameter(name: &str) -> Option<&'static Parameter> {
    PARAMETERS.iter().find(|p| p.name == name)
}

//! Over 500 lines because it holds every cost line of a plan in one place, with its tests.
//!
//! Monthly cost lines per component and location, for one DR plan.
//!
//! Every figure is first computed exactly in USD, then converted to the
//! reporting currency once per line and rounded to cents; annual = 12 × the
//! rounded monthly line, and every total is the sum of its rounded lines.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, UNIT_COMPUTE_VCPU_HOUR, UNIT_VECTOR_DB_GB_MONTH};
use crate::money::Money;
use crate::recovery;
use crate::scenario::{Scenario, StandbyMode};

/// Hours in a month, the cloud calculators' convention (8,760 / 12).
pub const HOURS_PER_MONTH: Decimal = Decimal::from_parts(730, 0, 0, false, 0);
/// Months in a year.
pub const MONTHS_PER_YEAR: Decimal = Decimal::from_parts(12, 0, 0, false, 0);
const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// What a cost line pays for (the rows of the DR cost optimization table,
/// Part 6.1 of the article "Disaster Recovery & Failover Strategies for AI Services").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// Application compute.
    Compute,
    /// Vector database.
    VectorDb,
    /// AI provider APIs.
    Ai,
    /// Data storage and backups.
    Storage,
    /// Production network, cross-region transfer and replication.
    Network,
    /// DR monitoring.
    Monitoring,
}

impl Component {
    /// All components, in report order.
    pub const ALL: [Component; 6] = [
        Component::Compute,
        Component::VectorDb,
        Component::Ai,
        Component::Storage,
        Component::Network,
        Component::Monitoring,
    ];

    /// English label for reports and tables, e.g. "Vector DB" (the row names of the article's Part 6.1).
    pub fn label(self) -> &'static str {
        match self {
            Component::Compute => "Compute",
            Component::VectorDb => "Vector DB",
            Component::Ai => "AI API",
            Component::Storage => "Storage",
            Component::Network => "Network",
            Component::Monitoring => "Monitoring",
        }
    }
}

/// Where a cost line is incurred (the groups of the article's Part 1.1,
/// "Real Cost Example (Production Tier)").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// The primary region (and the primary AI provider).
    Primary,
    /// The secondary region (and the standby AI providers).
    Secondary,
    /// Between the regions: transfer, replication, DR monitoring.
    CrossRegion,
}

impl Location {
    /// All locations, in report order.
    pub const ALL: [Location; 3] = [Location::Primary, Location::Secondary, Location::CrossRegion];

    /// English label for reports and tables, e.g. "Cross-region" (the groups of the article's Part 1.1 cost example).
    pub fn label(self) -> &'static str {
        match self {
            Location::Primary => "Primary",
            Location::Secondary => "Secondary",
            Location::CrossRegion => "Cross-region",
        }
    }
}

/// The specific item a line pays for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// Application compute.
    Compute,
    /// Vector database (a replica in the secondary).
    VectorDb,
    /// One AI provider of the chain; `CostLine::provider` says which.
    AiProvider,
    /// Live data storage.
    Storage,
    /// Backup retention ladder (only when storage is derived from quantities).
    Backups,
    /// Production network at the primary.
    Network,
    /// Cross-region data transfer.
    DataTransfer,
    /// Cross-region replication.
    Replication,
    /// DR monitoring.
    Monitoring,
}

impl Item {
    /// English label for reports, e.g. "vector database".
    pub fn label(self) -> &'static str {
        match self {
            Item::Compute => "application compute",
            Item::VectorDb => "vector database",
            Item::AiProvider => "AI provider",
            Item::Storage => "storage",
            Item::Backups => "backups",
            Item::Network => "network",
            Item::DataTransfer => "data transfer",
            Item::Replication => "replication",
            Item::Monitoring => "monitoring",
        }
    }

    fn component(self) -> Component {
        match self {
            Item::Compute => Component::Compute,
            Item::VectorDb => Component::VectorDb,
            Item::AiProvider => Component::Ai,
            Item::Storage | Item::Backups => Component::Storage,
            Item::Network | Item::DataTransfer | Item::Replication => Component::Network,
            Item::Monitoring => Component::Monitoring,
        }
    }
}

/// One row of a cost breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CostLine {
    /// Component group (the rows of the article's Part 6.1).
    pub component: Component,
    /// Where it is incurred.
    pub location: Location,
    /// What exactly.
    pub item: Item,
    /// For AI lines, `provider/model` of the chain link.
    pub provider: Option<String>,
    /// Monthly cost in the reporting currency, rounded to cents.
    pub monthly: Money,
    /// 12 × `monthly`.
    pub annual: Money,
}

/// A subtotal of a breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subtotal<K> {
    /// What is summed (a component or a location).
    pub key: K,
    /// Sum of the monthly lines.
    pub monthly: Money,
    /// Sum of the annual lines.
    pub annual: Money,
}

/// A DR plan's full breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanCost {
    /// Every line, primary first, then secondary, then cross-region.
    pub lines: Vec<CostLine>,
    /// Sums per component, in [`Component::ALL`] order.
    pub by_component: Vec<Subtotal<Component>>,
    /// Sums per location, in [`Location::ALL`] order.
    pub by_location: Vec<Subtotal<Location>>,
    /// Sum of all monthly lines.
    pub monthly: Money,
    /// Sum of all annual lines (= 12 × `monthly`).
    pub annual: Money,
}

/// Secondary fractions of a plan, per layer (1 = a full copy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Factors {
    pub compute: Decimal,
    pub vector_db: Decimal,
    pub storage: Decimal,
    pub replication: Decimal,
}

/// Which plan to cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// The primary alone: no secondary, no cross-region lines, no standby providers.
    ProductionOnly,
    /// A DR plan; `entered` uses the scenario's directly entered secondary amounts.
    Dr { factors: Factors, entered: bool },
}

/// Exact USD monthly figures the plans are built from (computed once per estimate).
#[derive(Clone, Debug)]
pub(crate) struct Basis {
    compute: Layer,
    vector_db: Layer,
    storage: Layer,
    backups: Option<Layer>,
    network_primary: Decimal,
    ai: Vec<Decimal>,
    transfer: Decimal,
    replication_full: Decimal,
    monitoring: Decimal,
    rate: Decimal,
}

#[derive(Clone, Copy, Debug)]
struct Layer {
    primary: Decimal,
    /// A full copy priced in the secondary region.
    secondary_full: Decimal,
    /// The secondary as entered by the user, if entered.
    secondary_entered: Option<Decimal>,
}

impl Basis {
    /// Derives every monthly figure from the scenario and catalog (USD, exact).
    pub(crate) fn new(catalog: &Catalog, s: &Scenario) -> Basis {
        let mult = |id: &str| catalog.region(id).map_or(Decimal::ONE, |r| r.price_multiplier);
        let (pm, sm) = (mult(&s.primary_region), mult(&s.secondary_region));
        let unit = |id: &str| catalog.unit_price(id).map_or(Decimal::ZERO, |u| u.price);
        let layer = |direct: Option<Money>, entered: Option<Money>, base: Decimal| match direct {
            // An amount entered directly is taken as is in both regions: the
            // user knows it, and multipliers only apply to catalog prices.
            Some(m) => Layer {
                primary: m.to_decimal(),
                secondary_full: m.to_decimal(),
                secondary_entered: entered.map(Money::to_decimal),
            },
            None => Layer {
                primary: base * pm,
                secondary_full: base * sm,
                secondary_entered: entered.map(Money::to_decimal),
            },
        };
        let compute_base = Decimal::from(s.compute.vcpus) * unit(UNIT_COMPUTE_VCPU_HOUR) * HOURS_PER_MONTH;
        let vdb_base = recovery::vector_db_gb(s) * unit(UNIT_VECTOR_DB_GB_MONTH);
        let class_price = catalog
            .storage_class(&s.storage.class)
            .map_or(Decimal::ZERO, |c| c.price_per_gb_month);
        let storage_base = s.storage.data_gb * class_price;
        let backups = match s.storage.monthly {
            Some(_) => None,
            None => {
                let base = recovery::backup_ladder_monthly(catalog, s);
                Some(Layer {
                    primary: base * pm,
                    secondary_full: base * sm,
                    secondary_entered: None,
                })
            }
        };
        let ai = s
            .providers
            .iter()
            .enumerate()
            .map(|(i, link)| {
                if i == 0 {
                    primary_ai_spend(catalog, s)
                } else {
                    match link.standby {
                        StandbyMode::PayPerUse => Decimal::ZERO,
                        StandbyMode::Provisioned => link.provisioned_monthly.to_decimal(),
                    }
                }
            })
            .collect();
        let price_gb = catalog.transfer_price(&s.primary_region, &s.secondary_region);
        let n = &s.network;
        Basis {
            compute: layer(s.compute.monthly, s.compute.secondary_monthly, compute_base),
            vector_db: layer(s.vector_db.monthly, s.vector_db.secondary_monthly, vdb_base),
            storage: layer(s.storage.monthly, s.storage.secondary_monthly, storage_base),
            backups,
            network_primary: n.primary_monthly.to_decimal(),
            ai,
            transfer: n
                .cross_region_monthly
                .map_or(n.cross_region_gb * price_gb, Money::to_decimal),
            replication_full: n
                .replication_monthly
                .map_or(n.replication_gb * price_gb, Money::to_decimal),
            monitoring: s.monitoring_monthly.to_decimal(),
            rate: s.currency.rate_from_usd,
        }
    }

    /// The same figures reported in USD: break-even hours are computed from
    /// them so they do not depend on the reporting currency.
    pub(crate) fn in_usd(&self) -> Basis {
        Basis {
            rate: Decimal::ONE,
            ..self.clone()
        }
    }

    /// Converts an exact USD amount to the reporting currency, rounded to cents.
    pub(crate) fn convert(&self, usd: Decimal) -> Money {
        // USD reports skip the multiplication by one (the estimate's hot path).
        let amount = if self.rate == Decimal::ONE {
            usd
        } else {
            usd * self.rate
        };
        Money::new(amount).round_cents()
    }

    /// Calls `emit(item, location, provider index, USD exact)` for each line of a plan.
    fn each_line(&self, plan: Plan, mut emit: impl FnMut(Item, Location, Option<usize>, Decimal)) {
        emit(Item::Compute, Location::Primary, None, self.compute.primary);
        emit(Item::VectorDb, Location::Primary, None, self.vector_db.primary);
        emit(
            Item::AiProvider,
            Location::Primary,
            Some(0),
            self.ai.first().copied().unwrap_or_default(),
        );
        emit(Item::Storage, Location::Primary, None, self.storage.primary);
        if let Some(b) = self.backups {
            emit(Item::Backups, Location::Primary, None, b.primary);
        }
        emit(Item::Network, Location::Primary, None, self.network_primary);
        let Plan::Dr { factors: f, entered } = plan else { return };
        let secondary = |l: Layer, factor: Decimal| match (entered, l.secondary_entered) {
            (true, Some(v)) => v,
            _ => l.secondary_full * factor,
        };
        emit(
            Item::Compute,
            Location::Secondary,
            None,
            secondary(self.compute, f.compute),
        );
        emit(
            Item::VectorDb,
            Location::Secondary,
            None,
            secondary(self.vector_db, f.vector_db),
        );
        for (i, &standby) in self.ai.iter().enumerate().skip(1) {
            emit(Item::AiProvider, Location::Secondary, Some(i), standby);
        }
        emit(
            Item::Storage,
            Location::Secondary,
            None,
            secondary(self.storage, f.storage),
        );
        // Every DR plan copies the whole ladder to the secondary (a backup
        // kept only where the disaster strikes restores nothing), whatever
        // its storage share; an entered secondary storage amount includes
        // its backups, as the primary's does.
        if let Some(b) = self.backups {
            if !(entered && self.storage.secondary_entered.is_some()) {
                emit(Item::Backups, Location::Secondary, None, b.secondary_full);
            }
        }
        emit(Item::DataTransfer, Location::CrossRegion, None, self.transfer);
        emit(
            Item::Replication,
            Location::CrossRegion,
            None,
            self.replication_full * f.replication,
        );
        emit(Item::Monitoring, Location::CrossRegion, None, self.monitoring);
    }

    /// The full breakdown of a plan.
    pub(crate) fn plan(&self, s: &Scenario, plan: Plan) -> PlanCost {
        let mut lines = Vec::with_capacity(16);
        self.each_line(plan, |item, location, provider, usd| {
            let monthly = self.convert(usd);
            lines.push(CostLine {
                component: item.component(),
                location,
                item,
                provider: provider
                    .and_then(|i| s.providers.get(i))
                    .map(|l| format!("{}/{}", l.provider, l.model)),
                monthly,
                annual: monthly * MONTHS_PER_YEAR,
            });
        });
        // One pass over the lines; annual subtotals are 12 × monthly, which is
        // exactly the sum of the annual lines because each is 12 × its monthly.
        let mut components = [Money::ZERO; Component::ALL.len()];
        let mut locations = [Money::ZERO; Location::ALL.len()];
        let mut monthly = Money::ZERO;
        for l in &lines {
            components[l.component as usize] += l.monthly;
            locations[l.location as usize] += l.monthly;
            monthly += l.monthly;
        }
        let by_component = Component::ALL
            .iter()
            .zip(components)
            .map(|(&key, monthly)| Subtotal {
                key,
                monthly,
                annual: monthly * MONTHS_PER_YEAR,
            })
            .collect();
        let by_location = Location::ALL
            .iter()
            .zip(locations)
            .map(|(&key, monthly)| Subtotal {
                key,
                monthly,
                annual: monthly * MONTHS_PER_YEAR,
            })
            .collect();
        let annual = monthly * MONTHS_PER_YEAR;
        PlanCost {
            lines,
            by_component,
            by_location,
            monthly,
            annual,
        }
    }

    /// Monthly total of the lines of a plan that `keep(item, location)`
    /// selects, each line converted and rounded as in [`Basis::plan`], so
    /// parts taken this way add up to the plan's total.
    pub(crate) fn monthly_of(&self, plan: Plan, keep: impl Fn(Item, Location) -> bool) -> Money {
        let mut total = Money::ZERO;
        self.each_line(plan, |item, location, _, usd| {
            if keep(item, location) {
                total += self.convert(usd);
            }
        });
        total
    }

    /// Monthly total of a plan and its regional part (compute, vector DB,
    /// storage) in the primary and in both regions, without building lines.
    pub(crate) fn totals(&self, plan: Plan) -> PlanTotals {
        let mut t = PlanTotals::default();
        self.each_line(plan, |item, location, _, usd| {
            let m = self.convert(usd);
            t.monthly += m;
            // The backup ladder is the same whatever the strategy, so it is
            // not part of the regional layers the strategies scale.
            if item != Item::Backups
                && matches!(
                    item.component(),
                    Component::Compute | Component::VectorDb | Component::Storage
                )
            {
                t.regional_both += m;
                if location == Location::Primary {
                    t.regional_primary += m;
                }
            }
        });
        t
    }
}

/// Totals of a plan, for comparing strategies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PlanTotals {
    pub monthly: Money,
    pub regional_primary: Money,
    pub regional_both: Money,
}

/// Monthly spend on the primary AI provider, USD: entered directly, or
/// requests × (input tokens × input price + output tokens × output price) ÷ 1,000,000.
pub(crate) fn primary_ai_spend(catalog: &Catalog, s: &Scenario) -> Decimal {
    if let Some(m) = s.workload.monthly_spend {
        return m.to_decimal();
    }
    let Some(link) = s.providers.first() else {
        return Decimal::ZERO;
    };
    let Some(model) = catalog.model(&link.provider, &link.model) else {
        return Decimal::ZERO;
    };
    let w = &s.workload;
    let per_request = Decimal::from(w.input_tokens_per_request) * model.input_per_mtok
        + Decimal::from(w.output_tokens_per_request) * model.output_per_mtok;
    Decimal::from(w.monthly_requests) * per_request / MILLION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtotal_order_matches_declaration_order() {
        // `plan` indexes its subtotal arrays with `as usize`.
        for (i, c) in Component::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
        }
        for (i, l) in Location::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i);
        }
    }

    #[test]
    fn a_month_is_730_hours() {
        assert_eq!(HOURS_PER_MONTH * MONTHS_PER_YEAR, Decimal::from(8_760));
    }
}

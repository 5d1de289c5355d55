//! Over 500 lines because it holds every cost line of a plan in one place, with its tests.
//!
//! Monthly cost lines per component and location, for one DR plan.
//!
//! Every figure is first computed exactly in USD, then converted to the
//! reporting currency once per line and rounded to cents; annual = 12 × the
//! rounded monthly line, and every total is the sum of its rounded lines.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::money::Money;
use crate::pricing::{self, Priced, VectorCopy};
use crate::scenario::Scenario;

/// Hours in a month, the cloud calculators' convention (8,760 / 12).
pub const HOURS_PER_MONTH: Decimal = Decimal::from_parts(730, 0, 0, false, 0);
/// Months in a year.
pub const MONTHS_PER_YEAR: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

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
    /// How the amount was found, in USD catalog prices, e.g. "16 vCPU × 0.048
    /// USD per vCPU-hour in us-east-1 × 730 h"; a secondary line adds its share.
    pub how: String,
    /// Whether the amount was entered by the user rather than derived from quantities.
    pub entered: bool,
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

/// Exact USD monthly figures the plans are built from (computed once per
/// estimate), each with how it was found.
#[derive(Clone, Debug)]
pub(crate) struct Basis {
    compute: Layer,
    vector_db: Layer,
    storage: Layer,
    backups: Option<Layer>,
    network_primary: Decimal,
    ai: Vec<Priced>,
    transfer: Priced,
    transfer_entered: bool,
    replication_full: Priced,
    replication_entered: bool,
    monitoring: Decimal,
    rate: Decimal,
    /// The reporting currency's code, for the conversion a line's `how` states.
    code: String,
}

#[derive(Clone, Debug)]
struct Layer {
    primary: Priced,
    /// A full copy in the secondary region.
    secondary_full: Priced,
    /// The secondary as entered by the user, if entered.
    secondary_entered: Option<Decimal>,
    /// Whether the primary amount was entered.
    primary_entered: bool,
}

impl Layer {
    fn primary_how(&self) -> How<'_> {
        if self.primary_entered {
            How::Entered(&self.primary.how)
        } else {
            How::Derived(&self.primary.how)
        }
    }
}

/// What a line says about how it was found.
#[derive(Clone, Copy, Debug)]
enum How<'a> {
    /// Derived from quantities as the text says.
    Derived(&'a str),
    /// A share of a full copy found as the text says; true when that copy's amount was entered.
    Share(&'a str, Decimal, bool),
    /// Entered by the user; the text says what quantities would give.
    Entered(&'a str),
}

/// An amount entered directly: taken as is, and its line says what the
/// quantities would give instead, so an entered amount never hides a change
/// to the inputs behind it.
fn entered(amount: Money, derived: &Priced, rate_note: &str) -> Priced {
    Priced {
        usd: amount.to_decimal(),
        how: format!(
            "entered: {} USD a month{rate_note}; from the quantities it would be {} USD ({})",
            amount,
            Money::new(derived.usd).round_cents(),
            derived.how
        ),
    }
}

impl Basis {
    /// Derives every monthly figure from the scenario and catalog (USD, exact).
    pub(crate) fn new(catalog: &Catalog, s: &Scenario) -> Basis {
        let (p, sec) = (s.primary_region.as_str(), s.secondary_region.as_str());
        let layer = |direct: Option<Money>, secondary: Option<Money>, derive: &dyn Fn(&str) -> Priced| {
            let (primary, secondary_full) = (derive(p), derive(sec));
            match direct {
                // An amount entered directly is taken as is in both regions:
                // the user knows it, and regional prices only apply to quantities.
                Some(m) => Layer {
                    primary: entered(m, &primary, ""),
                    secondary_full: entered(m, &secondary_full, " (the primary's amount)"),
                    secondary_entered: secondary.map(Money::to_decimal),
                    primary_entered: true,
                },
                None => Layer {
                    primary,
                    secondary_full,
                    secondary_entered: secondary.map(Money::to_decimal),
                    primary_entered: false,
                },
            }
        };
        let backups = match s.storage.monthly {
            Some(_) => None,
            None => Some(Layer {
                primary: pricing::backups(catalog, s, p),
                secondary_full: pricing::backups(catalog, s, sec),
                secondary_entered: None,
                primary_entered: false,
            }),
        };
        let n = &s.network;
        let gb_or_entered = |gb: Decimal, amount: Option<Money>| {
            let derived = pricing::transfer(catalog, s, gb);
            match amount {
                Some(m) => entered(m, &derived, ""),
                None => derived,
            }
        };
        Basis {
            compute: layer(s.compute.monthly, s.compute.secondary_monthly, &|r| {
                pricing::compute(catalog, s, r)
            }),
            vector_db: layer(s.vector_db.monthly, s.vector_db.secondary_monthly, &|r| {
                let copy = if r == p {
                    VectorCopy::Primary
                } else {
                    VectorCopy::Secondary
                };
                pricing::vector_db(catalog, s, r, copy)
            }),
            storage: layer(s.storage.monthly, s.storage.secondary_monthly, &|r| {
                pricing::storage(catalog, s, r)
            }),
            backups,
            network_primary: n.primary_monthly.to_decimal(),
            ai: (0..s.providers.len())
                .map(|i| pricing::provider(catalog, s, i))
                .collect(),
            transfer: gb_or_entered(n.cross_region_gb, n.cross_region_monthly),
            transfer_entered: n.cross_region_monthly.is_some(),
            replication_full: gb_or_entered(n.replication_gb, n.replication_monthly),
            replication_entered: n.replication_monthly.is_some(),
            monitoring: s.monitoring_monthly.to_decimal(),
            rate: s.currency.rate_from_usd,
            code: s.currency.code.clone(),
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

    /// Calls `emit(item, location, provider index, USD exact, how)` for each line of a plan.
    fn each_line(&self, plan: Plan, mut emit: impl FnMut(Item, Location, Option<usize>, Decimal, How<'_>)) {
        emit(
            Item::Compute,
            Location::Primary,
            None,
            self.compute.primary.usd,
            self.compute.primary_how(),
        );
        emit(
            Item::VectorDb,
            Location::Primary,
            None,
            self.vector_db.primary.usd,
            self.vector_db.primary_how(),
        );
        if let Some(ai) = self.ai.first() {
            emit(
                Item::AiProvider,
                Location::Primary,
                Some(0),
                ai.usd,
                How::Derived(&ai.how),
            );
        }
        emit(
            Item::Storage,
            Location::Primary,
            None,
            self.storage.primary.usd,
            self.storage.primary_how(),
        );
        if let Some(b) = &self.backups {
            emit(
                Item::Backups,
                Location::Primary,
                None,
                b.primary.usd,
                How::Derived(&b.primary.how),
            );
        }
        emit(
            Item::Network,
            Location::Primary,
            None,
            self.network_primary,
            How::Entered("entered: production network (egress, load balancers) a month"),
        );
        let Plan::Dr { factors: f, entered } = plan else { return };
        fn secondary(l: &Layer, factor: Decimal, entered: bool) -> (Decimal, How<'_>) {
            match (entered, l.secondary_entered) {
                (true, Some(v)) => (
                    v,
                    How::Entered("entered: the secondary amount under the chosen strategy"),
                ),
                _ => (
                    l.secondary_full.usd * factor,
                    How::Share(&l.secondary_full.how, factor, l.primary_entered),
                ),
            }
        }
        let (usd, how) = secondary(&self.compute, f.compute, entered);
        emit(Item::Compute, Location::Secondary, None, usd, how);
        let (usd, how) = secondary(&self.vector_db, f.vector_db, entered);
        emit(Item::VectorDb, Location::Secondary, None, usd, how);
        for (i, standby) in self.ai.iter().enumerate().skip(1) {
            emit(
                Item::AiProvider,
                Location::Secondary,
                Some(i),
                standby.usd,
                How::Derived(&standby.how),
            );
        }
        let (usd, how) = secondary(&self.storage, f.storage, entered);
        emit(Item::Storage, Location::Secondary, None, usd, how);
        // Every DR plan copies the whole ladder to the secondary (a backup
        // kept only where the disaster strikes restores nothing), whatever
        // its storage share; an entered secondary storage amount includes
        // its backups, as the primary's does.
        if let Some(b) = &self.backups {
            if !(entered && self.storage.secondary_entered.is_some()) {
                emit(
                    Item::Backups,
                    Location::Secondary,
                    None,
                    b.secondary_full.usd,
                    How::Derived(&b.secondary_full.how),
                );
            }
        }
        emit(
            Item::DataTransfer,
            Location::CrossRegion,
            None,
            self.transfer.usd,
            How::Share(&self.transfer.how, Decimal::ONE, self.transfer_entered),
        );
        emit(
            Item::Replication,
            Location::CrossRegion,
            None,
            self.replication_full.usd * f.replication,
            How::Share(&self.replication_full.how, f.replication, self.replication_entered),
        );
        emit(
            Item::Monitoring,
            Location::CrossRegion,
            None,
            self.monitoring,
            How::Entered("entered: DR monitoring a month"),
        );
    }

    /// The full breakdown of a plan.
    pub(crate) fn plan(&self, s: &Scenario, plan: Plan) -> PlanCost {
        let mut lines = Vec::with_capacity(16);
        self.each_line(plan, |item, location, provider, usd, how| {
            let monthly = self.convert(usd);
            let (how, entered) = match how {
                How::Derived(text) => (text.to_owned(), false),
                How::Share(text, factor, entered) if factor == Decimal::ONE => (text.to_owned(), entered),
                How::Share(text, factor, entered) => (
                    format!("{text} × {} (the plan's share of a full copy)", factor.normalize()),
                    entered,
                ),
                How::Entered(text) => (text.to_owned(), true),
            };
            // The formula is in USD catalog prices; the amount is converted once.
            let how = if self.rate == Decimal::ONE {
                how
            } else {
                format!("{how}; × {} {} per USD", self.rate.normalize(), self.code)
            };
            lines.push(CostLine {
                component: item.component(),
                location,
                item,
                provider: provider
                    .and_then(|i| s.providers.get(i))
                    .map(|l| format!("{}/{}", l.provider, l.model)),
                monthly,
                annual: monthly * MONTHS_PER_YEAR,
                how,
                entered,
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
        self.each_line(plan, |item, location, _, usd, _| {
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
        self.each_line(plan, |item, location, _, usd, _| {
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

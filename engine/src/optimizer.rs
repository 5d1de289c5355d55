//! Over 500 lines because the search, its layer modes and the frontier share private types; tests included.
//!
//! The per-layer optimizer: each layer picks its own recovery mode; exhaustive search for the
//! cheapest design meeting the RTO and RPO targets and for the cost/RTO Pareto frontier.
//!
//! Modes per layer, all derived from the catalog and the scenario:
//! - **Compute**: every distinct compute setting of the catalog's strategies
//!   (secondary share of a full copy, standby capacity, failover minutes;
//!   warm standby at the scenario's standby fraction). Recovers in
//!   provisioning minutes × (1 − capacity), as [`crate::strategy::rto_minutes`].
//! - **Vector DB and data**: every distinct data setting of the strategies
//!   (vector DB and storage shares, replication bandwidth, restore or
//!   replicated, snapshot/async/sync). A replica recovers at once with the
//!   strategy's RPO; restoring takes the backups layer's restore time.
//! - **AI provider chain**: the scenario's chain with each fallback link
//!   pay-per-use or, when it has a provisioned amount, provisioned. The chain
//!   recovers in the provider failover minutes when some fallback can carry
//!   the traffic (provisioned, or a pay-per-use model whose tokens-per-minute
//!   limit covers requests × tokens ÷ 43,800 minutes a month); otherwise the
//!   outage is waited out: the longest likely duration of the catalog's
//!   provider-failover risks.
//! - **Backups**: each storage class of the catalog as the class of the
//!   newest backup rung; its retrieval hours lengthen a restore.
//!
//! Costs come from [`crate::cost`]'s lines (secondaries at their factors of a
//! full copy; entered secondary amounts are not used, as no design is the
//! user's current one). A design's monthly = `fixed_monthly` + Σ its modes'
//! monthly, comparable with [`crate::StrategyEstimate::monthly`]: a design made
//! of one strategy's settings, the scenario's chain and its backup class costs
//! what that strategy costs without entered secondary amounts.
//!
//! Layers recover in parallel once the failure is detected and traffic is
//! switched (the compute mode's failover minutes, as a strategy's):
//! RTO = max(provider chain, failover + max(compute, data)), where data is
//! the backups mode's restore time when the data mode restores, else 0.
//! (A catalog strategy that restores adds its restore after provisioning;
//! the optimizer lets them overlap.) RPO = the worst of the data mode's and,
//! when it restores, the backups'.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, DataMode, Mitigation};
use crate::cost::{Basis, Factors, Item, Location, Plan, PlanCost, MONTHS_PER_YEAR};
use crate::deadline::Cancel;
use crate::error::Result;
use crate::estimate::{priced, targets};
use crate::money::Money;
use crate::recovery;
use crate::rounding::minutes;
use crate::scenario::{Backups, Scenario, StandbyMode, Targets};
use crate::strategy;

const SIXTY: Decimal = Decimal::from_parts(60, 0, 0, false, 0);

/// A layer of the deployment that recovers on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// Application compute in the secondary.
    Compute,
    /// The vector database with the data storage and replication behind it.
    VectorDb,
    /// The AI provider chain's fallback links.
    ProviderChain,
    /// The storage class of the newest backups.
    Backups,
}

impl Layer {
    /// Every layer, in design order.
    pub const ALL: [Layer; 4] = [Layer::Compute, Layer::VectorDb, Layer::ProviderChain, Layer::Backups];

    /// English label for tables and charts, e.g. "Vector DB and data".
    pub fn label(self) -> &'static str {
        match self {
            Layer::Compute => "Compute",
            Layer::VectorDb => "Vector DB and data",
            Layer::ProviderChain => "AI provider chain",
            Layer::Backups => "Backups",
        }
    }
}

/// One recovery mode of one layer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LayerMode {
    /// The layer.
    pub layer: Layer,
    /// Mode id, unique within the layer: the first catalog strategy with this
    /// setting (compute, vector DB), `p2:provisioned,p3:pay_per_use` (chain),
    /// the storage class id (backups).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What this layer adds to the monthly bill in this mode, reporting
    /// currency (backups: the whole primary retention ladder with the newest
    /// rung on this class; 0 when storage is entered directly).
    pub monthly: Money,
    /// Minutes this layer needs to recover once traffic is switched (chain:
    /// from the provider failure; backups: restoring the newest snapshot), to 0.1.
    pub rto_minutes: Decimal,
    /// Data this layer can lose, in minutes, to 0.1.
    pub rpo_minutes: Decimal,
    /// Compute: minutes to detect the failure and switch traffic, added once
    /// to the design's data and compute recovery; 0 for the other layers.
    pub failover_minutes: Decimal,
    /// Vector DB: whether this mode restores from the backups (then the
    /// backups mode's time and RPO count); false for the other layers.
    pub restores_from_backups: bool,
}

/// The modes one layer can take.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LayerOptions {
    /// The layer.
    pub layer: Layer,
    /// Its modes, in catalog order, identical settings listed once.
    pub modes: Vec<LayerMode>,
}

/// One combination of modes, one per layer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Design {
    /// One mode per layer, in [`Layer::ALL`] order.
    pub modes: Vec<LayerMode>,
    /// [`Optimization::fixed_monthly`] + Σ the modes' monthly: the whole
    /// plan, production included, comparable with [`crate::StrategyEstimate::monthly`].
    pub monthly: Money,
    /// 12 × `monthly`.
    pub annual: Money,
    /// max(chain, compute failover + max(compute, data)), to 0.1; data = the
    /// backups' restore when the vector DB mode restores, else the mode's own.
    pub rto_minutes: Decimal,
    /// The worst RPO of the layers that count, to 0.1.
    pub rpo_minutes: Decimal,
    /// `rto_minutes` ≤ the target RTO.
    pub meets_rto: bool,
    /// `rpo_minutes` ≤ the target RPO.
    pub meets_rpo: bool,
    /// Whether this design is a point of [`Optimization::frontier`].
    pub on_frontier: bool,
}

/// The result of the exhaustive search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Optimization {
    /// The targets designs are checked against (custom, else the tier's).
    pub targets: Targets,
    /// Each layer's modes, in [`Layer::ALL`] order.
    pub layers: Vec<LayerOptions>,
    /// What every design pays whatever its modes: production only without its
    /// backup ladder, plus cross-region data transfer and DR monitoring.
    pub fixed_monthly: Money,
    /// Designs searched: the product of the layers' mode counts.
    pub search_space: u64,
    /// Designs that meet both targets.
    pub feasible: u64,
    /// The cheapest design meeting both targets (ties: lower RTO, lower RPO,
    /// then layer and mode order); `None` when none does.
    pub cheapest: Option<Design>,
    /// When no design meets both targets: the one that misses them by least
    /// (smallest RTO shortfall, then RPO shortfall, then cheapest).
    pub closest: Option<Design>,
    /// The cost/RTO Pareto frontier over all designs, cost ascending (RTO
    /// strictly descending): no design is both cheaper or as cheap and faster
    /// or as fast than a point without being that point's equal.
    pub frontier: Vec<Design>,
}

/// Validates the scenario, applies its price overrides and searches every design.
pub fn optimize(catalog: &Catalog, scenario: &Scenario) -> Result<Optimization> {
    optimize_until(catalog, scenario, &Cancel::never())
}

/// [`optimize`], stopping with [`crate::Error::Cancelled`] once `cancel` is set.
pub fn optimize_until(catalog: &Catalog, scenario: &Scenario, cancel: &Cancel) -> Result<Optimization> {
    priced(catalog, scenario, |catalog, s| run(catalog, s, cancel))?
}

fn zero_factors() -> Factors {
    Factors {
        compute: Decimal::ZERO,
        vector_db: Decimal::ZERO,
        storage: Decimal::ZERO,
        replication: Decimal::ZERO,
    }
}

fn dr(factors: Factors) -> Plan {
    Plan::Dr {
        factors,
        entered: false,
    }
}

/// Lists `mode` unless a mode with the same effect is already listed.
fn push_distinct(modes: &mut Vec<LayerMode>, mode: LayerMode) {
    let same = |m: &LayerMode| {
        (
            m.monthly,
            m.rto_minutes,
            m.rpo_minutes,
            m.failover_minutes,
            m.restores_from_backups,
        ) == (
            mode.monthly,
            mode.rto_minutes,
            mode.rpo_minutes,
            mode.failover_minutes,
            mode.restores_from_backups,
        )
    };
    if !modes.iter().any(same) {
        modes.push(mode);
    }
}

fn percent_text(share: Decimal) -> String {
    format!("{} %", (share * Decimal::ONE_HUNDRED).normalize())
}

fn compute_modes(catalog: &Catalog, s: &Scenario, basis: &Basis) -> Vec<LayerMode> {
    let mut modes = Vec::new();
    for st in catalog.strategies() {
        let f = strategy::factors(st, s.standby_fraction);
        let capacity = if st.uses_standby_fraction {
            s.standby_fraction
        } else {
            st.standby_capacity
        }
        .min(Decimal::ONE);
        let what = if capacity.is_zero() {
            "off, provisioned on failover".to_owned()
        } else if capacity == Decimal::ONE {
            format!(
                "full capacity standing by at {} of a copy's cost",
                percent_text(f.compute)
            )
        } else {
            format!("{} of capacity running", percent_text(capacity))
        };
        let monthly = basis.monthly_of(
            dr(Factors {
                compute: f.compute,
                ..zero_factors()
            }),
            |item, location| item == Item::Compute && location == Location::Secondary,
        );
        push_distinct(
            &mut modes,
            LayerMode {
                layer: Layer::Compute,
                id: st.id.clone(),
                name: format!("{}: {what}", st.name),
                monthly,
                rto_minutes: minutes(Decimal::from(s.compute.provision_minutes) * (Decimal::ONE - capacity)),
                rpo_minutes: Decimal::ZERO,
                failover_minutes: minutes(st.failover_minutes),
                restores_from_backups: false,
            },
        );
    }
    modes
}

fn data_modes(catalog: &Catalog, s: &Scenario, basis: &Basis) -> Vec<LayerMode> {
    let mut modes = Vec::new();
    for st in catalog.strategies() {
        let f = strategy::factors(st, s.standby_fraction);
        let restores = st.data == DataMode::Restore;
        let what = if restores {
            "restore from backups".to_owned()
        } else {
            format!(
                "{} replica at {} of a copy",
                match st.replication_mode {
                    crate::catalog::ReplicationMode::Sync => "synchronous",
                    _ => "asynchronous",
                },
                percent_text(f.vector_db)
            )
        };
        let monthly = basis.monthly_of(
            dr(Factors {
                compute: Decimal::ZERO,
                ..f
            }),
            |item, location| {
                item == Item::Replication
                    || (location == Location::Secondary && matches!(item, Item::VectorDb | Item::Storage))
            },
        );
        push_distinct(
            &mut modes,
            LayerMode {
                layer: Layer::VectorDb,
                id: st.id.clone(),
                name: format!("{}: {what}", st.name),
                monthly,
                rto_minutes: if restores {
                    minutes(recovery::restore_minutes(catalog, s))
                } else {
                    Decimal::ZERO
                },
                rpo_minutes: minutes(strategy::rpo_minutes(s, st)),
                failover_minutes: Decimal::ZERO,
                restores_from_backups: restores,
            },
        );
    }
    modes
}

/// The chain's fallback links, each pay-per-use or (when it has a
/// provisioned amount) provisioned: every combination, the given chain's first.
/// Minutes an AI provider outage lasts when no fallback can carry the
/// traffic: the longest likely duration of the provider-failover risks.
fn waited_out_minutes(catalog: &Catalog) -> Decimal {
    catalog
        .risks()
        .iter()
        .filter(|r| r.mitigation == Mitigation::ProviderFailover)
        .map(|r| r.hours_per_event.likely * SIXTY)
        .max()
        .unwrap_or(Decimal::ZERO)
}

/// Whether some fallback of `links` carries the whole traffic: provisioned,
/// self-hosted (it runs the GPUs the load needs), or pay-per-use within its
/// rate limit.
fn chain_carries(catalog: &Catalog, links: &[crate::scenario::ProviderLink], workload_tpm: Decimal) -> bool {
    links.iter().any(|link| {
        link.standby == StandbyMode::Provisioned
            || catalog
                .model(&link.provider, &link.model)
                .is_some_and(|m| m.tokens_per_minute.is_none_or(|tpm| Decimal::from(tpm) >= workload_tpm))
    })
}

/// Minutes the scenario's own provider chain needs to recover from a
/// provider outage: the failover minutes when a fallback carries the
/// traffic, else the outage waited out. A strategy's RTO is at least this.
pub(crate) fn chain_rto_minutes(catalog: &Catalog, s: &Scenario) -> Decimal {
    let fallbacks = s.providers.get(1..).unwrap_or_default();
    if chain_carries(catalog, fallbacks, crate::pricing::workload_tokens_per_minute(s)) {
        Decimal::from(s.provider_failover_minutes)
    } else {
        waited_out_minutes(catalog)
    }
}

fn provider_modes(catalog: &Catalog, s: &Scenario) -> Vec<LayerMode> {
    let fallbacks = s.providers.len().saturating_sub(1);
    let workload_tpm = crate::pricing::workload_tokens_per_minute(s);
    let waited_out = waited_out_minutes(catalog);
    let choices: Vec<Vec<StandbyMode>> = s.providers[1..]
        .iter()
        .map(|link| {
            let given = link.standby;
            let mut options = vec![given];
            let other = match given {
                StandbyMode::PayPerUse => StandbyMode::Provisioned,
                StandbyMode::Provisioned => StandbyMode::PayPerUse,
            };
            if !link.provisioned_monthly.to_decimal().is_zero() {
                options.push(other);
            }
            options
        })
        .collect();
    let mut modes = Vec::new();
    for pick in combinations(&choices.iter().map(Vec::len).collect::<Vec<_>>()) {
        let mut variant = s.clone();
        for (i, &choice) in pick.iter().enumerate() {
            variant.providers[i + 1].standby = choices[i][choice];
        }
        let links = &variant.providers[1..];
        let carries = chain_carries(catalog, links, workload_tpm);
        let id: Vec<String> = links
            .iter()
            .enumerate()
            .map(|(i, link)| format!("p{}:{}", i + 2, standby_id(link.standby)))
            .collect();
        let name: Vec<String> = links
            .iter()
            .map(|link| {
                let mode = if catalog.is_self_hosted(&link.provider) {
                    "self-hosted, always on".to_owned()
                } else {
                    standby_id(link.standby).replace('_', "-")
                };
                format!("{}/{} {mode}", link.provider, link.model)
            })
            .collect();
        let monthly = Basis::new(catalog, &variant).monthly_of(dr(zero_factors()), |item, location| {
            item == Item::AiProvider && location == Location::Secondary
        });
        modes.push(LayerMode {
            layer: Layer::ProviderChain,
            id: if fallbacks == 0 {
                "none".to_owned()
            } else {
                id.join(",")
            },
            name: if fallbacks == 0 {
                "No fallback provider".to_owned()
            } else {
                name.join(", ")
            },
            monthly,
            rto_minutes: minutes(if carries {
                Decimal::from(s.provider_failover_minutes)
            } else {
                waited_out
            }),
            rpo_minutes: Decimal::ZERO,
            failover_minutes: Decimal::ZERO,
            restores_from_backups: false,
        });
    }
    modes
}

fn standby_id(mode: StandbyMode) -> &'static str {
    match mode {
        StandbyMode::PayPerUse => "pay_per_use",
        StandbyMode::Provisioned => "provisioned",
    }
}

fn backup_modes(catalog: &Catalog, s: &Scenario) -> Vec<LayerMode> {
    catalog
        .storage_classes()
        .iter()
        .map(|class| {
            let mut variant = s.clone();
            set_newest_class(&mut variant.backups, &class.id);
            // Every DR plan keeps the ladder in both regions (see `crate::cost`),
            // whatever its other layers do, so this layer carries both.
            let monthly = Basis::new(catalog, &variant).monthly_of(dr(zero_factors()), |item, _| item == Item::Backups);
            LayerMode {
                layer: Layer::Backups,
                id: class.id.clone(),
                name: format!(
                    "{}, first byte after {} h",
                    class.name,
                    class.retrieval_hours.normalize()
                ),
                monthly,
                rto_minutes: minutes(recovery::restore_minutes(catalog, &variant)),
                rpo_minutes: minutes(Decimal::from(s.backups.snapshot_interval_minutes)),
                failover_minutes: Decimal::ZERO,
                restores_from_backups: false,
            }
        })
        .collect()
}

/// Every index tuple of a product of `sizes`, the last position varying fastest.
fn combinations(sizes: &[usize]) -> Vec<Vec<usize>> {
    let mut all = vec![Vec::new()];
    for &size in sizes {
        all = all
            .into_iter()
            .flat_map(|prefix| {
                (0..size).map(move |i| {
                    let mut next = prefix.clone();
                    next.push(i);
                    next
                })
            })
            .collect();
    }
    all
}

/// A design's figures from its modes (one per layer, [`Layer::ALL`] order).
fn design(modes: Vec<LayerMode>, fixed_monthly: Money, targets: Targets) -> Design {
    let [compute, data, chain, backups] = [&modes[0], &modes[1], &modes[2], &modes[3]];
    let (data_rto, data_rpo) = if data.restores_from_backups {
        (backups.rto_minutes, data.rpo_minutes.max(backups.rpo_minutes))
    } else {
        (data.rto_minutes, data.rpo_minutes)
    };
    let rto = chain
        .rto_minutes
        .max(compute.failover_minutes + compute.rto_minutes.max(data_rto));
    let rpo = data_rpo.max(compute.rpo_minutes).max(chain.rpo_minutes);
    let monthly = modes.iter().map(|m| m.monthly).sum::<Money>() + fixed_monthly;
    Design {
        monthly,
        annual: monthly * MONTHS_PER_YEAR,
        rto_minutes: rto,
        rpo_minutes: rpo,
        meets_rto: rto <= targets.rto_minutes,
        meets_rpo: rpo <= targets.rpo_minutes,
        on_frontier: false,
        modes,
    }
}

fn run(catalog: &Catalog, s: &Scenario, cancel: &Cancel) -> Result<Optimization> {
    let targets = targets(catalog, s);
    let basis = Basis::new(catalog, s);
    let layers = vec![
        LayerOptions {
            layer: Layer::Compute,
            modes: compute_modes(catalog, s, &basis),
        },
        LayerOptions {
            layer: Layer::VectorDb,
            modes: data_modes(catalog, s, &basis),
        },
        LayerOptions {
            layer: Layer::ProviderChain,
            modes: provider_modes(catalog, s),
        },
        LayerOptions {
            layer: Layer::Backups,
            modes: backup_modes(catalog, s),
        },
    ];
    let fixed_monthly = basis.monthly_of(dr(zero_factors()), |item, location| {
        (location == Location::Primary && item != Item::Backups)
            || matches!(item, Item::DataTransfer | Item::Monitoring)
    });
    let sizes: Vec<usize> = layers.iter().map(|l| l.modes.len()).collect();
    let mut designs: Vec<Design> = combinations(&sizes)
        .into_iter()
        .map(|pick| {
            // One relaxed load per design: nothing next to pricing a design.
            cancel.check()?;
            let modes = pick
                .iter()
                .zip(&layers)
                .map(|(&i, layer)| layer.modes[i].clone())
                .collect();
            Ok(design(modes, fixed_monthly, targets))
        })
        .collect::<Result<_>>()?;
    // Enumeration order is the last tie-break: a stable sort keeps it.
    designs.sort_by_key(|d| (d.monthly, d.rto_minutes, d.rpo_minutes));
    let mut frontier_at = Vec::new();
    for (i, d) in designs.iter().enumerate() {
        if frontier_at
            .last()
            .is_none_or(|&j: &usize| d.rto_minutes < designs[j].rto_minutes)
        {
            frontier_at.push(i);
        }
    }
    for &i in &frontier_at {
        designs[i].on_frontier = true;
    }
    let feasible = designs.iter().filter(|d| d.meets_rto && d.meets_rpo).count() as u64;
    let cheapest = designs.iter().find(|d| d.meets_rto && d.meets_rpo).cloned();
    let closest = match cheapest {
        Some(_) => None,
        None => closest(&designs, targets).cloned(),
    };
    Ok(Optimization {
        targets,
        search_space: designs.len() as u64,
        feasible,
        cheapest,
        closest,
        frontier: frontier_at.iter().map(|&i| designs[i].clone()).collect(),
        layers,
        fixed_monthly,
    })
}

/// The design that misses the targets by least: smallest RTO shortfall, then
/// RPO shortfall, then the cheapest (`designs` is sorted cheapest first).
fn closest(designs: &[Design], targets: Targets) -> Option<&Design> {
    designs.iter().min_by_key(|d| {
        (
            (d.rto_minutes - targets.rto_minutes).max(Decimal::ZERO),
            (d.rpo_minutes - targets.rpo_minutes).max(Decimal::ZERO),
        )
    })
}

/// The optimized plan of an estimate: the cheapest design meeting both
/// targets, else the closest, with its cost lines.
pub(crate) fn optimized_plan(catalog: &Catalog, s: &Scenario) -> (Design, PlanCost) {
    // The estimate's own search is never cancelled: it takes a fraction of a millisecond.
    let o = run(catalog, s, &Cancel::never()).expect("BUG: a search that is never cancelled cannot fail");
    let design = o
        .cheapest
        .or(o.closest)
        .expect("BUG: every layer has at least one mode, so some design exists");
    let (variant, factors) = variant(catalog, s, &design);
    let plan = Basis::new(catalog, &variant).plan(&variant, dr(factors));
    (design, plan)
}

/// The scenario and secondary factors a design stands for: the compute and
/// data modes' strategies' factors, the chain's standby modes and the newest
/// backup rung's class.
fn variant(catalog: &Catalog, s: &Scenario, design: &Design) -> (Scenario, Factors) {
    let strategy_factors = |id: &str| {
        catalog
            .strategy(id)
            .map_or_else(zero_factors, |st| strategy::factors(st, s.standby_fraction))
    };
    let mut variant = s.clone();
    let mut factors = zero_factors();
    for mode in &design.modes {
        match mode.layer {
            Layer::Compute => factors.compute = strategy_factors(&mode.id).compute,
            Layer::VectorDb => {
                let f = strategy_factors(&mode.id);
                (factors.vector_db, factors.storage, factors.replication) = (f.vector_db, f.storage, f.replication);
            }
            Layer::ProviderChain => {
                for (i, part) in mode.id.split(',').enumerate() {
                    let standby = part.split_once(':').map(|(_, m)| m);
                    if let (Some(link), Some(m)) = (variant.providers.get_mut(i + 1), standby) {
                        link.standby = if m == standby_id(StandbyMode::Provisioned) {
                            StandbyMode::Provisioned
                        } else {
                            StandbyMode::PayPerUse
                        };
                    }
                }
            }
            Layer::Backups => set_newest_class(&mut variant.backups, &mode.id),
        }
    }
    (variant, factors)
}

/// Puts the newest rung (the first that keeps backups; validation ensures
/// one does) on storage class `id`.
fn set_newest_class(b: &mut Backups, id: &str) {
    let class = if b.standard_days > 0 {
        &mut b.standard_class
    } else if b.infrequent_days > 0 {
        &mut b.infrequent_class
    } else {
        &mut b.archive_class
    };
    id.clone_into(class);
}

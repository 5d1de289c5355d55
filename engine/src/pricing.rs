//! What the regional layers and the AI providers cost a month from the
//! quantities the architect entered and the catalog's prices, each with the
//! sentence that shows how (the "how" column of every cost line).
//!
//! Amounts are exact USD; [`crate::cost`] turns them into plan lines.
//! Prices a region lacks are refused by [`crate::validate`] before anything
//! is priced, so a missing price here reads as zero only in a scenario that
//! could not be estimated anyway.

use rust_decimal::Decimal;

use crate::catalog::{Catalog, VectorDbModel, VectorDbOffering, DB_STORAGE_GB_MONTH, GPU_HOUR, VCPU_HOUR};
use crate::cost::HOURS_PER_MONTH;
use crate::present;
use crate::recovery;
use crate::scenario::{ProviderLink, Scenario, StandbyMode};

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const SECONDS_PER_HOUR: Decimal = Decimal::from_parts(3_600, 0, 0, false, 0);
const MINUTES_PER_HOUR: Decimal = Decimal::from_parts(60, 0, 0, false, 0);
/// Bytes in a kilobyte, as Pinecone counts write units (1 WU per KB written).
const BYTES_PER_KB: Decimal = Decimal::from_parts(1_000, 0, 0, false, 0);
/// A serverless query reads at least this many read units (Pinecone's cost guide).
const MIN_READ_UNITS: Decimal = Decimal::from_parts(25, 0, 0, false, 2);

/// A monthly amount in USD and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Priced {
    pub usd: Decimal,
    pub how: String,
}

fn usd(value: Decimal) -> String {
    present::decimal(value.normalize())
}

fn count(value: Decimal) -> String {
    present::count(value)
}

/// Application compute: vCPUs × the region's price per vCPU-hour × 730 h.
pub(crate) fn compute(catalog: &Catalog, s: &Scenario, region: &str) -> Priced {
    let price = catalog.region_price(region, VCPU_HOUR).unwrap_or_default();
    let vcpus = Decimal::from(s.compute.vcpus);
    Priced {
        usd: vcpus * price * HOURS_PER_MONTH,
        how: format!(
            "{} vCPU × {} USD per vCPU-hour in {region} × 730 h",
            count(vcpus),
            usd(price)
        ),
    }
}

/// Whether the vector database copy priced is the primary (it serves the
/// queries and carries the account's minimum) or a full copy in the secondary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VectorCopy {
    Primary,
    Secondary,
}

/// The vector database in `region`, as its offering is bought.
pub(crate) fn vector_db(catalog: &Catalog, s: &Scenario, region: &str, copy: VectorCopy) -> Priced {
    let Some(offering) = catalog.vector_db(&s.vector_db.offering) else {
        return Priced {
            usd: Decimal::ZERO,
            how: String::new(),
        };
    };
    let gb = recovery::vector_db_gb(s);
    match offering.model {
        VectorDbModel::Serverless => serverless(offering, s, gb, copy),
        _ => sized_by_ram(catalog, offering, s, gb, region),
    }
}

/// Serverless: GB stored × price, plus read units (each query reads the
/// namespace's size in GB, at least 0.25 RU) and write units (1 WU per KB
/// of vector written); the primary pays at least the account's monthly
/// minimum. A secondary copy stores the same vectors and takes the same
/// writes but serves no queries until a failover.
fn serverless(o: &VectorDbOffering, s: &Scenario, gb: Decimal, copy: VectorCopy) -> Priced {
    let storage_price = o.storage_gb_month.unwrap_or_default();
    let read_price = o.read_units_per_million.unwrap_or_default();
    let write_price = o.write_units_per_million.unwrap_or_default();
    let minimum = o.minimum_monthly.unwrap_or_default();
    let storage = gb * storage_price;
    let write_units = Decimal::from(s.vector_db.dimensions) * recovery::BYTES_PER_DIMENSION / BYTES_PER_KB;
    let writes = Decimal::from(s.vector_db.monthly_writes) * write_units * write_price / MILLION;
    let storage_how = format!("{} GB × {} USD per GB-month", usd(gb), usd(storage_price));
    let writes_how = format!(
        "{} writes × {} WU × {} USD per million WU",
        count(Decimal::from(s.vector_db.monthly_writes)),
        usd(write_units),
        usd(write_price)
    );
    match copy {
        VectorCopy::Secondary => Priced {
            usd: storage + writes,
            how: format!("{}: {storage_how} + {writes_how}; no queries until a failover", o.name),
        },
        VectorCopy::Primary => {
            let read_units = gb.max(MIN_READ_UNITS);
            let queries = Decimal::from(s.workload.monthly_requests);
            let reads = queries * read_units * read_price / MILLION;
            let sum = storage + reads + writes;
            Priced {
                usd: sum.max(minimum),
                how: format!(
                    "{}: {storage_how} + {} queries × {} RU × {} USD per million RU + {writes_how}{}",
                    o.name,
                    count(queries),
                    usd(read_units),
                    usd(read_price),
                    if sum < minimum {
                        format!("; the plan's minimum of {} USD a month applies", usd(minimum))
                    } else {
                        String::new()
                    }
                ),
            }
        }
    }
}

/// Sized by RAM: the index takes vectors × dimensions × 4 bytes × the
/// offering's overhead in RAM; each replica needs ⌈that ÷ the RAM one node
/// holds⌉ nodes at the region's node price × 730 h; PostgreSQL and
/// self-hosted copies also pay disk for the index at the region's database
/// storage price.
fn sized_by_ram(catalog: &Catalog, o: &VectorDbOffering, s: &Scenario, gb: Decimal, region: &str) -> Priced {
    let overhead = o.index_overhead.unwrap_or(Decimal::ONE);
    let per_node = o.node_ram_gb.unwrap_or(Decimal::ONE);
    let resource = o.node_resource.as_deref().unwrap_or_default();
    let node_price = catalog.region_price(region, resource).unwrap_or_default();
    let ram = gb * overhead;
    let nodes = if per_node.is_zero() {
        Decimal::ZERO
    } else {
        (ram / per_node).ceil().max(Decimal::ONE)
    };
    let replicas = Decimal::from(s.vector_db.replicas);
    let compute = replicas * nodes * node_price * HOURS_PER_MONTH;
    let unit = match (per_node == Decimal::ONE, nodes == Decimal::ONE) {
        (true, _) => "GiB",
        (false, true) => "node",
        (false, false) => "nodes",
    };
    let mut how = format!(
        "{}: {} GB × {} overhead = {} GiB in RAM; {} {} × {} {unit} × {} USD per hour in {region} × 730 h",
        o.name,
        usd(gb),
        usd(overhead),
        usd(ram),
        count(replicas),
        if replicas == Decimal::ONE {
            "replica"
        } else {
            "replicas"
        },
        count(nodes),
        usd(node_price)
    );
    let disk = match o.model {
        VectorDbModel::Postgres | VectorDbModel::SelfHosted => {
            let price = catalog.region_price(region, DB_STORAGE_GB_MONTH).unwrap_or_default();
            how.push_str(&format!(
                " + {} × {} GB of disk × {} USD per GB-month",
                count(replicas),
                usd(ram),
                usd(price)
            ));
            replicas * ram * price
        }
        _ => Decimal::ZERO,
    };
    Priced {
        usd: compute + disk,
        how,
    }
}

/// Live data: GB × the class's us-east-1 price × the region's storage ratio.
pub(crate) fn storage(catalog: &Catalog, s: &Scenario, region: &str) -> Priced {
    let class = catalog.storage_class(&s.storage.class);
    let price = class.map_or(Decimal::ZERO, |c| c.price_per_gb_month);
    let ratio = storage_ratio(catalog, region);
    Priced {
        usd: s.storage.data_gb * price * ratio,
        how: format!(
            "{} GB × {} USD per GB-month ({}) × {} ({region} storage ratio)",
            usd(s.storage.data_gb),
            usd(price),
            class.map_or("", |c| c.name.as_str()),
            usd(ratio)
        ),
    }
}

/// The backup retention ladder kept in `region` ([`recovery::backup_ladder_monthly`]
/// × the region's storage ratio).
pub(crate) fn backups(catalog: &Catalog, s: &Scenario, region: &str) -> Priced {
    let ratio = storage_ratio(catalog, region);
    let b = &s.backups;
    let rungs: Vec<String> = [
        (b.standard_days, &b.standard_class),
        (b.infrequent_days, &b.infrequent_class),
        (b.archive_days, &b.archive_class),
    ]
    .iter()
    .filter(|(days, _)| *days > 0)
    .filter_map(|(days, id)| {
        let class = catalog.storage_class(id)?;
        let billed = (*days).max(class.min_days);
        Some(if billed > *days {
            format!(
                "{} × {billed} ÷ {days} ({}, {} billed as {billed})",
                usd(class.price_per_gb_month),
                class.name,
                day_count(*days)
            )
        } else {
            format!(
                "{} ({}, {})",
                usd(class.price_per_gb_month),
                class.name,
                day_count(*days)
            )
        })
    })
    .collect();
    Priced {
        usd: recovery::backup_ladder_monthly(catalog, s) * ratio,
        how: format!(
            "one {} GB snapshot per rung × ({}) USD per GB-month × {} ({region} storage ratio)",
            usd(recovery::snapshot_gb(s)),
            rungs.join(" + "),
            usd(ratio)
        ),
    }
}

fn day_count(days: u32) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}

fn storage_ratio(catalog: &Catalog, region: &str) -> Decimal {
    catalog.region(region).map_or(Decimal::ONE, |r| r.storage_multiplier)
}

/// GB a month × the transfer price from the primary to the secondary.
pub(crate) fn transfer(catalog: &Catalog, s: &Scenario, gb: Decimal) -> Priced {
    let price = catalog.transfer_price(&s.primary_region, &s.secondary_region);
    Priced {
        usd: gb * price,
        how: format!(
            "{} GB × {} USD per GB from {} to {}",
            usd(gb),
            usd(price),
            s.primary_region,
            s.secondary_region
        ),
    }
}

/// Output tokens per second the workload asks of a model: requests ×
/// output tokens ÷ the seconds of a 730-hour month. A GPU's throughput in
/// the catalog is sustained output (generation) throughput; reading the
/// prompt is far faster and is taken to fit in it (drplan's own assumption).
pub(crate) fn output_tokens_per_second(s: &Scenario) -> Decimal {
    let w = &s.workload;
    Decimal::from(w.monthly_requests) * Decimal::from(w.output_tokens_per_request)
        / (HOURS_PER_MONTH * SECONDS_PER_HOUR)
}

/// A link's monthly cost: the first serves the traffic (token prices, or
/// the entered spend); a fallback costs nothing until used when pay-per-use,
/// its entered amount when provisioned; a self-hosted link always runs its
/// GPUs (in the primary region when it serves, in the secondary when it
/// stands by), as many as carry the workload's tokens per second.
pub(crate) fn provider(catalog: &Catalog, s: &Scenario, index: usize) -> Priced {
    let Some(link) = s.providers.get(index) else {
        return Priced {
            usd: Decimal::ZERO,
            how: String::new(),
        };
    };
    let self_hosted = catalog.is_self_hosted(&link.provider);
    if index == 0 {
        if let Some(m) = s.workload.monthly_spend {
            return Priced {
                usd: m.to_decimal(),
                how: "entered monthly AI spend".to_owned(),
            };
        }
    }
    if self_hosted {
        let region = if index == 0 {
            &s.primary_region
        } else {
            &s.secondary_region
        };
        return gpus(catalog, s, link, region);
    }
    if index == 0 {
        return per_token(catalog, s, link);
    }
    match link.standby {
        StandbyMode::PayPerUse => Priced {
            usd: Decimal::ZERO,
            how: "pay-per-use: nothing until traffic moves to it".to_owned(),
        },
        StandbyMode::Provisioned => Priced {
            usd: link.provisioned_monthly.to_decimal(),
            how: "provisioned: the entered monthly amount".to_owned(),
        },
    }
}

/// USD a million requests cost at these token prices (USD per million
/// tokens): input tokens × input price + output tokens × output price; the
/// one formula of a request's token cost, for the bill and the fallback's premium.
fn per_million_requests(s: &Scenario, input_per_mtok: Decimal, output_per_mtok: Decimal) -> Decimal {
    let w = &s.workload;
    Decimal::from(w.input_tokens_per_request) * input_per_mtok
        + Decimal::from(w.output_tokens_per_request) * output_per_mtok
}

/// Tokens a minute the workload asks of a model: requests × (input +
/// output tokens) ÷ the minutes of a 730-hour month. A pay-per-use fallback
/// carries the traffic when its rate limit is at least this.
pub(crate) fn workload_tokens_per_minute(s: &Scenario) -> Decimal {
    let w = &s.workload;
    let tokens = u64::from(w.input_tokens_per_request) + u64::from(w.output_tokens_per_request);
    Decimal::from(w.monthly_requests) * Decimal::from(tokens) / (HOURS_PER_MONTH * MINUTES_PER_HOUR)
}

/// Requests × (input tokens × input price + output tokens × output price) ÷ 1,000,000.
fn per_token(catalog: &Catalog, s: &Scenario, link: &ProviderLink) -> Priced {
    let w = &s.workload;
    let (input, output) = catalog
        .model(&link.provider, &link.model)
        .map_or((Decimal::ZERO, Decimal::ZERO), |m| {
            (m.input_per_mtok, m.output_per_mtok)
        });
    let requests = Decimal::from(w.monthly_requests);
    Priced {
        usd: requests * per_million_requests(s, input, output) / MILLION,
        how: format!(
            "{} requests × ({} input tokens × {} + {} output tokens × {} USD per million tokens)",
            count(requests),
            count(Decimal::from(w.input_tokens_per_request)),
            usd(input),
            count(Decimal::from(w.output_tokens_per_request)),
            usd(output)
        ),
    }
}

/// GPU instances that carry the workload: ⌈tokens per second ÷ one GPU's
/// tokens per second⌉ (at least 1) × the region's GPU price × 730 h.
fn gpus(catalog: &Catalog, s: &Scenario, link: &ProviderLink, region: &str) -> Priced {
    let per_gpu = catalog
        .model(&link.provider, &link.model)
        .and_then(|m| m.gpu_tokens_per_second)
        .unwrap_or(Decimal::ONE);
    let count = gpu_count(s, per_gpu);
    let price = catalog.region_price(region, GPU_HOUR).unwrap_or_default();
    Priced {
        usd: count * price * HOURS_PER_MONTH,
        how: format!(
            "{} GPU × {} USD per hour in {region} × 730 h: {} output tokens per second ÷ {} per GPU",
            self::count(count),
            usd(price),
            usd(crate::rounding::minutes(output_tokens_per_second(s))),
            usd(per_gpu)
        ),
    }
}

/// GPUs needed for the workload at `per_gpu` tokens per second each (at least one).
pub(crate) fn gpu_count(s: &Scenario, per_gpu: Decimal) -> Decimal {
    if per_gpu <= Decimal::ZERO {
        return Decimal::ONE;
    }
    (output_tokens_per_second(s) / per_gpu).ceil().max(Decimal::ONE)
}

/// USD one request costs on `link` at the margin: the entered spend ÷
/// requests for the first link when entered, a self-hosted link's nothing
/// (its GPUs are paid whether used or not), else its token prices.
fn per_request(catalog: &Catalog, s: &Scenario, index: usize) -> Decimal {
    let w = &s.workload;
    let Some(link) = s.providers.get(index) else {
        return Decimal::ZERO;
    };
    if index == 0 {
        if let Some(m) = w.monthly_spend {
            return if w.monthly_requests == 0 {
                Decimal::ZERO
            } else {
                m.to_decimal() / Decimal::from(w.monthly_requests)
            };
        }
    }
    if catalog.is_self_hosted(&link.provider) {
        return Decimal::ZERO;
    }
    catalog.model(&link.provider, &link.model).map_or(Decimal::ZERO, |m| {
        per_million_requests(s, m.input_per_mtok, m.output_per_mtok) / MILLION
    })
}

/// USD an hour the first fallback costs over the primary while it carries
/// all the traffic: requests an hour × (its price per request − the
/// primary's), at least 0 (a cheaper fallback is not counted as a saving).
pub(crate) fn fallback_premium_per_hour(catalog: &Catalog, s: &Scenario) -> Decimal {
    if s.providers.len() < 2 {
        return Decimal::ZERO;
    }
    let difference = per_request(catalog, s, 1) - per_request(catalog, s, 0);
    Decimal::from(s.workload.monthly_requests) / HOURS_PER_MONTH * difference.max(Decimal::ZERO)
}

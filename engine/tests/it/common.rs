//! Scenarios shared by the integration tests: the reference setups of the article
//! "Disaster Recovery & Failover Strategies for AI Services".

// Tests edit a field or two of the default scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]
#![allow(dead_code)] // the server's chart tests include this file and use a subset

use engine::scenario::StandbyMode;
use engine::{Catalog, Money, Scenario};
use rust_decimal::Decimal;

/// The shipped catalog, parsed once per call (cheap enough for tests).
pub fn catalog() -> Catalog {
    Catalog::shipped()
}

/// The production-only inputs of the article's DR cost optimization table
/// (Part 6.1): compute 2,000, vector DB 1,500,
/// AI 3,000 (secondary provider pay-per-use), storage 500, network 300 plus
/// 500 of full replication; no entered secondaries, no cross-region transfer
/// or monitoring; warm standby at the default 20 %.
pub fn section3() -> Scenario {
    let mut s = Scenario::default();
    s.name = "Full versus optimized DR".to_owned();
    s.compute.monthly = Some(Money::from_units(2_000));
    s.compute.secondary_monthly = None;
    s.vector_db.monthly = Some(Money::from_units(1_500));
    s.vector_db.secondary_monthly = None;
    s.storage.monthly = Some(Money::from_units(500));
    s.storage.secondary_monthly = None;
    s.workload.monthly_spend = Some(Money::from_units(3_000));
    for link in &mut s.providers[1..] {
        link.standby = StandbyMode::PayPerUse;
        link.provisioned_monthly = Money::ZERO;
    }
    s.network.primary_monthly = Money::from_units(300);
    s.network.cross_region_monthly = Some(Money::ZERO);
    s.network.replication_monthly = Some(Money::from_units(500));
    s.monitoring_monthly = Money::ZERO;
    s.strategy = "warm_standby".to_owned();
    s.standby_fraction = Decimal::new(2, 1);
    s
}

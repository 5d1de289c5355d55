//! Scenarios shared by the integration tests: the reference setups of the article
//! "Disaster Recovery & Failover Strategies for AI Services".

// Tests edit a field or two of the default scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]
#![allow(dead_code)] // the server's chart tests include this file and use a subset

use engine::{Catalog, Scenario};

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
    engine::examples::cost_optimization()
}

/// The article's Part 1.1 production-tier bill (7,800 a month).
pub fn production() -> Scenario {
    engine::examples::production_tier()
}

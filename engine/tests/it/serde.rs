//! Serde: scenarios round-trip exactly and garbage is an error, never a panic.

// Tests edit a field or two of the default scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]

use engine::{Catalog, Scenario};

#[test]
fn default_scenario_round_trips_through_json_exactly() {
    let s = Scenario::default();
    let json = serde_json::to_string(&s).unwrap();
    let back: Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    assert!(json.contains("\"downtime_cost_per_hour\":\"15000.00\""), "{json}");
}

#[test]
fn estimate_and_catalog_round_trip_through_json() {
    let c = Catalog::shipped();
    let e = engine::estimate(&c, &Scenario::default()).unwrap();
    let back: engine::Estimate = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
    let back: Catalog = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back, c);
}

#[test]
fn garbage_is_rejected_cleanly() {
    let json = serde_json::to_string(&engine::examples::production_tier()).unwrap();
    let cases = [
        ("\"15000.00\"", "\"abc\""),
        ("\"15000.00\"", "\"1e999\""),
        ("\"15000.00\"", "\"99999999999999999999999999999999\""),
        ("\"15000.00\"", "null"),
        ("\"monitoring_monthly\"", "\"surprise\""),
        ("1000000,", "-5,"),
        ("\"standby\":\"provisioned\"", "\"standby\":\"maybe\""),
    ];
    for (from, to) in cases {
        assert!(json.contains(from), "{from}");
        let bad = json.replacen(from, to, 1);
        assert!(
            serde_json::from_str::<Scenario>(&bad).is_err(),
            "{to} should be rejected"
        );
    }
    assert!(serde_json::from_str::<Scenario>("{").is_err());
}

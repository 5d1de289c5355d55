//! Sensitivity: rows sorted by swing, the base inside each row's span, and known directions.

// Tests edit a field or two of a default scenario; that reads better than struct-update syntax.
#![allow(clippy::field_reassign_with_default)]

use engine::{estimate, sensitivity, Catalog, Error, Money, Scenario, Sensitivity, SensitivityRow};
use rust_decimal::Decimal;

fn row<'a>(s: &'a Sensitivity, id: &str) -> &'a SensitivityRow {
    s.rows
        .iter()
        .find(|r| r.input == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn between<T: PartialOrd + Copy + std::fmt::Debug>(base: T, a: T, b: T, what: &str) {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    assert!(lo <= base && base <= hi, "{what}: {base:?} outside {a:?}–{b:?}");
}

#[test]
fn rows_are_sorted_by_swing_and_the_base_lies_inside_each_span() {
    let catalog = Catalog::shipped();
    for strategy in ["backup_restore", "warm_standby", "active_passive"] {
        let mut scenario = Scenario::default();
        scenario.strategy = strategy.to_owned();
        let s = sensitivity(&catalog, &scenario).expect("valid");
        let e = estimate(&catalog, &scenario).expect("valid");
        assert_eq!(s.base_net_benefit, e.risk.ale_reduction - e.risk.dr_annual_cost);
        assert_eq!(s.base_break_even_hours, e.break_even.hours);
        let mut ids: Vec<&str> = s.rows.iter().map(|r| r.input.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            [
                "data_size",
                "downtime_cost",
                "outage_rates",
                "standby_fraction",
                "token_prices",
                "transfer_volume"
            ]
        );
        for pair in s.rows.windows(2) {
            assert!(
                pair[0].swing >= pair[1].swing,
                "{strategy}: {} before {}",
                pair[0].input,
                pair[1].input
            );
        }
        for r in &s.rows {
            let diff = r.net_benefit_high - r.net_benefit_low;
            assert_eq!(r.swing, if diff.is_negative() { Money::ZERO - diff } else { diff });
            // Every input here moves the figures one way only, so the base lies between.
            between(s.base_net_benefit, r.net_benefit_low, r.net_benefit_high, &r.input);
            between(s.base_break_even_hours, r.break_even_low, r.break_even_high, &r.input);
        }
    }
}

#[test]
fn each_input_moves_the_figures_the_way_it_should() {
    let s = sensitivity(&Catalog::shipped(), &Scenario::default()).expect("valid");
    let downtime = row(&s, "downtime_cost");
    assert!(downtime.net_benefit_high > downtime.net_benefit_low);
    assert!(downtime.break_even_high < downtime.break_even_low);
    assert_eq!(
        (downtime.low_label.as_str(), downtime.high_label.as_str()),
        ("−50 %", "+50 %")
    );
    let rates = row(&s, "outage_rates");
    assert!(rates.net_benefit_high > rates.net_benefit_low);
    assert_eq!(
        rates.break_even_high, rates.break_even_low,
        "break-even does not count outages"
    );
    // Token prices change the AI bill, the same with and without DR, so only
    // the re-embedding a backup avoids moves the net benefit: 0.5 index
    // losses a year × (60 − 20) USD of re-embedding at ±50 %.
    let tokens = row(&s, "token_prices");
    assert_eq!(tokens.swing, Money::from_units(20));
    assert!(tokens.net_benefit_high > tokens.net_benefit_low);
    assert_eq!(
        tokens.break_even_high, tokens.break_even_low,
        "break-even counts what DR adds, and the primary's AI bill is the same with and without DR"
    );
    let transfer = row(&s, "transfer_volume");
    assert!(transfer.net_benefit_high < transfer.net_benefit_low);
    // Active-passive ignores the standby fraction.
    let standby = row(&s, "standby_fraction");
    assert_eq!(standby.swing, Money::ZERO);
    assert_eq!(
        (standby.low_label.as_str(), standby.high_label.as_str()),
        ("10 %", "30 %")
    );
    // Both scale every ALE reduction; outage rates also scale the re-embedding avoided.
    let first: Vec<&str> = s.rows[..2].iter().map(|r| r.input.as_str()).collect();
    assert_eq!(first, ["outage_rates", "downtime_cost"]);
}

#[test]
fn the_standby_fraction_is_capped_at_one_and_moves_warm_standby() {
    let mut scenario = Scenario::default();
    scenario.strategy = "warm_standby".to_owned();
    scenario.standby_fraction = Decimal::new(8, 1);
    let s = sensitivity(&Catalog::shipped(), &scenario).expect("valid");
    let standby = row(&s, "standby_fraction");
    assert_eq!(
        (standby.low_label.as_str(), standby.high_label.as_str()),
        ("40 %", "100 %")
    );
    // A larger standby costs more and recovers faster: it moves the figures either way.
    assert!(standby.swing > Money::ZERO);
    assert_ne!(standby.break_even_high, standby.break_even_low);
}

#[test]
fn an_invalid_scenario_is_a_field_error() {
    let mut scenario = Scenario::default();
    scenario.standby_fraction = Decimal::from(2);
    let Err(Error::Invalid(errors)) = sensitivity(&Catalog::shipped(), &scenario) else {
        panic!("a fraction of 2 must be refused");
    };
    assert_eq!(errors[0].field, "standby_fraction");
}

/// An input near the bottom of its range moves only as far as the range
/// allows: any valid scenario has a sensitivity table (Schemathesis found
/// `downtime_cost_per_hour=0.01556`, whose −50 % is below the 0.01 minimum).
#[test]
fn an_input_at_the_bottom_of_its_range_stays_in_it() {
    let catalog = Catalog::shipped();
    let mut scenario = Scenario::default();
    scenario.downtime_cost_per_hour = Money::new(Decimal::new(1556, 5));
    let s = sensitivity(&catalog, &scenario).expect("a valid scenario has a sensitivity table");
    let downtime = row(&s, "downtime_cost");
    // Less downtime cost, less benefit from DR.
    assert!(downtime.net_benefit_low <= s.base_net_benefit && s.base_net_benefit <= downtime.net_benefit_high);
}

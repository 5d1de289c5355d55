//! Over 500 lines because every row of the comparison is listed here once, with its tests.
//!
//! Two scenarios side by side: every input and every figure as one row with
//! both values and the difference B − A.
//!
//! The rows are plain data so that the comparison page and its CSV download
//! show exactly the same rows: [`compare`] builds them, [`Comparison::differences`]
//! picks the ones that differ. Values are taken from the estimates as they are
//! (money already rounded to cents), so a difference is exact.

use rust_decimal::Decimal;

use crate::catalog::StorageTier;
use crate::estimate::Estimate;
use crate::link::{Kind, PARAMETERS};
use crate::money::Money;
use crate::plans::Plan;
use crate::rounding::percent;
use crate::scenario::Scenario;

/// Unit of a row in minutes (shown as a duration).
pub const MINUTES: &str = "minutes";
/// Unit of a row in hours.
pub const HOURS: &str = "hours";
/// Unit of a row that is itself a percentage (its difference is in points).
pub const PERCENT: &str = "%";
/// Unit of a row that is a ratio, e.g. a return of 2.5×.
pub const TIMES: &str = "×";

/// One side of a comparison: a scenario and its estimate.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// The scenario as decoded from its link.
    pub scenario: &'a Scenario,
    /// Its figures.
    pub estimate: &'a Estimate,
}

/// One value of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Money in a reporting currency (ISO code), already rounded to cents.
    Money(Money, String),
    /// A quantity in the row's unit, exact.
    Number(Decimal),
    /// Words: an id, a name, yes or no.
    Text(String),
    /// Nothing on this side: an input left empty (derived) or a figure this
    /// scenario does not have (a backup rung it does not keep, no DR cost to return on).
    Absent,
}

/// B − A of a row whose two values are numbers of the same kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// B − A, exact (money: to the cent, as both values are).
    pub amount: Decimal,
    /// (B − A) ÷ |A| × 100, to 0.1; `None` when A is zero or the row is itself
    /// a percentage (then the difference is in points).
    pub percent: Option<Decimal>,
}

/// One input or figure of both scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Group of rows, e.g. `Inputs`, `Plans`, `Strategy: Warm standby`.
    pub section: String,
    /// What the row is, e.g. `Cost of one hour of downtime`.
    pub item: String,
    /// Unit of both values: a currency code for money, [`MINUTES`], [`HOURS`],
    /// [`PERCENT`], [`TIMES`], a link parameter's unit, or empty for words.
    pub unit: String,
    /// The link parameter of an input row, e.g. `downtime_cost_per_hour`; empty for figures.
    pub parameter: String,
    /// Scenario A's value.
    pub a: Value,
    /// Scenario B's value.
    pub b: Value,
    /// B − A when both values are numbers of the same kind (money in the same currency).
    pub difference: Option<Difference>,
}

impl Row {
    /// The two values differ (an absent value differs from any present one).
    pub fn differs(&self) -> bool {
        self.a != self.b
    }
}

/// Every row of a comparison, in page order: inputs, targets, plans,
/// savings, each strategy, recommendation, break-even, risk, recovery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// All rows, differing or not.
    pub rows: Vec<Row>,
}

impl Comparison {
    /// The rows whose values differ, in order: what the page highlights and the CSV holds.
    pub fn differences(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|row| row.differs())
    }
}

/// Compares two scenarios: one row per link parameter (and per price override
/// either one sets), then one per figure of the estimates.
pub fn compare(a: Side, b: Side) -> Comparison {
    let mut rows = Rows(Vec::new());
    inputs(&mut rows, a.scenario, b.scenario);
    figures(&mut rows, a.estimate, b.estimate);
    Comparison { rows: rows.0 }
}

struct Rows(Vec<Row>);

impl Rows {
    fn push(&mut self, section: &str, item: impl Into<String>, unit: &str, a: Value, b: Value) {
        self.push_row(section, item.into(), unit.to_owned(), String::new(), a, b);
    }

    fn push_row(&mut self, section: &str, item: String, unit: String, parameter: String, a: Value, b: Value) {
        let difference = difference(&a, &b, &unit);
        let unit = match (&a, &b) {
            (Value::Money(_, ca), Value::Money(_, cb)) if ca != cb => format!("{ca} (A), {cb} (B)"),
            (Value::Money(_, c), _) | (_, Value::Money(_, c)) => c.clone(),
            _ => unit,
        };
        self.0.push(Row {
            section: section.to_owned(),
            item,
            unit,
            parameter,
            a,
            b,
            difference,
        });
    }

    /// Money of both estimates, each in its own reporting currency.
    fn money(&mut self, section: &str, item: impl Into<String>, sides: [(&Estimate, Money); 2]) {
        let [a, b] = sides.map(|(e, m)| Value::Money(m, e.currency.code.clone()));
        self.push(section, item, "", a, b);
    }

    fn number(&mut self, section: &str, item: impl Into<String>, unit: &str, a: Decimal, b: Decimal) {
        self.push(section, item, unit, Value::Number(a), Value::Number(b));
    }

    fn text(&mut self, section: &str, item: impl Into<String>, a: impl Into<String>, b: impl Into<String>) {
        self.push(section, item, "", Value::Text(a.into()), Value::Text(b.into()));
    }
}

/// B − A when both are numbers (money only in one currency); the percentage
/// only when A is not zero and the row is not itself a percentage.
fn difference(a: &Value, b: &Value, unit: &str) -> Option<Difference> {
    let (a, b) = match (a, b) {
        (Value::Money(a, ca), Value::Money(b, cb)) if ca == cb => (a.to_decimal(), b.to_decimal()),
        (Value::Number(a), Value::Number(b)) => (*a, *b),
        _ => return None,
    };
    let amount = b - a;
    let relative = !a.is_zero() && unit != PERCENT;
    Some(Difference {
        amount,
        percent: relative.then(|| percent(amount / a.abs() * Decimal::ONE_HUNDRED)),
    })
}

/// A link parameter's value as a row value: a number when the parameter is
/// numeric and it reads as one, nothing when left empty, else words.
fn input_value(kind: &Kind, text: String) -> Value {
    let quantity = kind.number().is_some();
    if text.is_empty() {
        Value::Absent
    } else if let Some(number) = quantity.then(|| text.parse::<Decimal>().ok()).flatten() {
        Value::Number(number.normalize())
    } else {
        Value::Text(text)
    }
}

fn inputs(rows: &mut Rows, a: &Scenario, b: &Scenario) {
    for p in PARAMETERS {
        rows.push_row(
            "Inputs",
            p.about.to_owned(),
            p.unit().to_owned(),
            p.name.to_owned(),
            input_value(&p.kind, p.value(a)),
            input_value(&p.kind, p.value(b)),
        );
    }
    let mut keys: Vec<&String> = a.price_overrides.keys().chain(b.price_overrides.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let price = |s: &Scenario| {
            s.price_overrides
                .get(key)
                .map_or(Value::Absent, |p| Value::Number(p.normalize()))
        };
        rows.push_row(
            "Inputs",
            format!("Catalog price override {key}"),
            "USD (catalog unit)".to_owned(),
            format!("{}{key}", crate::link::PRICE_PREFIX),
            price(a),
            price(b),
        );
    }
}

fn yes_no(flag: bool) -> &'static str {
    if flag {
        "yes"
    } else {
        "no"
    }
}

/// "yes", or which targets a strategy misses.
fn meets(s: &crate::strategy::StrategyEstimate) -> &'static str {
    match (s.meets_rto, s.meets_rpo) {
        (true, true) => "yes",
        (false, true) => "misses RTO",
        (true, false) => "misses RPO",
        (false, false) => "misses RTO and RPO",
    }
}

/// The recommended design, one layer after another, marked when it is only the closest.
fn recommended(e: &Estimate) -> String {
    let design = e.recommendation.design.join("; ");
    if e.recommendation.meets {
        design
    } else {
        format!("none meets the targets (closest: {design})")
    }
}

fn tier_label(tier: StorageTier) -> &'static str {
    match tier {
        StorageTier::Standard => "standard",
        StorageTier::Infrequent => "infrequent-access",
        StorageTier::Archive => "archive",
    }
}

fn figures(rows: &mut Rows, a: &Estimate, b: &Estimate) {
    let both = |f: fn(&Estimate) -> Money| [(a, f(a)), (b, f(b))];

    rows.number(
        "Targets",
        "Target RTO",
        MINUTES,
        a.targets.rto_minutes,
        b.targets.rto_minutes,
    );
    rows.number(
        "Targets",
        "Target RPO",
        MINUTES,
        a.targets.rpo_minutes,
        b.targets.rpo_minutes,
    );

    for plan in Plan::ALL {
        let label = plan.label();
        let (cost_a, cost_b) = (plan.cost(a), plan.cost(b));
        rows.money(
            "Plans",
            format!("{label}, monthly"),
            [(a, cost_a.monthly), (b, cost_b.monthly)],
        );
        rows.money(
            "Plans",
            format!("{label}, annual"),
            [(a, cost_a.annual), (b, cost_b.annual)],
        );
    }
    rows.money(
        "Savings",
        "Optimized DR over full DR, monthly",
        both(|e| e.savings.monthly),
    );
    rows.money(
        "Savings",
        "Optimized DR over full DR, annual",
        both(|e| e.savings.annual),
    );
    rows.number(
        "Savings",
        "Optimized DR over full DR, share of full DR",
        PERCENT,
        a.savings.percent,
        b.savings.percent,
    );

    // Both sides are priced from the same catalog, so they list the same strategies.
    for (sa, sb) in a.strategies.iter().zip(&b.strategies) {
        let section = format!("Strategy: {}", sa.name);
        rows.money(&section, "Monthly", [(a, sa.monthly), (b, sb.monthly)]);
        rows.money(&section, "Annual", [(a, sa.annual), (b, sb.annual)]);
        rows.number(&section, "RTO achieved", MINUTES, sa.rto_minutes, sb.rto_minutes);
        rows.number(&section, "RPO achieved", MINUTES, sa.rpo_minutes, sb.rpo_minutes);
        rows.text(&section, "Meets the targets", meets(sa), meets(sb));
    }

    let r = "Recommendation";
    rows.text(r, "Recommended design", recommended(a), recommended(b));
    rows.number(
        r,
        "RTO shortfall",
        MINUTES,
        a.recommendation.rto_shortfall_minutes,
        b.recommendation.rto_shortfall_minutes,
    );
    rows.number(
        r,
        "RPO shortfall",
        MINUTES,
        a.recommendation.rpo_shortfall_minutes,
        b.recommendation.rpo_shortfall_minutes,
    );

    let be = "Break-even";
    let (ba, bb) = (&a.break_even, &b.break_even);
    rows.number(
        be,
        "Hours of downtime a year what DR adds must prevent",
        HOURS,
        ba.hours,
        bb.hours,
    );
    rows.money(be, "What DR adds a year", both(|e| e.break_even.annual_dr_cost));
    rows.number(
        be,
        "The article's convention: hours the whole deployment must prevent",
        HOURS,
        ba.article_hours,
        bb.article_hours,
    );
    rows.money(
        be,
        "The article's convention: the whole DR-enabled deployment a year",
        both(|e| e.break_even.article_annual_cost),
    );
    rows.number(
        be,
        "Downtime avoided a year",
        HOURS,
        ba.downtime_avoided_hours,
        bb.downtime_avoided_hours,
    );
    rows.text(
        be,
        "Downtime avoided covers break-even",
        yes_no(ba.covered),
        yes_no(bb.covered),
    );

    rows.money(
        "Risk",
        "Annual loss expectancy without DR",
        both(|e| e.risk.ale_without),
    );
    rows.money("Risk", "Annual loss expectancy with DR", both(|e| e.risk.ale_with));
    rows.money("Risk", "Annual loss avoided by DR", both(|e| e.risk.ale_reduction));
    let ratio = |e: &Estimate| e.risk.return_on_dr_spend.map_or(Value::Absent, Value::Number);
    rows.push("Risk", "Return on the DR spend", TIMES, ratio(a), ratio(b));
    for (ra, rb) in a.risk.rows.iter().zip(&b.risk.rows) {
        let section = format!("Risk: {}", ra.name);
        rows.number(&section, "Hours per event with DR", HOURS, ra.hours_with, rb.hours_with);
        rows.money(
            &section,
            "Annual loss without DR",
            [(a, ra.ale_without), (b, rb.ale_without)],
        );
        rows.money(&section, "Annual loss with DR", [(a, ra.ale_with), (b, rb.ale_with)]);
    }

    let rc = "Recovery";
    let (ea, eb) = (&a.recovery.reembedding, &b.recovery.reembedding);
    rows.money(rc, "Re-embedding the corpus, cost", [(a, ea.cost), (b, eb.cost)]);
    rows.number(rc, "Re-embedding the corpus, time", HOURS, ea.hours, eb.hours);
    rows.number(
        rc,
        "Snapshot size",
        "GB",
        a.recovery.snapshot_gb.normalize(),
        b.recovery.snapshot_gb.normalize(),
    );
    // A rung one scenario does not keep is absent on that side.
    for tier in [StorageTier::Standard, StorageTier::Infrequent, StorageTier::Archive] {
        let restore = |e: &Estimate| e.recovery.restores.iter().find(|r| r.tier == tier).cloned();
        let (ra, rb) = (restore(a), restore(b));
        if ra.is_none() && rb.is_none() {
            continue;
        }
        let item = |what: &str| format!("Restore from the {} rung, {what}", tier_label(tier));
        let hours =
            |r: &Option<crate::recovery::RestoreOption>| r.as_ref().map_or(Value::Absent, |r| Value::Number(r.hours));
        let cost = |e: &Estimate, r: &Option<crate::recovery::RestoreOption>| {
            r.as_ref()
                .map_or(Value::Absent, |r| Value::Money(r.cost, e.currency.code.clone()))
        };
        rows.push(rc, item("time"), HOURS, hours(&ra), hours(&rb));
        rows.push(rc, item("cost"), "", cost(a, &ra), cost(b, &rb));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate, link, Catalog};

    fn side(catalog: &Catalog, query: &str) -> (Scenario, Estimate) {
        let scenario = link::decode(catalog, query).expect("a valid link").scenario;
        let estimate = estimate(catalog, &scenario).expect("it estimates");
        (scenario, estimate)
    }

    fn compare_links(a: &str, b: &str) -> Comparison {
        let catalog = Catalog::shipped();
        let (sa, ea) = side(&catalog, a);
        let (sb, eb) = side(&catalog, b);
        compare(
            Side {
                scenario: &sa,
                estimate: &ea,
            },
            Side {
                scenario: &sb,
                estimate: &eb,
            },
        )
    }

    fn row<'a>(c: &'a Comparison, section: &str, item: &str) -> &'a Row {
        c.rows
            .iter()
            .find(|r| r.section == section && r.item == item)
            .unwrap_or_else(|| panic!("no row {section} / {item}"))
    }

    #[test]
    fn a_scenario_against_itself_has_no_differences_and_every_row_has_a_difference_of_zero_or_none() {
        let c = compare_links("tier=critical", "tier=critical");
        assert_eq!(c.differences().count(), 0);
        assert!(
            c.rows.len() > PARAMETERS.len() + 40,
            "inputs and figures: {}",
            c.rows.len()
        );
        for r in &c.rows {
            if let Some(d) = &r.difference {
                assert!(d.amount.is_zero(), "{} / {}", r.section, r.item);
            }
        }
    }

    #[test]
    fn doubling_the_cost_of_downtime_differs_in_that_input_and_the_figures_it_drives_only() {
        let c = compare_links("v=1", "v=1&downtime_cost_per_hour=30000");
        let input = row(&c, "Inputs", "Cost of one hour of downtime");
        assert_eq!(input.parameter, "downtime_cost_per_hour");
        assert_eq!(input.unit, "USD per hour");
        assert_eq!(input.a, Value::Number(Decimal::from(15_000)));
        assert_eq!(input.b, Value::Number(Decimal::from(30_000)));
        assert_eq!(
            input.difference,
            Some(Difference {
                amount: Decimal::from(15_000),
                percent: Some(Decimal::from(100)),
            })
        );
        let inputs: Vec<&str> = c
            .differences()
            .filter(|r| r.section == "Inputs")
            .map(|r| r.parameter.as_str())
            .collect();
        assert_eq!(inputs, ["downtime_cost_per_hour"]);
        // What DR adds in the Part 1.1 example: (93,600 − 51,600) ÷ 15,000 = 2.8 h; ÷ 30,000 = 1.4 h.
        let hours = row(&c, "Break-even", "Hours of downtime a year what DR adds must prevent");
        assert_eq!(hours.a, Value::Number(Decimal::new(28, 1)));
        assert_eq!(hours.b, Value::Number(Decimal::new(14, 1)));
        assert_eq!(hours.difference.as_ref().unwrap().amount, Decimal::new(-14, 1));
        assert_eq!(hours.difference.as_ref().unwrap().percent, Some(Decimal::from(-50)));
        // "Disaster Recovery & Failover Strategies for AI Services", Part 1.1 cost example:
        // 93,600 ÷ 15,000 = 6.24 h; ÷ 30,000 = 3.12 h.
        let hours = row(
            &c,
            "Break-even",
            "The article's convention: hours the whole deployment must prevent",
        );
        assert_eq!(hours.a, Value::Number(Decimal::new(624, 2)));
        assert_eq!(hours.b, Value::Number(Decimal::new(312, 2)));
        assert_eq!(hours.difference.as_ref().unwrap().amount, Decimal::new(-312, 2));
        assert_eq!(hours.difference.as_ref().unwrap().percent, Some(Decimal::from(-50)));
        // The cost of downtime changes no price: every plan stays the same.
        assert!(c.differences().all(|r| r.section != "Plans"));
        let ale = row(&c, "Risk", "Annual loss expectancy without DR");
        assert!(ale.differs());
        assert_eq!(ale.unit, "USD");
        let (Value::Money(a, _), Value::Money(b, _)) = (&ale.a, &ale.b) else {
            panic!("money rows hold money");
        };
        assert_eq!(ale.difference.as_ref().unwrap().amount, b.to_decimal() - a.to_decimal());
    }

    #[test]
    fn money_in_two_currencies_differs_without_a_difference() {
        let c = compare_links("", "currency=EUR&rate=0.9");
        let plan = row(&c, "Plans", "Chosen DR plan, monthly");
        assert!(plan.differs());
        assert_eq!(plan.difference, None, "USD and EUR do not subtract");
        assert_eq!(plan.unit, "USD (A), EUR (B)");
    }

    #[test]
    fn a_rung_one_side_does_not_keep_is_absent_there_and_a_percentage_row_has_no_percent_of_itself() {
        let c = compare_links("", "archive_days=0&standby_fraction=0.5");
        let archive = row(&c, "Recovery", "Restore from the archive rung, cost");
        assert!(matches!(archive.a, Value::Money(..)));
        assert_eq!(archive.b, Value::Absent);
        assert!(archive.differs() && archive.difference.is_none());
        let share = row(&c, "Savings", "Optimized DR over full DR, share of full DR");
        assert!(share.differs());
        assert_eq!(
            share.difference.as_ref().unwrap().percent,
            None,
            "points, not a percent of a percent"
        );
    }

    #[test]
    fn a_price_override_on_one_side_is_a_row_absent_on_the_other() {
        let c = compare_links("", "price.region_price:us-east-1/vcpu_hour:price=0.05");
        let price = c
            .rows
            .iter()
            .find(|r| r.parameter == "price.region_price:us-east-1/vcpu_hour:price")
            .expect("an override row");
        assert_eq!(price.a, Value::Absent);
        assert_eq!(price.b, Value::Number(Decimal::new(5, 2)));
        assert!(price.differs());
    }
}

//! The cost breakdown: production only, full DR and optimized DR, per
//! component and per location, and the chosen plan line by line.

use engine::plans::{plans, Role};
use engine::{Component, Estimate, Location, Money, Plan, PlanCost};
use leptos::prelude::*;

use super::CsvLink;
use engine::present;

/// The monthly subtotal of `key` in `subtotals`, zero when the plan has none.
fn subtotal<K: PartialEq + Copy>(subtotals: &[engine::Subtotal<K>], key: K) -> Money {
    subtotals
        .iter()
        .find(|s| s.key == key)
        .map(|s| s.monthly)
        .unwrap_or(Money::ZERO)
}

/// The reference plans side by side, one row per key, the totals last.
#[component]
fn PlansTable<K: PartialEq + Copy + Send + Sync + 'static>(
    caption: &'static str,
    first_column: &'static str,
    keys: Vec<(K, &'static str)>,
    plans: Vec<(Plan, PlanCost)>,
    pick: fn(&PlanCost) -> &[engine::Subtotal<K>],
    currency: String,
    id: &'static str,
) -> impl IntoView {
    let money = |m| present::money(m, &currency);
    let rows = keys
        .into_iter()
        .map(|(key, label)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    {plans.iter().map(|(_, plan)| view! { <td class="num">{money(subtotal(pick(plan), key))}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="figures-table" id=id>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{first_column}</th>
                    {plans.iter().map(|(plan, _)| view! { <th scope="col" class="num">{plan.label()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">"Total a month"</th>
                    {plans.iter().map(|(_, plan)| view! { <td class="num">{money(plan.monthly)}</td> }).collect_view()}
                </tr>
                <tr>
                    <th scope="row">"Total a year"</th>
                    {plans.iter().map(|(_, plan)| view! { <td class="num">{money(plan.annual)}</td> }).collect_view()}
                </tr>
            </tfoot>
        </table>
    }
}

/// The chosen plan's lines grouped by location, each group with its subtotal.
#[component]
fn PlanLines(plan: PlanCost, strategy_name: String, currency: String) -> impl IntoView {
    let money = |m| present::money(m, &currency);
    let groups = Location::ALL
        .into_iter()
        .map(|location| {
            let lines: Vec<_> = plan.lines.iter().filter(|l| l.location == location).cloned().collect();
            let count = lines.len();
            let rows = lines
                .into_iter()
                .map(|line| {
                    let item = match &line.provider {
                        Some(provider) => format!("{} ({provider})", line.item.label()),
                        None => line.item.label().to_string(),
                    };
                    // Every line says how it was found; an entered amount says so
                    // first, and what the quantities would give instead.
                    view! {
                        <tr class:entered=line.entered>
                            <td>
                                {item}
                                {line.entered.then(|| view! { " " <span class="badge entered">"entered"</span> })}
                                <span class="how">{line.how.clone()}</span>
                            </td>
                            <td class="num">{money(line.monthly)}</td>
                            <td class="num">{money(line.annual)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let total = plan.by_location.iter().find(|s| s.key == location).cloned();
            (count > 0).then(|| {
                view! {
                    <tbody>
                        <tr class="group">
                            <th scope="rowgroup" colspan="3">{location.label()}</th>
                        </tr>
                        {rows}
                        {total.map(|t| view! {
                            <tr class="subtotal">
                                <td>{format!("{} subtotal", location.label())}</td>
                                <td class="num">{money(t.monthly)}</td>
                                <td class="num">{money(t.annual)}</td>
                            </tr>
                        })}
                    </tbody>
                }
            })
        })
        .collect_view();
    view! {
        <table class="figures-table" id="plan-lines">
            <caption>{format!("Your plan ({strategy_name}), line by line")}</caption>
            <thead>
                <tr>
                    <th scope="col">"Item"</th>
                    <th scope="col" class="num">"Monthly"</th>
                    <th scope="col" class="num">"Annual"</th>
                </tr>
            </thead>
            {groups}
            <tfoot>
                <tr>
                    <th scope="row">"Total"</th>
                    <td class="num" id="plan-lines-monthly">{money(plan.monthly)}</td>
                    <td class="num">{money(plan.annual)}</td>
                </tr>
            </tfoot>
        </table>
    }
}

fn by_component(plan: &PlanCost) -> &[engine::Subtotal<Component>] {
    &plan.by_component
}

fn by_location(plan: &PlanCost) -> &[engine::Subtotal<Location>] {
    &plan.by_location
}

/// The whole cost section.
#[component]
pub fn CostBreakdown(estimate: Estimate, link: String) -> impl IntoView {
    let currency = estimate.currency.code.clone();
    // Every plan but the chosen one (which has its own section): the
    // article's three columns and the recommendation.
    let plans: Vec<(Plan, PlanCost)> = plans(&estimate)
        .into_iter()
        .filter(|(plan, _)| plan.role() != Role::Chosen)
        .map(|(plan, cost)| (plan, cost.clone()))
        .collect();
    let components: Vec<(Component, &'static str)> = Component::ALL.into_iter().map(|c| (c, c.label())).collect();
    let locations: Vec<(Location, &'static str)> = Location::ALL.into_iter().map(|l| (l, l.label())).collect();
    let savings = estimate.savings.clone();
    let standby = estimate.standby_savings.clone();
    let standby_total = estimate.standby_dr.monthly;
    let standby_meets = estimate
        .strategies
        .iter()
        .find(|s| s.id == "warm_standby")
        .map(|s| s.meets());
    let rec_meets = estimate.recommendation.meets;
    let strategy_name = estimate
        .strategies
        .iter()
        .find(|s| s.chosen)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="costs-heading">
            <div class="panel-head">
                <h2 id="costs-heading">"Cost breakdown"</h2>
                <CsvLink path="/export/costs.csv" link=link what="the cost breakdown" />
            </div>
            <p class="lede">
                {if rec_meets {
                    "Optimized DR, the cheapest design that meets both targets, "
                } else {
                    "No design meets both targets; the closest "
                }}
                {if savings.monthly.is_negative() {
                    "costs more than full DR: "
                } else {
                    "saves "
                }}
                <strong id="savings-monthly">{present::money(savings.monthly, &currency)}</strong>
                " a month ("{present::money(savings.annual, &currency)}" a year, "
                {present::percent(savings.percent)}")"
                {if savings.monthly.is_negative() {
                    " of full DR's cost, because one copy in the secondary is not enough to meet the targets. "
                } else {
                    " over full DR. "
                }}
                "The article's optimized DR (every layer at the standby share) costs "
                <span id="standby-monthly">{present::money(standby_total, &currency)}</span>
                " a month, "{present::percent(standby.percent)}" less than full DR"
                {match standby_meets {
                    Some(false) => ", but as warm standby it misses the targets.",
                    _ => ".",
                }}
            </p>
            <div class="table-scroll">
                <PlansTable
                    caption="Monthly cost by component"
                    first_column="Component"
                    keys=components
                    plans=plans.clone()
                    pick=by_component
                    currency=currency.clone()
                    id="costs-by-component"
                />
            </div>
            <div class="table-scroll">
                <PlansTable
                    caption="Monthly cost by location"
                    first_column="Location"
                    keys=locations
                    plans=plans
                    pick=by_location
                    currency=currency.clone()
                    id="costs-by-location"
                />
            </div>
            <div class="table-scroll">
                <PlanLines plan=estimate.dr_plan.clone() strategy_name=strategy_name currency=currency />
            </div>
        </section>
    }
}

//! The annual-loss section: the loss a year without DR and under every
//! strategy (computed exactly, or simulated when the link asks for Monte
//! Carlo), its percentiles, how often the DR spend pays for itself, and the
//! loss-exceedance curve.

use engine::simulation::{Computation, LossDistribution, Simulation};
use leptos::prelude::*;

use super::{ChartFigure, CsvLink};
use engine::present;

/// One row per distribution: without DR first, then each strategy.
#[component]
pub fn AnnualLoss(simulation: Simulation, currency: String, link: String) -> impl IntoView {
    let money = |m| present::money(m, &currency);
    let row = |d: &LossDistribution| {
        let is_baseline = d.strategy.is_none();
        view! {
            <tr class:baseline=is_baseline data-strategy=d.strategy.clone().unwrap_or_else(|| "none".into())>
                <th scope="row">{d.name.clone()}</th>
                <td class="num">{if is_baseline { "–".to_string() } else { money(d.dr_annual_cost) }}</td>
                <td class="num">{money(d.mean)}</td>
                <td class="num">{money(d.p50)}</td>
                <td class="num">{money(d.p90)}</td>
                <td class="num">{money(d.p99)}</td>
                <td class="num">{d.pays_for_itself_percent.map(present::percent).unwrap_or_else(|| "–".into())}</td>
            </tr>
        }
    };
    let how = present::computation(&simulation.computed, &currency);
    let lede = match simulation.computed {
        Computation::Exact { .. } => format!(
            "Loss a year, {how}: how many times every failure scenario happens (Poisson at its rate) and \
             how long each outage lasts (lognormal, its range as a 90 % interval), cut short by what each \
             strategy recovers in, combined into each plan's distribution of yearly loss, without sampling \
             noise. Monte Carlo is an option under Simulation."
        ),
        Computation::MonteCarlo { years, seed } => format!(
            "{} simulated years (seed {seed}). Each year draws how many times every failure scenario \
             happens (Poisson at its rate) and how long each outage lasts (lognormal, its range as a \
             90 % interval), cut short by what each strategy recovers in. The same link gives the \
             same figures: the seed is part of it.",
            present::count(years.into()),
        ),
    };
    let share = match simulation.computed {
        Computation::Exact { .. } => "the chance that the loss the strategy avoids in a year",
        Computation::MonteCarlo { .. } => "the share of simulated years in which the loss the strategy avoids",
    };
    let rows = std::iter::once(&simulation.without_dr)
        .chain(simulation.strategies.iter())
        .map(row)
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="simulation-heading">
            <div class="panel-head">
                <h2 id="simulation-heading">"Annual loss"</h2>
                <CsvLink path="/export/simulation.csv" link=link.clone() what="the annual loss" />
            </div>
            <p class="lede" id="simulation-lede">{lede}</p>
            <div class="table-scroll">
                <table class="figures-table" id="simulation">
                    <caption>"Loss a year from downtime and recovery, by strategy"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Strategy"</th>
                            <th scope="col" class="num">"DR cost a year"</th>
                            <th scope="col" class="num">"Mean loss"</th>
                            <th scope="col" class="num">"P50"</th>
                            <th scope="col" class="num">"P90"</th>
                            <th scope="col" class="num">"P99"</th>
                            <th scope="col" class="num">"Pays for itself"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="note">
                {format!(
                    "P90: nine years in ten lose less than this. “Pays for itself”: {share} is at least what it costs."
                )}
            </p>
            <ChartFigure
                name="loss-exceedance"
                link=link
                alt="Loss exceedance: the chance that a year's loss exceeds each amount, without DR and by strategy"
            />
        </section>
    }
}

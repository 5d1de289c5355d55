//! The Monte Carlo section: simulated annual loss without DR and under every
//! strategy, its percentiles, how often the DR spend pays for itself, and the
//! loss-exceedance curve.

use engine::simulation::{LossDistribution, Simulation};
use leptos::prelude::*;

use super::{ChartFigure, CsvLink};
use engine::present;

/// One row per distribution: without DR first, then each strategy.
#[component]
pub fn MonteCarlo(simulation: Simulation, currency: String, link: String) -> impl IntoView {
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
    let rows = std::iter::once(&simulation.without_dr)
        .chain(simulation.strategies.iter())
        .map(row)
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="simulation-heading">
            <div class="panel-head">
                <h2 id="simulation-heading">"Annual loss, simulated"</h2>
                <CsvLink path="/export/simulation.csv" link=link.clone() what="the simulated annual loss" />
            </div>
            <p class="lede" id="simulation-lede">
                {format!(
                    "{} simulated years (seed {}). Each year draws how many times every failure scenario \
                     happens (Poisson at its rate) and how long each outage lasts (lognormal, its range as a \
                     90 % interval), cut short by what each strategy recovers in. The same link gives the \
                     same figures: the seed is part of it.",
                    present::count(simulation.years.into()),
                    simulation.seed,
                )}
            </p>
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
                "P90: nine years in ten lose less than this. “Pays for itself”: the share of simulated years in \
                 which the loss the strategy avoids is at least what it costs."
            </p>
            <ChartFigure
                name="loss-exceedance"
                link=link
                alt="Loss exceedance: the chance that a year's loss exceeds each amount, without DR and by strategy"
            />
        </section>
    }
}

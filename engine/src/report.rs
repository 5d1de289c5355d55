//! A scenario with its figures and the share link that reproduces them:
//! what every export, the CLI and each side of a comparison hold.

use crate::catalog::Catalog;
use crate::error::Result;
use crate::estimate::{estimate, Estimate};
use crate::link::{self, Decoded};
use crate::scenario::Scenario;

/// A decoded link, estimated.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The scenario.
    pub scenario: Scenario,
    /// Its figures.
    pub estimate: Estimate,
    /// The share link, as a path: `/?v=1&catalog=…`.
    pub share_link: String,
    /// Notices about the link, e.g. that prices changed since it was made.
    pub notices: Vec<String>,
    /// The released catalog the figures were priced with, when not the current one.
    pub priced_with: Option<&'static Catalog>,
}

impl Report {
    /// Estimates a decoded link, with the catalog it was made with when
    /// this build still has it ([`Decoded::catalog`]), else `catalog`.
    pub fn new(catalog: &Catalog, decoded: Decoded) -> Result<Report> {
        let catalog = decoded.catalog(catalog);
        let estimate = estimate(catalog, &decoded.scenario)?;
        Ok(Report {
            share_link: format!("/?{}", link::encode(catalog, &decoded.scenario)),
            scenario: decoded.scenario,
            estimate,
            notices: decoded.notices,
            priced_with: decoded.priced_with,
        })
    }

    /// The catalog the figures were priced with: [`Report::priced_with`], else `current`.
    /// Every analysis of the report runs on it, so its tables agree with the estimate.
    pub fn catalog<'a>(&self, current: &'a Catalog) -> &'a Catalog {
        self.priced_with.unwrap_or(current)
    }
}

//! What `/catalog/diff` and `/api/v1/catalog/diff` were asked: two catalog
//! versions (`from`, `to`), each a released version or `current`, found and
//! compared by `engine::catalog::history`. The page
//! (`components::catalog_diff`) and the server's JSON both start here.

use engine::catalog::history::{self, CatalogDiff};
use engine::link::Query;
use engine::FieldError;

/// Two catalogs and their differences.
pub struct Diff {
    /// The `from` version as asked, e.g. `2026-11`.
    pub from: String,
    /// The version in `from`'s meta.csv (for `current`, the shipped catalog's).
    pub from_version: Option<String>,
    /// The `to` version as asked.
    pub to: String,
    /// The version in `to`'s meta.csv.
    pub to_version: Option<String>,
    /// Every row added, removed or changed from `from` to `to`.
    pub diff: CatalogDiff,
}

/// Reads `from` and `to` (each given once, a name of
/// [`history::version_ids`]) and compares the two catalogs; every problem
/// names its parameter and the allowed versions. `current` is the catalog
/// shipped with this build.
pub fn read_request(raw: &str) -> Result<Diff, Vec<FieldError>> {
    let mut query = Query::parse(raw);
    let mut problems = Vec::new();
    let allowed = history::allowed();
    let mut version = |name: &str| {
        let values = query.take(name);
        let value = match values.as_slice() {
            [] => {
                let message = format!("{name} is missing; it names a catalog version, one of {allowed}");
                problems.push(FieldError::new(name, "", message));
                return None;
            }
            [value] => value.trim().to_owned(),
            [..] => {
                let message = format!("{name} is given twice; give one catalog version, one of {allowed}");
                problems.push(FieldError::new(name, "", message));
                return None;
            }
        };
        let files = history::resolve(&value);
        if files.is_none() {
            let message = format!("{value:?} is not a catalog version; allowed: {allowed}");
            problems.push(FieldError::new(name, value.clone(), message));
        }
        files.map(|files| (value, files))
    };
    let from = version("from");
    let to = version("to");
    for (name, _) in query.pairs() {
        let message =
            format!("{name:?} is not a parameter of the catalog diff, which takes from and to, each one of {allowed}");
        problems.push(FieldError::new(name, "", message));
    }
    match (from, to) {
        (Some((from, a)), Some((to, b))) if problems.is_empty() => Ok(Diff {
            diff: history::diff(&a, &b),
            from_version: history::version_of(&a),
            to_version: history::version_of(&b),
            from,
            to,
        }),
        _ => Err(problems),
    }
}

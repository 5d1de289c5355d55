//! What `/compare` and `/export/compare.csv` were asked: two share links
//! (`a`, `b`) and whether only the differing rows are wanted (`only=diff`),
//! each link read by the one link reader and estimated. The page
//! (`components::compare`) and the server's CSV both start here.

use engine::link::Query;
use engine::{Catalog, FieldError, Report};

/// The request: each link as given, whether only differing rows are wanted,
/// and the problems of the request itself (unknown or repeated parameters).
pub struct Request {
    /// The first link, as pasted.
    pub a: Option<String>,
    /// The second link, as pasted.
    pub b: Option<String>,
    /// `only=diff`.
    pub only_differences: bool,
    /// Problems of the request itself, each naming its parameter.
    pub problems: Vec<FieldError>,
}

fn problem(field: &str, message: String) -> FieldError {
    FieldError::new(field, "", message)
}

/// Reads `a`, `b` and `only` with [`Query::take`]; each link is one
/// percent-encoded value, and nothing else may be given.
pub fn read_request(raw: &str) -> Request {
    let mut query = Query::parse(raw);
    let mut problems = Vec::new();
    let mut once = |name: &str| {
        let values = query.take(name);
        if values.len() > 1 {
            let message = format!("{name} is given twice; /compare takes one link as a and one as b");
            problems.push(problem(name, message));
        }
        values.into_iter().next().map(|v| v.trim().to_owned())
    };
    let a = once("a").filter(|v| !v.is_empty());
    let b = once("b").filter(|v| !v.is_empty());
    let only = once("only");
    let mut request = Request {
        a,
        b,
        only_differences: only.as_deref() == Some("diff"),
        problems,
    };
    if let Some(value) = only.filter(|v| !v.is_empty() && v != "diff") {
        request.problems.push(problem(
            "only",
            format!("only={value:?} is not allowed; only=diff shows only the rows that differ"),
        ));
    }
    // Most often a link pasted into the address without encoding: its own
    // parameters then look like the page's.
    for (name, _) in query.pairs() {
        let shown = if name.is_empty() {
            "a parameter with no name".to_owned()
        } else {
            name.clone()
        };
        request.problems.push(problem(
            &name,
            format!(
                "{shown} is not a parameter of /compare, which takes a, b and only; \
                 each link must be percent-encoded as one value (the form does that)"
            ),
        ));
    }
    request
}

/// One side: missing, or its link read the way the planner reads its address and estimated.
pub enum Link {
    /// Not given.
    Missing,
    /// A valid link, estimated.
    Valid(Box<Report>),
    /// A link that does not read: what was pasted and every problem.
    Invalid {
        /// The text as pasted.
        pasted: String,
        /// Each problem, naming the link parameter.
        errors: Vec<FieldError>,
    },
}

/// Reads one pasted link (a URL, a path or a bare query) and estimates it.
pub fn read_link(catalog: &Catalog, pasted: Option<&str>) -> Link {
    let Some(pasted) = pasted else {
        return Link::Missing;
    };
    let report = engine::link::decode(catalog, engine::link::query_of(pasted)).and_then(|d| Report::new(catalog, d));
    match report {
        Ok(report) => Link::Valid(Box::new(report)),
        Err(error) => Link::Invalid {
            pasted: pasted.to_owned(),
            errors: crate::server_fns::field_errors(error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_takes_a_b_and_only_and_names_anything_else() {
        let r = read_request("a=%2F%3Ftier%3Dcritical&b=&only=diff&tier=basic&a=x");
        assert_eq!(r.a.as_deref(), Some("/?tier=critical"));
        assert_eq!(r.b, None);
        assert!(r.only_differences);
        let fields: Vec<&str> = r.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["a", "tier"]);
    }
}

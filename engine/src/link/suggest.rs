//! "Did you mean …?" for a parameter name the link does not know.

use super::params::PARAMETERS;

/// "tierr is not a link parameter (did you mean tier?)…".
pub(super) fn unknown(name: &str) -> String {
    // The distance is at least the difference in length, and only 2 or less
    // makes a hint: skipping the other names keeps a long unknown name linear
    // in its length instead of costing its length times every name's.
    let chars = name.chars().count();
    let closest = ["v", "catalog"]
        .into_iter()
        .chain(PARAMETERS.iter().map(|p| p.name))
        .filter(|known| known.len().abs_diff(chars) <= 2)
        .map(|known| (strsim::levenshtein(name, known), known))
        .min();
    let hint = match closest {
        // Close enough to be a typo, or the start of a longer name ("downtime").
        Some((d, known)) if d <= 2 && 2 * d < name.len() => format!(" (did you mean {known}?)"),
        _ if name.len() >= 3 => PARAMETERS
            .iter()
            .find(|p| p.name.starts_with(name))
            .map_or_else(String::new, |p| format!(" (did you mean {}?)", p.name)),
        _ => String::new(),
    };
    format!("{name} is not a link parameter{hint}; the parameters are listed in docs/share-links.md")
}

#[cfg(test)]
mod tests {
    use super::unknown;

    #[test]
    fn typos_and_prefixes_get_a_hint_and_noise_does_not() {
        for (name, hint) in [
            ("tierr", Some("tier")),
            ("downtime", Some("downtime_cost_per_hour")),
            ("strategi", Some("strategy")),
            ("p9", None),
            ("zzzzzzzz", None),
        ] {
            let message = unknown(name);
            match hint {
                Some(h) => assert!(message.contains(&format!("(did you mean {h}?)")), "{message}"),
                None => assert!(!message.contains("did you mean"), "{message}"),
            }
        }
    }
}

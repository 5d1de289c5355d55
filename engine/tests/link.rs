//! Share links: canonical encoding, strict decoding, exact round trips.

use engine::{link, Catalog, Scenario};

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::shipped)
}

#[test]
fn the_default_scenario_is_just_the_versions() {
    assert_eq!(link::encode(catalog(), &Scenario::default()), "v=1&catalog=2026-11");
}

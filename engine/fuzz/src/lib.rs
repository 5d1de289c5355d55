//! The bodies of the engine's fuzz targets, one function per target.
//!
//! Two callers share this file: the libFuzzer binaries in `fuzz_targets/`
//! (nightly, `cargo fuzz run`) and `engine/tests/it/fuzz_corpus.rs`, which
//! replays the committed corpus on stable with every `cargo test`. The test
//! takes this file as a module through `#[path]`, so the engine's public API
//! stays free of fuzzing hooks and both run exactly the same checks; for that
//! this file may use nothing but `engine` and `std`.
//!
//! Each function panics when the engine breaks a promise for that input:
//! a panic inside the engine, an error without a field or a place, a link
//! that does not come back from its canonical form, or an estimate whose
//! totals are not the sums of its rows.

use std::sync::OnceLock;

use engine::catalog::{ModelKind, StorageTier, FILE_NAMES};
use engine::link;
use engine::{Catalog, CatalogFiles, Error, Estimate, Money, Scenario};

/// The shipped catalog, loaded once per process: share links are read against it.
fn shipped() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::shipped)
}

/// `link_decode`: the bytes (lossily UTF-8, as a query string can be any
/// text once the CLI or a proxy hands it over) as a share-link query.
///
/// - `parse` and `decode` never panic, and every error is a field error with a message;
/// - what `parse` reads comes back unchanged from its canonical link, and that link is a fixed point;
/// - what `decode` accepts also parses to the same scenario, decodes again from its canonical
///   link, and estimates, with totals equal to the sums of their rows.
pub fn link_decode(data: &[u8]) {
    let query = String::from_utf8_lossy(data);
    let catalog = shipped();
    let parsed = link::parse(&query);
    match &parsed {
        Ok(p) => {
            let canonical = link::encode(catalog, &p.scenario);
            let again = link::parse(&canonical).unwrap_or_else(|e| panic!("{canonical:?} does not parse: {e}"));
            assert_eq!(again.scenario, p.scenario, "{query:?} → {canonical:?}");
            assert_eq!(link::encode(catalog, &again.scenario), canonical);
        }
        Err(e) => check_field_errors(e),
    }
    match link::decode(catalog, &query) {
        Ok(decoded) => {
            let parsed = parsed.unwrap_or_else(|e| panic!("{query:?} decodes but does not parse: {e}"));
            assert_eq!(parsed.scenario, decoded.scenario);
            round_trip(catalog, &decoded.scenario);
        }
        Err(e) => check_field_errors(&e),
    }
}

/// `catalog_load`: the bytes replace some of the shipped catalog's files and
/// the result is loaded as a company's own price book would be.
///
/// The input is a list of sections, each a line `==> models.csv <==` and then
/// the file's text (the format `head` prints for several files); files without
/// a section keep the shipped text, so most mutations change one table and the
/// cross-file checks (models → providers, transfer → regions) stay reachable.
/// Text before the first marker is ignored.
///
/// - loading never panics; a refusal names a catalog file, a line from 1 and a column;
/// - a catalog that loads prices a scenario made of its own ids: the estimate's totals are the
///   sums of its rows, and the scenario's link decodes back to it under that catalog.
pub fn catalog_load(data: &[u8]) {
    let files = catalog_files(&String::from_utf8_lossy(data));
    let catalog = match Catalog::from_files(&files) {
        Ok(catalog) => catalog,
        Err(Error::Catalog {
            file,
            line,
            column,
            message,
        }) => {
            assert!(
                FILE_NAMES.contains(&file.as_str()),
                "error names no catalog file: {file}"
            );
            assert!(line >= 1, "{file}: line {line}: {message}");
            assert!(
                !column.is_empty() && !message.is_empty(),
                "{file} line {line}: {column:?} {message:?}"
            );
            return;
        }
        Err(other) => panic!("every file is there, yet: {other}"),
    };
    let scenario = scenario_for(&catalog);
    if let Err(e) = engine::validate(&catalog, &scenario) {
        // A catalog may lack what any scenario needs (a second region, an embedding model).
        check_field_errors(&e);
        return;
    }
    round_trip(&catalog, &scenario);
}

/// Splits `head`-style sections (`==> name <==` lines) over the shipped files.
fn catalog_files(text: &str) -> CatalogFiles {
    let mut files = CatalogFiles::shipped();
    let mut section: Option<(&str, String)> = None;
    for line in text.split_inclusive('\n') {
        let marker = line
            .trim_end_matches(['\n', '\r'])
            .strip_prefix("==> ")
            .and_then(|rest| rest.strip_suffix(" <=="));
        match (marker, &mut section) {
            (Some(name), _) => {
                if let Some((done, body)) = section.replace((name, String::new())) {
                    files.insert(done, body);
                }
            }
            (None, Some((_, body))) => body.push_str(line),
            (None, None) => {}
        }
    }
    if let Some((name, body)) = section {
        files.insert(name, body);
    }
    files
}

/// The default scenario, with every catalog reference the catalog lacks
/// replaced by one it has, so a renamed id still reaches the estimate.
fn scenario_for(catalog: &Catalog) -> Scenario {
    let mut s = Scenario::default();
    let keep_or = |current: &mut String, ids: &[&str]| {
        if !ids.contains(&current.as_str()) {
            if let Some(first) = ids.first() {
                *current = (*first).to_owned();
            }
        }
    };
    let tiers: Vec<&str> = catalog.tiers().iter().map(|t| t.id.as_str()).collect();
    keep_or(&mut s.tier, &tiers);
    let strategies: Vec<&str> = catalog.strategies().iter().map(|t| t.id.as_str()).collect();
    keep_or(&mut s.strategy, &strategies);
    let regions: Vec<&str> = catalog.regions().iter().map(|r| r.id.as_str()).collect();
    keep_or(&mut s.primary_region, &regions);
    let others: Vec<&str> = regions.into_iter().filter(|r| *r != s.primary_region).collect();
    keep_or(&mut s.secondary_region, &others);

    let first_model = |kind: ModelKind| catalog.models().iter().find(|m| m.kind == kind);
    let is =
        |provider: &str, model: &str, kind: ModelKind| catalog.model(provider, model).is_some_and(|m| m.kind == kind);
    for link in &mut s.providers {
        if let Some(m) = first_model(ModelKind::Chat).filter(|_| !is(&link.provider, &link.model, ModelKind::Chat)) {
            link.provider.clone_from(&m.provider);
            link.model.clone_from(&m.model);
        }
    }
    let c = &mut s.corpus;
    if let Some(m) = first_model(ModelKind::Embedding)
        .filter(|_| !is(&c.embedding_provider, &c.embedding_model, ModelKind::Embedding))
    {
        c.embedding_provider.clone_from(&m.provider);
        c.embedding_model.clone_from(&m.model);
    }

    let classes = |tier: StorageTier| -> Vec<&str> {
        let mut ids: Vec<&str> = catalog
            .storage_classes()
            .iter()
            .filter(|c| c.class == tier)
            .map(|c| c.id.as_str())
            .collect();
        ids.extend(catalog.storage_classes().iter().map(|c| c.id.as_str()));
        ids
    };
    let b = &mut s.backups;
    keep_or(&mut s.storage.class, &classes(StorageTier::Standard));
    keep_or(&mut b.standard_class, &classes(StorageTier::Standard));
    keep_or(&mut b.infrequent_class, &classes(StorageTier::Infrequent));
    keep_or(&mut b.archive_class, &classes(StorageTier::Archive));
    s
}

/// A valid scenario estimates, its totals add up, and its canonical link
/// decodes back to it, names the same catalog, and encodes to itself.
fn round_trip(catalog: &Catalog, scenario: &Scenario) {
    let estimate = engine::estimate(catalog, scenario).unwrap_or_else(|e| panic!("valid, yet: {e}"));
    check_totals(&estimate);
    let canonical = link::encode(catalog, scenario);
    let back = link::decode(catalog, &canonical).unwrap_or_else(|e| panic!("{canonical:?} does not decode: {e}"));
    assert_eq!(&back.scenario, scenario, "{canonical:?}");
    assert_eq!(back.link_catalog_version.as_deref(), Some(catalog.version()));
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(link::encode(catalog, &back.scenario), canonical);
}

/// Every shown amount is in cents, and every total is the sum of its rows.
fn check_totals(e: &Estimate) {
    let cents = |m: Money| assert_eq!(m.round_cents(), m, "{m} is not in cents");
    for plan in [&e.production_only, &e.full_dr, &e.optimized_dr, &e.dr_plan] {
        plan.lines.iter().for_each(|l| cents(l.monthly));
        assert_eq!(plan.monthly, plan.lines.iter().map(|l| l.monthly).sum::<Money>());
        assert_eq!(plan.annual, plan.lines.iter().map(|l| l.annual).sum::<Money>());
        assert_eq!(plan.monthly, plan.by_component.iter().map(|t| t.monthly).sum::<Money>());
        assert_eq!(plan.monthly, plan.by_location.iter().map(|t| t.monthly).sum::<Money>());
    }
    let risk = &e.risk;
    risk.rows.iter().for_each(|r| cents(r.ale_without));
    assert_eq!(risk.ale_without, risk.rows.iter().map(|r| r.ale_without).sum::<Money>());
    assert_eq!(risk.ale_with, risk.rows.iter().map(|r| r.ale_with).sum::<Money>());
    assert_eq!(
        risk.ale_reduction,
        risk.rows.iter().map(|r| r.ale_reduction).sum::<Money>()
    );
}

/// A refused scenario or link lists at least one problem, each with a message.
fn check_field_errors(e: &Error) {
    match e {
        Error::Invalid(errors) => {
            assert!(!errors.is_empty());
            for error in errors {
                assert!(!error.message.is_empty(), "{error}");
            }
        }
        other => panic!("not a field error: {other}"),
    }
}

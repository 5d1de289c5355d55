//! `cargo xtask tidy`: the house rules a reviewer should not have to check by
//! eye. Each problem is reported as `file:line: what is wrong; what to do`.
//!
//! - formatting: `cargo fmt --all --check`;
//! - lints: `cargo clippy --workspace --all-targets`, the browser tests
//!   included, warnings denied;
//! - every Rust file starts with a `//!` line saying what it is for;
//! - a Rust file over 500 lines says why near its top (`//! Over 500 lines because …`);
//! - every repository path or file name cited in code, docs or data exists;
//! - every proptest regressions file sits where proptest reads it.
//!
//! `cargo xtask test` runs this first, so CI does too.

use std::{collections::BTreeSet, fs, path::Path, process::Command};

use crate::{cargo_command, project_root, Result};

/// Runs every check and lists every problem found, not just the first.
pub fn tidy() -> Result<()> {
    let root = project_root();
    let tree = Tree::walk(&root)?;
    let texts = tree.read_texts(&root)?;
    let mut problems = Vec::new();
    problems.extend(doc_comments(&texts));
    problems.extend(long_files(&texts));
    problems.extend(cited_paths(&tree, &texts));
    problems.extend(proptest_regressions(&tree));
    // The cargo checks last: they take longest, and a missing path or doc
    // comment is worth knowing about even while the build is broken.
    problems.extend(fmt(&root).err());
    // The browser tests are behind a feature; checking them costs little more
    // (their dependencies are mostly the server's), so they are linted too.
    problems.extend(clippy(clippy_command(&root, &["drplan-tests/browser"])).err());
    if problems.is_empty() {
        println!("xtask tidy: all clean");
        Ok(())
    } else {
        Err(format!(
            "tidy found {} problem(s):\n{}",
            problems.len(),
            problems.join("\n")
        ))
    }
}

// ---- The files of the repository ----

/// Build outputs and installed tools: never committed (see .gitignore), so not
/// walked; cited (`target/site`, `node_modules/.bin/wasm-opt`) but never checked.
const OUTPUTS: &[&str] = &[
    ".git",
    "target",
    "node_modules",
    "engine/fuzz/target",
    "engine/fuzz/artifacts",
    "engine/fuzz/coverage",
];

/// Committed folders that are data, not text anyone writes: thousands of fuzz
/// inputs. They exist (and may be cited) but are not read.
const OPAQUE: &[&str] = &["engine/fuzz/corpus"];

/// The repository's own files and folders, as `/`-separated paths relative to
/// its root: what `git ls-files` lists, found without git so that a new file
/// counts before it is committed.
#[derive(Debug, Default)]
struct Tree {
    files: BTreeSet<String>,
    dirs: BTreeSet<String>,
}

impl Tree {
    fn walk(root: &Path) -> Result<Tree> {
        let mut tree = Tree::default();
        let mut pending = vec![String::new()];
        while let Some(dir) = pending.pop() {
            let path = root.join(&dir);
            let entries = fs::read_dir(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            for entry in entries {
                let entry = entry.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let relative = if dir.is_empty() { name } else { format!("{dir}/{name}") };
                if OUTPUTS.contains(&relative.as_str()) {
                    continue;
                }
                if entry.path().is_dir() {
                    if !OPAQUE.contains(&relative.as_str()) {
                        pending.push(relative.clone());
                    }
                    tree.dirs.insert(relative);
                } else {
                    tree.files.insert(relative);
                }
            }
        }
        Ok(tree)
    }

    /// A tree of just these files and their folders (for tests).
    #[cfg(test)]
    fn of(files: &[&str]) -> Tree {
        let mut tree = Tree::default();
        for file in files {
            let mut dir = *file;
            while let Some((parent, _)) = dir.rsplit_once('/') {
                tree.dirs.insert(parent.to_owned());
                dir = parent;
            }
            tree.files.insert((*file).to_owned());
        }
        tree
    }

    fn contains(&self, path: &str) -> bool {
        self.files.contains(path) || self.dirs.contains(path)
    }

    /// Whether some file, in any folder, has this name (`link.rs`).
    fn has_file_named(&self, name: &str) -> bool {
        self.files.iter().any(|f| f.rsplit('/').next() == Some(name))
    }

    /// Whether some file or folder's path ends with `/tail` (`components/inputs.rs`).
    fn has_path_ending_with(&self, tail: &str) -> bool {
        let tail = format!("/{tail}");
        self.files.iter().chain(&self.dirs).any(|p| p.ends_with(&tail))
    }

    /// Whether `name` is a top-level file or folder (`docs`, `engine`, `Cargo.toml`).
    fn is_top_level(&self, name: &str) -> bool {
        !name.contains('/') && self.contains(name)
    }

    /// The text files people write and cite paths in, with their contents.
    fn read_texts(&self, root: &Path) -> Result<Vec<Text>> {
        self.files
            .iter()
            .filter(|f| is_text(f))
            .map(|f| {
                let path = root.join(f);
                let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                Ok(Text { path: f.clone(), text })
            })
            .collect()
    }
}

/// Sources, docs, data, settings and scripts; not images, fonts, lock files or fuzz dictionaries.
fn is_text(path: &str) -> bool {
    const EXTENSIONS: &[&str] = &["rs", "md", "csv", "toml", "css", "sh"];
    path == ".ci/run" || extension(path).is_some_and(|e| EXTENSIONS.contains(&e))
}

fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    let (stem, extension) = name.rsplit_once('.')?;
    (!stem.is_empty()).then_some(extension)
}

/// One text file of the repository.
struct Text {
    path: String,
    text: String,
}

// ---- `//!` on every Rust file ----

/// Every Rust file opens with a `//!` line, so a reader knows what it is for
/// before reading it (fuzz targets and benches included).
fn doc_comments(texts: &[Text]) -> Vec<String> {
    texts
        .iter()
        .filter(|t| t.path.ends_with(".rs") && !t.text.starts_with("//!"))
        .map(|t| {
            format!(
                "{}:1: does not start with a `//!` comment; add one saying what the file is for",
                t.path
            )
        })
        .collect()
}

// ---- Long files say why ----

/// Lines past which a Rust file must give its reason.
const LONG_FILE_LINES: usize = 500;

/// A file that does several jobs is a file to split; one that is long for a
/// reason says so in its first lines, where a reviewer looks first.
fn long_files(texts: &[Text]) -> Vec<String> {
    texts
        .iter()
        .filter(|t| t.path.ends_with(".rs") && t.text.lines().count() > LONG_FILE_LINES)
        .filter(|t| !t.text.lines().take(5).any(|line| line.starts_with("//! Over 500 lines because")))
        .map(|t| {
            format!(
                "{}:1: has {} lines; split it along its seams, or say why near its top with `//! Over 500 lines because …`",
                t.path,
                t.text.lines().count()
            )
        })
        .collect()
}

// ---- Cited paths exist ----

/// Files cited by bare name (`link.rs`, `methodology.md`, `regions.csv`,
/// `Cargo.toml`): one of that name must exist somewhere in the repository.
const CITED_BY_NAME: &[&str] = &["rs", "md", "csv", "toml"];

/// Names in the text that are deliberately not repository files: things drplan,
/// its tests or the README's examples write at run time. Keep each one explained.
const GENERATED: &[&str] = &[
    // Scenario files the CLI tests write into a temporary folder.
    "scenario.toml",
    "range.toml",
    "broken.toml",
    // Files the README's examples save: `curl -o diff.csv`, `> costs.csv`, `report.csv`.
    "diff.csv",
    "costs.csv",
    "report.csv",
];

/// Download names the server makes up (`drplan-costs-<scenario>-<date>.csv`).
const GENERATED_PREFIX: &str = "drplan-";

/// Characters a cited path is made of. Globs (`*`) and placeholders
/// (`<target>`, `{table}`) are included so a templated path is one token.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_-./*<>{}".contains(c)
}

fn has_placeholder(segment: &str) -> bool {
    segment.contains(['*', '<', '>', '{', '}'])
}

/// Files and folders whose citations are not checked: the tests of this rule
/// plant missing paths, and golden files are outputs of code that is checked.
const UNCHECKED: &[&str] = &["xtask/src/tidy/tests.rs", "server/tests/golden"];

/// Every token that looks like a path to a repository file (`docs/methodology.md`,
/// `server/src/pages.rs`, `../../docs/share-links.md`, `components/inputs.rs`,
/// a bare `link.rs`) and names nothing in the repository. URL paths
/// (`/api/v1/…`), hosts (`github.com/…`), build outputs (`target/…`) and crate
/// features (`leptos/ssr`) are not repository paths and are left alone.
fn cited_paths(tree: &Tree, texts: &[Text]) -> Vec<String> {
    let mut problems = Vec::new();
    let checked = |t: &&Text| {
        !UNCHECKED
            .iter()
            .any(|u| t.path == *u || t.path.starts_with(&format!("{u}/")))
    };
    for text in texts.iter().filter(checked) {
        let folder = text.path.rsplit_once('/').map_or("", |(folder, _)| folder);
        for (number, line) in text.text.lines().enumerate() {
            for token in tokens(line) {
                if is_missing(tree, folder, token) {
                    problems.push(format!(
                        "{}:{}: cites {token}, which is not in the repository; fix the path or drop the reference",
                        text.path,
                        number + 1
                    ));
                }
            }
        }
    }
    problems
}

/// The runs of path characters of a line, trailing sentence dots removed,
/// except those right after a `:` (`http://…`, `host:3000/…`): URLs.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    let mut start = None;
    let mut runs = Vec::new();
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (start, is_path_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if !line[..s].ends_with(':') {
                    runs.push(&line[s..i]);
                }
                start = None;
            }
            _ => {}
        }
    }
    runs.into_iter().map(|run| {
        let trimmed = run.trim_end_matches('.');
        if trimmed.is_empty() || trimmed.ends_with('/') {
            run
        } else {
            trimmed
        }
    })
}

/// Whether `token`, found in a file of `folder`, cites a repository path that does not exist.
fn is_missing(tree: &Tree, folder: &str, token: &str) -> bool {
    let token = token.trim_end_matches('/');
    if token.starts_with('/') {
        return false; // a URL path or an absolute path on some machine
    }
    if !token.contains('/') {
        return is_missing_name(tree, token);
    }
    let segments: Vec<&str> = token.split('/').collect();
    let first = segments[0];
    if first.contains('.') && !first.starts_with('.') {
        return false; // a host (`drplan.example/?v=1`) or a name like `Node.js/npm`
    }
    if OUTPUTS
        .iter()
        .any(|o| token == *o || token.starts_with(&format!("{o}/")))
    {
        return false; // built, not committed
    }
    // A glob or template (`data/*.csv`, `engine/src/<concept>.rs`): the folder before it must exist.
    let token = match segments.iter().position(|s| has_placeholder(s)) {
        Some(0) => return false,
        Some(i) => segments[..i].join("/"),
        None => token.to_owned(),
    };
    // Relative to the file's folder or any folder above it: `include_str!` and
    // `#[path]` are relative to the file, `CARGO_MANIFEST_DIR` joins to the crate,
    // and prose cites from the root.
    let mut base = Some(folder);
    while let Some(folder) = base {
        if normalize(folder, &token).is_some_and(|p| tree.contains(&p)) {
            return false;
        }
        base = (!folder.is_empty()).then(|| folder.rsplit_once('/').map_or("", |(up, _)| up));
    }
    // Not found from anywhere. A relative path (`../../docs/share-links.md`, `../data`)
    // is a citation when it names a file type people cite: `../../etc/passwd`
    // in a test of path traversal is not.
    let last = token.rsplit('/').next().unwrap_or_default();
    let cited_file = extension(last).is_some_and(|e| CITED_BY_NAME.contains(&e));
    if token.starts_with("./") || token.starts_with("../") {
        return cited_file;
    }
    // A path from a top-level folder (`docs/…`, `engine/…`) is a citation.
    if tree.is_top_level(segments[0]) {
        return true;
    }
    // Any other is a citation when it names such a file, and then it may be the
    // tail of a path, as prose says `components/inputs.rs` in a section about
    // `app/src`; `openai/gpt-4o` and `I/O` are not citations.
    cited_file && !tree.has_path_ending_with(&token)
}

/// A bare file name (`link.rs`) is a citation when its type is one people cite;
/// some file of that name must exist.
fn is_missing_name(tree: &Tree, name: &str) -> bool {
    let cited = extension(name).is_some_and(|e| CITED_BY_NAME.contains(&e));
    cited
        && !has_placeholder(name)
        && !GENERATED.contains(&name)
        && !name.starts_with(GENERATED_PREFIX)
        && !tree.has_file_named(name)
}

/// `folder/relative` with `.` and `..` resolved; `None` when it climbs above the root.
fn normalize(folder: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

// ---- proptest regressions are read ----

/// Where proptest looks for the regressions of a test in `source` by default
/// (`FileFailurePersistence::SourceParallel`): next to the nearest folder above
/// with a `lib.rs` or `main.rs`, in `proptest-regressions/<path>.txt`; without
/// such a folder, `<source>.proptest-regressions` beside the source.
fn regressions_file(tree: &Tree, source: &str) -> String {
    let stem = source.strip_suffix(".rs").unwrap_or(source);
    let mut dir = source;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if tree.files.contains(&format!("{parent}/lib.rs")) || tree.files.contains(&format!("{parent}/main.rs")) {
            let above = parent.rsplit_once('/').map_or("", |(up, _)| up);
            let inside = &stem[parent.len() + 1..];
            let sibling = if above.is_empty() {
                String::new()
            } else {
                format!("{above}/")
            };
            return format!("{sibling}proptest-regressions/{inside}.txt");
        }
        dir = parent;
    }
    format!("{stem}.proptest-regressions")
}

/// A regressions file proptest does not read is silently ignored, and the
/// failures it pins stop being replayed: moving a test file is enough to lose it.
fn proptest_regressions(tree: &Tree) -> Vec<String> {
    let read: BTreeSet<String> = tree
        .files
        .iter()
        .filter(|f| f.ends_with(".rs"))
        .map(|f| regressions_file(tree, f))
        .collect();
    tree.files
        .iter()
        .filter(|f| f.ends_with(".proptest-regressions") || (f.contains("proptest-regressions/") && f.ends_with(".txt")))
        .filter(|f| !read.contains(*f))
        .map(|f| {
            format!(
                "{f}:1: proptest does not read this file: no test source maps to it; move it to where proptest looks for its test's regressions (proptest-regressions/<file>.txt beside the test's main.rs or lib.rs folder)"
            )
        })
        .collect()
}

// ---- cargo fmt and clippy ----

/// `cargo fmt --all --check` in the workspace at `root`.
fn fmt(root: &Path) -> Result<(), String> {
    let mut command = cargo_command(&["fmt", "--all", "--check"]);
    command.current_dir(root);
    let Some(output) = run_check(command)? else {
        return Ok(());
    };
    // rustfmt prints `Diff in /abs/path.rs:12:` and then the diff; the places are what to look at.
    let places: Vec<String> = output
        .lines()
        .filter_map(|l| l.strip_prefix("Diff in "))
        .map(|place| {
            let place = place.trim_end_matches(':');
            let place = Path::new(place)
                .strip_prefix(root)
                .map_or(place.into(), Path::to_string_lossy);
            format!("{place}: not formatted as rustfmt formats it")
        })
        .collect();
    let report = if places.is_empty() { output } else { places.join("\n") };
    Err(format!("{report}\nrun `cargo fmt --all`, then commit"))
}

/// `cargo clippy` on every package and target of the workspace at `root`,
/// with these features on, warnings denied.
fn clippy_command(root: &Path, features: &[&str]) -> Command {
    let features = features.join(",");
    let mut args = vec!["clippy", "--workspace", "--all-targets", "--message-format=short"];
    if !features.is_empty() {
        args.extend(["--features", &features]);
    }
    args.extend(["--", "-D", "warnings"]);
    let mut command = cargo_command(&args);
    command.current_dir(root);
    command
}

/// Runs a [`clippy_command`] and lists what it found.
fn clippy(command: Command) -> Result<(), String> {
    let Some(output) = run_check(command)? else {
        return Ok(());
    };
    // Short messages are `file:line:col: error: …`; cargo's progress lines are noise here.
    let progress = [
        "Compiling ",
        "Checking ",
        "Finished ",
        "Blocking ",
        "Locking ",
        "Updating ",
    ];
    let report: Vec<&str> = output
        .lines()
        .filter(|l| !progress.iter().any(|p| l.trim_start().starts_with(p)))
        .collect();
    Err(format!(
        "{}\nfix these clippy findings (or allow one where it is wrong, with the reason)",
        report.join("\n")
    ))
}

/// Runs a checking command: `None` when it passes, else what it printed.
fn run_check(mut command: Command) -> Result<Option<String>, String> {
    let shown = format!("{command:?}");
    let output = command.output().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if output.status.success() {
        return Ok(None);
    }
    let printed = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    Ok(Some(format!("{shown} failed:\n{printed}")))
}

#[cfg(test)]
mod tests;

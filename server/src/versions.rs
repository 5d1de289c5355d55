//! `drplan catalog versions|diff|check`: the released catalogs, what changed between two, and the stale rows.
//!
//! The catalogs are read here, at the edge (a version id from the engine's
//! embedded copies, or a folder's CSV files), and the engine's
//! `catalog::history` compares and dates them. Exit statuses: 0 done (and,
//! for `check`, nothing stale), 1 `check` found stale rows, 2 an argument
//! that names no catalog or a folder that cannot be read.

use engine::catalog::history::key_text;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use engine::catalog::history::{self, CatalogDiff, FileStatus, RowDiff, RowKind, Side, StaleRow, Staleness};
use engine::CatalogFiles;

use crate::config::{CatalogCheckArgs, CatalogCommand, CatalogDiffArgs, DiffFormat};

/// Runs one `drplan catalog` command and prints its answer on stdout, or the problem on stderr.
pub fn run(command: &CatalogCommand) -> ExitCode {
    let answer = match command {
        CatalogCommand::Versions => Ok((versions(), ExitCode::SUCCESS)),
        CatalogCommand::Diff(args) => diff(args).map(|text| (text, ExitCode::SUCCESS)),
        CatalogCommand::Check(args) => check(args),
    };
    match answer {
        Ok((text, code)) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`drplan catalog diff … | head`) is not worth a panic.
            let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
            code
        }
        Err(message) => {
            eprintln!("drplan: {message}");
            ExitCode::from(2)
        }
    }
}

/// One line per version: the released ones, oldest first, then `current` with its own version.
pub fn versions() -> String {
    let mut out = String::new();
    for (id, _) in history::released() {
        let _ = writeln!(out, "{id:<10} released, kept in data/versions/{id}/");
    }
    let current = CatalogFiles::shipped();
    let version = history::version_of(&current).unwrap_or_default();
    let _ = writeln!(
        out,
        "{:<10} version {version}, in data/ (this build prices with it)",
        history::CURRENT
    );
    out
}

/// The catalog `arg` names: a version id, or a folder holding catalog files.
/// `which` names the argument in the message (`A`, `B`, `--catalog-dir`).
pub fn catalog_named(which: &str, arg: &str) -> Result<CatalogFiles, String> {
    if let Some(files) = history::resolve(arg) {
        return Ok(files);
    }
    let dir = Path::new(arg);
    if dir.is_dir() {
        return read_dir(dir);
    }
    Err(format!(
        "{which} is {arg:?}, which is neither a catalog version ({}) nor a folder of catalog CSV files",
        history::allowed()
    ))
}

/// The catalog files of a folder (see `history::file_names`); other files are ignored.
fn read_dir(dir: &Path) -> Result<CatalogFiles, String> {
    let mut files = CatalogFiles::new();
    let mut found = 0;
    for name in history::file_names() {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                files.insert(name, text);
                found += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot read the catalog file {}: {e}", path.display())),
        }
    }
    if found == 0 {
        return Err(format!(
            "{} holds no catalog file (one of: {})",
            dir.display(),
            history::file_names().join(", ")
        ));
    }
    Ok(files)
}

fn diff(args: &CatalogDiffArgs) -> Result<String, String> {
    let from = catalog_named("A", &args.from)?;
    let to = catalog_named("B", &args.to)?;
    let d = history::diff(&from, &to);
    Ok(match args.format {
        DiffFormat::Text => diff_text(&args.from, &args.to, &d),
        DiffFormat::Csv => diff_csv(&d),
    })
}

/// `1 row`, `2 rows`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn value(v: Option<&String>) -> String {
    v.map_or_else(|| "(no column)".to_owned(), |v| format!("{v:?}"))
}

fn lines(row: &RowDiff) -> String {
    match (row.from_line, row.to_line) {
        (Some(a), Some(b)) if a == b => format!("line {a}"),
        (Some(a), Some(b)) => format!("line {a} → {b}"),
        (Some(a), None) | (None, Some(a)) => format!("line {a}"),
        (None, None) => String::new(),
    }
}

/// The diff as text: a summary line, then per file its header change,
/// duplicate keys and rows (`+` added, `-` removed, `~` changed, with each
/// changed cell's old → new value).
pub fn diff_text(from: &str, to: &str, d: &CatalogDiff) -> String {
    let mut out = String::new();
    if d.is_empty() {
        let _ = writeln!(out, "{from} → {to}: no differences");
        return out;
    }
    let _ = writeln!(
        out,
        "{from} → {to}: {} in {}",
        if d.row_count() == 1 {
            "1 row differs".to_owned()
        } else {
            format!("{} rows differ", d.row_count())
        },
        counted(d.files.len(), "file")
    );
    for f in &d.files {
        let count = |kind| f.rows.iter().filter(|r| r.kind == kind).count();
        let status = match f.status {
            FileStatus::Added => "new file, ",
            FileStatus::Removed => "file removed, ",
            FileStatus::Changed => "",
        };
        let _ = writeln!(
            out,
            "\n{} ({status}key {}): {} added, {} removed, {} changed",
            f.file,
            f.key_columns.join("/"),
            count(RowKind::Added),
            count(RowKind::Removed),
            count(RowKind::Changed)
        );
        if let Some(h) = &f.header {
            let _ = writeln!(out, "  header: {} → {}", h.from.join(","), h.to.join(","));
        }
        for dup in &f.duplicates {
            let side = match dup.side {
                Side::From => from,
                Side::To => to,
            };
            let lines: Vec<String> = dup.lines.iter().map(u64::to_string).collect();
            let _ = writeln!(
                out,
                "  duplicate key {} in {side}, lines {}",
                key_text(&dup.key),
                lines.join(", ")
            );
        }
        for row in &f.rows {
            let (mark, what) = match row.kind {
                RowKind::Added => ("+", "added"),
                RowKind::Removed => ("-", "removed"),
                RowKind::Changed => ("~", "changed"),
            };
            let _ = writeln!(out, "  {mark} {} ({what}, {})", key_text(&row.key), lines(row));
            for c in &row.cells {
                let _ = match row.kind {
                    RowKind::Changed => writeln!(
                        out,
                        "      {}: {} → {}",
                        c.column,
                        value(c.from.as_ref()),
                        value(c.to.as_ref())
                    ),
                    RowKind::Added => writeln!(out, "      {}: {}", c.column, value(c.to.as_ref())),
                    RowKind::Removed => writeln!(out, "      {}: {}", c.column, value(c.from.as_ref())),
                };
            }
        }
    }
    out
}

/// The diff as CSV, one line per changed cell (and per header column added
/// or removed): `file,change,key,from_line,to_line,column,from,to`.
pub fn diff_csv(d: &CatalogDiff) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut record = |fields: [&str; 8]| writer.write_record(fields).expect("BUG: CSV writes to memory");
    record(["file", "change", "key", "from_line", "to_line", "column", "from", "to"]);
    let line = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    for f in &d.files {
        if let Some(h) = &f.header {
            for column in &h.added {
                record([&f.file, "column_added", "", "", "", column, "", ""]);
            }
            for column in &h.removed {
                record([&f.file, "column_removed", "", "", "", column, "", ""]);
            }
        }
        for dup in &f.duplicates {
            let lines: Vec<String> = dup.lines.iter().map(u64::to_string).collect();
            let side = match dup.side {
                Side::From => "duplicate_key_in_from",
                Side::To => "duplicate_key_in_to",
            };
            record([&f.file, side, &key_text(&dup.key), "", "", "", &lines.join(" "), ""]);
        }
        for row in &f.rows {
            let change = match row.kind {
                RowKind::Added => "added",
                RowKind::Removed => "removed",
                RowKind::Changed => "changed",
            };
            let (key, from_line, to_line) = (key_text(&row.key), line(row.from_line), line(row.to_line));
            for c in &row.cells {
                record([
                    &f.file,
                    change,
                    &key,
                    &from_line,
                    &to_line,
                    &c.column,
                    c.from.as_deref().unwrap_or(""),
                    c.to.as_deref().unwrap_or(""),
                ]);
            }
        }
    }
    let bytes = writer.into_inner().expect("BUG: CSV writes to memory");
    String::from_utf8(bytes).expect("BUG: CSV of UTF-8 text is UTF-8")
}

fn check(args: &CatalogCheckArgs) -> Result<(String, ExitCode), String> {
    let files = match &args.catalog_dir {
        Some(dir) if dir.is_dir() => read_dir(dir)?,
        Some(dir) => return Err(format!("--catalog-dir {} is not a folder", dir.display())),
        None => CatalogFiles::shipped(),
    };
    let today = args.today.unwrap_or_else(today);
    let found = history::stale(&files, today, args.max_age_days);
    let code = if found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    Ok((stale_text(&found, today, args.max_age_days), code))
}

/// Today (UTC) from the system clock, as (year, month, day).
fn today() -> (i32, u32, u32) {
    let date = time::OffsetDateTime::now_utc().date();
    (date.year(), u32::from(u8::from(date.month())), u32::from(date.day()))
}

/// One line per stale row: file:line, key, as-of, why, source.
pub fn stale_text(found: &[StaleRow], today: (i32, u32, u32), max_age_days: u32) -> String {
    let (y, m, d) = today;
    let mut out = String::new();
    if found.is_empty() {
        let _ = writeln!(out, "no row is older than {max_age_days} days on {y:04}-{m:02}-{d:02}");
        return out;
    }
    let _ = writeln!(
        out,
        "{} older than {max_age_days} days on {y:04}-{m:02}-{d:02}, or without a readable date:",
        counted(found.len(), "row")
    );
    for r in found {
        let why = match r.staleness {
            Staleness::Old { days } => format!("{days} days old"),
            Staleness::Missing => "no as-of date".to_owned(),
            Staleness::Unreadable => "as-of is not YYYY-MM or YYYY-MM-DD".to_owned(),
        };
        let _ = writeln!(
            out,
            "{}:{}  {}  as of {:?} ({why})  source: {}",
            r.file,
            r.line,
            key_text(&r.key),
            r.as_of,
            r.source
        );
    }
    out
}

//! Support shared by the tests of every crate (a dev-dependency of `engine`
//! and `server`): [`ensure_file_contents`], which keeps the files generated
//! from code (docs, golden outputs) equal to what the code produces.

use std::path::Path;

/// Makes `path` hold exactly `contents`, byte for byte.
///
/// When the file is missing or differs, it is rewritten and the call panics
/// saying so: the test fails once, the developer reviews the change with
/// `git diff` and commits it, and the next run passes. A stale file is never
/// silently accepted, and bringing it up to date is never done by hand
/// (rust-analyzer's `ensure_file_contents`).
#[track_caller]
pub fn ensure_file_contents(path: &Path, contents: &str) {
    if let Err(message) = try_ensure_file_contents(path, contents) {
        panic!("{message}");
    }
}

/// [`ensure_file_contents`] without the panic: `Err` says what was rewritten.
pub fn try_ensure_file_contents(path: &Path, contents: &str) -> Result<(), String> {
    let what = match std::fs::read(path) {
        Ok(old) if old == contents.as_bytes() => return Ok(()),
        Ok(_) => "was not up to date and has been rewritten",
        Err(_) => "did not exist and has been written",
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("cannot create {}: {e}", folder.display()));
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    // Shown from the workspace root (`docs/share-links.md`, not `engine/../docs/share-links.md`), for `git diff`.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize();
    let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let shown = root
        .ok()
        .and_then(|root| path.strip_prefix(root).ok().map(Path::to_owned))
        .unwrap_or_else(|| path.clone());
    let shown = shown.display();
    let ci = if std::env::var_os("CI").is_some() {
        " (on CI: run `cargo test` locally and commit the file)"
    } else {
        ""
    };
    Err(format!(
        "{shown} {what}; review it (`git diff {shown}`) and commit it{ci}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_or_missing_file_is_rewritten_and_reported_and_a_current_one_is_left_alone() {
        let dir = std::env::temp_dir().join(format!("drplan-ensure-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let file = dir.join("golden/table.txt");
        let check = |contents: &str| try_ensure_file_contents(&file, contents).map_err(|e| e.contains("written"));

        assert_eq!(check("a,b\r\n1,2\r\n"), Err(true), "missing");
        assert_eq!(std::fs::read(&file).unwrap(), b"a,b\r\n1,2\r\n");
        assert_eq!(check("a,b\r\n1,2\r\n"), Ok(()), "current");
        assert_eq!(
            check("a,b\n1,2\n"),
            Err(true),
            "line ends differ: bytes, not text, are compared"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "a,b\n1,2\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

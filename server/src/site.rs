//! The built site's files: the names of the JS, wasm and CSS (with a content
//! hash when `hash.txt` lists one, as `cargo xtask build` and cargo-leptos
//! write it) and whether they are on disk.

use std::path::{Path, PathBuf};

use leptos::config::LeptosOptions;

/// The file listing the content hashes, one `kind: hash` line each (`js`, `wasm`, `css`).
pub const HASH_FILE: &str = "hash.txt";

/// The file names of the site's JS, wasm and CSS inside the pkg folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFiles {
    /// `drplan.<hash>.js`, or `drplan.js` unhashed.
    pub js: String,
    /// `drplan.<hash>.wasm`, or `drplan_bg.wasm` unhashed (wasm-bindgen's name).
    pub wasm: String,
    /// `drplan.<hash>.css`, or `drplan.css` unhashed.
    pub css: String,
    /// Whether the names carry hashes (and so may be cached for good).
    pub hashed: bool,
}

/// Where Leptos reads the hash file: `hash_file` joined to the binary's
/// folder, so an absolute `hash_file` is used as it is.
pub fn hash_file_path(options: &LeptosOptions) -> PathBuf {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    exe_dir.join(options.hash_file.as_ref())
}

impl SiteFiles {
    /// The names Leptos's `HydrationScripts` and `HashedStylesheet` will link
    /// for `options`, or why they cannot be known.
    pub fn of(options: &LeptosOptions) -> Result<SiteFiles, String> {
        let name = options.output_name.as_ref();
        if !options.hash_files {
            // Leptos names the wasm `<name>.wasm` only when it was compiled
            // with LEPTOS_OUTPUT_NAME set (cargo-leptos); otherwise `<name>_bg.wasm`.
            let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
                format!("{name}.wasm")
            } else {
                format!("{name}_bg.wasm")
            };
            return Ok(SiteFiles {
                js: format!("{name}.js"),
                wasm,
                css: format!("{name}.css"),
                hashed: false,
            });
        }
        let path = hash_file_path(options);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let hash = |kind: &str| {
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(k, _)| k.trim() == kind)
                .map(|(_, hash)| hash.trim().to_owned())
                .filter(|hash| !hash.is_empty())
                .ok_or_else(|| format!("{} lists no `{kind}:` hash", path.display()))
        };
        Ok(SiteFiles {
            js: format!("{name}.{}.js", hash("js")?),
            wasm: format!("{name}.{}.wasm", hash("wasm")?),
            css: format!("{name}.{}.css", hash("css")?),
            hashed: true,
        })
    }

    /// The URL path of a file of the pkg folder, e.g. `/pkg/drplan.css`.
    pub fn url(options: &LeptosOptions, file: &str) -> String {
        format!("/{}/{file}", options.site_pkg_dir)
    }

    /// The URL paths of the three files.
    pub fn urls(&self, options: &LeptosOptions) -> [String; 3] {
        [&self.js, &self.wasm, &self.css].map(|file| Self::url(options, file))
    }

    /// The files that are not on disk.
    pub fn missing(&self, options: &LeptosOptions) -> Vec<PathBuf> {
        let pkg = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
        [&self.js, &self.wasm, &self.css]
            .into_iter()
            .map(|file| pkg.join(file))
            .filter(|path| !path.is_file())
            .collect()
    }

    /// The stylesheet's URL for `options`, falling back to the unhashed name
    /// when the hash file cannot be read (the page then says so by its looks,
    /// and `/readyz` says why).
    pub fn stylesheet_url(options: &LeptosOptions) -> String {
        let css = SiteFiles::of(options).map_or_else(|_| format!("{}.css", options.output_name), |files| files.css);
        Self::url(options, &css)
    }
}

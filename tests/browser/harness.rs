//! Starts the built `drplan` and chromedriver on free loopback ports and opens
//! a headless Chromium session; everything is stopped when the harness drops.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{wd::WebDriverCompatibleCommand, Client, ClientBuilder, Locator};
use serde_json::json;

/// How long any wait in these tests may take before it fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A running server, a running chromedriver and a browser session on them.
pub struct Harness {
    server: Child,
    driver: Child,
    /// The browser session.
    pub client: Client,
    /// `http://127.0.0.1:PORT` of the server.
    pub base_url: String,
    profile_dir: PathBuf,
}

/// Whether the page may run JavaScript.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scripts {
    /// The normal case: the wasm loads and hydrates.
    Enabled,
    /// A browser with JavaScript off: the page must work as a plain form.
    Disabled,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn required_env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the browser tests through `cargo xtask test`, which builds the site and sets it")
    })
}

/// Waits until something accepts HTTP GET `path` on `port` with a 200.
fn wait_for_http(port: u16, path: &str, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
            let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            // The status line is enough; chromedriver keeps the connection
            // open whatever the request says, so don't read to the end.
            let mut head = [0u8; 12];
            if stream.write_all(request.as_bytes()).is_ok()
                && stream.read_exact(&mut head).is_ok()
                && &head == b"HTTP/1.1 200"
            {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not answer GET {path} on port {port} within {PATIENCE:?}");
}

impl Harness {
    /// Starts everything; panics with a plain message when a piece is missing.
    pub async fn start(scripts: Scripts) -> Harness {
        let server_port = free_port();
        let server = Command::new(required_env("DRPLAN_BIN"))
            .arg("serve")
            .arg("--addr")
            .arg(format!("127.0.0.1:{server_port}"))
            .env("LEPTOS_SITE_ROOT", required_env("LEPTOS_SITE_ROOT"))
            .stdout(Stdio::null())
            .spawn()
            .expect("start drplan");
        wait_for_http(server_port, "/healthz", "drplan");

        let driver_port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver (apt-get install -y chromium chromium-driver)");
        wait_for_http(driver_port, "/status", "chromedriver");

        let profile_dir = std::env::temp_dir().join(format!("drplan-chromium-{server_port}"));
        let mut options = json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1366,900",
                format!("--user-data-dir={}", profile_dir.display()),
            ],
        });
        if scripts == Scripts::Disabled {
            options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), options);
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("open a Chromium session through chromedriver");
        Harness {
            server,
            driver,
            client,
            base_url: format!("http://127.0.0.1:{server_port}"),
            profile_dir,
        }
    }

    /// Opens `path` on the server.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base_url))
            .await
            .expect("navigate");
    }

    /// Starts everything with scripts on, opens `path` and waits for hydration:
    /// where most tests begin.
    pub async fn hydrated(path: &str) -> Harness {
        let harness = Harness::start(Scripts::Enabled).await;
        harness.open(path).await;
        harness.wait_for_hydration().await;
        harness
    }

    /// Waits for the wasm to take over the server-rendered page.
    pub async fn wait_for_hydration(&self) {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css("main[data-hydrated='true']"))
            .await
            .expect("the page hydrates (main[data-hydrated=true] appears)");
    }

    /// Waits until an element matches `css`.
    pub async fn wait_for_element(&self, css: &str) {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear within {PATIENCE:?}: {e}"));
    }

    /// Clicks the element at `css`.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// At phone widths (390 px, today's common phone, and 360 px, the narrowest
    /// the pages promise): fails when the page scrolls sideways, and saves
    /// `NAME-<width>x844.png`.
    pub async fn phone_screenshots(&self, name: &str) {
        for width in [390, 360] {
            self.client.set_window_size(width, 844).await.expect("phone size");
            tokio::time::sleep(Duration::from_millis(200)).await;
            let overflow = self
                .client
                .execute(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                    vec![],
                )
                .await
                .expect("measure overflow");
            assert_eq!(overflow.as_i64(), Some(0), "the page scrolls sideways {width} px wide");
            self.screenshot(&format!("{name}-{width}x844")).await;
        }
    }

    /// The text of the element at `css`.
    pub async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
            .text()
            .await
            .expect("read text")
    }

    /// Waits until the element at `css` reads `expected`, failing with what it read last.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + PATIENCE;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                last = element.text().await.unwrap_or_default();
                if last.trim() == expected {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} still reads {last:?}, expected {expected:?}");
    }

    /// Waits until the element at `css` holds a message about `value` (the
    /// value last typed: a message about a value typed on the way, such as
    /// the empty field after clearing it, may come first), and returns it.
    pub async fn wait_for_message(&self, css: &str, value: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut last = String::new();
        while Instant::now() < deadline {
            last = self.text(css).await;
            if last.contains(&format!("{value:?}")) {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} has no message about {value:?} after {PATIENCE:?}; it reads {last:?}");
    }

    /// The current `value` of the form control at `css`.
    pub async fn value(&self, css: &str) -> String {
        let control = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        control.prop("value").await.expect("read the value").unwrap_or_default()
    }

    /// Waits until the form control at `css` holds `expected`.
    pub async fn wait_for_value(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + PATIENCE;
        let mut last = String::new();
        while Instant::now() < deadline {
            last = self.value(css).await;
            if last == expected {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{css} still holds {last:?}, expected {expected:?}");
    }

    /// Fails the test when the browser console has logged errors.
    pub async fn assert_no_console_errors(&self) {
        let errors = self.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    }

    /// Replaces the value of the input at `css` with `text`, as typed keys.
    pub async fn type_into(&self, css: &str, text: &str) {
        let input = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        input.clear().await.expect("clear the input");
        input.send_keys(text).await.expect("type");
    }

    /// The browser console's entries at level SEVERE (errors) since the last call.
    pub async fn console_errors(&self) -> Vec<String> {
        let entries = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("read the browser console");
        entries
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Saves a PNG of the window to `target/screenshots/NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        let folder = std::env::var_os("DRPLAN_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots"));
        std::fs::create_dir_all(&folder).expect("create the screenshots folder");
        let png = self.client.screenshot().await.expect("take a screenshot");
        std::fs::write(folder.join(format!("{name}.png")), png).expect("save the screenshot");
    }

    /// Closes the browser and stops the processes.
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.server.kill();
        let _ = self.driver.wait();
        let _ = self.server.wait();
        let _ = std::fs::remove_dir_all(&self.profile_dir);
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // A failed assertion unwinds past `stop`: don't leave processes behind.
        let _ = self.driver.kill();
        let _ = self.server.kill();
    }
}

/// chromedriver's console log: `POST /session/{id}/se/log {"type":"browser"}`.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

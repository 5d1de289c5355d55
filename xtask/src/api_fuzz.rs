//! The JSON API against its own OpenAPI document: Schemathesis (every check,
//! its default) generates requests from the document the server serves and
//! checks the answers, so the document stays as strict as the server.
//!
//! Schemathesis comes from the Python virtual environment `target/venv`
//! that `.ci/run` makes (`tests/requirements.txt`, pinned). The server is the
//! release build `cargo xtask test` makes (it will not start without its
//! site files), on a free loopback port.

use std::{
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    process::{Child, Command, Stdio},
    thread,
    time::{Duration, Instant},
};

use crate::{project_root, run_command, site, Result};

/// Examples per operation and phase: about a minute on two cores.
const MAX_EXAMPLES: &str = "100";

/// A fixed seed: a failure shows up again on the next run, not by chance.
const SEED: &str = "20261201";

pub fn run(built: &site::Built) -> Result<()> {
    let venv = project_root().join("target/venv/bin");
    let schemathesis = venv.join("schemathesis");
    if !schemathesis.is_file() {
        return Err(format!(
            "{} is missing: python3 -m venv target/venv && target/venv/bin/pip install -r tests/requirements.txt \
             (what .ci/run does)",
            schemathesis.display()
        ));
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))?;
    let server = Server::start(built, port)?;
    let url = format!("http://127.0.0.1:{port}/api/v1/openapi.json");
    let tests = project_root().join("tests/schemathesis");
    let mut command = Command::new(&schemathesis);
    command
        .arg("--config-file")
        .arg(tests.join("schemathesis.toml"))
        .args(["run", &url, "--max-examples", MAX_EXAMPLES, "--seed", SEED])
        .env("SCHEMATHESIS_HOOKS", "hooks")
        .env("PYTHONPATH", &tests)
        .env("DRPLAN_OPENAPI", &url)
        .current_dir(project_root().join("target"));
    let outcome = run_command(command);
    drop(server);
    outcome
}

/// The server under test, killed when dropped.
struct Server(Child);

impl Server {
    fn start(built: &site::Built, port: u16) -> Result<Server> {
        let binary = &built.server_binary;
        let child = Command::new(binary)
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .env("LEPTOS_SITE_ROOT", &built.site_root)
            .env("LEPTOS_OUTPUT_NAME", &built.settings.output_name)
            .env("LEPTOS_SITE_PKG_DIR", &built.settings.site_pkg_dir)
            .env("DRPLAN_LOG", "warn")
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let mut server = Server(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if healthy(port) {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.0.try_wait() {
                return Err(format!("drplan exited with {status}"));
            }
            thread::sleep(Duration::from_millis(100));
        }
        Err("drplan did not answer /healthz within 20 s".to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200")
}

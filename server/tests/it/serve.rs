//! `drplan serve` as an operator runs it: the built binary, its start-up
//! configuration line, bad settings refused with exit code 2, and a clean
//! stop on SIGTERM.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    path::PathBuf,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// A site folder with the three files the server needs to start (unhashed names).
fn site(test: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("drplan-serve-{}-{test}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for file in ["drplan.js", "drplan_bg.wasm", "drplan.css"] {
        std::fs::write(pkg.join(file), "x").unwrap();
    }
    root
}

fn drplan() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_drplan"));
    for var in [
        "DRPLAN_ADDR",
        "DRPLAN_CATALOG",
        "DRPLAN_LOG",
        "DRPLAN_LOG_FORMAT",
        "DRPLAN_REQUEST_TIMEOUT",
        "DRPLAN_BODY_LIMIT",
        "DRPLAN_MAX_URI_LENGTH",
        "DRPLAN_HEADER_READ_TIMEOUT",
        "DRPLAN_IDLE_TIMEOUT",
        "DRPLAN_MAX_CONNECTIONS",
        "DRPLAN_SHUTDOWN_TIMEOUT",
        "DRPLAN_WORKERS",
        "DRPLAN_QUEUE",
        "LEPTOS_SITE_ROOT",
        "LEPTOS_HASH_FILES",
    ] {
        command.env_remove(var);
    }
    command
}

#[test]
fn invalid_settings_exit_2_naming_the_flag_the_variable_and_what_is_allowed() {
    /// Flags, a variable set, and words the message must hold.
    type Case<'a> = (&'a [&'a str], Option<(&'a str, &'a str)>, &'a [&'a str]);
    let cases: [Case; 5] = [
        (
            &["--log-format", "xml"],
            None,
            &["--log-format", "DRPLAN_LOG_FORMAT", "text, json"],
        ),
        (
            &[],
            Some(("DRPLAN_BODY_LIMIT", "lots")),
            &["--body-limit", "DRPLAN_BODY_LIMIT", "from 1024 to 16777216"],
        ),
        (
            &["--request-timeout", "0"],
            None,
            &["--request-timeout", "DRPLAN_REQUEST_TIMEOUT", "from 1 to 3600"],
        ),
        (
            &["--max-uri-length", "99999999"],
            None,
            &["--max-uri-length", "DRPLAN_MAX_URI_LENGTH", "from 256 to 65536"],
        ),
        (
            &["--log-level", "info,[["],
            None,
            &["--log-level", "DRPLAN_LOG", "error, warn, info, debug, trace"],
        ),
    ];
    for (args, var, expected) in cases {
        let mut command = drplan();
        command.args(args);
        if let Some((name, value)) = var {
            command.env(name, value);
        }
        let output = command.output().expect("drplan runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?} {var:?}: {stderr}");
        for word in expected {
            assert!(
                stderr.contains(word),
                "{args:?} {var:?}: {word:?} missing from {stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Reads the server's log until a line contains `needle`, or fails after a while.
fn wait_for(lines: &mut impl Iterator<Item = String>, needle: &str, seen: &mut Vec<String>) -> String {
    for line in lines.by_ref() {
        seen.push(line.clone());
        if line.contains(needle) {
            return line;
        }
    }
    panic!("the log ended without {needle:?}: {seen:#?}");
}

#[test]
fn the_server_logs_its_configuration_as_json_and_stops_cleanly_on_sigterm() {
    let root = site("sigterm");
    let mut child = drplan()
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--log-format",
            "json",
            "--body-limit",
            "2048",
        ])
        .arg("--site-root")
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("drplan starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
    let mut seen = Vec::new();

    let configuration = wait_for(&mut lines, "drplan configuration", &mut seen);
    let configuration: serde_json::Value = serde_json::from_str(&configuration).expect("a JSON log line");
    assert_eq!(configuration["level"], "INFO");
    assert_eq!(configuration["catalog_version"], engine::Catalog::shipped().version());
    assert_eq!(configuration["body_limit_bytes"], 2048);
    assert_eq!(configuration["log_format"], "json");
    assert_eq!(configuration["request_timeout_s"], 10);

    let listening = wait_for(&mut lines, "listening on http://", &mut seen);
    let listening: serde_json::Value = serde_json::from_str(&listening).expect("a JSON log line");
    let addr = listening["message"]
        .as_str()
        .and_then(|m| m.strip_prefix("listening on http://"))
        .expect("the address")
        .to_owned();

    // One request, to see its log line carry the path and request id.
    let mut stream = TcpStream::connect(&addr).expect("connect");
    stream
        .write_all(b"GET /readyz HTTP/1.1\r\nHost: drplan\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("x-request-id: "), "{answer}");
    let request = wait_for(&mut lines, "finished processing request", &mut seen);
    let request: serde_json::Value = serde_json::from_str(&request).expect("a JSON log line");
    assert_eq!(request["span"]["path"], "/readyz");
    assert!(request["span"]["request_id"].as_str().is_some_and(|id| id.len() == 36));

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    wait_for(&mut lines, "shutting down", &mut seen);
    wait_for(&mut lines, "stopped", &mut seen);
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait for drplan") {
            break exit;
        }
        assert!(Instant::now() < deadline, "drplan did not stop within 10 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}: {seen:#?}");
    let _ = std::fs::remove_dir_all(root);
}

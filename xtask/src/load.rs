//! `cargo xtask load`: starts the release server and loads it with `wrk` from a
//! second process on loopback, then writes the results into docs/benchmarks.md.
//!
//! Each target gets its own wrk run at 64 connections; a last 60-second run
//! cycles through all of them (a Lua script) before the server's resident
//! memory is read from /proc, so the memory figure is after real, mixed work.

use std::{
    fmt::Write as _,
    fs,
    io::{Read, Write},
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    thread,
    time::{Duration, Instant},
};

use crate::{project_root, site, Profile, Result};

/// The link of a typical scenario: the example of docs/share-links.md.
const SCENARIO: &str = "v=1&tier=critical&p2=azure-openai/gpt-4o:provisioned:800&downtime_cost_per_hour=30000";

/// Connections per run, as issue 7 sets them.
const CONNECTIONS: u32 = 64;

/// Where the results go in docs/benchmarks.md.
const BEGIN: &str = "<!-- load:begin (written by `cargo xtask load`) -->";
const END: &str = "<!-- load:end -->";

/// One measured route and what it must reach.
struct Target {
    name: &'static str,
    path: String,
    min_rps: f64,
    /// Give every request its own scenario (a new `name`), so no answer is
    /// served from the server's caches: the cost of a link nobody opened before.
    vary: bool,
}

/// What wrk reported for one run.
struct Run {
    requests: u64,
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

/// Options of `cargo xtask load`.
pub struct Options {
    /// Seconds per route.
    pub seconds: u32,
    /// Seconds of the mixed run before memory is read.
    pub soak_seconds: u32,
    /// wrk threads (the load generator's, not the server's).
    pub threads: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seconds: 20,
            soak_seconds: 60,
            threads: 1,
        }
    }
}

pub fn load(options: &Options) -> Result<()> {
    let wrk = which("wrk").ok_or("wrk is not installed: `apt-get install -y wrk` (Debian's package), then retry")?;
    let built = site::build(Profile::Release)?;
    let port = free_port()?;
    let out_dir = project_root().join("target/load");
    fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut server = Server::start(&built, port, &out_dir.join("server.log"))?;
    let base = format!("http://127.0.0.1:{port}");

    let targets = [
        Target {
            name: "/healthz",
            path: "/healthz".into(),
            min_rps: 0.0,
            vary: false,
        },
        Target {
            name: "/api/v1/estimate (typical scenario)",
            path: format!("/api/v1/estimate?{SCENARIO}"),
            min_rps: 5000.0,
            vary: false,
        },
        Target {
            name: "/api/v1/estimate, a new scenario every request",
            path: format!("/api/v1/estimate?{SCENARIO}"),
            min_rps: 0.0,
            vary: true,
        },
        Target {
            name: "/charts/cost-comparison.svg (same scenario)",
            path: format!("/charts/cost-comparison.svg?{SCENARIO}"),
            min_rps: 1000.0,
            vary: false,
        },
        Target {
            name: "page for a share link (server-rendered)",
            path: format!("/?{}", SCENARIO),
            min_rps: 1000.0,
            vary: false,
        },
        Target {
            name: "page, a new scenario every request (results, simulation, design search and sensitivity computed)",
            path: format!("/?{}", SCENARIO),
            min_rps: 0.0,
            vary: true,
        },
    ];
    for target in &targets {
        let status = get_status(port, &target.path)?;
        if status != 200 {
            return Err(format!(
                "{} answered {status} before the load; see the server log",
                target.name
            ));
        }
    }

    let mut rows = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        println!("xtask: loading {} for {} s", target.name, options.seconds);
        let script = target.vary.then(|| out_dir.join(format!("vary-{i}.lua")));
        if let Some(script) = &script {
            fs::write(script, varying_script(&target.path))
                .map_err(|e| format!("cannot write {}: {e}", script.display()))?;
        }
        let run = wrk_run(
            &wrk,
            options,
            &format!("{base}{}", target.path),
            options.seconds,
            script.as_deref(),
        )?;
        rows.push(run);
    }
    let script = out_dir.join("mixed.lua");
    fs::write(&script, mixed_script(&targets)).map_err(|e| format!("cannot write {}: {e}", script.display()))?;
    println!("xtask: mixed load for {} s", options.soak_seconds);
    let soak = wrk_run(&wrk, options, &base, options.soak_seconds, Some(&script))?;
    let memory = server.memory()?;
    server.stop();

    let report = report(options, &targets, &rows, &soak, &memory);
    println!("{report}");
    write_report(&report)
}

/// The server under load, stopped (SIGTERM, then kill) when dropped.
struct Server {
    child: Child,
}

impl Server {
    fn start(built: &site::Built, port: u16, log: &Path) -> Result<Server> {
        let log_file = fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err_file = log_file.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(&built.server_binary)
            .env("LEPTOS_SITE_ROOT", &built.site_root)
            .env("LEPTOS_OUTPUT_NAME", &built.settings.output_name)
            .env("LEPTOS_SITE_PKG_DIR", &built.settings.site_pkg_dir)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("DRPLAN_ADDR", format!("127.0.0.1:{port}"))
            // Request logs at info would measure the terminal, not the server.
            .env("DRPLAN_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(err_file)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", built.server_binary.display()))?;
        let mut server = Server { child };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if get_status(port, "/healthz").is_ok_and(|status| status == 200) {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("drplan exited with {status}; see {}", log.display()));
            }
            thread::sleep(Duration::from_millis(100));
        }
        server.stop();
        Err(format!(
            "drplan did not answer /healthz within 20 s; see {}",
            log.display()
        ))
    }

    /// Resident memory now and at its peak, from /proc/PID/status.
    fn memory(&self) -> Result<Memory> {
        let path = format!("/proc/{}/status", self.child.id());
        let status = fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let field = |name: &str| -> Result<u64> {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kb| kb.parse().ok())
                .ok_or(format!("no {name} in {path}"))
        };
        Ok(Memory {
            rss_kib: field("VmRSS:")?,
            peak_kib: field("VmHWM:")?,
        })
    }

    fn stop(&mut self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

struct Memory {
    rss_kib: u64,
    peak_kib: u64,
}

fn wrk_run(wrk: &Path, options: &Options, url: &str, seconds: u32, script: Option<&Path>) -> Result<Run> {
    let mut command = Command::new(wrk);
    command.args([
        "--latency",
        &format!("-t{}", options.threads),
        &format!("-c{CONNECTIONS}"),
        &format!("-d{seconds}s"),
        "--timeout",
        "5s",
    ]);
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    command.arg(url);
    let output = command.output().map_err(|e| format!("cannot run wrk: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "wrk failed ({}): {}{}",
            output.status,
            text,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    parse_wrk(&text).ok_or_else(|| format!("cannot read wrk's output:\n{text}"))
}

/// Reads the summary wrk prints with `--latency`.
fn parse_wrk(text: &str) -> Option<Run> {
    let mut run = Run {
        requests: 0,
        rps: 0.0,
        p50_ms: 0.0,
        p99_ms: 0.0,
        errors: 0,
    };
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", rps] => run.rps = rps.parse().ok()?,
            ["50%", latency] => run.p50_ms = millis(latency)?,
            ["99%", latency] => run.p99_ms = millis(latency)?,
            [count, "requests", "in", ..] => run.requests = count.parse().ok()?,
            ["Non-2xx", "or", "3xx", "responses:", count] => run.errors += count.parse::<u64>().ok()?,
            ["Socket", "errors:", rest @ ..] => {
                // "connect 0, read 0, write 0, timeout 0"
                for pair in rest.chunks(2) {
                    if let [_, count] = pair {
                        run.errors += count.trim_end_matches(',').parse::<u64>().ok()?;
                    }
                }
            }
            _ => {}
        }
    }
    (run.requests > 0 && run.rps > 0.0).then_some(run)
}

/// wrk's latencies: `812.00us`, `1.23ms`, `1.02s`, `2.00m`.
fn millis(text: &str) -> Option<f64> {
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().ok()?;
    let factor = match unit {
        "us" => 0.001,
        "ms" => 1.0,
        "s" => 1000.0,
        "m" => 60_000.0,
        _ => return None,
    };
    Some(value * factor)
}

/// A wrk script that names every request's scenario differently.
fn varying_script(path: &str) -> String {
    format!(
        "local n = 0\nrequest = function()\n  n = n + 1\n  return wrk.format(\"GET\", {path:?} .. \"&name=load-\" .. n)\nend\n"
    )
}

/// A wrk script that sends each connection's requests round the targets,
/// a new scenario each time for the ones that vary.
fn mixed_script(targets: &[Target]) -> String {
    let paths: Vec<String> = targets.iter().map(|t| format!("{:?}", t.path)).collect();
    let varies: Vec<&str> = targets.iter().map(|t| if t.vary { "true" } else { "false" }).collect();
    format!(
        "local paths = {{ {} }}\nlocal varies = {{ {} }}\nlocal i, n = 0, 0\nrequest = function()\n  \
         i = i % #paths + 1\n  n = n + 1\n  local path = paths[i]\n  \
         if varies[i] then path = path .. \"&name=load-\" .. n end\n  return wrk.format(\"GET\", path)\nend\n",
        paths.join(", "),
        varies.join(", ")
    )
}

fn report(options: &Options, targets: &[Target], rows: &[Run], soak: &Run, memory: &Memory) -> String {
    let cores = thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let healthz_rps = rows.first().map_or(0.0, |run| run.rps);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Measured {date} by `cargo xtask load`: release server and wrk (`-t{} -c{CONNECTIONS} --latency`, \
         {} s per route) on loopback, on a machine with **{cores} cores** shared by both. The scenario is \
         the share link `?{SCENARIO}`; wrk sends no `Accept-Encoding`, so bodies are not compressed. \
         The same link again is answered from the server's bounded caches (pages, API JSON); the rows \
         \"a new scenario every request\" add `&name=load-N` with N counting up, so nothing is cached.\n",
        options.threads, options.seconds
    );
    out.push_str("| route | requests/s | p50 | p99 | errors | target | met |\n|---|---|---|---|---|---|---|\n");
    for (target, run) in targets.iter().zip(rows) {
        let (goal, met) = if target.min_rps > 0.0 {
            let mut met = run.rps >= target.min_rps && run.errors == 0;
            let mut goal = format!("≥ {} req/s, 0 errors", target.min_rps);
            if target.min_rps >= 5000.0 {
                goal.push_str(", p99 ≤ 50 ms, ≥ ½ of /healthz");
                met = met && run.p99_ms <= 50.0 && run.rps * 2.0 >= healthz_rps;
            }
            (goal, if met { "yes" } else { "**no**" })
        } else {
            ("reference".to_string(), "–")
        };
        let _ = writeln!(
            out,
            "| {} | {:.0} | {:.2} ms | {:.2} ms | {} | {goal} | {met} |",
            target.name, run.rps, run.p50_ms, run.p99_ms, run.errors
        );
    }
    let rss_mb = memory.rss_kib as f64 / 1024.0;
    let _ = writeln!(
        out,
        "| all of the above in turn, {} s (before the memory reading) | {:.0} | {:.2} ms | {:.2} ms | {} | – | – |\n",
        options.soak_seconds, soak.rps, soak.p50_ms, soak.p99_ms, soak.errors
    );
    let _ = writeln!(
        out,
        "Resident memory of the server after the {} s mixed load: **{rss_mb:.1} MB** (VmRSS; peak VmHWM {:.1} MB); \
         target ≤ 64 MB: {}.",
        options.soak_seconds,
        memory.peak_kib as f64 / 1024.0,
        if rss_mb <= 64.0 { "met" } else { "**not met**" }
    );
    out
}

/// Replaces the text between the markers in docs/benchmarks.md (appends a section the first time).
fn write_report(report: &str) -> Result<()> {
    let path = project_root().join("docs/benchmarks.md");
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let section = format!("{BEGIN}\n{report}{END}");
    let updated = match (text.find(BEGIN), text.find(END)) {
        (Some(begin), Some(end)) if begin < end => {
            format!("{}{section}{}", &text[..begin], &text[end + END.len()..])
        }
        _ => format!("{}\n## Load\n\n{section}\n", text.trim_end()),
    };
    fs::write(&path, updated).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("xtask: results written to {}", path.display());
    Ok(())
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// One plain HTTP/1.1 GET on loopback; the status code.
fn get_status(port: u16, path: &str) -> Result<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&head);
    text.get(9..12)
        .and_then(|code| code.parse().ok())
        .ok_or(format!("not an HTTP answer: {text:?}"))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|path| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRK: &str = "Running 20s test @ http://127.0.0.1:1/healthz
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.52ms  412.00us  12.01ms   80.00%
  Latency Distribution
     50%    1.43ms
     75%    1.70ms
     90%    2.01ms
     99%  850.00us
  842101 requests in 20.00s, 98.2MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  42104.88
Transfer/sec:      4.91MB
";

    #[test]
    fn reads_wrk_summary() {
        let run = parse_wrk(WRK).expect("parses");
        assert_eq!(run.requests, 842_101);
        assert!((run.rps - 42_104.88).abs() < 1e-9);
        assert!((run.p50_ms - 1.43).abs() < 1e-9);
        assert!((run.p99_ms - 0.85).abs() < 1e-9);
        assert_eq!(run.errors, 7);
    }

    #[test]
    fn rejects_output_without_a_summary() {
        assert!(parse_wrk("unable to connect to 127.0.0.1:1 Connection refused").is_none());
        assert_eq!(millis("2.00m"), Some(120_000.0));
        assert_eq!(millis("12"), None);
    }
}

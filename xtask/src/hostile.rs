//! Hostile-traffic tests of the release server (`cargo xtask hostile`, and
//! `cargo xtask test` after the release build), each bounded in time, on loopback:
//!
//! - overload: 64 clients ask for the most expensive valid answers (a page and
//!   a PNG chart of a 100,000-year simulation, a new seed every request) for
//!   20 s while another client probes `/healthz`: the probe's p99 ≤ 50 ms,
//!   every answer 200 or 503, resident memory ≤ 128 MB, and no CPU spent in
//!   the 2 s after the clients hang up (their calculations are cancelled);
//! - slowloris: sockets that send their head a byte at a time are closed after
//!   the header-read timeout, silent and idle keep-alive sockets after the
//!   idle timeout, while `/healthz` keeps answering;
//! - shutdown: SIGTERM under load, with slow sockets held open: the process
//!   exits 0 within the shutdown deadline and every request it had received
//!   is answered.

mod wire;

use std::{
    collections::BTreeMap,
    net::TcpStream,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    thread,
    time::{Duration, Instant},
};

use wire::{closed_after, get, quantile, Server};

use crate::{project_root, site, Result};

/// The figures of the overload run, for docs/benchmarks.md.
pub struct Overload {
    pub healthz_p50: Duration,
    pub healthz_p99: Duration,
    pub healthz_probes: usize,
    pub answers: BTreeMap<String, u64>,
    pub peak_rss_mb: f64,
    pub cpu_after_stop_s: f64,
}

const CLIENTS: usize = 64;
const SECONDS: u64 = 20;

/// Every request asks for a scenario nobody asked before: nothing is cached.
fn expensive(n: u64) -> String {
    if n.is_multiple_of(2) {
        format!("/?monte_carlo=true&mc_years=100000&mc_seed={n}")
    } else {
        format!("/charts/loss-exceedance.png?monte_carlo=true&mc_years=100000&mc_seed={n}")
    }
}

/// Runs the three tests; fails with every broken promise named.
pub fn run(built: &site::Built) -> Result<Overload> {
    let logs = project_root().join("target/hostile");
    std::fs::create_dir_all(&logs).map_err(|e| format!("cannot create {}: {e}", logs.display()))?;
    let overload = overload(built, &logs.join("overload.log"))?;
    println!(
        "xtask: hostile overload: /healthz p50 {:?} p99 {:?} ({} probes); answers {:?}; peak RSS {:.1} MB; CPU after stop {:.2} s",
        overload.healthz_p50,
        overload.healthz_p99,
        overload.healthz_probes,
        overload.answers,
        overload.peak_rss_mb,
        overload.cpu_after_stop_s
    );
    slowloris(built, &logs.join("slowloris.log"))?;
    shutdown(built, &logs.join("shutdown.log"))?;
    Ok(overload)
}

/// A client's answer (a status, or what went wrong) and when its request was sent.
type Outcome = (Result<u16>, Instant);

/// `threads` clients asking [`expensive`] URLs until `stop`, counting answers by status.
fn clients(
    port: u16,
    threads: usize,
    stop: &Arc<AtomicBool>,
    seeds: &Arc<AtomicU64>,
) -> Vec<thread::JoinHandle<Vec<Outcome>>> {
    (0..threads)
        .map(|_| {
            let (stop, seeds) = (stop.clone(), seeds.clone());
            thread::spawn(move || {
                let mut seen = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    let path = expensive(seeds.fetch_add(1, Ordering::Relaxed));
                    let started = Instant::now();
                    match get(port, &path, Duration::from_secs(30), Some(&stop)) {
                        Ok(answer) => seen.push((Ok(answer.status), answer.sent)),
                        Err(e) if e == "stopped" => {}
                        Err(e) => seen.push((Err(e), started)),
                    }
                }
                seen
            })
        })
        .collect()
}

/// Probes `/healthz` every 20 ms until `stop`; each probe's latency (30 s for a failure).
fn probe(port: u16, stop: &Arc<AtomicBool>) -> thread::JoinHandle<Vec<Duration>> {
    let stop = stop.clone();
    thread::spawn(move || {
        let mut latencies = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            let started = Instant::now();
            let ok = get(port, "/healthz", Duration::from_secs(30), None).is_ok_and(|a| a.status == 200);
            latencies.push(if ok { started.elapsed() } else { Duration::from_secs(30) });
            thread::sleep(Duration::from_millis(20));
        }
        latencies
    })
}

fn overload(built: &site::Built, log: &std::path::Path) -> Result<Overload> {
    let server = Server::start(built, &[], log)?;
    let stop = Arc::new(AtomicBool::new(false));
    let seeds = Arc::new(AtomicU64::new(1));
    let prober = probe(server.port, &stop);
    let workers = clients(server.port, CLIENTS, &stop, &seeds);
    let started = Instant::now();
    let mut peak_kib = 0;
    while started.elapsed() < Duration::from_secs(SECONDS) {
        peak_kib = peak_kib.max(server.rss_kib()?);
        thread::sleep(Duration::from_millis(250));
    }
    stop.store(true, Ordering::Relaxed);
    let mut answers: BTreeMap<String, u64> = BTreeMap::new();
    for worker in workers {
        for (outcome, _) in worker.join().map_err(|_| "a client thread panicked")? {
            let key = match outcome {
                Ok(status) => status.to_string(),
                Err(error) => error,
            };
            *answers.entry(key).or_default() += 1;
        }
    }
    let mut latencies = prober.join().map_err(|_| "the probe thread panicked")?;
    // Every client has hung up: from here on the server has nothing to do.
    let cpu_at_stop = server.cpu_ticks()?;
    peak_kib = peak_kib.max(server.rss_kib()?);
    thread::sleep(Duration::from_secs(2));
    let cpu_after = server.cpu_ticks()? - cpu_at_stop;
    let figures = Overload {
        healthz_p50: quantile(&mut latencies, 0.5),
        healthz_p99: quantile(&mut latencies, 0.99),
        healthz_probes: latencies.len(),
        answers,
        peak_rss_mb: peak_kib as f64 / 1024.0,
        cpu_after_stop_s: cpu_after as f64 / 100.0,
    };
    let mut broken = Vec::new();
    if figures.healthz_p99 > Duration::from_millis(50) {
        broken.push(format!("/healthz p99 {:?} > 50 ms", figures.healthz_p99));
    }
    let unexpected: Vec<_> = figures
        .answers
        .iter()
        .filter(|(status, _)| !matches!(status.as_str(), "200" | "503"))
        .collect();
    if !unexpected.is_empty() {
        broken.push(format!("answers other than 200 and 503: {unexpected:?}"));
    }
    if !figures.answers.contains_key("200") {
        broken.push("not one request was answered 200".to_owned());
    }
    if figures.peak_rss_mb > 128.0 {
        broken.push(format!("peak RSS {:.1} MB > 128 MB", figures.peak_rss_mb));
    }
    // A tick or two for the probe's last answer and the cancelled runs' last
    // few hundred years; one uncancelled 100,000-year run would be 30.
    if cpu_after > 5 {
        broken.push(format!(
            "{:.2} s of CPU in the 2 s after the clients stopped",
            figures.cpu_after_stop_s
        ));
    }
    if broken.is_empty() {
        Ok(figures)
    } else {
        Err(format!(
            "hostile overload: {} (log: {})",
            broken.join("; "),
            log.display()
        ))
    }
}

/// A connection sending the start of a request head and nothing more yet.
fn half_sent(port: u16) -> Result<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    std::io::Write::write_all(&mut stream, b"GET /healthz HTTP/1.1\r\n").map_err(|e| e.to_string())?;
    Ok(stream)
}

fn slowloris(built: &site::Built, log: &std::path::Path) -> Result<()> {
    const HEADER_TIMEOUT: Duration = Duration::from_secs(2);
    const IDLE_TIMEOUT: Duration = Duration::from_secs(1);
    let server = Server::start(built, &["--header-read-timeout", "2", "--idle-timeout", "1"], log)?;
    let port = server.port;
    let stop = Arc::new(AtomicBool::new(false));
    let prober = probe(port, &stop);
    // A byte every 300 ms keeps the idle timer quiet: only the header timeout ends these.
    let drip = b"X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let kinds: [(&str, usize, Duration, Duration); 3] = [
        ("slow head", 50, HEADER_TIMEOUT, Duration::from_millis(300)),
        ("silent", 50, IDLE_TIMEOUT, Duration::from_millis(100)),
        ("idle keep-alive", 20, IDLE_TIMEOUT, Duration::from_millis(100)),
    ];
    let mut handles = Vec::new();
    for (kind, count, _, every) in kinds {
        for _ in 0..count {
            handles.push(thread::spawn(move || -> Result<(&str, Option<Duration>)> {
                let limit = Duration::from_secs(8);
                let closed = match kind {
                    "slow head" => closed_after(&mut half_sent(port)?, drip, every, limit),
                    "silent" => {
                        let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
                        closed_after(&mut stream, b"", every, limit)
                    }
                    _ => {
                        let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
                        std::io::Write::write_all(&mut stream, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                            .map_err(|e| e.to_string())?;
                        // The answer arrives within the first read; the wait is for the close.
                        closed_after(&mut stream, b"", every, limit)
                    }
                };
                Ok((kind, closed))
            }));
        }
    }
    let mut broken = Vec::new();
    for handle in handles {
        let (kind, closed) = handle.join().map_err(|_| "a slow client panicked")??;
        let (_, _, timeout, every) = kinds.iter().find(|k| k.0 == kind).copied().unwrap_or(kinds[0]);
        // Noticed by the client at its next read or write after the close.
        let latest = timeout + every + Duration::from_millis(700);
        match closed {
            Some(after) if after + Duration::from_millis(100) >= timeout && after <= latest => {}
            Some(after) => broken.push(format!(
                "a {kind} socket was closed after {after:?}, not about {timeout:?}"
            )),
            None => broken.push(format!("a {kind} socket was still open after 8 s")),
        }
    }
    stop.store(true, Ordering::Relaxed);
    let mut latencies = prober.join().map_err(|_| "the probe thread panicked")?;
    let worst = quantile(&mut latencies, 1.0);
    if worst > Duration::from_millis(100) {
        broken.push(format!("/healthz took {worst:?} among the slow sockets"));
    }
    broken.dedup();
    if broken.is_empty() {
        println!(
            "xtask: hostile slowloris: 50 slow heads closed at ~2 s, 70 silent or idle sockets at ~1 s; /healthz worst {worst:?} of {}",
            latencies.len()
        );
        Ok(())
    } else {
        Err(format!(
            "hostile slowloris: {} (log: {})",
            broken.join("; "),
            log.display()
        ))
    }
}

fn shutdown(built: &site::Built, log: &std::path::Path) -> Result<()> {
    const DEADLINE: Duration = Duration::from_secs(10);
    let mut server = Server::start(built, &["--shutdown-timeout", "10"], log)?;
    let port = server.port;
    // Slow sockets held open through the shutdown: they must not hold it up.
    let slow: Vec<TcpStream> = (0..20).map(|_| half_sent(port)).collect::<Result<_>>()?;
    let silent: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string()))
        .collect::<Result<_>>()?;
    let stop = Arc::new(AtomicBool::new(false));
    let seeds = Arc::new(AtomicU64::new(1_000_000));
    let workers = clients(port, 16, &stop, &seeds);
    thread::sleep(Duration::from_secs(2));
    let signalled = Instant::now();
    server.terminate();
    let status = server.wait(DEADLINE + Duration::from_secs(1));
    let exited = signalled.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut broken = Vec::new();
    let (mut answered, mut refused) = (0, 0);
    for worker in workers {
        for (outcome, sent) in worker.join().map_err(|_| "a client thread panicked")? {
            // Sent 100 ms before the signal: the server had read it, so it owes an answer.
            let received = sent + Duration::from_millis(100) < signalled;
            match outcome {
                Ok(200 | 503) => answered += 1,
                Ok(other) => broken.push(format!("an answer {other}")),
                Err(error) if received => broken.push(format!("a request sent before the signal: {error}")),
                Err(_) => refused += 1,
            }
        }
    }
    drop((slow, silent));
    match status {
        Some(status) if status.success() => {}
        Some(status) => broken.push(format!("drplan exited with {status}")),
        None => broken.push(format!("drplan still ran {exited:?} after SIGTERM")),
    }
    broken.dedup();
    if broken.is_empty() {
        println!(
            "xtask: hostile shutdown: exit 0 {exited:?} after SIGTERM; {answered} answered, {refused} sent after it refused"
        );
        Ok(())
    } else {
        Err(format!(
            "hostile shutdown: {} (log: {})",
            broken.join("; "),
            log.display()
        ))
    }
}

//! What the hostile tests stand on: the server as a child process, raw
//! HTTP/1.1 over `TcpStream` (no client library: the tests must control
//! every byte and every close), and the server's memory and CPU from /proc.

use std::{
    fs,
    io::{ErrorKind, Read, Write},
    net::{TcpListener, TcpStream},
    path::Path,
    process::{Child, Command, ExitStatus, Stdio},
    sync::atomic::{AtomicBool, Ordering},
    thread,
    time::{Duration, Instant},
};

use crate::{site, Result};

/// The release server, started on a free loopback port with extra flags.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Server {
    pub fn start(built: &site::Built, flags: &[&str], log: &Path) -> Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let log_file = fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err_file = log_file.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(&built.server_binary)
            .arg("serve")
            .arg("--addr")
            .arg(format!("127.0.0.1:{port}"))
            .args(flags)
            .env("LEPTOS_SITE_ROOT", &built.site_root)
            .env("LEPTOS_OUTPUT_NAME", &built.settings.output_name)
            .env("LEPTOS_SITE_PKG_DIR", &built.settings.site_pkg_dir)
            // The request log at info would measure the log file, not the server.
            .env("DRPLAN_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(err_file)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", built.server_binary.display()))?;
        let mut server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if get(port, "/healthz", Duration::from_secs(2), None).is_ok_and(|a| a.status == 200) {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("drplan exited with {status}; see {}", log.display()));
            }
            thread::sleep(Duration::from_millis(100));
        }
        server.terminate();
        let _ = server.wait(Duration::from_secs(10));
        Err(format!(
            "drplan did not answer /healthz within 20 s; see {}",
            log.display()
        ))
    }

    /// SIGTERM, through kill(1): xtask has no libc.
    pub fn terminate(&self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
    }

    /// The exit status, if the process ends within `limit`.
    pub fn wait(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            thread::sleep(Duration::from_millis(10));
        }
        None
    }

    /// Resident memory in KiB (VmRSS of /proc/PID/status).
    pub fn rss_kib(&self) -> Result<u64> {
        let path = format!("/proc/{}/status", self.child.id());
        let status = fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse().ok())
            .ok_or(format!("no VmRSS in {path}"))
    }

    /// CPU time used so far, user + system, in clock ticks (1/100 s on Linux).
    pub fn cpu_ticks(&self) -> Result<u64> {
        let path = format!("/proc/{}/stat", self.child.id());
        let stat = fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        // Fields after the command name's closing parenthesis start at field 3;
        // utime and stime are fields 14 and 15.
        let rest = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
        match (field(11), field(12)) {
            (Some(user), Some(system)) => Ok(user + system),
            _ => Err(format!("cannot read utime and stime in {path}")),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A whole answer: its status and when the request was fully sent.
pub struct Answer {
    pub status: u16,
    pub sent: Instant,
}

/// One GET on its own connection (`Connection: close`), read to the end.
/// With `stop`, the wait for the answer ends (and the socket closes) as soon
/// as `stop` is set: a client that goes away.
pub fn get(port: u16, path: &str, limit: Duration, stop: Option<&AtomicBool>) -> Result<Answer> {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    let _ = stream.set_nodelay(true);
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("send: {e}"))?;
    let sent = Instant::now();
    let tick = if stop.is_some() {
        Duration::from_millis(100)
    } else {
        limit
    };
    stream.set_read_timeout(Some(tick)).map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&buffer[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                    return Err("stopped".to_owned());
                }
                if started.elapsed() > limit {
                    return Err(format!("no whole answer within {limit:?}"));
                }
            }
            Err(e) => return Err(format!("receive: {e}")),
        }
    }
    let status = std::str::from_utf8(answer.get(9..12).unwrap_or_default())
        .ok()
        .and_then(|code| code.parse().ok())
        .filter(|_| answer.starts_with(b"HTTP/1.1 "))
        .ok_or_else(|| format!("not an HTTP answer ({} bytes)", answer.len()))?;
    Ok(Answer { status, sent })
}

/// How long until the server closes `stream`, reading (and discarding) what it
/// sends, and writing `drip` one byte per `every` meanwhile (a slow client);
/// `None` if it is still open after `limit`.
pub fn closed_after(stream: &mut TcpStream, drip: &[u8], every: Duration, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    let _ = stream.set_read_timeout(Some(every));
    let mut drip = drip.iter().cycle();
    let mut buffer = [0u8; 4096];
    while started.elapsed() < limit {
        if let Some(byte) = drip.next() {
            if stream.write_all(&[*byte]).is_err() {
                return Some(started.elapsed());
            }
        }
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

/// The `q`-quantile (0–1) of `values`, sorted here; 0 for none.
pub fn quantile(values: &mut [Duration], q: f64) -> Duration {
    if values.is_empty() {
        return Duration::ZERO;
    }
    values.sort();
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}

//! The bounded pool every CPU-heavy calculation runs in, off tokio's async
//! workers, and the drop guard that stops a calculation nobody waits for.
//!
//! A Monte Carlo run of 100,000 years takes about a third of a second of CPU.
//! Run inline on an async worker it held up every other request on that
//! worker (`/healthz` included); run in an unbounded `spawn_blocking` it
//! queued hundreds of threads and kept running after its request timed out.
//! Here at most `workers` calculations run at once (one per core), at most
//! `queue` more wait their turn, and past that the request is answered 503
//! with `Retry-After` at once: a bounded delay and bounded memory instead of
//! an unbounded backlog. When the request's future is dropped (its timeout
//! fired or its client went away) the calculation's [`Cancel`] flag is set,
//! and the engine's loops stop at their next check.

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};

use engine::Cancel;
use tokio::sync::Semaphore;

use crate::Error;

/// The pool: clones share it.
#[derive(Clone, Debug)]
pub struct Admission {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    running: Arc<Semaphore>,
    waiting: AtomicUsize,
    workers: usize,
    queue: usize,
}

impl Admission {
    /// A pool running at most `workers` calculations (at least 1) with at most `queue` waiting.
    pub fn new(workers: usize, queue: usize) -> Admission {
        let workers = workers.max(1);
        Admission {
            inner: Arc::new(Inner {
                running: Arc::new(Semaphore::new(workers)),
                waiting: AtomicUsize::new(0),
                workers,
                queue,
            }),
        }
    }

    /// Calculations waiting for a worker, per worker, by default: the longest
    /// (a 100,000-year simulation, about 0.35 s) then waits under 2 s.
    pub const DEFAULT_QUEUE_PER_WORKER: usize = 4;

    /// How many calculations run at once.
    pub fn workers(&self) -> usize {
        self.inner.workers
    }

    /// How many calculations may wait for a worker.
    pub fn queue(&self) -> usize {
        self.inner.queue
    }

    /// One worker per core: the calculations are CPU-bound, so more would only take turns.
    pub fn default_workers() -> usize {
        std::thread::available_parallelism().map_or(1, usize::from)
    }

    /// Runs `work` on a blocking thread once a worker is free, or answers
    /// [`Error::Overloaded`] when `queue` calculations already wait. If the
    /// returned future is dropped, `work`'s [`Cancel`] flag is set; the
    /// worker stays taken until `work` returns, so the pool never runs more
    /// than `workers` calculations, cancelled ones included. A panic in
    /// `work` is resumed here, where the catch-panic layer answers it.
    pub async fn run<T, F>(&self, work: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&Cancel) -> T + Send + 'static,
    {
        let permit = match self.inner.running.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                let _place = Waiting::enter(&self.inner).ok_or(Error::Overloaded)?;
                self.inner
                    .running
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(|_| Error::Internal("the calculation pool was closed".to_owned()))?
            }
        };
        let cancel = Cancel::new();
        let _stop_when_dropped = CancelOnDrop(cancel.clone());
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&cancel)
        });
        match task.await {
            Ok(answer) => Ok(answer),
            Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            Err(error) => Err(Error::Internal(format!("a calculation did not finish: {error}"))),
        }
    }
}

impl Default for Admission {
    /// [`Admission::default_workers`] workers and [`Admission::DEFAULT_QUEUE_PER_WORKER`] places per worker.
    fn default() -> Admission {
        let workers = Admission::default_workers();
        Admission::new(workers, workers * Admission::DEFAULT_QUEUE_PER_WORKER)
    }
}

/// The planner's server function and page reach the pool through this trait
/// (the app cannot name the server's types).
impl app::server_fns::Offload for Admission {
    fn run_plan(&self, job: app::server_fns::PlanJob) -> app::server_fns::PlanFuture {
        let pool = self.clone();
        Box::pin(async move { pool.run(job).await.ok() })
    }
}

/// A place in the queue, given back when the wait ends or is abandoned.
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn enter(inner: &'a Inner) -> Option<Waiting<'a>> {
        let before = inner.waiting.fetch_add(1, Ordering::AcqRel);
        let place = Waiting(&inner.waiting);
        // On a full queue `place` is dropped here, which gives the place back.
        (before < inner.queue).then_some(place)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Sets the flag when the request's future goes away, finished or not
/// (setting it after the calculation returned changes nothing).
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    /// Work that spins until cancelled or `limit` passes, and says which.
    fn spin(limit: Duration) -> impl FnOnce(&Cancel) -> bool + Send + 'static {
        move |cancel| {
            let start = Instant::now();
            while start.elapsed() < limit {
                if cancel.is_cancelled() {
                    return true;
                }
                std::thread::yield_now();
            }
            false
        }
    }

    #[tokio::test]
    async fn past_the_queue_the_answer_is_overloaded_at_once() {
        let pool = Admission::new(1, 1);
        let running = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(spin(Duration::from_millis(300))).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let queued = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(|_| 7).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let started = Instant::now();
        assert!(matches!(pool.run(|_| 1).await, Err(Error::Overloaded)));
        assert!(started.elapsed() < Duration::from_millis(50));
        assert!(!running.await.unwrap().unwrap(), "the first ran to its end");
        assert_eq!(queued.await.unwrap().unwrap(), 7);
        assert_eq!(pool.inner.waiting.load(Ordering::Acquire), 0);
    }

    #[tokio::test]
    async fn a_dropped_request_cancels_its_work_and_frees_the_worker() {
        let pool = Admission::new(1, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        let request = pool.run(move |cancel| {
            let stopped = spin(Duration::from_secs(5))(cancel);
            let _ = tx.send(stopped);
        });
        // The request times out after 50 ms: its future is dropped.
        assert!(tokio::time::timeout(Duration::from_millis(50), request).await.is_err());
        let stopped = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(1)))
            .await
            .unwrap();
        assert_eq!(stopped, Ok(true), "the work saw the flag");
        let started = Instant::now();
        assert_eq!(pool.run(|_| 3).await.unwrap(), 3);
        assert!(started.elapsed() < Duration::from_millis(500));
    }
}

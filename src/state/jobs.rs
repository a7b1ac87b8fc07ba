//! Computations on worker threads (unions, QA, incident links) with progress, cancellation
//! and an outcome that says whether they finished, were cancelled, or failed.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, OnceLock};

use crate::analysis::Cancelled;

/// The threads background analyses run their parallel parts on. Not rayon's global pool:
/// the map tessellates visible features on that one from the UI thread, and a union over
/// 200 000 polygons queued there would hold the map back for as long as it runs (the map
/// filled in over half a minute on two cores). With a pool of its own, the OS shares the
/// cores between the two and the map keeps drawing. `None` if the threads could not start
/// (the global pool is used then).
fn background_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("minemap-analysis-{i}"))
            .build()
            .map_err(|e| log::warn!("background analysis threads: {e}"))
            .ok()
    })
    .as_ref()
}

/// How a job ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<T> {
    Done(T),
    /// Stopped through its cancel flag (the data changed under it).
    Cancelled,
    /// Its thread panicked or vanished: the message says why. Never read as "nothing found".
    Failed(String),
}

impl<T> Outcome<T> {
    /// The result, if the job finished.
    pub fn done(self) -> Option<T> {
        match self {
            Self::Done(t) => Some(t),
            _ => None,
        }
    }
}

/// A computation on a worker thread.
pub struct Job<T> {
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Outcome<T>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; `wake` is called when progress moves or the job ends.
    pub fn spawn(
        wake: impl Fn() + Send + Sync + 'static,
        work: impl FnOnce(&(dyn Fn(f32) + Sync), &AtomicBool) -> Result<T, Cancelled> + Send + 'static,
    ) -> Self {
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (p, c) = (progress.clone(), cancel.clone());
        std::thread::spawn(move || {
            let report = |f: f32| {
                p.store(f.to_bits(), Ordering::Relaxed);
                wake();
            };
            let run = || match background_pool() {
                Some(pool) => pool.install(|| work(&report, &c)),
                None => work(&report, &c),
            };
            let outcome = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
                Ok(Ok(t)) => Outcome::Done(t),
                Ok(Err(Cancelled)) => Outcome::Cancelled,
                Err(panic) => Outcome::Failed(panic_message(panic.as_ref())),
            };
            // Nobody listens once the job was replaced: nothing to do then.
            let _ = tx.send(outcome);
            wake();
        });
        Self {
            progress,
            cancel,
            result: rx,
        }
    }
}

impl<T> Job<T> {
    /// Fraction done, 0..=1.
    #[must_use]
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }

    /// `Some` once the job has ended.
    pub fn poll(&self) -> Option<Outcome<T>> {
        match self.result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Outcome::Failed(
                "the worker thread stopped without a result".to_owned(),
            )),
        }
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The text of a panic payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an internal error".to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn wait<T>(job: &Job<T>) -> Outcome<T> {
        loop {
            if let Some(o) = job.poll() {
                return o;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn a_job_whose_thread_panics_says_it_failed_not_that_it_found_nothing() {
        let job: Job<Vec<u32>> = Job::spawn(|| {}, |_, _| panic!("ring index out of range"));
        match wait(&job) {
            Outcome::Failed(m) => assert!(m.contains("ring index out of range"), "{m}"),
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn a_finished_job_gives_its_result_and_a_cancelled_one_says_so() {
        let job = Job::spawn(
            || {},
            |p, _| {
                p(1.0);
                Ok(7)
            },
        );
        assert_eq!(wait(&job), Outcome::Done(7));
        let job: Job<u8> = Job::spawn(|| {}, |_, _| Err(Cancelled));
        assert_eq!(wait(&job), Outcome::Cancelled);
    }
}

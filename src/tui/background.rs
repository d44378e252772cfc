//! Work that takes seconds on a district, run off the interface's thread
//! so that every key is still answered: the runtime starts it, is woken
//! through the event channel when it ends, and hands the result to the app.

use super::command::{Command, ProposeJob};
use super::events::Wake;
use super::execute::Done;
use crate::matching::engine::{Cancelled, Control};
use crate::matching::Proposal;
use crate::store::Store;
use std::collections::VecDeque;
use std::sync::atomic::AtomicU64;
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::thread::{JoinHandle, ScopedJoinHandle};

/// Wakes the loop when the work's thread ends, a panic included.
struct WakeOnEnd(Option<Sender<Wake>>);

impl Drop for WakeOnEnd {
    fn drop(&mut self) {
        if let Some(tx) = &self.0 {
            let _ = tx.send(Wake::WorkEnded);
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done(Proposal),
    Cancelled,
    /// The worker panicked (a bug): nothing to show, the interface goes on.
    Failed,
}

/// A finished run, with the switch and data version it was started with.
pub struct Finished {
    pub ctl: Arc<Control>,
    pub version: u64,
    pub outcome: Outcome,
}

/// A run under way: its switch, the data version, the worker.
struct Run {
    ctl: Arc<Control>,
    version: u64,
    worker: JoinHandle<Result<Proposal, Cancelled>>,
}

#[derive(Default)]
pub struct Background {
    running: Vec<Run>,
    /// Where a run that ends says so (the interface's event channel).
    wake: Option<Sender<Wake>>,
}

impl Background {
    /// Runs whose end wakes the interface's loop.
    pub fn waking(wake: Sender<Wake>) -> Background {
        Background {
            running: Vec::new(),
            wake: Some(wake),
        }
    }

    pub fn start(&mut self, job: ProposeJob) {
        let (ctl, version) = (job.ctl.clone(), job.version);
        let wake = self.wake.clone();
        let worker = std::thread::spawn(move || {
            let _said = WakeOnEnd(wake);
            crate::matching::propose_with(&job.data, &job.opts, &job.solver, &job.ctl)
        });
        self.running.push(Run {
            ctl,
            version,
            worker,
        });
    }

    pub fn busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// The runs that have ended since the last call.
    pub fn finished(&mut self) -> Vec<Finished> {
        let (done, going): (Vec<_>, Vec<_>) = std::mem::take(&mut self.running)
            .into_iter()
            .partition(|run| run.worker.is_finished());
        self.running = going;
        done.into_iter()
            .map(|run| Finished {
                ctl: run.ctl,
                version: run.version,
                outcome: match run.worker.join() {
                    Ok(Ok(p)) => Outcome::Done(p),
                    Ok(Err(Cancelled)) => Outcome::Cancelled,
                    Err(_) => Outcome::Failed,
                },
            })
            .collect()
    }
}

/// Work against the store that can take seconds on a district (an import,
/// an export, a backup, an undo, a command from another process): it runs
/// on a worker thread, one at a time; the interface answers keys meanwhile
/// and shows `label` with the rows done.
pub struct StoreJob {
    pub label: String,
    pub work: Work,
}

/// A store job's work: told where to count its rows, it gives its ending
/// as a value for the app to apply.
pub type Work = Box<dyn FnOnce(&Store, &AtomicU64) -> Done + Send>;

impl StoreJob {
    pub fn new(
        label: String,
        work: impl FnOnce(&Store, &AtomicU64) -> Done + Send + 'static,
    ) -> StoreJob {
        StoreJob {
            label,
            work: Box::new(work),
        }
    }

    /// Runs it here to the end (a caller with no worker: the tests).
    pub fn run_here(self, store: &Store) -> Done {
        (self.work)(store, &AtomicU64::new(0))
    }
}

/// What the status line shows while a store job runs.
pub struct Working {
    pub label: String,
    /// Rows done so far, as the job tells.
    pub done: Arc<AtomicU64>,
}

/// The one store job under way, on a thread of the interface's scope (it
/// borrows the store), and what waits for it.
pub struct Worker<'scope, 'env> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    store: &'env Store,
    running: Option<ScopedJoinHandle<'scope, Done>>,
    wake: Option<Sender<Wake>>,
    /// The interface's commands that came meanwhile, in order (requests
    /// from other processes wait in the server's queue).
    pub waiting: VecDeque<Command>,
}

impl<'scope, 'env> Worker<'scope, 'env> {
    pub fn new(scope: &'scope std::thread::Scope<'scope, 'env>, store: &'env Store) -> Self {
        Worker {
            scope,
            store,
            running: None,
            wake: None,
            waiting: VecDeque::new(),
        }
    }

    /// A worker whose jobs wake the interface's loop when they end.
    pub fn waking(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        store: &'env Store,
        wake: Sender<Wake>,
    ) -> Self {
        Worker {
            wake: Some(wake),
            ..Worker::new(scope, store)
        }
    }

    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `job`; what the app shows while it is under way.
    #[must_use]
    pub fn start(&mut self, job: StoreJob) -> Working {
        let done = Arc::new(AtomicU64::new(0));
        let working = Working {
            label: job.label,
            done: done.clone(),
        };
        let store = self.store;
        let work = job.work;
        let wake = self.wake.clone();
        self.running = Some(self.scope.spawn(move || {
            let _said = WakeOnEnd(wake);
            work(store, &done)
        }));
        working
    }

    /// The job's ending, once it has ended; a job that panicked (a bug)
    /// ends as failed.
    pub fn finished(&mut self) -> Option<Done> {
        if !self.running.as_ref()?.is_finished() {
            return None;
        }
        let handle = self.running.take()?;
        Some(handle.join().unwrap_or(Done::Failed))
    }
}

//! Work that takes seconds on a district, run off the interface's thread
//! so that every key is still answered: the runtime starts it, polls it
//! between events, and hands the result to the app.

use super::command::ProposeJob;
use crate::matching::engine::{Cancelled, Control};
use crate::matching::Proposal;
use std::sync::Arc;
use std::thread::JoinHandle;

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
}

impl Background {
    pub fn start(&mut self, job: ProposeJob) {
        let (ctl, version) = (job.ctl.clone(), job.version);
        let worker = std::thread::spawn(move || {
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

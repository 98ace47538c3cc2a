//! The remote signing service `serve` asks (`--csc`, CSC API v2) and the signatures under way
//! with it: the signer's approval on their phone can take minutes, so a signature is a job
//! the page polls. A job belongs to the person who asked; it is `waiting` until the service
//! signs (then `done`, the signed copy filed), fails, runs out of time or is cancelled. Jobs
//! are forgotten an hour after they end. The wrong PINs are counted per credential, as the
//! token route counts them per token.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::pin_guard::PinGuard;
use crate::error::Error;
use crate::sign::csc::Client;
use crate::sign::{SignProblem, problem};

/// How long an ended job is still reported.
const KEPT: Duration = Duration::from_secs(3600);

/// The remote signing service: where it is, this vanban as its client, how long a signer
/// may take to approve, the jobs, and the wrong PINs of each credential.
pub struct Remote {
    /// The service's address.
    pub url: String,
    /// The client id and secret (from the environment; the secret zeroed when dropped).
    pub client: Client,
    /// Seconds to wait for the signer's approval.
    pub wait: u64,
    jobs: Mutex<HashMap<String, Arc<Job>>>,
    guards: Mutex<HashMap<String, Arc<PinGuard>>>,
}

/// How a job stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// The service waits for the signer's approval.
    Waiting,
    /// Signed and filed as this copy.
    Done(String),
    /// Not signed: the message.
    Failed(String),
    /// The person cancelled: nothing is filed, whatever the service does.
    Cancelled,
}

/// One remote signature under way.
pub struct Job {
    /// Who asked (`""` without users).
    pub owner: String,
    /// `ENTRY/FILE`.
    pub path: String,
    standing: Mutex<(Standing, Option<Instant>)>,
}

impl Job {
    /// How it stands.
    pub fn standing(&self) -> Standing {
        self.standing.lock().unwrap_or_else(PoisonError::into_inner).0.clone()
    }

    /// Ends it as `standing` (a cancelled job stays cancelled).
    pub fn end(&self, standing: Standing) {
        let mut now = self.standing.lock().unwrap_or_else(PoisonError::into_inner);
        if now.0 == Standing::Waiting {
            *now = (standing, Some(Instant::now()));
        }
    }

    /// Cancels it, if it still waits; whether it did.
    pub fn cancel(&self) -> bool {
        let mut now = self.standing.lock().unwrap_or_else(PoisonError::into_inner);
        if now.0 != Standing::Waiting {
            return false;
        }
        *now = (Standing::Cancelled, Some(Instant::now()));
        true
    }

    /// Runs `file` (which files the signed copy and names it) unless the job was cancelled,
    /// and, when it filed, ends the job as done; a cancel waits until it is over, so that a job
    /// said cancelled never filed anything. `None`: cancelled, `file` not run.
    pub fn file<E>(&self, file: impl FnOnce() -> Result<String, E>) -> Option<Result<String, E>> {
        let mut now = self.standing.lock().unwrap_or_else(PoisonError::into_inner);
        if now.0 != Standing::Waiting {
            return None;
        }
        let result = file();
        // A failure is ended by the caller, with its message in the page's language.
        if let Ok(copy) = &result {
            *now = (Standing::Done(copy.clone()), Some(Instant::now()));
        }
        Some(result)
    }
}

impl Remote {
    /// The service `--csc` names, with the client from the environment (a missing variable
    /// stops the start); `None` without `--csc`.
    pub fn from_args(args: &crate::args::ServeArgs) -> Result<Option<Remote>, Error> {
        let Some(url) = &args.csc else {
            return Ok(None);
        };
        let client = Client::from_env().map_err(|p| problem(std::path::Path::new("--csc"), SignProblem::Csc(p)))?;
        Ok(Some(Remote {
            url: url.clone(),
            client,
            wait: args.csc_wait,
            jobs: Mutex::new(HashMap::new()),
            guards: Mutex::new(HashMap::new()),
        }))
    }

    /// The wrong PINs of `credential`.
    pub fn guard(&self, credential: &str) -> Arc<PinGuard> {
        let mut guards = self.guards.lock().unwrap_or_else(PoisonError::into_inner);
        guards.entry(credential.to_string()).or_default().clone()
    }

    /// A new waiting job of `owner` on `path`: its id and the job.
    pub fn add(&self, owner: &str, path: &str) -> Result<(String, Arc<Job>), Error> {
        let id = super::security::generate_token()?;
        let job = Arc::new(Job {
            owner: owner.to_string(),
            path: path.to_string(),
            standing: Mutex::new((Standing::Waiting, None)),
        });
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        jobs.retain(|_, j| {
            let ended = j.standing.lock().unwrap_or_else(PoisonError::into_inner).1;
            ended.is_none_or(|at| at.elapsed() < KEPT)
        });
        jobs.insert(id.clone(), job.clone());
        Ok((id, job))
    }

    /// The job `id`, if there is one.
    pub fn job(&self, id: &str) -> Option<Arc<Job>> {
        self.jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(id)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> Job {
        Job {
            owner: "hai".into(),
            path: "e/f.pdf".into(),
            standing: Mutex::new((Standing::Waiting, None)),
        }
    }

    #[test]
    fn a_cancelled_job_stays_cancelled() {
        let waiting = job();
        assert!(waiting.cancel());
        waiting.end(Standing::Done("f-da-ky.pdf".into()));
        assert_eq!(waiting.standing(), Standing::Cancelled);
        let done = job();
        done.end(Standing::Done("f-da-ky.pdf".into()));
        assert!(!done.cancel(), "too late to cancel");
        assert_eq!(done.standing(), Standing::Done("f-da-ky.pdf".into()));
    }
}

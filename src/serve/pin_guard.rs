//! Wrong PINs, counted for each token `serve` signs with, so that vanban never locks one (a
//! real token locks after three to five wrong PINs in a row): after one wrong PIN the next
//! try must say it is meant (`"confirm": true` in the request), and a third within a minute
//! of the second is refused before it reaches the token. A right PIN clears the count.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// As whom a document is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum As {
    /// The person with authority: their signature image.
    Person,
    /// The agency: its seal.
    Agency,
}

/// How long after two wrong PINs the token is not tried again.
pub const PAUSE: Duration = Duration::from_secs(60);

/// The wrong PINs of each token since its last right one.
#[derive(Default)]
pub struct PinGuard {
    tries: Mutex<HashMap<As, Wrong>>,
}

/// Wrong PINs in a row, and when the last was typed.
#[derive(Clone, Copy)]
struct Wrong {
    count: u32,
    last: Instant,
}

impl PinGuard {
    /// Whether the token of `who` may be tried now: `Err` with the catalogue key of the
    /// refusal (`err_pin_confirm`: confirm first; `err_pin_wait`: wait a minute).
    pub fn check(&self, who: As, confirmed: bool) -> Result<(), &'static str> {
        let tries = self.tries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match tries.get(&who) {
            None => Ok(()),
            Some(wrong) if wrong.count >= 2 && wrong.last.elapsed() < PAUSE => Err("err_pin_wait"),
            Some(_) if !confirmed => Err("err_pin_confirm"),
            Some(_) => Ok(()),
        }
    }

    /// Records a try of the token of `who`: a wrong PIN counts, a login that went through
    /// (signed or not) clears the count; anything before the login changes nothing.
    pub fn record(&self, who: As, outcome: Outcome) {
        let mut tries = self.tries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match outcome {
            Outcome::WrongPin => {
                let count = tries.get(&who).map_or(0, |w| w.count) + 1;
                tries.insert(
                    who,
                    Wrong {
                        count,
                        last: Instant::now(),
                    },
                );
            }
            Outcome::LoggedIn => {
                tries.remove(&who);
            }
            Outcome::NotTried => {}
        }
    }
}

/// What a signing attempt did with the PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The token refused it.
    WrongPin,
    /// The token accepted it.
    LoggedIn,
    /// The token was not reached (not found, refused before the login).
    NotTried,
}

impl Outcome {
    /// What `result` (of a signature with the token) says of the PIN.
    pub fn of<T>(result: &Result<T, crate::error::Error>) -> Outcome {
        use crate::sign::SignProblem;
        use crate::sign::token_problem::TokenProblem;
        match result {
            Ok(_) => Outcome::LoggedIn,
            Err(error) => match error.feature_problem::<SignProblem>() {
                Some(SignProblem::Token(TokenProblem::WrongPin { .. })) => Outcome::WrongPin,
                Some(SignProblem::Token(_)) | None => Outcome::NotTried,
                // Any other problem comes after the login (the document, the timestamp).
                Some(_) => Outcome::LoggedIn,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_wrong_pin_asks_for_confirmation_and_two_pause_the_token() {
        let guard = PinGuard::default();
        assert_eq!(guard.check(As::Person, false), Ok(()));
        guard.record(As::Person, Outcome::WrongPin);
        assert_eq!(guard.check(As::Person, false), Err("err_pin_confirm"));
        assert_eq!(guard.check(As::Person, true), Ok(()));
        // The other token is not concerned.
        assert_eq!(guard.check(As::Agency, false), Ok(()));
        guard.record(As::Person, Outcome::WrongPin);
        assert_eq!(guard.check(As::Person, true), Err("err_pin_wait"));
        guard.record(As::Person, Outcome::NotTried);
        assert_eq!(guard.check(As::Person, true), Err("err_pin_wait"));
        guard.record(As::Person, Outcome::LoggedIn);
        assert_eq!(guard.check(As::Person, false), Ok(()));
    }
}

//! How many accesses one researcher may have recorded: every recorded access is a `record_access`
//! transaction the custodian pays for, so a researcher with a valid consent could otherwise run
//! up the custodian's fees by asking again and again. Each researcher gets at most
//! `--max-accesses-per-minute` recorded accesses in any sliding minute; past it the gateway answers
//! 429 with the seconds to wait, records nothing and releases nothing.

use crate::auth::AccountId;
use std::{
	collections::{HashMap, VecDeque},
	sync::Mutex,
	time::{Duration, Instant},
};

/// Researchers tracked at most; past it, those with nothing in the window are forgotten first.
const MAX_TRACKED: usize = 10_000;

/// Why an access was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
	/// The researcher had their accesses for this window: try again after this long.
	RetryAfter(Duration),
	/// Too many researchers are being tracked at once.
	Busy,
}

/// Recorded accesses per researcher over a sliding window.
pub struct AccessLimiter {
	limit: usize,
	window: Duration,
	recent: Mutex<HashMap<AccountId, VecDeque<Instant>>>,
}

impl AccessLimiter {
	/// At most `limit` accesses per researcher in any `window`.
	pub fn new(limit: u32, window: Duration) -> Self {
		Self {
			limit: usize::try_from(limit).unwrap_or(usize::MAX),
			window,
			recent: Mutex::new(HashMap::new()),
		}
	}

	/// Counts an access by `researcher` at `now`, if the limit allows it.
	pub fn admit(&self, researcher: &AccountId, now: Instant) -> Result<(), Limited> {
		let mut recent = self.recent.lock().map_err(|_| Limited::Busy)?;
		let window = self.window;
		let expired = |at: &Instant| now.saturating_duration_since(*at) >= window;
		if !recent.contains_key(researcher) && recent.len() >= MAX_TRACKED {
			recent.retain(|_, times| {
				times.retain(|at| !expired(at));
				!times.is_empty()
			});
			if recent.len() >= MAX_TRACKED {
				return Err(Limited::Busy);
			}
		}
		let times = recent.entry(*researcher).or_default();
		while times.front().is_some_and(expired) {
			times.pop_front();
		}
		if times.len() >= self.limit {
			let oldest = times.front().copied().unwrap_or(now);
			let wait = window.saturating_sub(now.saturating_duration_since(oldest));
			return Err(Limited::RetryAfter(wait));
		}
		times.push_back(now);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn each_researcher_gets_their_accesses_per_window() {
		let limiter = AccessLimiter::new(3, Duration::from_secs(60));
		let start = Instant::now();
		let (ana, ben) = ([1; 32], [2; 32]);
		for second in 0..3 {
			assert_eq!(limiter.admit(&ana, start + Duration::from_secs(second)), Ok(()));
		}
		assert_eq!(
			limiter.admit(&ana, start + Duration::from_secs(10)),
			Err(Limited::RetryAfter(Duration::from_secs(50)))
		);
		assert_eq!(limiter.admit(&ben, start + Duration::from_secs(10)), Ok(()), "per researcher");
		// The first access leaves the window after a minute, and one more is admitted.
		assert_eq!(limiter.admit(&ana, start + Duration::from_secs(60)), Ok(()));
		assert!(limiter.admit(&ana, start + Duration::from_secs(60)).is_err());
		assert!(AccessLimiter::new(0, Duration::from_secs(60)).admit(&ana, start).is_err());
	}
}

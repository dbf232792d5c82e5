//! Reports: what the check says of a finding, bounded per line, per
//! second and in memory (each distinct finding once).

use core::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::consent::Finding;
use crate::consent::audit::Found;

/// What [`ConsentCheck`](super::ConsentCheck) did about a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Action {
    /// Reported only: a request's cookie (a server cannot unset what a
    /// request carries), or a `Set-Cookie` in [`Mode::Report`](super::Mode::Report).
    Reported,
    /// The `Set-Cookie` was not sent.
    Dropped,
    /// The `Set-Cookie` was sent as its declaration says.
    Rewritten,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Reported => "reported",
            Action::Dropped => "dropped",
            Action::Rewritten => "rewritten",
        })
    }
}

/// One finding of [`ConsentCheck`](super::ConsentCheck), as its
/// [`on_finding`](super::ConsentCheck::on_finding) callback gets it. `Display`
/// gives one log line: ``cookie-decl: dropped: response sets cookie
/// `tracker`, which the registry does not declare (GET /)``, of at most
/// [`Report::MAX_LINE`] bytes whatever the request carried (a longer one
/// is cut, and ends in `…`).
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Report<'a> {
    /// What was found.
    pub finding: &'a Finding,
    /// What was done.
    pub action: Action,
    /// The request's method.
    pub method: &'a str,
    /// The request's path, without its query.
    pub path: &'a str,
    /// How many findings the rate limit kept from the callback since the
    /// last one it passed (see
    /// [`max_reports_per_second`](super::ConsentCheck::max_reports_per_second)):
    /// they were acted on (dropped or rewritten) all the same.
    pub suppressed: u64,
}

impl Report<'_> {
    /// The longest line `Display` writes, in bytes.
    pub const MAX_LINE: usize = 1024;
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        let mut line = Bounded {
            out: f,
            left: Self::MAX_LINE - '…'.len_utf8(),
            cut: false,
        };
        let _ = write!(
            line,
            "cookie-decl: {}: {} ({} {})",
            self.action,
            self.finding,
            self.method.escape_debug(),
            self.path.escape_debug()
        );
        if self.suppressed > 0 {
            let _ = write!(
                line,
                "; {} earlier findings not reported (rate limit)",
                self.suppressed
            );
        }
        if line.cut {
            line.out.write_char('…')?;
        }
        Ok(())
    }
}

/// A writer that keeps the first `left` bytes of what it is given, cut at
/// a character's boundary, and drops the rest.
struct Bounded<'a, 'f> {
    out: &'a mut fmt::Formatter<'f>,
    left: usize,
    cut: bool,
}

impl fmt::Write for Bounded<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.cut {
            return Ok(());
        }
        if text.len() <= self.left {
            self.left -= text.len();
            return self.out.write_str(text);
        }
        let mut end = self.left;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.cut = true;
        self.left = 0;
        self.out.write_str(&text[..end])
    }
}

/// Called with each finding.
pub(super) type OnFinding = Arc<dyn Fn(&Report<'_>) + Send + Sync>;

/// The findings a [`ConsentCheck`](super::ConsentCheck) passes to its callback: at most
/// `per_second` in one second of the clock, counted past it. Read and
/// written without a lock: the current second and the reports it passed
/// in one atomic word.
pub(super) struct RateLimit {
    per_second: u32,
    start: std::time::Instant,
    /// The second (high 32 bits, since `start`) and the reports it passed.
    window: AtomicU64,
    /// The findings kept back since the last one passed.
    suppressed: AtomicU64,
}

impl RateLimit {
    pub(super) const DEFAULT_PER_SECOND: u32 = 20;

    pub(super) fn new(per_second: u32) -> Self {
        RateLimit {
            per_second,
            start: std::time::Instant::now(),
            window: AtomicU64::new(0),
            suppressed: AtomicU64::new(0),
        }
    }

    /// `Some(n)` when a report may go out now, `n` those kept back before
    /// it; `None` when it is counted instead.
    pub(super) fn admit(&self) -> Option<u64> {
        if self.per_second == 0 {
            self.suppressed.fetch_add(1, Ordering::AcqRel);
            return None;
        }
        let now = self.start.elapsed().as_secs() & 0xFFFF_FFFF;
        let mut window = self.window.load(Ordering::Acquire);
        loop {
            let (second, passed) = (window >> 32, window & 0xFFFF_FFFF);
            let next = if second != now {
                (now << 32) | 1
            } else if passed < u64::from(self.per_second) {
                window + 1
            } else {
                self.suppressed.fetch_add(1, Ordering::AcqRel);
                return None;
            };
            match self.window.compare_exchange_weak(
                window,
                next,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Some(self.suppressed.swap(0, Ordering::AcqRel)),
                Err(now) => window = now,
            }
        }
    }
}

/// A request finding's hash under `seed`: its kind (and category) folded
/// into the seed, then its bytes hashed as `get` hashes a name (a few
/// multiplies, not SipHash's rounds). With a secret seed, two findings
/// that collide cannot be written on purpose; by chance, one in 2^64.
fn found_hash(found: Found<'_>, seed: u64) -> u64 {
    const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;
    let (kind, bytes) = match found {
        Found::Unreadable(raw) => (1, raw),
        Found::Undeclared(name) => (2, name.as_bytes()),
        Found::WithoutConsent(name, category) => (3 + category as u64, name.as_bytes()),
        Found::Ambiguous(name) => (8, name.as_bytes()),
    };
    crate::__private::phf_hash(seed ^ GOLDEN.wrapping_mul(kind), bytes).0
}

/// The findings already reported: a set of their hashes, emptied
/// when it reaches its bound, so that a flood of distinct cookie names
/// costs bounded memory.
///
/// Read and written without a lock, by every request at once: an open
/// addressing table of `2 * BOUND` atomic slots, each holding a hash's top
/// bits and the generation it was written in. Emptying the set is starting
/// a new generation, which makes every slot of the old ones free; within a
/// generation a slot only goes from free to taken, so a probe that meets a
/// free slot knows the hash is not further on. A finding already reported
/// costs one hash and one or two loads. A request that runs while the set
/// is being emptied may find a slot it wrote freed again: a finding can
/// then be reported twice, never not at all.
pub(super) struct Seen {
    /// The request findings' hash's secret seed, drawn for each check.
    seed: u64,
    /// The response findings' hash (SipHash under secret keys): they are
    /// made before they are checked, and rare.
    keys: RandomState,
    /// The generation (high 32 bits) and the number of hashes it holds.
    state: AtomicU64,
    slots: Box<[AtomicU64]>,
}

impl Seen {
    const BOUND: usize = 4096;
    const SLOTS: usize = 2 * Self::BOUND;
    /// The low bits of a slot: its generation, never 0 (a slot of 0 is
    /// free in every generation).
    const GENERATION: u64 = (1 << 20) - 1;

    pub(super) fn new() -> Self {
        let keys = RandomState::new();
        Seen {
            seed: keys.hash_one(0x5EE4_u64),
            keys,
            state: AtomicU64::new(1 << 32),
            slots: (0..Self::SLOTS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Whether a request finding is reported for the first time.
    pub(super) fn first_request(&self, found: Found<'_>) -> bool {
        self.insert(found_hash(found, self.seed))
    }

    /// Whether a response finding, with what was done about it, is
    /// reported for the first time.
    pub(super) fn first_response(&self, finding: &Finding, action: Action) -> bool {
        self.insert(self.keys.hash_one((finding, action)))
    }

    /// Whether `hash` is new to the set; it is in the set afterwards. The
    /// set is emptied when it holds `BOUND` hashes and another is asked
    /// about.
    fn insert(&self, hash: u64) -> bool {
        let mut state = self.state.load(Ordering::Acquire);
        if (state & u64::from(u32::MAX)) >= Self::BOUND as u64 {
            let generation = (state >> 32) & Self::GENERATION;
            let next = if generation == Self::GENERATION {
                1
            } else {
                generation + 1
            };
            // Of the requests that find it full, one empties it.
            state = match self.state.compare_exchange(
                state,
                next << 32,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => next << 32,
                Err(now) => now,
            };
        }
        let generation = (state >> 32) & Self::GENERATION;
        let entry = (hash & !Self::GENERATION) | generation;
        let mask = Self::SLOTS - 1;
        let mut at = (hash >> (64 - Self::SLOTS.trailing_zeros())) as usize;
        for _ in 0..Self::SLOTS {
            let slot = &self.slots[at];
            let mut seen = slot.load(Ordering::Acquire);
            loop {
                if seen == entry {
                    return false;
                }
                if seen & Self::GENERATION == generation {
                    // Another hash of this generation: probe on.
                    break;
                }
                // Free in this generation: take it, unless another request
                // just did (maybe for the same hash).
                match slot.compare_exchange(seen, entry, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => {
                        self.state.fetch_add(1, Ordering::AcqRel);
                        return true;
                    }
                    Err(now) => seen = now,
                }
            }
            at = (at + 1) & mask;
        }
        // Unreachable: a generation holds at most `BOUND` hashes, half the
        // slots. Reporting again is the safe answer.
        true
    }
}

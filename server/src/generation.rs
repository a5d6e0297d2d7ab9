//! Counts the writes to a table made in this process, so a cache of what
//! it holds can tell it is stale without asking the database. (Writes from
//! another process show when the cache's time is up.)

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub struct Generation(AtomicU64);

impl Generation {
    pub const fn new() -> Generation {
        Generation(AtomicU64::new(0))
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    pub fn changed(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

//! Rendered feed pages, kept for a second: a surge of residents after an
//! urgent appeal costs one query per distinct page per second, not one per
//! request. Any write in this process starts afresh at once; a write from
//! another process (the CLI, another instance) shows within the second.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::HeaderValue;

use crate::updates;

const TTL: Duration = Duration::from_secs(1);
/// Distinct pages kept at once (filters × paging × hosts); past this, start over.
const MAX_ENTRIES: usize = 1024;

/// A rendered feed page and its entity tag.
#[derive(Clone)]
pub struct Rendered {
    pub body: Bytes,
    pub etag: HeaderValue,
}

#[derive(Default)]
pub struct FeedCache {
    entries: RwLock<HashMap<String, (Instant, u64, Rendered)>>,
}

impl FeedCache {
    pub fn get(&self, key: &str) -> Option<Rendered> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        let (at, generation, rendered) = entries.get(key)?;
        (at.elapsed() < TTL && *generation == updates::generation()).then(|| rendered.clone())
    }

    /// Keeps `rendered`, made from the database as it was at `generation`.
    pub fn put(&self, key: String, generation: u64, rendered: Rendered) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), generation, rendered));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(etag: &str) -> Rendered {
        Rendered { body: Bytes::from_static(b"{}"), etag: HeaderValue::from_str(etag).unwrap() }
    }

    #[test]
    fn a_write_or_a_second_ends_an_entry() {
        let cache = FeedCache::default();
        cache.put("a".into(), updates::generation(), rendered("\"1\""));
        assert_eq!(cache.get("a").map(|r| r.etag), Some(HeaderValue::from_static("\"1\"")));
        assert!(cache.get("b").is_none());
        cache.put("old".into(), updates::generation().wrapping_sub(1), rendered("\"0\""));
        assert!(cache.get("old").is_none(), "made before a write");
    }
}

//! Rendered feed pages (and first views, and the embed builder's facts),
//! kept for a second: a surge of residents after an urgent appeal costs one
//! query per distinct page per second, not one per request. Any write in
//! this process starts afresh at once; a write from another process (the
//! CLI, another instance) shows within the second.
//!
//! Misses cannot be turned against the feed: each key is rendered once at a
//! time (single flight) while different keys render side by side, at most
//! [`RENDERS_AT_ONCE`] of them; a full cache drops its stale and then its
//! oldest entries, never everything at once.

use std::collections::HashMap;
use std::future::Future;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::HeaderValue;
use brotli::enc::BrotliEncoderParams;
use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::text::hex;
use crate::updates;

const TTL: Duration = Duration::from_secs(1);
/// Distinct pages kept at once (filters × paging × hosts).
const MAX_ENTRIES: usize = 1024;
/// Bytes of rendered pages kept at once, compressed copies not counted.
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Misses rendered at once; more wait their turn.
pub const RENDERS_AT_ONCE: usize = 8;

/// A rendered feed page, as it is and compressed, and its entity tag (the
/// same for every coding, as the content is). Clones share one page.
#[derive(Clone)]
pub struct Rendered(Arc<Page>);

struct Page {
    etag: HeaderValue,
    identity: Bytes,
    /// Brotli's quality for this page (see [`Rendered::quick`]).
    quality: i32,
    gzip: OnceLock<Bytes>,
    br: OnceLock<Bytes>,
}

/// Quality 10 with a 256 KiB window: nearly the smallest, in much less time
/// than quality 11 (docs/performance.md).
const QUALITY: i32 = 10;
/// About a tenth larger than quality 10, and many times quicker.
const QUICK_QUALITY: i32 = 5;

impl Rendered {
    /// Each coding is made once, when a client first asks for it: browsers
    /// all accept br or gzip, and compressing per request made a surge of them
    /// many times slower to serve (docs/performance.md). Not before: the
    /// first view reads the feed page as rendered and needs neither.
    pub fn new(body: Vec<u8>) -> Rendered {
        Rendered::compressed_at(body, QUALITY)
    }

    /// `value` as JSON, compressed as [`Rendered::new`] is.
    pub fn json<T: serde::Serialize>(value: &T) -> Result<Rendered, Error> {
        serde_json::to_vec(value).map(Rendered::new).map_err(|e| Error::Internal(e.into()))
    }

    /// For a page a resident waits on while it is compressed, as the first
    /// view past the cache's second is: a few hundred bytes more cost a
    /// phone less time than quality 10 costs the server (docs/performance.md).
    pub fn quick(body: Vec<u8>) -> Rendered {
        Rendered::compressed_at(body, QUICK_QUALITY)
    }

    fn compressed_at(body: Vec<u8>, quality: i32) -> Rendered {
        let etag = format!("\"{}\"", &hex(&Sha256::digest(&body))[..32]);
        Rendered(Arc::new(Page {
            etag: HeaderValue::from_str(&etag).expect("hex is a valid header"),
            identity: body.into(),
            quality,
            gzip: OnceLock::new(),
            br: OnceLock::new(),
        }))
    }

    pub fn etag(&self) -> &HeaderValue {
        &self.0.etag
    }

    /// The body as rendered, uncompressed.
    pub fn body(&self) -> &[u8] {
        &self.0.identity
    }

    /// The body in the best coding the client accepts, and that coding's name.
    pub fn encoded(&self, accept_encoding: &str) -> (Bytes, Option<&'static str>) {
        let accepts = |coding: &str| {
            accept_encoding.split(',').any(|part| {
                let mut params = part.split(';').map(str::trim);
                let name = params.next().unwrap_or_default();
                let refused = params.any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0));
                name.eq_ignore_ascii_case(coding) && !refused
            })
        };
        let page = &self.0;
        if accepts("br") {
            (page.br.get_or_init(|| brotli(&page.identity, page.quality)).clone(), Some("br"))
        } else if accepts("gzip") {
            (page.gzip.get_or_init(|| gzip(&page.identity)).clone(), Some("gzip"))
        } else {
            (page.identity.clone(), None)
        }
    }
}

fn gzip(body: &[u8]) -> Bytes {
    let mut gzip = GzEncoder::new(Vec::new(), Compression::best());
    gzip.write_all(body).expect("writing to memory");
    gzip.finish().expect("writing to memory").into()
}

/// With a 256 KiB window.
fn brotli(body: &[u8], quality: i32) -> Bytes {
    let mut br = Vec::new();
    let params = BrotliEncoderParams { quality, lgwin: 18, size_hint: body.len(), ..Default::default() };
    brotli::BrotliCompress(&mut &body[..], &mut br, &params).expect("writing to memory");
    br.into()
}

pub struct FeedCache {
    entries: RwLock<HashMap<String, (Instant, u64, Rendered)>>,
    /// One lock per key being rendered now.
    flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    renders: tokio::sync::Semaphore,
}

impl Default for FeedCache {
    fn default() -> FeedCache {
        FeedCache {
            entries: RwLock::default(),
            flights: Mutex::default(),
            renders: tokio::sync::Semaphore::new(RENDERS_AT_ONCE),
        }
    }
}

impl FeedCache {
    /// The entry for `key`, else what `render` makes, kept. When an entry ends
    /// under a surge, one request renders it and the rest asking for the
    /// same key wait for that render (and look again) instead of repeating it.
    pub async fn get_or_render<F, Fut>(&self, key: String, render: F) -> Result<Rendered, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Rendered, Error>>,
    {
        if let Some(rendered) = self.cached(&key) {
            return Ok(rendered);
        }
        let flight = self.flights.lock().unwrap_or_else(|p| p.into_inner()).entry(key.clone()).or_default().clone();
        let turn = flight.lock().await;
        let outcome = match self.cached(&key) {
            Some(rendered) => Ok(rendered),
            None => self.render(&key, render).await,
        };
        drop(turn);
        let mut flights = self.flights.lock().unwrap_or_else(|p| p.into_inner());
        // Ours and the map's: no one else waits on it, so it can go.
        if Arc::strong_count(&flight) == 2 {
            flights.remove(&key);
        }
        outcome
    }

    async fn render<F, Fut>(&self, key: &str, render: F) -> Result<Rendered, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Rendered, Error>>,
    {
        let _render = self.renders.acquire().await.map_err(|e| Error::Internal(e.into()))?;
        let generation = updates::CHANGES.get();
        let rendered = self.unchanged(key, render().await?);
        self.put(key.to_owned(), generation, rendered.clone());
        Ok(rendered)
    }

    /// The page `key` had, when `rendered` says the same: its compressed
    /// copies are kept, not made again each second (docs/performance.md).
    fn unchanged(&self, key: &str, rendered: Rendered) -> Rendered {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        match entries.get(key) {
            Some((_, _, before)) if before.etag() == rendered.etag() => before.clone(),
            _ => rendered,
        }
    }

    /// The entry for `key` if it is there and fresh, without rendering.
    pub fn cached(&self, key: &str) -> Option<Rendered> {
        let entries = self.entries.read().unwrap_or_else(|p| p.into_inner());
        let (at, generation, rendered) = entries.get(key)?;
        (at.elapsed() < TTL && *generation == updates::CHANGES.get()).then(|| rendered.clone())
    }

    /// Keeps `rendered`, made from the database as it was at `generation`,
    /// making room first if the cache is full.
    fn put(&self, key: String, generation: u64, rendered: Rendered) {
        let mut entries = self.entries.write().unwrap_or_else(|p| p.into_inner());
        let bytes = |entries: &HashMap<String, (Instant, u64, Rendered)>| -> usize {
            entries.values().map(|(_, _, r)| r.body().len()).sum()
        };
        let full = |entries: &HashMap<_, _>, held: usize| {
            entries.len() >= MAX_ENTRIES || held + rendered.body().len() > MAX_BYTES
        };
        let mut held = bytes(&entries);
        if full(&entries, held) {
            entries.retain(|_, (at, _, _)| at.elapsed() < TTL);
            held = bytes(&entries);
        }
        // The total is kept as entries go, not summed again for each.
        while full(&entries, held) {
            let oldest = entries.iter().min_by_key(|(_, (at, _, _))| *at).map(|(k, _)| k.clone());
            let Some((_, _, gone)) = oldest.and_then(|oldest| entries.remove(&oldest)) else { break };
            held -= gone.body().len();
        }
        entries.insert(key, (Instant::now(), generation, rendered));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_or_a_second_ends_an_entry() {
        let cache = FeedCache::default();
        let page = Rendered::new(b"{}".to_vec());
        cache.put("a".into(), updates::CHANGES.get(), page.clone());
        assert_eq!(cache.cached("a").map(|r| r.etag().clone()), Some(page.etag().clone()));
        assert!(cache.cached("b").is_none());
        cache.put("old".into(), updates::CHANGES.get().wrapping_sub(1), Rendered::new(b"[]".to_vec()));
        assert!(cache.cached("old").is_none(), "made before a write");
    }

    #[tokio::test]
    async fn a_page_rendered_again_the_same_keeps_its_compressed_copies() {
        let cache = FeedCache::default();
        let body = br#"{"items": ["an appeal for witnesses"]}"#.repeat(20);
        let again = |body: Vec<u8>| cache.get_or_render("page".into(), || async move { Ok(Rendered::new(body)) });
        let first = again(body.clone()).await.unwrap();
        first.encoded("br");
        cache.entries.write().unwrap().get_mut("page").unwrap().0 -= TTL;
        let same = again(body.clone()).await.unwrap();
        assert!(same.0.br.get().is_some(), "the brotli copy was kept");
        cache.entries.write().unwrap().get_mut("page").unwrap().0 -= TTL;
        let changed = again(b"{}".to_vec()).await.unwrap();
        assert_eq!((changed.body(), changed.0.br.get()), (&b"{}"[..], None), "a changed page is new");
    }

    #[test]
    fn a_full_cache_drops_its_oldest_not_everything() {
        let cache = FeedCache::default();
        let now = updates::CHANGES.get();
        for n in 0..MAX_ENTRIES + 10 {
            cache.put(format!("page-{n}"), now, Rendered::new(b"{}".to_vec()));
        }
        let kept = cache.entries.read().unwrap().len();
        assert_eq!(kept, MAX_ENTRIES);
        assert!(cache.cached("page-0").is_none(), "the oldest went");
        assert!(cache.cached(&format!("page-{}", MAX_ENTRIES + 9)).is_some(), "the newest stayed");
        assert!(cache.cached("page-100").is_some(), "the rest stayed");
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn one_render_per_key_and_different_keys_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cache = Arc::new(FeedCache::default());
        let renders = Arc::new(AtomicUsize::new(0));
        let ask = |key: &'static str| {
            let (cache, renders) = (cache.clone(), renders.clone());
            tokio::spawn(async move {
                let render = || async move {
                    renders.fetch_add(1, Ordering::SeqCst);
                    // Each render finishes only once the other key's has begun:
                    // renders one at a time would never get here.
                    let deadline = Instant::now() + Duration::from_secs(20);
                    while renders.load(Ordering::SeqCst) < 2 {
                        assert!(Instant::now() < deadline, "the other key never rendered alongside");
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                    Ok(Rendered::new(key.as_bytes().to_vec()))
                };
                cache.get_or_render(key.to_owned(), render).await.map(|r| r.body().to_vec())
            })
        };
        let asked: Vec<_> = (0..20).map(|n| ask(if n % 2 == 0 { "even" } else { "odd" })).collect();
        for (n, answer) in futures_util::future::join_all(asked).await.into_iter().enumerate() {
            assert_eq!(answer.unwrap().unwrap(), if n % 2 == 0 { b"even".to_vec() } else { b"odd".to_vec() });
        }
        assert_eq!(renders.load(Ordering::SeqCst), 2, "one render per key");
        assert!(cache.flights.lock().unwrap().is_empty(), "nothing left in flight");
    }

    #[test]
    fn each_client_gets_the_best_coding_it_accepts() {
        let body = br#"{"items": ["the same words, again and again, compress well"]}"#.repeat(20);
        let page = Rendered::new(body.clone());
        let coding = |accept: &str| page.encoded(accept).1;
        assert_eq!(coding("gzip, deflate, br, zstd"), Some("br"));
        assert_eq!(coding("gzip;q=1.0, br;q=0"), Some("gzip"));
        assert_eq!(coding("BR"), Some("br"));
        assert_eq!(coding("identity"), None);
        assert_eq!(coding(""), None);
        assert_eq!(page.encoded("").0, body, "as rendered");
        let mut gunzipped = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&page.encoded("gzip").0[..]), &mut gunzipped)
            .unwrap();
        assert_eq!(gunzipped, body);
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &page.encoded("br").0[..], &mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, body);
        assert!(page.encoded("br").0.len() < body.len() / 4);
        let quick = Rendered::quick(body.clone());
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &quick.encoded("br").0[..], &mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, body);
        assert!(quick.encoded("br").0.len() > page.encoded("br").0.len(), "a lower quality");
        assert_eq!(quick.etag(), page.etag(), "the same content");
    }
}

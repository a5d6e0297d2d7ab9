//! Any bytes from an import source, as each kind of source: parsing never
//! panics (a bad body is an error, not a crash).
#![no_main]

use libfuzzer_sys::fuzz_target;
use police_engage_server::import::formats;

const PATHS: [&str; 4] = ["/news/rss", "/feed.json", "/api/force/nbhd/events", "/api/force/nbhd/priorities"];

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    let _ = formats::parse(body, PATHS[usize::from(which) % PATHS.len()]);
});

//! Any bytes as a feed body: decoding and choosing what to show never panic,
//! and what is shown is within the widget's limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use police_engage::feed;
use police_engage::updates::{self, Filter};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(decoded) = feed::decode(text) else { return };
    let filter = Filter { limit: 50, categories: Vec::new(), area: None };
    for update in updates::select(&decoded, &filter, 1_795_000_000_000.0) {
        let title = update.title.as_deref().unwrap_or_default();
        assert!(title.chars().count() <= updates::MAX_TITLE_CHARS + 1, "title not shortened");
        let link = update.link.as_deref().unwrap_or("https://").to_ascii_lowercase();
        assert!(link.starts_with("https://") || link.starts_with("http://"), "unsafe link {link}");
    }
});

//! Any bytes as a feed body: decoding and choosing what to show never panic,
//! and what is shown keeps the contract's rules; no area is offered twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use police_engage::feed;
use police_engage::updates::{self, Filter};
use police_engage_contract::{length, web_url, TITLE_MAX};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(decoded) = feed::decode(text) else { return };
    let filter = Filter { limit: 50, categories: Vec::new(), area: None };
    let areas = updates::areas(&decoded, &filter, 1_795_000_000_000.0);
    for pair in areas.windows(2) {
        assert!(!updates::same_area(&pair[0], &pair[1]), "an area twice");
    }
    for update in updates::select(&decoded, &filter, 1_795_000_000_000.0) {
        assert!(length(update.title.as_deref().unwrap_or_default()) <= TITLE_MAX, "title not shortened");
        if let Some(link) = &update.link {
            assert_eq!(web_url(link), Some(link.as_str()), "a link the contract would not follow");
        }
    }
});

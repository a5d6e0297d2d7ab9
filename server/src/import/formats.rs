//! Which kind of source a body is, and its items: data.police.uk endpoints
//! by their path (whatever the host) or, for a file, by their shape; any
//! other body as RSS, Atom or JSON Feed.

use super::item::Item;
use super::{feeds, police_uk};

#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("not an RSS, Atom or JSON feed: {0}")]
    NotAFeed(String),
    #[error("not data.police.uk {what}: {source}")]
    PoliceUk { what: &'static str, source: serde_json::Error },
    #[error("a JSON array that is neither data.police.uk events nor priorities")]
    UnknownArray,
}

/// Parses a source body; `path` is the URL's path or the file name.
pub fn parse(bytes: &[u8], path: &str) -> Result<Vec<Item>, FormatError> {
    let path = path.trim_end_matches('/');
    if police_uk::is_events(path) {
        return police_uk::events(bytes);
    }
    if police_uk::is_priorities(path) {
        return police_uk::priorities(bytes);
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => police_uk::by_shape(bytes),
        _ => feeds::parse(bytes),
    }
}

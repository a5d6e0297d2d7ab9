//! The last good feed, kept in the browser's `localStorage` so a resident
//! who loses signal still sees the updates, marked with when they were fetched.

use web_sys::Storage;

const PREFIX: &str = "police-engage:feed:";

/// Keeps `text`, fetched at `at` (Unix ms). Quota and privacy-mode errors are
/// ignored: the saved copy is a comfort, not a duty. A `data:` feed (the
/// console's preview of a draft) carries itself: not kept.
pub fn save(src: &str, text: &str, at: f64) {
    if src.starts_with("data:") {
        return;
    }
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(src), &format!("{}\n{text}", at as u64));
    }
}

/// The saved body and when it was fetched.
pub fn load(src: &str) -> Option<(String, f64)> {
    let value = storage()?.get_item(&key(src)).ok()??;
    let (at, text) = value.split_once('\n')?;
    Some((text.to_owned(), at.parse::<u64>().ok()? as f64))
}

fn key(src: &str) -> String {
    format!("{PREFIX}{src}")
}

/// `None` where storage is blocked (sandboxed frames, some privacy modes).
fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

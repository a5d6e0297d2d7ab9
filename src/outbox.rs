//! Feedback not yet confirmed by the server, kept in `localStorage` so a
//! failed or offline send survives a reload and is retried with its key.
//! An in-memory copy covers browsers that refuse storage.

use std::cell::RefCell;

use police_engage_contract::Submission;
use serde::{Deserialize, Serialize};
use web_sys::Storage;

const KEY: &str = "police-engage:outbox";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub url: String,
    pub submission: Submission,
}

thread_local! {
    static MEMORY: RefCell<Option<Vec<Pending>>> = const { RefCell::new(None) };
}

/// Everything waiting to be sent, oldest first.
pub fn all() -> Vec<Pending> {
    MEMORY.with(|m| m.borrow_mut().get_or_insert_with(read).clone())
}

/// Keeps `pending`, replacing any with the same idempotency key.
pub fn add(pending: Pending) {
    let mut items = all();
    items.retain(|p| p.submission.key != pending.submission.key);
    items.push(pending);
    write(items);
}

pub fn remove(key: &str) {
    let mut items = all();
    items.retain(|p| p.submission.key != key);
    write(items);
}

fn read() -> Vec<Pending> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .and_then(|value| serde_wasm_bindgen::from_value(value).ok())
        .unwrap_or_default()
}

fn write(items: Vec<Pending>) {
    let json = serde_wasm_bindgen::to_value(&items).ok().and_then(|v| js_sys::JSON::stringify(&v).ok());
    if let (Some(storage), Some(json)) = (storage(), json.and_then(|j| j.as_string())) {
        let _ = if items.is_empty() { storage.remove_item(KEY) } else { storage.set_item(KEY, &json) };
    }
    MEMORY.with(|m| *m.borrow_mut() = Some(items));
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

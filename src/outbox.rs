//! Feedback not yet confirmed by the server, kept in `localStorage` so a
//! failed or offline send survives a reload and is retried with its key.
//! An in-memory copy covers browsers that refuse storage.

use std::cell::RefCell;

use police_engage_contract::Submission;
use web_sys::Storage;

use crate::json::{self, Json, Writer};
use crate::wire;

const KEY: &str = "police-engage:outbox";

#[derive(Clone, Debug, PartialEq)]
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

/// Stored as a JSON list of `{url, submission}`, as every release has kept it.
fn read() -> Vec<Pending> {
    let stored = storage().and_then(|s| s.get_item(KEY).ok().flatten()).unwrap_or_default();
    let items = json::parse(&stored).and_then(|list| list.items()).unwrap_or_default();
    items
        .iter()
        .filter_map(|item| {
            let url = json::text(item, "url").ok()??;
            let submission = wire::from_json(&json::object(item, "submission").ok()??)?;
            Some(Pending { url, submission })
        })
        .collect()
}

fn write(items: Vec<Pending>) {
    if let Some(storage) = storage() {
        let list = items.iter().map(|p| {
            let mut item = Writer::default();
            item.set("url", p.url.as_str());
            item.set_object("submission", wire::object(&p.submission));
            item
        });
        let _ = match json::print_list(list.collect()) {
            Some(_) if items.is_empty() => storage.remove_item(KEY),
            Some(text) => storage.set_item(KEY, &text),
            None => Ok(()),
        };
    }
    MEMORY.with(|m| *m.borrow_mut() = Some(items));
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

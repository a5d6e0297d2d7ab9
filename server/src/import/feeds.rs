//! RSS 2.0, Atom and JSON Feed bodies (through feed-rs), plus JSON Feed's
//! own `_police` keys, as items.

use std::collections::HashMap;

use feed_rs::model::Entry;
use police_engage_contract::{web_url, EventInput, UpdateInput};
use serde::Deserialize;
use serde_json::Value;

use super::formats::FormatError;
use super::item::Item;
use super::text::{html_to_text, plain};

pub fn parse(bytes: &[u8]) -> Result<Vec<Item>, FormatError> {
    let (bytes, police) = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => json_feed_normalised(bytes),
        _ => (bytes.to_vec(), HashMap::new()),
    };
    let feed = feed_rs::parser::parse(bytes.as_slice()).map_err(|e| FormatError::NotAFeed(e.to_string()))?;
    Ok(feed.entries.into_iter().map(|entry| entry_item(entry, &police)).collect())
}

fn entry_item(entry: Entry, police: &HashMap<String, Police>) -> Item {
    let ext = police.get(&entry.id).cloned().unwrap_or_default();
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate") && web_url(&l.href).is_some())
        .map(|l| l.href.clone());
    let image = entry.media.iter().find_map(|m| {
        let content = m
            .content
            .iter()
            .find(|c| c.content_type.as_ref().is_some_and(|t| t.to_string().starts_with("image/")))
            .and_then(|c| c.url.as_ref());
        content.map(|u| u.to_string()).or_else(|| m.thumbnails.first().map(|t| t.image.uri.clone()))
    });
    let input = UpdateInput {
        title: entry.title.map(|t| plain(&t.content)),
        summary: entry.summary.map(|s| html_to_text(&s.content)),
        content_text: entry.content.and_then(|c| c.body).map(|b| html_to_text(&b)),
        url: link,
        image: image.filter(|i| web_url(i).is_some()),
        image_alt: ext.image_alt,
        category: ext.category,
        priority: ext.priority,
        area: ext.area,
        reference: ext.reference,
        tags: Some(entry.categories.into_iter().map(|c| plain(&c.label.unwrap_or(c.term))).collect()),
        expires: ext.expires,
        event: ext.event,
        date_published: entry.published.or(entry.updated).map(|t| t.to_rfc3339()),
        ..UpdateInput::default()
    };
    Item { source_id: entry.id, input }
}

/// JSON Feed's `_police` keys, which feed-rs does not read, by item id.
#[derive(Debug, Default, Clone, Deserialize)]
struct Police {
    category: Option<String>,
    priority: Option<String>,
    area: Option<String>,
    reference: Option<String>,
    expires: Option<String>,
    image_alt: Option<String>,
    event: Option<EventInput>,
}

/// A JSON Feed with numeric ids made strings (the spec asks readers to
/// accept them; feed-rs does not), and its `_police` keys by item id.
fn json_feed_normalised(bytes: &[u8]) -> (Vec<u8>, HashMap<String, Police>) {
    let Ok(mut feed) = serde_json::from_slice::<Value>(bytes) else { return (bytes.to_vec(), HashMap::new()) };
    let mut police = HashMap::new();
    for item in feed.get_mut("items").and_then(Value::as_array_mut).into_iter().flatten() {
        if let Some(Value::Number(n)) = item.get("id") {
            item["id"] = Value::String(n.to_string());
        }
        let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
        let ext = item.get("_police").cloned().and_then(|p| serde_json::from_value::<Police>(p).ok());
        if let (Some(id), Some(ext)) = (id, ext) {
            police.insert(id, ext);
        }
    }
    (serde_json::to_vec(&feed).unwrap_or_else(|_| bytes.to_vec()), police)
}

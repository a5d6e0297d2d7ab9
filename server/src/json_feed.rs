//! Stored updates out as JSON Feed 1.1, with `_police` extension keys.

use police_engage_contract::{Category, Priority};
use serde::Serialize;

use crate::updates::Update;

pub const VERSION: &str = "https://jsonfeed.org/version/1.1";
pub const CONTENT_TYPE: &str = "application/feed+json; charset=utf-8";

#[derive(Serialize)]
pub struct Feed {
    pub version: &'static str,
    pub title: String,
    pub home_page_url: String,
    pub feed_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    pub language: &'static str,
    pub items: Vec<Item>,
    #[serde(rename = "_police")]
    pub police: FeedPolice,
}

#[derive(Serialize)]
pub struct FeedPolice {
    pub force: Force,
    pub feedback_url: String,
}

#[derive(Serialize)]
pub struct Force {
    pub id: String,
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct Item {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub content_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    pub date_published: String,
    pub date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(rename = "_police")]
    pub police: ItemPolice,
}

#[derive(Serialize)]
pub struct ItemPolice {
    pub category: Category,
    pub priority: Priority,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
}

#[derive(Serialize)]
pub struct Event {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// One stored update as a feed item; paths such as `/images/x.jpg` are made
/// absolute against `base` so any reader can follow them.
pub fn item(u: Update, base: &str) -> Item {
    let absolute = |link: Option<String>| link.map(|l| if l.starts_with('/') { format!("{base}{l}") } else { l });
    let has_event = u.event_start.is_some() || u.event_end.is_some() || u.event_address.is_some();
    Item {
        content_text: u.content_text.clone().or_else(|| u.summary.clone()).unwrap_or_else(|| u.title.clone()),
        url: absolute(u.url),
        image: absolute(u.image),
        tags: serde_json::from_str(&u.tags).unwrap_or_default(),
        police: ItemPolice {
            category: u.category,
            priority: u.priority,
            area: u.area,
            reference: u.reference,
            expires: u.expires_at,
            image_alt: u.image_alt,
            event: has_event.then_some(Event { start: u.event_start, end: u.event_end, address: u.event_address }),
        },
        id: u.id,
        title: u.title,
        summary: u.summary,
        date_published: u.published_at,
        date_modified: u.modified_at,
    }
}

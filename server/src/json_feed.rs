//! Stored updates out as JSON Feed 1.1, with `_police` extension keys, in
//! English or, item by item where it has them, in Welsh words.

use police_engage_contract::{Category, Lang, Priority};
use serde::Serialize;

use crate::config::Settings;
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback_url: Option<String>,
    /// The sign-up page for alerts by email, when this server sends mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alerts_url: Option<String>,
    /// The languages `?lang=` offers.
    pub languages: [&'static str; 2],
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
    /// The language of this item's words.
    pub language: &'static str,
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

/// A feed page of `items` (stored updates) in `lang`, for the server at `base`.
pub fn feed(settings: &Settings, base: &str, lang: Lang, items: Vec<Update>, next_url: Option<String>) -> Feed {
    Feed {
        version: VERSION,
        title: format!("{}: latest updates", settings.force_name),
        home_page_url: settings.force_url.clone(),
        feed_url: format!("{base}/v1/feed.json"),
        next_url,
        language: lang.tag(),
        items: items.into_iter().map(|u| item(u, base, lang)).collect(),
        police: FeedPolice {
            force: Force {
                id: slug(&settings.force_name),
                name: settings.force_name.clone(),
                url: settings.force_url.clone(),
            },
            feedback_url: Some(format!("{base}/v1/feedback")),
            alerts_url: settings.smtp_url.as_ref().map(|_| format!("{base}/alerts")),
            languages: Lang::ALL.map(Lang::tag),
        },
    }
}

/// One stored update as a feed item; paths such as `/images/x.jpg` are made
/// absolute against `base` so any reader can follow them. In Welsh, an item
/// with a Welsh version has Welsh words throughout (its image description and
/// event address fall back to the English ones, often proper names); one
/// without is in English and says so.
pub fn item(u: Update, base: &str, lang: Lang) -> Item {
    let absolute = |link: Option<String>| link.map(|l| if l.starts_with('/') { format!("{base}{l}") } else { l });
    let has_event = u.event_start.is_some() || u.event_end.is_some() || u.event_address.is_some();
    let (language, title, summary, content_text, image_alt, address) = match u.cy.title {
        Some(title) if lang == Lang::Cy => (
            Lang::Cy,
            title,
            u.cy.summary,
            u.cy.content_text,
            u.cy.image_alt.or(u.image_alt),
            u.cy.event_address.or(u.event_address),
        ),
        _ => (Lang::En, u.title, u.summary, u.content_text, u.image_alt, u.event_address),
    };
    Item {
        content_text: content_text.or_else(|| summary.clone()).unwrap_or_else(|| title.clone()),
        language: language.tag(),
        url: absolute(u.url),
        image: absolute(u.image),
        tags: serde_json::from_str(&u.tags).unwrap_or_default(),
        police: ItemPolice {
            category: u.category,
            priority: u.priority,
            area: u.area,
            reference: u.reference,
            expires: u.expires_at,
            image_alt,
            event: has_event.then_some(Event { start: u.event_start, end: u.event_end, address }),
        },
        id: u.id,
        title,
        summary,
        date_published: u.published_at,
        date_modified: u.modified_at,
    }
}

fn slug(name: &str) -> String {
    let words: Vec<String> =
        name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Glanyrafon Police"), "glanyrafon-police");
        assert_eq!(slug("Heddlu Dyfed-Powys"), "heddlu-dyfed-powys");
    }

    #[test]
    fn welsh_words_where_an_update_has_them() {
        let input = crate::body::parse(
            br#"{"title":"Witness appeal","summary":"Did you see it?","image":"/a.jpg","image_alt":"The bridge",
            "event":{"address":"Town Hall"},"cy":{"title":"Apel am dystion","summary":"Welsoch chi?"}}"#,
        )
        .unwrap();
        let u = crate::publish::validate(&input, None, police_engage_contract::Channel::Api).unwrap();
        let cy = item(u.clone(), "https://p.example", Lang::Cy);
        assert_eq!(
            (cy.language, cy.title.as_str(), cy.summary.as_deref()),
            ("cy", "Apel am dystion", Some("Welsoch chi?"))
        );
        assert_eq!(cy.content_text, "Welsoch chi?", "Welsh throughout: no English text under a Welsh title");
        assert_eq!(cy.police.image_alt.as_deref(), Some("The bridge"));
        assert_eq!(cy.image.as_deref(), Some("https://p.example/a.jpg"));
        let en = item(u.clone(), "https://p.example", Lang::En);
        assert_eq!((en.language, en.title.as_str()), ("en-GB", "Witness appeal"));
        let english_only = crate::updates::Update { cy: Default::default(), ..u };
        assert_eq!(item(english_only, "https://p.example", Lang::Cy).language, "en-GB");
    }
}

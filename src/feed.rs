//! The wire format: JSON Feed 1.1 with the optional `_police` extension.
//!
//! Every field is optional here so that any valid JSON Feed decodes; what is
//! missing is defaulted later, in `updates`. Unknown keys are ignored.

use crate::json::{self, object, text, texts, whole, Json, Members, WrongType};

/// Feeds larger than this are refused before decoding, to protect phones.
pub const MAX_FEED_BYTES: usize = 2 * 1024 * 1024;
/// Deeper nesting than any real feed needs is refused before decoding: the
/// browser's own recursion (turning a deep value into an error message) would
/// otherwise overflow the stack and leave the widget stuck.
pub const MAX_DEPTH: usize = 64;
/// The largest whole number a JSON Feed id can be and stay exact in JSON.
const MAX_NUMERIC_ID: f64 = 9_007_199_254_740_991.0;

#[derive(Debug, Default, PartialEq)]
pub struct Feed {
    pub version: Option<String>,
    /// The language of the feed's words, unless an item says otherwise.
    pub language: Option<String>,
    pub items: Option<Vec<Item>>,
    pub police: Option<FeedPolice>,
}

#[derive(Debug, Default, PartialEq)]
pub struct FeedPolice {
    pub feedback_url: Option<String>,
    /// The force's page for signing up to alerts by email, when it sends them.
    pub alerts_url: Option<String>,
}

#[derive(Debug, Default, PartialEq)]
pub struct Item {
    /// JSON Feed ids are strings, but the spec asks readers to accept
    /// numbers: a whole number is read as its digits.
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub content_text: Option<String>,
    pub content_html: Option<String>,
    pub image: Option<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub tags: Option<Vec<String>>,
    pub language: Option<String>,
    pub police: Option<ItemPolice>,
}

#[derive(Debug, Default, PartialEq)]
pub struct ItemPolice {
    pub category: Option<String>,
    pub priority: Option<String>,
    pub area: Option<String>,
    pub reference: Option<String>,
    pub expires: Option<String>,
    pub image_alt: Option<String>,
    pub event: Option<EventInfo>,
}

#[derive(Debug, Default, PartialEq)]
pub struct EventInfo {
    pub start: Option<String>,
    pub end: Option<String>,
    pub address: Option<String>,
}

/// Why a feed could not be shown; each has a plain message in `i18n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedError {
    /// No answer: offline, refused, or blocked by CORS (the browser does not say which).
    Network,
    Timeout,
    Http(u16),
    TooLarge,
    NotJson,
    NotJsonFeed,
    WrongTypes,
}

/// Decodes a feed body, telling apart what is not JSON, what is JSON but not
/// a JSON Feed, and a JSON Feed whose fields have the wrong types.
pub fn decode(text: &str) -> Result<Feed, FeedError> {
    if text.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge);
    }
    if depth(text) > MAX_DEPTH {
        return Err(FeedError::WrongTypes);
    }
    let value = json::parse(text).ok_or(FeedError::NotJson)?;
    if !value.is_object() {
        return Err(FeedError::NotJsonFeed);
    }
    let feed = Feed::read(&value).map_err(|WrongType| FeedError::WrongTypes)?;
    let is_json_feed = feed.version.as_deref().is_some_and(|v| v.starts_with("https://jsonfeed.org/version/1"));
    if !is_json_feed || feed.items.is_none() {
        return Err(FeedError::NotJsonFeed);
    }
    Ok(feed)
}

impl Feed {
    fn read<V: Json>(v: &V) -> Result<Feed, WrongType> {
        let m = Members::new(v);
        let items = v.field("items").map(|items| {
            let read = items.items().ok_or(WrongType).and_then(|i| i.iter().map(Item::read).collect());
            m.get(read.map(Some)).unwrap_or_default()
        });
        let police = m.get(object(v, "_police")).and_then(|p| m.get(FeedPolice::read(&p).map(Some)));
        let feed = Feed { version: m.text("version"), language: m.text("language"), items, police };
        m.end(feed)
    }
}

impl FeedPolice {
    fn read<V: Json>(v: &V) -> Result<FeedPolice, WrongType> {
        let m = Members::new(v);
        let police = FeedPolice { feedback_url: m.text("feedback_url"), alerts_url: m.text("alerts_url") };
        m.end(police)
    }
}

impl Item {
    fn read<V: Json>(v: &V) -> Result<Item, WrongType> {
        if !v.is_object() {
            return Err(WrongType);
        }
        let m = Members::new(v);
        let id = match whole(v, "id", MAX_NUMERIC_ID) {
            Ok(number) => number.map(|n| (n as u64).to_string()),
            Err(WrongType) => m.text("id"),
        };
        let police = m.get(object(v, "_police")).and_then(|p| m.get(ItemPolice::read(&p).map(Some)));
        let item = Item {
            id,
            url: m.text("url"),
            title: m.text("title"),
            summary: m.text("summary"),
            content_text: m.text("content_text"),
            content_html: m.text("content_html"),
            image: m.text("image"),
            date_published: m.text("date_published"),
            date_modified: m.text("date_modified"),
            tags: m.get(texts(v, "tags")),
            language: m.text("language"),
            police,
        };
        m.end(item)
    }
}

impl ItemPolice {
    fn read<V: Json>(v: &V) -> Result<ItemPolice, WrongType> {
        let m = Members::new(v);
        let event = m.get(object(v, "event")).map(|e| {
            let t = |key| m.get(text(&e, key));
            EventInfo { start: t("start"), end: t("end"), address: t("address") }
        });
        let police = ItemPolice {
            category: m.text("category"),
            priority: m.text("priority"),
            area: m.text("area"),
            reference: m.text("reference"),
            expires: m.text("expires"),
            image_alt: m.text("image_alt"),
            event,
        };
        m.end(police)
    }
}

/// How deeply arrays and objects nest in JSON text (brackets inside strings do not count).
pub fn depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_plain_json_feed_and_ignores_unknown_keys() {
        let feed = decode(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"News",
                "_other":{"x":1},"items":[{"id":7,"title":"Hello","_x":true}]}"#,
        )
        .unwrap();
        let item = &feed.items.unwrap()[0];
        assert_eq!(item.id.as_deref(), Some("7"));
        assert_eq!(item.title.as_deref(), Some("Hello"));
        assert!(item.police.is_none());
    }

    #[test]
    fn decodes_the_police_extension() {
        let feed = decode(
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"a",
               "_police":{"category":"appeal","priority":"urgent","reference":"CA-1",
               "event":{"address":"Town Hall"}}}],
               "_police":{"feedback_url":"https://f.example/v1/feedback","alerts_url":"https://f.example/alerts"}}"#,
        )
        .unwrap();
        let police = feed.items.as_ref().unwrap()[0].police.as_ref().unwrap();
        assert_eq!(police.reference.as_deref(), Some("CA-1"));
        assert_eq!(police.event.as_ref().unwrap().address.as_deref(), Some("Town Hall"));
        assert_eq!(feed.police.unwrap().alerts_url.as_deref(), Some("https://f.example/alerts"));
    }

    #[test]
    fn tells_bad_input_apart() {
        assert_eq!(decode("<html>Bad gateway</html>"), Err(FeedError::NotJson));
        assert_eq!(decode(r#"{"version": "#), Err(FeedError::NotJson));
        assert_eq!(decode("[1,2,3]"), Err(FeedError::NotJsonFeed));
        assert_eq!(decode(r#"{"hello":"world"}"#), Err(FeedError::NotJsonFeed));
        assert_eq!(decode(r#"{"version":"https://jsonfeed.org/version/1.1"}"#), Err(FeedError::NotJsonFeed));
        assert_eq!(
            decode(r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"title":5}]}"#),
            Err(FeedError::WrongTypes)
        );
        assert_eq!(decode(r#"{"version":"https://jsonfeed.org/version/1.1","items":{}}"#), Err(FeedError::WrongTypes));
    }

    #[test]
    fn deep_nesting_and_odd_types_are_errors_not_crashes() {
        let nest = |field: &str| {
            let (open, close) = ("[".repeat(10_000), "]".repeat(10_000));
            decode(&format!(
                r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{{"{field}":{open}1{close}}}]}}"#
            ))
        };
        assert_eq!(nest("_unknown"), Err(FeedError::WrongTypes));
        assert_eq!(nest("title"), Err(FeedError::WrongTypes));
        assert_eq!(super::depth(r#"{"a":"[[[{{{","b":[{"c":[]}]}"#), 4);
        assert_eq!(super::depth(r#"{"a":"\"[[["}"#), 1);
        assert_eq!(
            decode(r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1.5}]}"#),
            Err(FeedError::WrongTypes)
        );
        assert_eq!(
            decode(r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"tags":"appeal"}]}"#),
            Err(FeedError::WrongTypes)
        );
        assert_eq!(decode(r#"{"version":7,"items":[]}"#), Err(FeedError::WrongTypes));
    }

    #[test]
    fn refuses_feeds_over_the_limit() {
        let padding = " ".repeat(MAX_FEED_BYTES);
        let text = format!(r#"{{"version":"https://jsonfeed.org/version/1.1","items":[]}}{padding}"#);
        assert_eq!(decode(&text), Err(FeedError::TooLarge));
    }
}

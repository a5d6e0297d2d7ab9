//! Updates written by the force (admin API, `publish` CLI): the input as
//! sent, and the rules that turn it into a stored update.

use serde::Deserialize;

use crate::error::Problem;
use crate::stamp;
use crate::updates::Update;

pub const CATEGORIES: [&str; 5] = ["news", "appeal", "warning", "success", "event"];
pub const PRIORITIES: [&str; 3] = ["normal", "high", "urgent"];

/// An update as the admin API and `publish` accept it: the feed item's
/// fields, with `_police` flattened.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateInput {
    pub id: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub content_text: Option<String>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub category: Option<String>,
    pub priority: Option<String>,
    pub area: Option<String>,
    pub reference: Option<String>,
    pub tags: Option<Vec<String>>,
    pub expires: Option<String>,
    pub event: Option<EventInput>,
    pub date_published: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub start: Option<String>,
    pub end: Option<String>,
    pub address: Option<String>,
}

/// Reads JSON into an input, naming the field whose type is wrong.
pub fn parse<T: for<'de> Deserialize<'de>>(json: &[u8]) -> Result<T, Vec<Problem>> {
    let mut de = serde_json::Deserializer::from_slice(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { "body".to_owned() } else { field };
        let inner = e.into_inner();
        let code = if inner.is_data() { "wrong_type" } else { "malformed" };
        vec![Problem::new(&field, code, inner.to_string())]
    })
}

/// Checks `input` and builds the stored update. `existing` is the update it
/// replaces, whose publication time is kept unless the input gives one.
pub fn validate(input: &UpdateInput, existing: Option<&Update>) -> Result<Update, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut text = |field: &str, value: &Option<String>, max: usize, required: bool| -> Option<String> {
        let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
        match value {
            None if required => problems.push(Problem::new(field, "required", format!("{field} is required."))),
            Some(v) if v.chars().count() > max => {
                problems.push(Problem::new(field, "too_long", format!("{field} must be {max} characters or fewer.")))
            }
            _ => {}
        }
        value.map(str::to_owned)
    };
    let title = text("title", &input.title, 200, true);
    let summary = text("summary", &input.summary, 1000, false);
    let content_text = text("content_text", &input.content_text, 50_000, false);
    let image_alt = text("image_alt", &input.image_alt, 300, false);
    let area = text("area", &input.area, 100, false);
    let reference = text("reference", &input.reference, 50, false);
    let address = text("event.address", &input.event.as_ref().and_then(|e| e.address.clone()), 300, false);
    let url = link("url", &input.url, &mut problems);
    let image = link("image", &input.image, &mut problems);
    let category = choice("category", &input.category, &CATEGORIES, &mut problems)
        .or_else(|| tagged_category(input))
        .unwrap_or_else(|| "news".into());
    let priority = choice("priority", &input.priority, &PRIORITIES, &mut problems).unwrap_or_else(|| "normal".into());
    let expires = time("expires", &input.expires, &mut problems);
    let event_start = time("event.start", &input.event.as_ref().and_then(|e| e.start.clone()), &mut problems);
    let event_end = time("event.end", &input.event.as_ref().and_then(|e| e.end.clone()), &mut problems);
    if let (Some(start), Some(end)) = (&event_start, &event_end) {
        if end < start {
            problems.push(Problem::new("event.end", "invalid", "event.end must not be before event.start."));
        }
    }
    let published = time("date_published", &input.date_published, &mut problems);
    let tags = input.tags.clone().unwrap_or_default();
    if tags.len() > 20 || tags.iter().any(|t| t.chars().count() > 50) {
        problems.push(Problem::new("tags", "too_long", "At most 20 tags, each 50 characters or fewer."));
    }
    let id = match input.id.as_deref().map(str::trim) {
        Some(id) if valid_id(id) => id.to_owned(),
        Some(_) => {
            problems.push(Problem::new("id", "invalid", "id must be 1 to 100 letters, digits, '.', '_' or '-'."));
            String::new()
        }
        None => existing.map_or_else(new_id, |e| e.id.clone()),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let now = stamp::now(stamp::Secs);
    let published_at = published.or_else(|| existing.map(|e| e.published_at.clone())).unwrap_or_else(|| now.clone());
    Ok(Update {
        id,
        title: title.unwrap_or_default(),
        summary,
        content_text,
        url,
        image,
        image_alt,
        category,
        priority,
        area,
        reference,
        tags: serde_json::to_string(&tags).unwrap_or_else(|_| "[]".into()),
        event_start,
        event_end,
        event_address: address,
        expires_at: expires,
        published_at,
        modified_at: now,
    })
}

/// The first tag that names a category, as the category.
pub fn tagged_category(input: &UpdateInput) -> Option<String> {
    let tags = input.tags.iter().flatten();
    tags.map(|t| t.trim().to_ascii_lowercase()).find(|t| CATEGORIES.contains(&t.as_str()))
}

fn valid_id(id: &str) -> bool {
    (1..=100).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

fn new_id() -> String {
    format!("upd-{}", crate::admin_token::hex(&crate::random::bytes::<8>()))
}

/// An absolute http(s) URL, or a path on this server (made absolute in the feed).
fn link(field: &str, value: &Option<String>, problems: &mut Vec<Problem>) -> Option<String> {
    let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    let lower = value.to_ascii_lowercase();
    let ok = (lower.starts_with("https://")
        || lower.starts_with("http://")
        || (value.starts_with('/') && !value.starts_with("//")))
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && value.len() <= 2000;
    if !ok {
        problems.push(Problem::new(
            field,
            "invalid",
            format!("{field} must be an http(s) URL or a path starting with /."),
        ));
    }
    ok.then(|| value.to_owned())
}

fn choice(field: &str, value: &Option<String>, allowed: &[&str], problems: &mut Vec<Problem>) -> Option<String> {
    let value = value.as_deref().map(|v| v.trim().to_ascii_lowercase()).filter(|v| !v.is_empty())?;
    if !allowed.contains(&value.as_str()) {
        problems.push(Problem::new(field, "invalid", format!("{field} must be one of {}.", allowed.join(", "))));
        return None;
    }
    Some(value)
}

/// An RFC 3339 time, stored as UTC to the second.
fn time(field: &str, value: &Option<String>, problems: &mut Vec<Problem>) -> Option<String> {
    let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    let time = stamp::normalise(value, stamp::Secs);
    if time.is_none() {
        problems.push(Problem::new(
            field,
            "invalid",
            format!("{field} must be a date-time such as 2026-11-24T09:30:00Z."),
        ));
    }
    time
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: &str) -> UpdateInput {
        parse(json.as_bytes()).unwrap()
    }

    fn fields(problems: Vec<Problem>) -> Vec<(String, String)> {
        problems.into_iter().map(|p| (p.field, p.code)).collect()
    }

    #[test]
    fn a_title_is_enough() {
        let u = validate(&input(r#"{"title":" Appeal after burglary "}"#), None).unwrap();
        assert_eq!(
            (u.title.as_str(), u.category.as_str(), u.priority.as_str()),
            ("Appeal after burglary", "news", "normal")
        );
        assert!(u.id.starts_with("upd-"));
    }

    #[test]
    fn every_police_field_is_kept() {
        let u = validate(
            &input(
                r#"{"id":"appeal-1","title":"Witness appeal","category":"Appeal","priority":"urgent","area":"Riverside",
                "reference":"GLP-1","expires":"2026-12-01T10:00:00+01:00","image":"/img/a.jpg","image_alt":"The scene",
                "event":{"start":"2026-12-01T18:00:00Z","end":"2026-12-01T20:00:00Z","address":"Hall"},"tags":["x"]}"#,
            ),
            None,
        )
        .unwrap();
        assert_eq!(u.id, "appeal-1");
        assert_eq!((u.category.as_str(), u.priority.as_str()), ("appeal", "urgent"));
        assert_eq!(u.expires_at.as_deref(), Some("2026-12-01T09:00:00Z"));
        assert_eq!(u.event_address.as_deref(), Some("Hall"));
        assert_eq!(u.tags, r#"["x"]"#);
    }

    #[test]
    fn bad_fields_are_each_named() {
        let problems = validate(
            &input(
                r#"{"title":"","category":"gossip","priority":"asap","url":"javascript:alert(1)","expires":"tomorrow",
                "event":{"start":"2026-12-01T18:00:00Z","end":"2026-12-01T17:00:00Z"},"id":"has space"}"#,
            ),
            None,
        )
        .unwrap_err();
        assert_eq!(
            fields(problems),
            [
                ("title".into(), "required".into()),
                ("url".into(), "invalid".into()),
                ("category".into(), "invalid".into()),
                ("priority".into(), "invalid".into()),
                ("expires".into(), "invalid".into()),
                ("event.end".into(), "invalid".into()),
                ("id".into(), "invalid".into()),
            ]
        );
    }

    #[test]
    fn wrong_types_and_unknown_fields_name_the_field() {
        assert_eq!(
            fields(parse::<UpdateInput>(br#"{"title": 5}"#).unwrap_err()),
            [("title".into(), "wrong_type".into())]
        );
        assert_eq!(
            fields(parse::<UpdateInput>(br#"{"event": {"start": []}}"#).unwrap_err()),
            [("event.start".into(), "wrong_type".into())]
        );
        assert_eq!(fields(parse::<UpdateInput>(br#"{"titel": "x"}"#).unwrap_err())[0].1, "wrong_type");
        assert_eq!(fields(parse::<UpdateInput>(b"not json").unwrap_err()), [("body".into(), "malformed".into())]);
    }
}

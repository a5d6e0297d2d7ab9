//! The rules that turn an update as given into an update as stored: every
//! field checked, each problem named.

use police_engage_contract::{
    length, web_url, Category, Channel, Code, EventInput, Priority, UpdateField, UpdateInput, WelshInput, TAGS_MAX,
    TAG_MAX,
};

use crate::error::Problem;
use crate::stamp;
use crate::text::given;
use crate::updates::{Update, Welsh};

/// Checks `input` and builds the stored update. `existing` is the update it
/// replaces, whose id, publication time and channel are kept unless the
/// input gives them; `channel` is how a new one came in.
pub fn validate(input: &UpdateInput, existing: Option<&Update>, channel: Channel) -> Result<Update, Vec<Problem>> {
    let mut p = Problems::default();
    let event = input.event.clone().unwrap_or_default();
    let title = p.text(UpdateField::Title, &input.title, true);
    let summary = p.text(UpdateField::Summary, &input.summary, false);
    let content_text = p.text(UpdateField::ContentText, &input.content_text, false);
    let area = p.text(UpdateField::Area, &input.area, false);
    let reference = p.text(UpdateField::Reference, &input.reference, false);
    let address = p.text(UpdateField::EventAddress, &event.address, false);
    let url = p.link(UpdateField::Url, &input.url);
    let image = p.link(UpdateField::Image, &input.image);
    // People describe the images they publish; a source's images come as they are.
    let alt_required = image.is_some() && channel != Channel::Import;
    let image_alt = p.text(UpdateField::ImageAlt, &input.image_alt, alt_required);
    // Without `cy`, the Welsh version stays as it was; `"cy": {}` removes it.
    let cy = match &input.cy {
        Some(cy) => p.welsh(cy),
        None => existing.map(|e| e.cy.clone()).unwrap_or_default(),
    };
    let category = p.choice(UpdateField::Category, &input.category, Category::parse, Category::names);
    let category = category.or_else(|| category_from_tags(input)).unwrap_or(Category::News);
    let priority =
        p.choice(UpdateField::Priority, &input.priority, Priority::parse, Priority::names).unwrap_or_default();
    let expires = p.time(UpdateField::Expires, &input.expires);
    let event_start = p.time(UpdateField::EventStart, &event.start);
    let event_end = p.time(UpdateField::EventEnd, &event.end);
    if let (Some(start), Some(end)) = (&event_start, &event_end) {
        if end < start {
            p.push(UpdateField::EventEnd, Code::Invalid, "event.end must not be before event.start.");
        }
    }
    let published = p.time(UpdateField::DatePublished, &input.date_published);
    let tags = input.tags.clone().unwrap_or_default();
    if tags.len() > TAGS_MAX || tags.iter().any(|t| length(t) > TAG_MAX) {
        let message = format!("At most {TAGS_MAX} tags, each {TAG_MAX} characters or fewer.");
        p.push(UpdateField::Tags, Code::TooLong, message);
    }
    let id = match input.id.as_deref().map(str::trim) {
        Some(id) if valid_id(id) => id.to_owned(),
        Some(_) => {
            p.push(UpdateField::Id, Code::Invalid, "id must be 1 to 100 letters, digits, '.', '_' or '-'.");
            String::new()
        }
        None => existing.map_or_else(new_id, |e| e.id.clone()),
    };
    if !p.0.is_empty() {
        return Err(p.0);
    }
    let now = stamp::now(stamp::Secs);
    let published_at = published.or_else(|| existing.map(|e| e.published_at.clone())).unwrap_or_else(|| now.clone());
    let (channel, import_source) = existing.map_or((channel, None), |e| (e.channel, e.import_source.clone()));
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
        cy,
        channel,
        import_source,
        withdrawn_at: existing.and_then(|e| e.withdrawn_at.clone()),
    })
}

/// A stored update as it would be written, for a form or a change to part of it.
pub fn as_input(u: &Update) -> UpdateInput {
    let has_event = u.event_start.is_some() || u.event_end.is_some() || u.event_address.is_some();
    let cy = &u.cy;
    UpdateInput {
        id: Some(u.id.clone()),
        title: Some(u.title.clone()),
        summary: u.summary.clone(),
        content_text: u.content_text.clone(),
        url: u.url.clone(),
        image: u.image.clone(),
        image_alt: u.image_alt.clone(),
        category: Some(u.category.name().to_owned()),
        priority: Some(u.priority.name().to_owned()),
        area: u.area.clone(),
        reference: u.reference.clone(),
        tags: serde_json::from_str(&u.tags).ok(),
        expires: u.expires_at.clone(),
        event: has_event.then(|| EventInput {
            start: u.event_start.clone(),
            end: u.event_end.clone(),
            address: u.event_address.clone(),
        }),
        date_published: Some(u.published_at.clone()),
        cy: Some(WelshInput {
            title: cy.title.clone(),
            summary: cy.summary.clone(),
            content_text: cy.content_text.clone(),
            image_alt: cy.image_alt.clone(),
            event_address: cy.event_address.clone(),
        }),
    }
}

/// The category an input's tags name, when it does not give one.
pub fn category_from_tags(input: &UpdateInput) -> Option<Category> {
    Category::from_tags(input.tags.iter().flatten().map(String::as_str))
}

fn valid_id(id: &str) -> bool {
    (1..=police_engage_contract::ID_MAX).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

fn new_id() -> String {
    crate::random::id("upd")
}

#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, field: UpdateField, code: Code, message: impl Into<String>) {
        self.0.push(Problem::new(field.name(), code, message));
    }

    /// Trimmed text within the field's limit; blank is absent.
    fn text(&mut self, field: UpdateField, value: &Option<String>, required: bool) -> Option<String> {
        let name = field.name();
        let value = given(value.as_deref());
        let max = field.max_chars().unwrap_or(usize::MAX);
        match value {
            None if required => self.push(field, Code::Required, format!("{name} is required.")),
            Some(v) if length(v) > max => {
                self.push(field, Code::TooLong, format!("{name} must be {max} characters or fewer."))
            }
            _ => {}
        }
        value.map(str::to_owned)
    }

    /// The Welsh words: each under its English field's rules, and a title
    /// whenever there are any (a Welsh item is named in Welsh).
    fn welsh(&mut self, cy: &WelshInput) -> Welsh {
        let any = [&cy.title, &cy.summary, &cy.content_text, &cy.image_alt, &cy.event_address]
            .into_iter()
            .any(|v| given(v.as_deref()).is_some());
        Welsh {
            title: self.text(UpdateField::CyTitle, &cy.title, any),
            summary: self.text(UpdateField::CySummary, &cy.summary, false),
            content_text: self.text(UpdateField::CyContentText, &cy.content_text, false),
            image_alt: self.text(UpdateField::CyImageAlt, &cy.image_alt, false),
            event_address: self.text(UpdateField::CyEventAddress, &cy.event_address, false),
        }
    }

    /// A link the widget will follow, or a path on this server (made absolute in the feed).
    fn link(&mut self, field: UpdateField, value: &Option<String>) -> Option<String> {
        let value = given(value.as_deref())?;
        let path =
            value.starts_with('/') && !value.starts_with("//") && web_url(&format!("https://host{value}")).is_some();
        if web_url(value).is_none() && !path {
            let name = field.name();
            self.push(field, Code::Invalid, format!("{name} must be an http(s) URL or a path starting with /."));
            return None;
        }
        Some(value.to_owned())
    }

    fn choice<T>(
        &mut self,
        field: UpdateField,
        value: &Option<String>,
        parse: fn(&str) -> Option<T>,
        names: fn() -> String,
    ) -> Option<T> {
        let value = given(value.as_deref())?;
        let parsed = parse(value);
        if parsed.is_none() {
            let name = field.name();
            self.push(field, Code::Invalid, format!("{name} must be one of {}.", names()));
        }
        parsed
    }

    /// An RFC 3339 time, stored as UTC to the second.
    fn time(&mut self, field: UpdateField, value: &Option<String>) -> Option<String> {
        let value = given(value.as_deref())?;
        let time = stamp::normalise(value, stamp::Secs);
        if time.is_none() {
            let name = field.name();
            self.push(field, Code::Invalid, format!("{name} must be a date-time such as 2026-11-24T09:30:00Z."));
        }
        time
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::parse;

    fn input(json: &str) -> UpdateInput {
        parse(json.as_bytes()).unwrap()
    }

    fn validate(input: &UpdateInput, existing: Option<&Update>) -> Result<Update, Vec<Problem>> {
        super::validate(input, existing, Channel::Api)
    }

    fn fields(problems: Vec<Problem>) -> Vec<(String, Code)> {
        problems.into_iter().map(|p| (p.field, p.code)).collect()
    }

    #[test]
    fn a_title_is_enough() {
        let u = validate(&input(r#"{"title":" Appeal after burglary "}"#), None).unwrap();
        assert_eq!(
            (u.title.as_str(), u.category, u.priority),
            ("Appeal after burglary", Category::News, Priority::Normal)
        );
        assert!(u.id.starts_with("upd-"));
    }

    #[test]
    fn every_police_field_is_kept() {
        let u = validate(
            &input(
                r#"{"id":"appeal-1","title":"Witness appeal","category":"Appeal","priority":"urgent","area":"Riverside",
                "reference":"GLP-1","expires":"2026-12-01T10:00:00+01:00","image":"/img/a.jpg","image_alt":"The scene",
                "cy":{"title":"Apêl am dystion","event_address":"Neuadd"},
                "event":{"start":"2026-12-01T18:00:00Z","end":"2026-12-01T20:00:00Z","address":"Hall"},"tags":["x"]}"#,
            ),
            None,
        )
        .unwrap();
        assert_eq!(u.id, "appeal-1");
        assert_eq!((u.category, u.priority), (Category::Appeal, Priority::Urgent));
        assert_eq!(u.expires_at.as_deref(), Some("2026-12-01T09:00:00Z"));
        assert_eq!(u.event_address.as_deref(), Some("Hall"));
        assert_eq!(u.image.as_deref(), Some("/img/a.jpg"));
        assert_eq!(u.tags, r#"["x"]"#);
        assert_eq!((u.cy.title.as_deref(), u.cy.event_address.as_deref()), (Some("Apêl am dystion"), Some("Neuadd")));
        assert_eq!(u.cy.summary, None);
    }

    #[test]
    fn an_image_needs_words_from_people_but_not_from_a_source() {
        let with_image = input(r#"{"title":"t","image":"https://police.example/a.jpg","image_alt":" "}"#);
        assert_eq!(fields(validate(&with_image, None).unwrap_err()), [("image_alt".into(), Code::Required)]);
        assert!(super::validate(&with_image, None, Channel::Import).is_ok());
    }

    #[test]
    fn welsh_words_follow_the_english_rules() {
        let long = "a".repeat(police_engage_contract::TITLE_MAX + 1);
        let problems = validate(&input(&format!(r#"{{"title":"t","cy":{{"title":"{long}"}}}}"#)), None).unwrap_err();
        assert_eq!(fields(problems), [("cy.title".into(), Code::TooLong)]);
        let untitled = validate(&input(r#"{"title":"t","cy":{"summary":"Crynodeb"}}"#), None).unwrap_err();
        assert_eq!(fields(untitled), [("cy.title".into(), Code::Required)]);
        let blank = validate(&input(r#"{"title":"t","cy":{"title":"  "}}"#), None).unwrap();
        assert!(blank.cy.is_empty());
    }

    #[test]
    fn a_stored_update_reads_back_as_it_was_written() {
        let written = input(
            r#"{"id":"a","title":"Appeal","summary":"s","category":"appeal","priority":"high","tags":["x"],
            "image":"https://police.example/a.jpg","image_alt":"alt","date_published":"2026-11-24T09:00:00Z",
            "event":{"start":"2026-12-01T18:00:00Z"},"cy":{"title":"Apêl"}}"#,
        );
        let stored = validate(&written, None).unwrap();
        let again = validate(&as_input(&stored), Some(&stored)).unwrap();
        assert_eq!(Update { modified_at: stored.modified_at.clone(), ..again }, stored);
    }

    #[test]
    fn without_welsh_an_edit_keeps_the_welsh() {
        let first = validate(&input(r#"{"id":"a","title":"t","cy":{"title":"Teitl"}}"#), None).unwrap();
        let kept = validate(&input(r#"{"id":"a","title":"u"}"#), Some(&first)).unwrap();
        assert_eq!(kept.cy.title.as_deref(), Some("Teitl"));
        let removed = validate(&input(r#"{"id":"a","title":"u","cy":{}}"#), Some(&first)).unwrap();
        assert!(removed.cy.is_empty());
    }

    #[test]
    fn an_edit_keeps_how_it_came_in() {
        let first = super::validate(&input(r#"{"id":"a","title":"t"}"#), None, Channel::Console).unwrap();
        let edited = validate(&input(r#"{"id":"a","title":"u"}"#), Some(&first)).unwrap();
        assert_eq!((edited.channel, edited.published_at), (Channel::Console, first.published_at));
    }

    #[test]
    fn a_tag_names_the_category_when_none_is_given() {
        let u = validate(&input(r#"{"title":"t","tags":["Riverside","Warning"]}"#), None).unwrap();
        assert_eq!(u.category, Category::Warning);
    }

    #[test]
    fn bad_fields_are_each_named() {
        let problems = validate(
            &input(
                r#"{"title":"","category":"gossip","priority":"asap","url":"javascript:alert(1)","expires":"tomorrow",
                "image":"//evil.example/x.png","event":{"start":"2026-12-01T18:00:00Z","end":"2026-12-01T17:00:00Z"},"id":"has space"}"#,
            ),
            None,
        )
        .unwrap_err();
        assert_eq!(
            fields(problems),
            [
                ("title".into(), Code::Required),
                ("url".into(), Code::Invalid),
                ("image".into(), Code::Invalid),
                ("category".into(), Code::Invalid),
                ("priority".into(), Code::Invalid),
                ("expires".into(), Code::Invalid),
                ("event.end".into(), Code::Invalid),
                ("id".into(), Code::Invalid),
            ]
        );
    }
}

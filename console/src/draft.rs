//! The publishing form's state: every field as the editor typed it, to and
//! from the update as the API takes it. Times are typed as UK clock times
//! (`datetime-local` fields) and sent as RFC 3339 in UTC.

use police_engage_contract::{
    from_uk_local, parse_millis, uk_local, Category, EventInput, Priority, UpdateField, UpdateInput, WelshInput,
};

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The update being edited; `None` for a new one.
    pub id: Option<String>,
    pub title: String,
    pub summary: String,
    pub content_text: String,
    pub category: String,
    pub priority: String,
    pub area: String,
    pub reference: String,
    pub url: String,
    pub image: String,
    pub image_alt: String,
    pub event_start: String,
    pub event_end: String,
    pub event_address: String,
    /// Publish at `publish_at` rather than now.
    pub later: bool,
    pub publish_at: String,
    pub expires: String,
    pub cy_title: String,
    pub cy_summary: String,
    pub cy_content_text: String,
    pub cy_image_alt: String,
    pub cy_event_address: String,
    /// Tags are kept as they were; the form does not show them.
    pub tags: Option<Vec<String>>,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            id: None,
            title: String::new(),
            summary: String::new(),
            content_text: String::new(),
            category: Category::News.name().to_owned(),
            priority: Priority::Normal.name().to_owned(),
            area: String::new(),
            reference: String::new(),
            url: String::new(),
            image: String::new(),
            image_alt: String::new(),
            event_start: String::new(),
            event_end: String::new(),
            event_address: String::new(),
            later: false,
            publish_at: String::new(),
            expires: String::new(),
            cy_title: String::new(),
            cy_summary: String::new(),
            cy_content_text: String::new(),
            cy_image_alt: String::new(),
            cy_event_address: String::new(),
            tags: None,
        }
    }
}

impl Draft {
    /// The form for a stored update; `now` (Unix ms) tells a scheduled one.
    pub fn from_input(input: &UpdateInput, now: f64) -> Draft {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let event = input.event.clone().unwrap_or_default();
        let cy = input.cy.clone().unwrap_or_default();
        let published = input.date_published.as_deref().and_then(parse_millis);
        Draft {
            id: input.id.clone(),
            title: text(&input.title),
            summary: text(&input.summary),
            content_text: text(&input.content_text),
            category: input.category.clone().unwrap_or_else(|| Category::News.name().to_owned()),
            priority: input.priority.clone().unwrap_or_else(|| Priority::Normal.name().to_owned()),
            area: text(&input.area),
            reference: text(&input.reference),
            url: text(&input.url),
            image: text(&input.image),
            image_alt: text(&input.image_alt),
            event_start: local(&event.start),
            event_end: local(&event.end),
            event_address: text(&event.address),
            later: published.is_some_and(|at| at > now),
            publish_at: published.map(uk_local).unwrap_or_default(),
            expires: local(&input.expires),
            cy_title: text(&cy.title),
            cy_summary: text(&cy.summary),
            cy_content_text: text(&cy.content_text),
            cy_image_alt: text(&cy.image_alt),
            cy_event_address: text(&cy.event_address),
            tags: input.tags.clone(),
        }
    }

    /// A new update with this one's words: no id, published when it is published.
    pub fn copy(self) -> Draft {
        Draft { id: None, later: false, publish_at: String::new(), ..self }
    }

    /// The update as the API takes it. A time the form cannot read goes
    /// as typed, for the server to name as the field to fix.
    pub fn input(&self) -> UpdateInput {
        let given = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let time = |v: &str| given(v).map(|v| from_uk_local(&v).unwrap_or(v));
        let event = EventInput {
            start: time(&self.event_start),
            end: time(&self.event_end),
            address: given(&self.event_address),
        };
        UpdateInput {
            id: self.id.clone(),
            title: given(&self.title),
            summary: given(&self.summary),
            content_text: given(&self.content_text),
            url: given(&self.url),
            image: given(&self.image),
            image_alt: given(&self.image_alt),
            category: given(&self.category),
            priority: given(&self.priority),
            area: given(&self.area),
            reference: given(&self.reference),
            tags: self.tags.clone(),
            expires: time(&self.expires),
            event: (event != EventInput::default()).then_some(event),
            date_published: if self.later { time(&self.publish_at) } else { None },
            // Always sent, so clearing every Welsh field removes the Welsh version.
            cy: Some(WelshInput {
                title: given(&self.cy_title),
                summary: given(&self.cy_summary),
                content_text: given(&self.cy_content_text),
                image_alt: given(&self.cy_image_alt),
                event_address: given(&self.cy_event_address),
            }),
        }
    }

    /// The form's field for each of the API's: what a problem links to.
    pub fn field_id(field: UpdateField) -> &'static str {
        match field {
            UpdateField::Body | UpdateField::Title | UpdateField::Id => "title",
            UpdateField::Summary => "summary",
            UpdateField::ContentText => "content_text",
            UpdateField::Url => "url",
            UpdateField::Image => "image",
            UpdateField::ImageAlt => "image_alt",
            UpdateField::Category => "category",
            UpdateField::Priority => "priority",
            UpdateField::Area => "area",
            UpdateField::Reference => "reference",
            UpdateField::Tags => "title",
            UpdateField::Expires => "expires",
            UpdateField::EventStart => "event-start",
            UpdateField::EventEnd => "event-end",
            UpdateField::EventAddress => "event-address",
            UpdateField::DatePublished => "publish-at",
            UpdateField::CyTitle => "cy-title",
            UpdateField::CySummary => "cy-summary",
            UpdateField::CyContentText => "cy-content_text",
            UpdateField::CyImageAlt => "cy-image_alt",
            UpdateField::CyEventAddress => "cy-event-address",
        }
    }
}

/// A stored time as a `datetime-local` value in UK time.
fn local(value: &Option<String>) -> String {
    value.as_deref().and_then(parse_millis).map(uk_local).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_update_round_trips_through_the_form() {
        let stored = UpdateInput {
            id: Some("appeal-1".into()),
            title: Some("Witness appeal".into()),
            category: Some("appeal".into()),
            priority: Some("urgent".into()),
            expires: Some("2026-07-01T09:00:00Z".into()),
            event: Some(EventInput { start: Some("2026-12-01T18:00:00Z".into()), end: None, address: None }),
            date_published: Some("2026-07-01T08:00:00Z".into()),
            cy: Some(WelshInput { title: Some("Apêl am dystion".into()), ..WelshInput::default() }),
            tags: Some(vec!["x".into()]),
            ..UpdateInput::default()
        };
        let before = parse_millis("2026-06-30T00:00:00Z").unwrap();
        let draft = Draft::from_input(&stored, before);
        assert_eq!((draft.expires.as_str(), draft.later), ("2026-07-01T10:00", true), "BST, and scheduled");
        assert_eq!(draft.input(), stored);
        let after = Draft::from_input(&stored, parse_millis("2026-08-01T00:00:00Z").unwrap());
        assert_eq!(after.input().date_published, None, "a published update keeps its time");
    }

    #[test]
    fn blank_fields_are_absent_and_bad_times_go_as_typed() {
        let draft = Draft { title: "  ".into(), later: true, publish_at: " soon ".into(), ..Draft::default() };
        let input = draft.input();
        assert_eq!((input.title, input.event), (None, None));
        assert_eq!(input.date_published.as_deref(), Some("soon"));
        assert_eq!(input.cy, Some(WelshInput::default()), "sent empty: removes a Welsh version");
        let copy = Draft { id: Some("a".into()), later: true, ..Draft::default() }.copy();
        assert_eq!((copy.id, copy.later), (None, false));
    }
}

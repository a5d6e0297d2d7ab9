//! The words an update is made of: its category, its priority, the names
//! of its fields as the admin API reads them and reports problems, and the
//! update as written (the body of `POST`/`PUT /v1/updates`), Welsh included.

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

wire_enum! {
    pub enum Category {
        News => "news",
        Appeal => "appeal",
        Warning => "warning",
        Success => "success",
        Event => "event",
    }
}

impl Category {
    /// The first tag that names a category: how a feed without `_police`
    /// says what an item is.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Category> {
        tags.into_iter().find_map(Category::parse)
    }
}

wire_enum! {
    #[derive(Default, PartialOrd, Ord)]
    pub enum Priority {
        #[default]
        Normal => "normal",
        High => "high",
        /// Pinned first, whatever its date.
        Urgent => "urgent",
    }
}

wire_enum! {
    /// Every field of an update as the admin API takes it; problems name
    /// these (`event.start` for a nested field).
    pub enum UpdateField {
        Body => "body",
        Id => "id",
        Title => "title",
        Summary => "summary",
        ContentText => "content_text",
        Url => "url",
        Image => "image",
        ImageAlt => "image_alt",
        Category => "category",
        Priority => "priority",
        Area => "area",
        Reference => "reference",
        Tags => "tags",
        Expires => "expires",
        EventStart => "event.start",
        EventEnd => "event.end",
        EventAddress => "event.address",
        DatePublished => "date_published",
        CyTitle => "cy.title",
        CySummary => "cy.summary",
        CyContentText => "cy.content_text",
        CyImageAlt => "cy.image_alt",
        CyEventAddress => "cy.event_address",
    }
}

impl UpdateField {
    /// The longest text the field takes, in characters; `None` where the
    /// rule is not a length.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            UpdateField::Id => Some(crate::ID_MAX),
            UpdateField::Title | UpdateField::CyTitle => Some(crate::TITLE_MAX),
            UpdateField::Summary | UpdateField::CySummary => Some(crate::SUMMARY_MAX),
            UpdateField::ContentText | UpdateField::CyContentText => Some(crate::CONTENT_TEXT_MAX),
            UpdateField::Url | UpdateField::Image => Some(crate::URL_MAX),
            UpdateField::ImageAlt | UpdateField::CyImageAlt => Some(crate::IMAGE_ALT_MAX),
            UpdateField::Area => Some(crate::AREA_MAX),
            UpdateField::Reference => Some(crate::REFERENCE_MAX),
            UpdateField::Tags => Some(crate::TAG_MAX),
            UpdateField::EventAddress | UpdateField::CyEventAddress => Some(crate::ADDRESS_MAX),
            UpdateField::Body
            | UpdateField::Category
            | UpdateField::Priority
            | UpdateField::Expires
            | UpdateField::EventStart
            | UpdateField::EventEnd
            | UpdateField::DatePublished => None,
        }
    }
}

/// An update as the admin API, the `publish` command, the importers and
/// the console's form give it: the feed item's fields, with `_police`
/// flattened. Every field is text here, so a wrong one is named by the
/// rules rather than lost in a type error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventInput>,
    /// In the future: scheduled, out of the feed until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    /// The Welsh version of its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cy: Option<WelshInput>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// The Welsh words of an update; each one missing is shown in English.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WelshInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_address: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_tag_that_names_a_category() {
        assert_eq!(Category::from_tags(["Llanelli", "Warning", "appeal"]), Some(Category::Warning));
        assert_eq!(Category::from_tags(["community"]), None);
        assert_eq!(Category::names(), "news, appeal, warning, success, event");
    }
}

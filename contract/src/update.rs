//! The words an update is made of: its category, its priority, and the
//! names of its fields as the admin API reads them and reports problems.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    News,
    Appeal,
    Warning,
    Success,
    Event,
}

impl Category {
    pub const ALL: [Category; 5] =
        [Category::News, Category::Appeal, Category::Warning, Category::Success, Category::Event];

    /// The wire name, also used as a CSS class and a `::part` suffix.
    pub fn name(self) -> &'static str {
        match self {
            Category::News => "news",
            Category::Appeal => "appeal",
            Category::Warning => "warning",
            Category::Success => "success",
            Category::Event => "event",
        }
    }

    /// A wire name, in any case, with spaces around it.
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        Category::ALL.into_iter().find(|c| c.name().eq_ignore_ascii_case(s))
    }

    /// The first tag that names a category: how a feed without `_police`
    /// says what an item is.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Category> {
        tags.into_iter().find_map(Category::parse)
    }

    /// The wire names, for messages that list them.
    pub fn names() -> String {
        Category::ALL.map(Category::name).join(", ")
    }
}

/// For storage, where the wire name is kept as text.
impl TryFrom<String> for Category {
    type Error = String;

    fn try_from(s: String) -> Result<Category, String> {
        Category::parse(&s).ok_or_else(|| format!("unknown category {s:?}"))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    #[default]
    Normal,
    High,
    /// Pinned first, whatever its date.
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Normal, Priority::High, Priority::Urgent];

    pub fn name(self) -> &'static str {
        match self {
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(s: &str) -> Option<Priority> {
        let s = s.trim();
        Priority::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(s))
    }

    pub fn names() -> String {
        Priority::ALL.map(Priority::name).join(", ")
    }
}

impl TryFrom<String> for Priority {
    type Error = String;

    fn try_from(s: String) -> Result<Priority, String> {
        Priority::parse(&s).ok_or_else(|| format!("unknown priority {s:?}"))
    }
}

/// Every field of an update as the admin API takes it; problems name these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UpdateField {
    Body,
    Id,
    Title,
    Summary,
    ContentText,
    Url,
    Image,
    ImageAlt,
    Category,
    Priority,
    Area,
    Reference,
    Tags,
    Expires,
    EventStart,
    EventEnd,
    EventAddress,
    DatePublished,
}

impl UpdateField {
    pub const ALL: [UpdateField; 18] = [
        UpdateField::Body,
        UpdateField::Id,
        UpdateField::Title,
        UpdateField::Summary,
        UpdateField::ContentText,
        UpdateField::Url,
        UpdateField::Image,
        UpdateField::ImageAlt,
        UpdateField::Category,
        UpdateField::Priority,
        UpdateField::Area,
        UpdateField::Reference,
        UpdateField::Tags,
        UpdateField::Expires,
        UpdateField::EventStart,
        UpdateField::EventEnd,
        UpdateField::EventAddress,
        UpdateField::DatePublished,
    ];

    /// The name in the API body (`event.start` for a nested field).
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateField::Body => "body",
            UpdateField::Id => "id",
            UpdateField::Title => "title",
            UpdateField::Summary => "summary",
            UpdateField::ContentText => "content_text",
            UpdateField::Url => "url",
            UpdateField::Image => "image",
            UpdateField::ImageAlt => "image_alt",
            UpdateField::Category => "category",
            UpdateField::Priority => "priority",
            UpdateField::Area => "area",
            UpdateField::Reference => "reference",
            UpdateField::Tags => "tags",
            UpdateField::Expires => "expires",
            UpdateField::EventStart => "event.start",
            UpdateField::EventEnd => "event.end",
            UpdateField::EventAddress => "event.address",
            UpdateField::DatePublished => "date_published",
        }
    }

    pub fn parse(s: &str) -> Option<UpdateField> {
        UpdateField::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The longest text the field takes, in characters; `None` where the
    /// rule is not a length.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            UpdateField::Id => Some(crate::ID_MAX),
            UpdateField::Title => Some(crate::TITLE_MAX),
            UpdateField::Summary => Some(crate::SUMMARY_MAX),
            UpdateField::ContentText => Some(crate::CONTENT_TEXT_MAX),
            UpdateField::Url | UpdateField::Image => Some(crate::URL_MAX),
            UpdateField::ImageAlt => Some(crate::IMAGE_ALT_MAX),
            UpdateField::Area => Some(crate::AREA_MAX),
            UpdateField::Reference => Some(crate::REFERENCE_MAX),
            UpdateField::Tags => Some(crate::TAG_MAX),
            UpdateField::EventAddress => Some(crate::ADDRESS_MAX),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::parse(&format!(" {} ", c.name().to_uppercase())), Some(c));
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.name()));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.name()), Some(p));
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{}\"", p.name()));
        }
        for f in UpdateField::ALL {
            assert_eq!(UpdateField::parse(f.as_str()), Some(f));
        }
        assert_eq!(Category::parse("gossip"), None);
        assert_eq!(Priority::parse("asap"), None);
    }

    #[test]
    fn the_first_tag_that_names_a_category() {
        assert_eq!(Category::from_tags(["Llanelli", "Warning", "appeal"]), Some(Category::Warning));
        assert_eq!(Category::from_tags(["community"]), None);
        assert_eq!(Category::names(), "news, appeal, warning, success, event");
    }
}

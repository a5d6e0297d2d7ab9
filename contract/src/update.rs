//! The words an update is made of: its category, its priority, and the
//! names of its fields as the admin API reads them and reports problems.

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
    }
}

impl UpdateField {
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
    fn the_first_tag_that_names_a_category() {
        assert_eq!(Category::from_tags(["Llanelli", "Warning", "appeal"]), Some(Category::Warning));
        assert_eq!(Category::from_tags(["community"]), None);
        assert_eq!(Category::names(), "news, appeal, warning, success, event");
    }
}

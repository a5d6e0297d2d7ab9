pub mod chart;
pub mod confirm_delete;
pub mod draft_preview;
pub mod error_summary;
pub mod fields;
pub mod layout;
pub mod status_tag;
pub mod widget_preview;

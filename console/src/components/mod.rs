pub mod chart;
pub mod error_summary;
pub mod fields;
pub mod layout;
pub mod status_tag;

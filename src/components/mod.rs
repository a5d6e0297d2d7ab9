mod app;
mod appeal_info;
mod character_count;
mod error_summary;
mod feed_error;
mod feedback_form;
mod feedback_panel;
mod form_fields;
mod heading;
mod skeleton;
mod stale_notice;
mod time_ago;
mod update_card;
mod update_list;

pub use app::{App, AppProps};

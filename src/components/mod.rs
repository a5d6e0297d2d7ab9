mod app;
mod feed_error;
mod skeleton;
mod stale_notice;
mod time_ago;
mod update_card;
mod update_list;

pub use app::{App, AppProps};

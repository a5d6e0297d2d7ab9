mod use_announcement;
mod use_feed;

pub use use_announcement::use_announcement;
pub use use_feed::use_feed;

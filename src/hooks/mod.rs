mod use_announcement;
mod use_clock;
mod use_feed;

pub use use_announcement::use_announcement;
pub use use_clock::use_clock;
pub use use_feed::use_feed;

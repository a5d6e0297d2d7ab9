//! What the widget, the server and the console must agree on, written once:
//! the words on the wire (field names, categories, priorities, error codes),
//! the limits on text, and the rules both sides apply (validation, which
//! links are followed, how a long text is shortened). Each side turns an
//! error [`Code`] into words in its reader's language.

mod code;
#[cfg(feature = "console")]
pub mod console;
mod embed;
mod feedback;
mod lang;
mod links;
mod partners;
mod problem;
mod publishing;
#[cfg(feature = "console")]
mod staff_sign_in;
mod text;
mod time;
mod update;
mod wire;

pub use code::Code;
#[cfg(feature = "console")]
pub use console::*;
pub use embed::{EmbedInfo, PinnedLoader, HEADING_LEVELS, HEADING_LEVEL_DEFAULT, LIMIT_DEFAULT, LIMIT_MAX};
pub use feedback::{validate, Field, FieldError, Submission, KEY_MAX, KEY_MIN};
pub use lang::Lang;
pub use links::web_url;
pub use partners::*;
pub use problem::{Problem, Problems};
pub use publishing::*;
#[cfg(feature = "console")]
pub use staff_sign_in::*;
pub use text::{in_words, length, shorten};
pub use time::{from_uk_local, parse_millis, uk_local, uk_time, UkTime};
pub use update::{Category, EventInput, Priority, UpdateField, UpdateInput, WelshInput};

/// Longest feedback message, in characters as a resident counts them.
pub const MESSAGE_MAX: usize = 2000;
/// Longest name a resident may give.
pub const NAME_MAX: usize = 100;
/// Longest email address (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;
/// Longest area name, given by a resident or on an update.
pub const AREA_MAX: usize = 100;
/// Longest id of an update the force publishes.
pub const ID_MAX: usize = 100;
/// Longest URL stored: a page feedback came from, an update's link or image.
pub const URL_MAX: usize = 2000;
/// Longest update title.
pub const TITLE_MAX: usize = 200;
/// Longest update summary.
pub const SUMMARY_MAX: usize = 1000;
/// Longest update text.
pub const CONTENT_TEXT_MAX: usize = 50_000;
/// Longest description of an update's image.
pub const IMAGE_ALT_MAX: usize = 300;
/// Longest reference to quote when calling 101.
pub const REFERENCE_MAX: usize = 50;
/// Longest event address.
pub const ADDRESS_MAX: usize = 300;
/// Most tags on an update.
pub const TAGS_MAX: usize = 20;
/// Longest tag.
pub const TAG_MAX: usize = 50;

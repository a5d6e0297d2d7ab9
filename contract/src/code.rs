//! The stable codes that say what is wrong with a request. Both sides read
//! and write them; each puts them into its own words.

use crate::wire::wire_enum;

wire_enum! {
    pub enum Code {
        Required => "required",
        TooLong => "too_long",
        Invalid => "invalid",
        OutOfRange => "out_of_range",
        ConsentRequired => "consent_required",
        WrongType => "wrong_type",
        /// The body is not the JSON asked for.
        Malformed => "malformed",
        /// The body could not be read at all.
        Unreadable => "unreadable",
        TooLarge => "too_large",
        UnsupportedMediaType => "unsupported_media_type",
        Unauthorized => "unauthorized",
        Forbidden => "forbidden",
        NotFound => "not_found",
        Conflict => "conflict",
        RateLimited => "rate_limited",
        /// Busy: try again shortly.
        Unavailable => "unavailable",
        Internal => "internal",
    }
}

//! The stable codes that say what is wrong with a request. Both sides read
//! and write them; each puts them into its own words.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    Required,
    TooLong,
    Invalid,
    OutOfRange,
    ConsentRequired,
    WrongType,
    /// The body is not the JSON asked for.
    Malformed,
    /// The body could not be read at all.
    Unreadable,
    TooLarge,
    UnsupportedMediaType,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    /// Busy: try again shortly.
    Unavailable,
    Internal,
}

impl Code {
    pub const ALL: [Code; 17] = [
        Code::Required,
        Code::TooLong,
        Code::Invalid,
        Code::OutOfRange,
        Code::ConsentRequired,
        Code::WrongType,
        Code::Malformed,
        Code::Unreadable,
        Code::TooLarge,
        Code::UnsupportedMediaType,
        Code::Unauthorized,
        Code::Forbidden,
        Code::NotFound,
        Code::Conflict,
        Code::RateLimited,
        Code::Unavailable,
        Code::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::TooLong => "too_long",
            Code::Invalid => "invalid",
            Code::OutOfRange => "out_of_range",
            Code::ConsentRequired => "consent_required",
            Code::WrongType => "wrong_type",
            Code::Malformed => "malformed",
            Code::Unreadable => "unreadable",
            Code::TooLarge => "too_large",
            Code::UnsupportedMediaType => "unsupported_media_type",
            Code::Unauthorized => "unauthorized",
            Code::Forbidden => "forbidden",
            Code::NotFound => "not_found",
            Code::Conflict => "conflict",
            Code::RateLimited => "rate_limited",
            Code::Unavailable => "unavailable",
            Code::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_round_trip_by_name_and_by_serde() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}

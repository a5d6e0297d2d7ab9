//! What the widget and the server must agree on, written once: the feedback
//! submission, its limits, and the rules that make it valid. Each side turns
//! an error [`Code`] into words in the resident's language.

use serde::{Deserialize, Serialize};

pub const MESSAGE_MAX: usize = 2000;
pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const AREA_MAX: usize = 100;
pub const ABOUT_MAX: usize = 200;
pub const PAGE_MAX: usize = 2000;
pub const KEY_MIN: usize = 8;
pub const KEY_MAX: usize = 128;

/// `POST {feedback}` body (see DESIGN.md).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub contact_consent: bool,
    pub lang: String,
    pub page: String,
    pub key: String,
    /// The honeypot: a field people never see. Filled means a bot; the
    /// server answers as usual and stores nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    Required,
    TooLong,
    Invalid,
    OutOfRange,
    ConsentRequired,
    WrongType,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::TooLong => "too_long",
            Code::Invalid => "invalid",
            Code::OutOfRange => "out_of_range",
            Code::ConsentRequired => "consent_required",
            Code::WrongType => "wrong_type",
        }
    }

    pub fn parse(s: &str) -> Option<Code> {
        [Code::Required, Code::TooLong, Code::Invalid, Code::OutOfRange, Code::ConsentRequired, Code::WrongType]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: Code,
}

impl FieldError {
    pub fn new(field: &str, code: Code) -> FieldError {
        FieldError { field: field.to_owned(), code }
    }
}

/// Characters as a resident counts them (not bytes).
pub fn length(s: &str) -> usize {
    s.chars().count()
}

/// Every rule the submission breaks, in form order; empty when it is valid.
pub fn validate(s: &Submission) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |field: &str, broken: Option<Code>| errors.extend(broken.map(|code| FieldError::new(field, code)));
    check("message", text(Some(&s.message), true, MESSAGE_MAX));
    check("rating", s.rating.filter(|r| !(1..=5).contains(r)).map(|_| Code::OutOfRange));
    check("name", text(s.name.as_deref(), false, NAME_MAX));
    check("email", text(s.email.as_deref(), false, EMAIL_MAX).or_else(|| email(s.email.as_deref())));
    check("area", text(s.area.as_deref(), false, AREA_MAX));
    let gave_email = s.email.as_deref().is_some_and(|e| !e.trim().is_empty());
    check("contact_consent", (gave_email && !s.contact_consent).then_some(Code::ConsentRequired));
    check("about", text(s.about.as_deref(), false, ABOUT_MAX));
    check("lang", (!matches!(s.lang.as_str(), "en" | "cy")).then_some(Code::Invalid));
    check("page", text(Some(&s.page), false, PAGE_MAX));
    let key_ok = (KEY_MIN..=KEY_MAX).contains(&s.key.len())
        && s.key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    check("key", (!key_ok).then_some(Code::Invalid));
    errors
}

fn text(value: Option<&str>, required: bool, max: usize) -> Option<Code> {
    match value.map(str::trim) {
        None | Some("") if required => Some(Code::Required),
        Some(v) if length(v) > max => Some(Code::TooLong),
        _ => None,
    }
}

/// Deliberately loose (something@something.something): the force may reply
/// by email, so a typo is worth catching, but real addresses vary wildly.
fn email(value: Option<&str>) -> Option<Code> {
    let email = value.map(str::trim).filter(|e| !e.is_empty())?;
    let (local, domain) = email.rsplit_once('@').unwrap_or_default();
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace);
    (!ok).then_some(Code::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> Submission {
        Submission {
            message: "The officers at the Abermor event were helpful.".into(),
            lang: "en".into(),
            page: "https://council.example/safety".into(),
            key: "0f8b6a52-7c1e-4b8e-9d43-2f7e3c1a9b00".into(),
            ..Default::default()
        }
    }

    fn codes(s: &Submission) -> Vec<(String, &'static str)> {
        validate(s).into_iter().map(|e| (e.field, e.code.as_str())).collect()
    }

    #[test]
    fn a_plain_message_is_enough() {
        assert_eq!(validate(&valid()), []);
    }

    #[test]
    fn message_is_required_and_limited() {
        let blank = Submission { message: "   ".into(), ..valid() };
        assert_eq!(codes(&blank), [("message".into(), "required")]);
        let long = Submission { message: "ŵ".repeat(MESSAGE_MAX + 1), ..valid() };
        assert_eq!(codes(&long), [("message".into(), "too_long")]);
        let exactly = Submission { message: "ŵ".repeat(MESSAGE_MAX), ..valid() };
        assert_eq!(validate(&exactly), []);
    }

    #[test]
    fn an_email_needs_consent_and_a_plausible_form() {
        let no_consent = Submission { email: Some("a@b.example".into()), ..valid() };
        assert_eq!(codes(&no_consent), [("contact_consent".into(), "consent_required")]);
        let consent = Submission { email: Some("a@b.example".into()), contact_consent: true, ..valid() };
        assert_eq!(validate(&consent), []);
        for bad in ["ab.example", "a@b", "a@.example", "a b@c.example", "@b.example"] {
            let s = Submission { email: Some(bad.into()), contact_consent: true, ..valid() };
            assert_eq!(codes(&s), [("email".into(), "invalid")], "{bad}");
        }
    }

    #[test]
    fn rating_language_and_key() {
        let s = Submission { rating: Some(6), lang: "fr".into(), key: "short".into(), ..valid() };
        assert_eq!(
            codes(&s),
            [("rating".into(), "out_of_range"), ("lang".into(), "invalid"), ("key".into(), "invalid")]
        );
        let s = Submission { key: "has spaces in it".into(), ..valid() };
        assert_eq!(codes(&s), [("key".into(), "invalid")]);
    }

    #[test]
    fn codes_round_trip() {
        for code in
            [Code::Required, Code::TooLong, Code::Invalid, Code::OutOfRange, Code::ConsentRequired, Code::WrongType]
        {
            assert_eq!(Code::parse(code.as_str()), Some(code));
        }
    }
}

//! A resident's feedback as posted (`POST /v1/feedback`, see the README), and the
//! rules that make it valid, checked alike by the widget and the server.

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;
use crate::{length, Code, Lang, AREA_MAX, EMAIL_MAX, MESSAGE_MAX, NAME_MAX, URL_MAX};

/// Shortest and longest idempotency key.
pub const KEY_MIN: usize = 8;
pub const KEY_MAX: usize = 128;

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

wire_enum! {
    /// The submission's fields by their wire names, and `Body` for a problem
    /// with the request as a whole.
    pub enum Field {
        Message => "message",
        About => "about",
        Rating => "rating",
        Name => "name",
        Email => "email",
        Area => "area",
        ContactConsent => "contact_consent",
        Lang => "lang",
        Page => "page",
        Key => "key",
        Body => "body",
    }
}

impl Field {
    /// A wire name; anything else is about the request as a whole.
    pub fn named(s: &str) -> Field {
        Field::parse(s).unwrap_or(Field::Body)
    }

    /// The longest text the field takes, in characters.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            Field::Message => Some(MESSAGE_MAX),
            // Any feed's item id, which is often a URL.
            Field::About => Some(URL_MAX),
            Field::Name => Some(NAME_MAX),
            Field::Email => Some(EMAIL_MAX),
            Field::Area => Some(AREA_MAX),
            Field::Page => Some(URL_MAX),
            Field::Key => Some(KEY_MAX),
            Field::Rating | Field::ContactConsent | Field::Lang | Field::Body => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub code: Code,
}

impl FieldError {
    pub fn new(field: Field, code: Code) -> FieldError {
        FieldError { field, code }
    }
}

/// Every rule the submission breaks, in form order; empty when it is valid.
pub fn validate(s: &Submission) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |field: Field, broken: Option<Code>| errors.extend(broken.map(|code| FieldError::new(field, code)));
    check(Field::Message, text(Some(&s.message), true, Field::Message));
    check(Field::Rating, s.rating.filter(|r| !(1..=5).contains(r)).map(|_| Code::OutOfRange));
    check(Field::Name, text(s.name.as_deref(), false, Field::Name));
    check(Field::Email, text(s.email.as_deref(), false, Field::Email).or_else(|| email(s.email.as_deref())));
    check(Field::Area, text(s.area.as_deref(), false, Field::Area));
    let gave_email = s.email.as_deref().is_some_and(|e| !e.trim().is_empty());
    check(Field::ContactConsent, (gave_email && !s.contact_consent).then_some(Code::ConsentRequired));
    check(Field::About, text(s.about.as_deref(), false, Field::About));
    check(Field::Lang, Lang::parse(&s.lang).is_none().then_some(Code::Invalid));
    check(Field::Page, text(Some(&s.page), false, Field::Page));
    let key_ok = (KEY_MIN..=KEY_MAX).contains(&s.key.len())
        && s.key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    check(Field::Key, (!key_ok).then_some(Code::Invalid));
    errors
}

fn text(value: Option<&str>, required: bool, field: Field) -> Option<Code> {
    let max = field.max_chars().unwrap_or(usize::MAX);
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

    fn codes(s: &Submission) -> Vec<(&'static str, &'static str)> {
        validate(s).into_iter().map(|e| (e.field.name(), e.code.name())).collect()
    }

    #[test]
    fn a_plain_message_is_enough() {
        assert_eq!(validate(&valid()), []);
    }

    #[test]
    fn message_is_required_and_limited() {
        let blank = Submission { message: "   ".into(), ..valid() };
        assert_eq!(codes(&blank), [("message", "required")]);
        let long = Submission { message: "ŵ".repeat(MESSAGE_MAX + 1), ..valid() };
        assert_eq!(codes(&long), [("message", "too_long")]);
        let exactly = Submission { message: "ŵ".repeat(MESSAGE_MAX), ..valid() };
        assert_eq!(validate(&exactly), []);
    }

    #[test]
    fn an_email_needs_consent_and_a_plausible_form() {
        let no_consent = Submission { email: Some("a@b.example".into()), ..valid() };
        assert_eq!(codes(&no_consent), [("contact_consent", "consent_required")]);
        let consent = Submission { email: Some("a@b.example".into()), contact_consent: true, ..valid() };
        assert_eq!(validate(&consent), []);
        for bad in ["ab.example", "a@b", "a@.example", "a b@c.example", "@b.example"] {
            let s = Submission { email: Some(bad.into()), contact_consent: true, ..valid() };
            assert_eq!(codes(&s), [("email", "invalid")], "{bad}");
        }
    }

    #[test]
    fn rating_language_and_key() {
        let s = Submission { rating: Some(6), lang: "fr".into(), key: "short".into(), ..valid() };
        assert_eq!(codes(&s), [("rating", "out_of_range"), ("lang", "invalid"), ("key", "invalid")]);
        let s = Submission { key: "has spaces in it".into(), ..valid() };
        assert_eq!(codes(&s), [("key", "invalid")]);
    }

    #[test]
    fn field_names_round_trip_and_unknown_ones_are_the_body() {
        for field in Field::ALL {
            assert_eq!(Field::named(field.name()), field);
        }
        assert_eq!(Field::named("website"), Field::Body);
    }
}

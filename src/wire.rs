//! A submission as JSON, under the contract's field names: the body the
//! widget posts, and what the outbox keeps in `localStorage`.

use police_engage_contract::{Field, Submission};

use crate::json::{text, whole, Json, Writer};

/// The honeypot's name; not a field a resident fills, so not in [`Field`].
const HONEYPOT: &str = "website";

/// The submission as JSON text.
pub fn to_json(s: &Submission) -> Option<String> {
    object(s).print()
}

/// The submission as a JSON object.
pub fn object(s: &Submission) -> Writer {
    let mut out = Writer::default();
    let texts = [
        (Field::Message.name(), Some(&s.message)),
        (Field::About.name(), s.about.as_ref()),
        (Field::Name.name(), s.name.as_ref()),
        (Field::Email.name(), s.email.as_ref()),
        (Field::Area.name(), s.area.as_ref()),
        (Field::Lang.name(), Some(&s.lang)),
        (Field::Page.name(), Some(&s.page)),
        (Field::Key.name(), Some(&s.key)),
        (HONEYPOT, s.website.as_ref()),
    ];
    for (key, value) in texts {
        if let Some(value) = value {
            out.set(key, value.as_str());
        }
    }
    if let Some(rating) = s.rating {
        out.set(Field::Rating.name(), rating);
    }
    out.set(Field::ContactConsent.name(), s.contact_consent);
    out
}

/// A submission read back from JSON (`None` if it is not one).
pub fn from_json<V: Json>(v: &V) -> Option<Submission> {
    let field = |f: Field| text(v, f.name()).ok().flatten();
    Some(Submission {
        message: field(Field::Message)?,
        about: field(Field::About),
        rating: whole(v, Field::Rating.name(), 255.0).ok().flatten().map(|n| n as u8),
        name: field(Field::Name),
        email: field(Field::Email),
        area: field(Field::Area),
        contact_consent: v.field(Field::ContactConsent.name()).and_then(|c| c.boolean()).unwrap_or(false),
        lang: field(Field::Lang)?,
        page: field(Field::Page)?,
        key: field(Field::Key)?,
        website: text(v, HONEYPOT).ok().flatten(),
    })
}

/// Compared with serde_json's reading of the contract, so native only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn reads_what_the_contract_writes() {
        let submission = Submission {
            message: "Thanks".into(),
            about: Some("u1".into()),
            rating: Some(4),
            email: Some("a@b.example".into()),
            contact_consent: true,
            lang: "cy".into(),
            page: "https://council.example/".into(),
            key: "k-12345678".into(),
            ..Default::default()
        };
        let by_contract = serde_json::to_string(&submission).unwrap();
        assert_eq!(from_json(&parse(&by_contract).unwrap()).as_ref(), Some(&submission));
        let ours: serde_json::Value = serde_json::from_str(&to_json(&submission).unwrap()).unwrap();
        assert_eq!(ours, serde_json::from_str::<serde_json::Value>(&by_contract).unwrap());
        assert_eq!(from_json(&parse(r#"{"message":"no key"}"#).unwrap()), None);
    }
}

//! The feedback form's state: what the resident has typed, and where the
//! submission is. Typed text survives every outcome except a confirmed send.

use std::rc::Rc;

use police_engage_contract::{validate, FieldError, Submission};
use yew::Reducible;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub message: String,
    pub rating: Option<u8>,
    pub name: String,
    pub email: String,
    pub area: String,
    pub consent: bool,
    /// The honeypot: people never see it, so it stays empty.
    pub website: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Message,
    Name,
    Email,
    Area,
    Website,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Stage {
    #[default]
    Closed,
    Editing,
    Sending,
    /// Kept on this device; the outbox will deliver it under `key`.
    Saved {
        key: String,
    },
    Sent {
        id: String,
    },
}

/// The update the feedback is about: its id, and its title to show.
#[derive(Clone, Debug, PartialEq)]
pub struct About {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState {
    pub stage: Stage,
    pub draft: Draft,
    pub about: Option<About>,
    pub errors: Vec<FieldError>,
    /// Bumped on each failed submit, so the error summary takes focus again.
    pub attempts: u32,
    /// Bumped each time the form is opened, so it takes focus again.
    pub opens: u32,
}

pub enum FormAction {
    Open(Option<About>),
    Close,
    Set(Field, String),
    Rate(Option<u8>),
    Consent(bool),
    Sending,
    Rejected(Vec<FieldError>),
    /// The outbox's later answer for a saved submission: applies only to that one.
    RejectedLater {
        key: String,
        errors: Vec<FieldError>,
    },
    Saved {
        key: String,
    },
    Sent {
        key: Option<String>,
        id: String,
    },
    /// Start a new message after a confirmed send.
    Again,
}

impl Reducible for FormState {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        let mut next = (*self).clone();
        let draft = &mut next.draft;
        match action {
            FormAction::Open(about) => {
                if matches!(next.stage, Stage::Closed | Stage::Sent { .. }) {
                    next.stage = Stage::Editing;
                }
                next.about = about.or(next.about);
                next.opens += 1;
            }
            FormAction::Close => next.stage = Stage::Closed,
            FormAction::Set(field, value) => *field_mut(draft, field) = value,
            FormAction::Rate(rating) => draft.rating = rating,
            FormAction::Consent(consent) => draft.consent = consent,
            FormAction::Sending => {
                next.stage = Stage::Sending;
                next.errors.clear();
            }
            FormAction::Rejected(errors) => {
                next.stage = Stage::Editing;
                next.errors = errors;
                next.attempts += 1;
            }
            FormAction::RejectedLater { key, errors } => {
                if matches!(&next.stage, Stage::Saved { key: k } if *k == key) {
                    next.stage = Stage::Editing;
                    next.errors = errors;
                    next.attempts += 1;
                }
            }
            FormAction::Saved { key } => next.stage = Stage::Saved { key },
            FormAction::Sent { key, id } => {
                // A late delivery of an older saved message must not wipe a newer draft.
                let ours = key.is_none() || matches!(&next.stage, Stage::Saved { key: k } if Some(k) == key.as_ref());
                if ours {
                    next = FormState { stage: Stage::Sent { id }, opens: next.opens, ..FormState::default() };
                }
            }
            FormAction::Again => {
                next = FormState { stage: Stage::Editing, opens: next.opens + 1, ..FormState::default() }
            }
        }
        Rc::new(next)
    }
}

fn field_mut(draft: &mut Draft, field: Field) -> &mut String {
    match field {
        Field::Message => &mut draft.message,
        Field::Name => &mut draft.name,
        Field::Email => &mut draft.email,
        Field::Area => &mut draft.area,
        Field::Website => &mut draft.website,
    }
}

impl FormState {
    /// The errors for one field, as shown inline.
    pub fn error_for(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }
}

impl Draft {
    /// The submission to send, or what to fix first.
    pub fn submission(
        &self,
        about: Option<&About>,
        lang: &str,
        page: &str,
        key: &str,
    ) -> Result<Submission, Vec<FieldError>> {
        let optional = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let submission = Submission {
            message: self.message.trim().to_owned(),
            about: about.map(|a| a.id.clone()),
            rating: self.rating,
            name: optional(&self.name),
            email: optional(&self.email),
            area: optional(&self.area),
            contact_consent: self.consent,
            lang: lang.to_owned(),
            page: page.to_owned(),
            key: key.to_owned(),
            website: optional(&self.website),
        };
        let errors = validate(&submission);
        if errors.is_empty() {
            Ok(submission)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use police_engage_contract::Code;

    fn reduce(state: FormState, actions: Vec<FormAction>) -> FormState {
        actions.into_iter().fold(Rc::new(state), |s, a| s.reduce(a)).as_ref().clone()
    }

    fn typed() -> FormState {
        reduce(
            FormState::default(),
            vec![
                FormAction::Open(None),
                FormAction::Set(Field::Message, "Thanks for the quick visit".into()),
                FormAction::Set(Field::Email, "sam@example.org".into()),
            ],
        )
    }

    #[test]
    fn rejection_keeps_every_field() {
        let state = reduce(
            typed(),
            vec![
                FormAction::Sending,
                FormAction::Rejected(vec![FieldError::new("contact_consent", Code::ConsentRequired)]),
            ],
        );
        assert_eq!(state.stage, Stage::Editing);
        assert_eq!(state.draft.message, "Thanks for the quick visit");
        assert_eq!(state.draft.email, "sam@example.org");
        assert_eq!(state.error_for("contact_consent").unwrap().code, Code::ConsentRequired);
        assert_eq!(state.attempts, 1);
    }

    #[test]
    fn saved_keeps_the_draft_until_sent() {
        let saved = reduce(typed(), vec![FormAction::Sending, FormAction::Saved { key: "k1".into() }]);
        assert_eq!(saved.draft.message, "Thanks for the quick visit");
        let other = reduce(saved.clone(), vec![FormAction::Sent { key: Some("k0".into()), id: "FB-OLD".into() }]);
        assert_eq!(other.stage, Stage::Saved { key: "k1".into() }, "another message's delivery");
        let sent = reduce(saved, vec![FormAction::Sent { key: Some("k1".into()), id: "FB-1".into() }]);
        assert_eq!(sent.stage, Stage::Sent { id: "FB-1".into() });
        assert_eq!(sent.draft, Draft::default());
    }

    #[test]
    fn opening_about_an_update_keeps_the_text() {
        let about = About { id: "u1".into(), title: "Appeal".into() };
        let state = reduce(typed(), vec![FormAction::Close, FormAction::Open(Some(about.clone()))]);
        assert_eq!(
            (state.stage, state.about, state.draft.message.as_str()),
            (Stage::Editing, Some(about), "Thanks for the quick visit")
        );
    }

    #[test]
    fn the_draft_becomes_a_submission_or_says_what_to_fix() {
        let state = typed();
        let errors = state.draft.submission(None, "en", "https://council.example/", "key-12345678").unwrap_err();
        assert_eq!(errors, [FieldError::new("contact_consent", Code::ConsentRequired)]);
        let state = reduce(state, vec![FormAction::Consent(true), FormAction::Set(Field::Name, "  ".into())]);
        let s = state.draft.submission(None, "cy", "https://council.example/", "key-12345678").unwrap();
        assert_eq!((s.name, s.email.as_deref(), s.lang.as_str()), (None, Some("sam@example.org"), "cy"));
    }
}

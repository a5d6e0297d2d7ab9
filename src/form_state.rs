//! The feedback form's state: what the resident has typed, and where the
//! submission is. Typed text survives every outcome except a confirmed send.

use std::rc::Rc;

use police_engage_contract::{validate, Field, FieldError, Submission};
use yew::Reducible;

use crate::delivery::Delivered;

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

/// The fields a resident types into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
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
    /// Handed to the delivery loop under `key`; waiting for its first answer.
    Sending {
        key: String,
    },
    /// Kept on this device; the delivery loop will send it under `key`.
    Saved {
        key: String,
    },
    Sent {
        id: String,
    },
}

impl Stage {
    /// The key of the submission this form is waiting on, if any.
    fn key(&self) -> Option<&str> {
        match self {
            Stage::Sending { key } | Stage::Saved { key } => Some(key),
            Stage::Closed | Stage::Editing | Stage::Sent { .. } => None,
        }
    }
}

/// The update the feedback is about: its id, its title to show, and the
/// title's language when it is not the widget's.
#[derive(Clone, Debug, PartialEq)]
pub struct About {
    pub id: String,
    pub title: String,
    pub lang: Option<&'static str>,
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
    Set(Typed, String),
    Rate(Option<u8>),
    Consent(bool),
    /// The form's own check found these before sending.
    Invalid(Vec<FieldError>),
    Sending {
        key: String,
    },
    /// What the delivery loop reports; only this form's key counts.
    Delivered(Delivered),
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
            FormAction::Set(field, value) => *typed_mut(draft, field) = value,
            FormAction::Rate(rating) => draft.rating = rating,
            FormAction::Consent(consent) => draft.consent = consent,
            FormAction::Invalid(errors) => next.reject(errors),
            FormAction::Sending { key } => {
                next.stage = Stage::Sending { key };
                next.errors.clear();
            }
            FormAction::Delivered(delivered) => match delivered {
                // A late answer for another submission must not touch this draft.
                Delivered::Sent { key, .. } | Delivered::Rejected { key, .. } | Delivered::Kept { key }
                    if next.stage.key() != Some(key.as_str()) => {}
                Delivered::Sent { id, .. } => {
                    next = FormState { stage: Stage::Sent { id }, opens: next.opens, ..FormState::default() }
                }
                Delivered::Rejected { errors, .. } => next.reject(errors),
                Delivered::Kept { key } => next.stage = Stage::Saved { key },
            },
            FormAction::Again => {
                next = FormState { stage: Stage::Editing, opens: next.opens + 1, ..FormState::default() }
            }
        }
        Rc::new(next)
    }
}

fn typed_mut(draft: &mut Draft, field: Typed) -> &mut String {
    match field {
        Typed::Message => &mut draft.message,
        Typed::Name => &mut draft.name,
        Typed::Email => &mut draft.email,
        Typed::Area => &mut draft.area,
        Typed::Website => &mut draft.website,
    }
}

impl FormState {
    /// The error for one field, as shown inline.
    pub fn error_for(&self, field: Field) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }

    /// Back to editing, every field kept, with what to fix.
    fn reject(&mut self, errors: Vec<FieldError>) {
        self.stage = Stage::Editing;
        self.errors = errors;
        self.attempts += 1;
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
                FormAction::Set(Typed::Message, "Thanks for the quick visit".into()),
                FormAction::Set(Typed::Email, "sam@example.org".into()),
            ],
        )
    }

    fn delivered(d: Delivered) -> FormAction {
        FormAction::Delivered(d)
    }

    #[test]
    fn rejection_keeps_every_field() {
        let errors = vec![FieldError::new(Field::ContactConsent, Code::ConsentRequired)];
        let state = reduce(
            typed(),
            vec![FormAction::Sending { key: "k1".into() }, delivered(Delivered::Rejected { key: "k1".into(), errors })],
        );
        assert_eq!(state.stage, Stage::Editing);
        assert_eq!(state.draft.message, "Thanks for the quick visit");
        assert_eq!(state.draft.email, "sam@example.org");
        assert_eq!(state.error_for(Field::ContactConsent).unwrap().code, Code::ConsentRequired);
        assert_eq!(state.attempts, 1);
    }

    #[test]
    fn kept_keeps_the_draft_until_sent() {
        let sending = reduce(typed(), vec![FormAction::Sending { key: "k1".into() }]);
        let saved = reduce(sending, vec![delivered(Delivered::Kept { key: "k1".into() })]);
        assert_eq!(saved.stage, Stage::Saved { key: "k1".into() });
        assert_eq!(saved.draft.message, "Thanks for the quick visit");
        let other = reduce(saved.clone(), vec![delivered(Delivered::Sent { key: "k0".into(), id: "FB-OLD".into() })]);
        assert_eq!(other.stage, Stage::Saved { key: "k1".into() }, "another message's delivery");
        let sent = reduce(saved, vec![delivered(Delivered::Sent { key: "k1".into(), id: "FB-1".into() })]);
        assert_eq!(sent.stage, Stage::Sent { id: "FB-1".into() });
        assert_eq!(sent.draft, Draft::default());
    }

    #[test]
    fn an_answer_for_another_key_changes_nothing() {
        let editing = typed();
        let errors = vec![FieldError::new(Field::Message, Code::TooLong)];
        let after = reduce(editing.clone(), vec![delivered(Delivered::Rejected { key: "other".into(), errors })]);
        assert_eq!(after, editing);
    }

    #[test]
    fn opening_about_an_update_keeps_the_text() {
        let about = About { id: "u1".into(), title: "Appeal".into(), lang: None };
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
        assert_eq!(errors, [FieldError::new(Field::ContactConsent, Code::ConsentRequired)]);
        let state = reduce(state, vec![FormAction::Consent(true), FormAction::Set(Typed::Name, "  ".into())]);
        let s = state.draft.submission(None, "cy", "https://council.example/", "key-12345678").unwrap();
        assert_eq!((s.name, s.email.as_deref(), s.lang.as_str()), (None, Some("sam@example.org"), "cy"));
    }
}

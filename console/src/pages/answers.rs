//! Answering a resident who asked to be contacted, on their submission:
//! when an answer is due (the response promise) and whether it is overdue,
//! the answers given so far with each reply's delivery, **Your reply** sent
//! by email from the server (when it sends mail), and an answer given
//! another way, noted.

use police_engage_contract::{AnswerChannel, Delivery, Detail, NewAnswer};
use yew::prelude::*;

use crate::api;
use crate::components::error_summary::field_errors;
use crate::components::fields::{textarea, Field};
use crate::format;
use crate::hooks::use_submit;
use crate::i18n::{fill, Lang, Text, Words};
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct AnswersProps {
    pub detail: Detail,
    pub reload: Callback<()>,
}

#[function_component]
pub fn Answers(props: &AnswersProps) -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let detail = &props.detail;
    let id = detail.item.id.clone();
    let emailable =
        detail.can_email && detail.contact.as_ref().is_some_and(|c| c.email.is_some()) && detail.asked_for_contact;
    html! {
        <section aria-labelledby="answers-heading">
            <h2 class="pe-h2" id="answers-heading">{ text.answers_heading }</h2>
            { promise(detail, text, lang) }
            if detail.answers.is_empty() {
                <p>{ text.no_answers }</p>
            } else {
                <ul class="pe-notes">
                    { for detail.answers.iter().map(|a| html! {
                        <li class="pe-note">
                            <p class="pe-resident-text">{ &a.body }</p>
                            <p class="pe-hint">{ &a.author }{ ", " }{ format::when(&a.created_at, lang) }{ ", " }{ how(a.channel, a.delivery, text) }</p>
                        </li>
                    }) }
                </ul>
            }
            if emailable {
                <AnswerForm path={format!("/v1/inbox/{id}/reply")} field="reply" label={text.your_reply} hint={Some(text.your_reply_hint)}
                    button={text.send_reply} primary=true reload={props.reload.clone()} />
            }
            <details class="pe-details">
                <summary>{ text.answered_otherwise }</summary>
                <AnswerForm path={format!("/v1/inbox/{id}/answered")} field="answered" label={text.answered_otherwise_label} hint={None::<&'static str>}
                    button={text.record_answer} primary=false reload={props.reload.clone()} />
            </details>
        </section>
    }
}

/// When an answer is due, overdue, or when it was first given.
fn promise(detail: &Detail, text: &'static Text, lang: Lang) -> Html {
    match (&detail.answered_at, &detail.item.due_at) {
        (Some(at), _) => html! { <p>{ fill(text.answered_on, &format::when(at, lang)) }</p> },
        (None, Some(due)) if detail.item.overdue => html! {
            <p><strong class="pe-tag pe-tag-overdue">{ text.overdue }</strong>{ " " }{ fill(text.overdue_since, &format::when(due, lang)) }</p>
        },
        (None, Some(due)) => html! { <p>{ fill(text.due_by, &format::when(due, lang)) }</p> },
        (None, None) => Html::default(),
    }
}

fn how(channel: AnswerChannel, delivery: Option<Delivery>, text: &'static Text) -> String {
    match (channel, delivery) {
        (AnswerChannel::Other, _) => text.another_way.to_owned(),
        (AnswerChannel::Email, Some(Delivery::Sent)) => format!("{} ({})", text.by_email, text.delivery_sent),
        (AnswerChannel::Email, Some(Delivery::Failed)) => format!("{} ({})", text.by_email, text.delivery_failed),
        (AnswerChannel::Email, _) => format!("{} ({})", text.by_email, text.delivery_queued),
    }
}

#[derive(Properties, PartialEq)]
struct AnswerFormProps {
    path: String,
    /// The control's id.
    field: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    button: &'static str,
    primary: bool,
    reload: Callback<()>,
}

/// A text to send or record; kept if the server refuses it.
#[function_component]
fn AnswerForm(props: &AnswerFormProps) -> Html {
    let text = use_session().lang.text();
    let draft = use_state(String::new);
    let empty = use_state(|| false);
    let done = {
        let (draft, reload) = (draft.clone(), props.reload.clone());
        Callback::from(move |_: Detail| {
            draft.set(String::new());
            reload.emit(());
        })
    };
    let submit = use_submit(|(path, body): (String, NewAnswer)| async move { api::post(&path, &body).await }, done);
    let onsubmit = {
        let (draft, empty, send, path) = (draft.clone(), empty.clone(), submit.send.clone(), props.path.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = draft.trim().to_owned();
            empty.set(body.is_empty());
            if !body.is_empty() {
                send.emit((path.clone(), NewAnswer { body }));
            }
        })
    };
    let set = {
        let draft = draft.clone();
        Callback::from(move |v: String| draft.set(v))
    };
    let errors = field_errors(submit.error.as_ref(), text, |_| (props.field, props.label));
    let error = if *empty { Some(text.answer_required.to_owned()) } else { errors.first().map(|e| e.message.clone()) };
    let mut field = Field::new(props.field, props.label, text).error(error.as_deref());
    if let Some(hint) = props.hint {
        field = field.hint(hint);
    }
    let class = if props.primary { "pe-button" } else { "pe-button pe-button-secondary" };
    html! {
        <form novalidate=true {onsubmit}>
            { textarea(field, 6, &draft, set) }
            <button type="submit" class={class} aria-disabled={submit.busy.then_some("true")}>{ props.button }</button>
        </form>
    }
}

//! One submission: what the resident said and where from, their contact
//! details where they agreed and the reader's role allows, and what the
//! force does with it (status, assignee, notes, history; erasure for admins).

use police_engage_contract::{web_url, Detail, NewNote, Person, Status, Triage};
use yew::prelude::*;
use yew_router::prelude::*;

use super::answers::Answers;
use crate::api::{self, ApiError};
use crate::components::confirm_delete::ConfirmDelete;
use crate::components::error_summary::failure;
use crate::components::fields::{select, textarea, Field};
use crate::components::layout::Layout;
use crate::components::status_tag::status_tag;
use crate::format;
use crate::hooks::use_submit;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{fill, Lang, Text, Words};
use crate::route::Route;
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct FeedbackPageProps {
    pub id: String,
}

#[function_component]
pub fn FeedbackPage(props: &FeedbackPageProps) -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let me = session.signed_in().cloned().expect("signed in");
    let (detail, reload) = use_load::<Detail>(format!("/v1/inbox/{}", props.id));
    let title = fill(text.feedback_heading, &props.id);
    let Load::Loaded(detail) = detail else {
        return html! {
            <Layout title={title.clone()} current={Route::Inbox}>
                <h1 class="pe-h1">{ title }</h1>
                { unloaded(&detail, lang) }
            </Layout>
        };
    };
    html! {
        <Layout title={title.clone()} current={Route::Inbox}>
            <Link<Route> to={Route::Inbox} classes="pe-back-link">{ text.back_to_feedback }</Link<Route>>
            <h1 class="pe-h1">{ title }{" "}{ status_tag(detail.item.status, lang) }</h1>
            <div class="pe-columns">
                <div class="pe-column-main">
                    { facts(&detail, lang) }
                    <h2 class="pe-h2">{ text.message }</h2>
                    <div class="pe-inset pe-resident-text">{ &detail.item.message }</div>
                    { contact(&detail, text) }
                    if me.role.can_handle_feedback() {
                        <Answers detail={detail.clone()} reload={reload.clone()} />
                        <Notes detail={detail.clone()} reload={reload.clone()} />
                    }
                    { history(&detail, lang) }
                </div>
                if me.role.can_handle_feedback() {
                    <div class="pe-column-side">
                        <Handle detail={detail.clone()} people={detail.assignable.clone()} reload={reload.clone()} />
                        if me.role.can_administer() {
                            <Erase id={detail.item.id.clone()} />
                        }
                    </div>
                }
            </div>
        </Layout>
    }
}

/// A GOV.UK summary list of the submission's facts.
fn facts(detail: &Detail, lang: Lang) -> Html {
    let text = lang.text();
    let item = &detail.item;
    let row =
        |key: &'static str, value: Html| html! { <div class="pe-summary-row"><dt>{ key }</dt><dd>{ value }</dd></div> };
    let rating = item.rating.map_or_else(|| text.no_rating.to_owned(), |r| fill(text.rating_of, &r.to_string()));
    let about = match (&item.about, &detail.about_url) {
        (None, _) => Html::default(),
        (Some(id), url) => {
            let title = item.about_title.clone().unwrap_or_else(|| id.clone());
            match url.as_deref().and_then(web_url) {
                Some(url) => html! { <a href={url.to_owned()} class="pe-link">{ title }</a> },
                None => html! { { title } },
            }
        }
    };
    let page = match web_url(&detail.page) {
        Some(url) => html! { <a href={url.to_owned()} class="pe-link pe-break">{ &detail.page }</a> },
        None => html! { <span class="pe-break">{ &detail.page }</span> },
    };
    html! {
        <dl class="pe-summary">
            { row(text.received, html! { { format::when(&item.received_at, lang) } }) }
            { row(text.rating, html! { { rating } }) }
            if let Some(area) = &item.area { { row(text.area, html! { { area } }) } }
            { row(text.language, html! { { text.language(detail.lang) } }) }
            if item.about.is_some() { { row(text.about, about) } }
            { row(text.page, page) }
            if let Some(site) = &item.site { { row(text.site, html! { { site } }) } }
        </dl>
    }
}

fn contact(detail: &Detail, text: &'static Text) -> Html {
    let body = match &detail.contact {
        Some(contact) => html! {
            <>
                <dl class="pe-summary">
                    if let Some(name) = &contact.name {
                        <div class="pe-summary-row"><dt>{ text.name }</dt><dd>{ name }</dd></div>
                    }
                    if let Some(email) = &contact.email {
                        <div class="pe-summary-row"><dt>{ text.email }</dt><dd>{ email }</dd></div>
                    }
                </dl>
                if let Some(email) = contact.email.as_ref().filter(|_| !detail.can_email) {
                    <p><a class="pe-button pe-button-secondary" href={mailto(email, detail, text)}>{ text.reply_by_email }</a></p>
                }
            </>
        },
        None if detail.contact_withheld => html! { <p>{ text.contact_withheld }</p> },
        None => html! { <p>{ text.no_contact }</p> },
    };
    html! { <section aria-labelledby="contact-heading"><h2 class="pe-h2" id="contact-heading">{ text.contact }</h2>{ body }</section> }
}

/// Opens the reader's own mail program, where the server sends no mail.
fn mailto(email: &str, detail: &Detail, text: &Text) -> String {
    let subject = fill(text.reply_subject, &detail.item.id);
    let quoted: Vec<String> = detail.item.message.lines().map(|l| format!("> {l}")).collect();
    let body = format!("\n\n{}\n{}", text.reply_quote, quoted.join("\n"));
    let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
    format!("mailto:{}?subject={}&body={}", encode(email), encode(&subject), encode(&body))
}

fn history(detail: &Detail, lang: Lang) -> Html {
    let text = lang.text();
    html! {
        <section aria-labelledby="history-heading">
            <h2 class="pe-h2" id="history-heading">{ text.history }</h2>
            if detail.history.is_empty() {
                <p>{ text.no_history }</p>
            } else {
                <ol class="pe-timeline">
                    { for detail.history.iter().map(|e| html! {
                        <li>
                            <span class="pe-strong">{ text.action(e.action) }</span>
                            if let Some(d) = &e.detail { {": "}{ d } }
                            <span class="pe-hint">{ " – " }{ &e.actor }{ ", " }{ format::when(&e.at, lang) }</span>
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct HandleProps {
    detail: Detail,
    people: Vec<Person>,
    reload: Callback<()>,
}

/// Status and assignee, each its own small form.
#[function_component]
fn Handle(props: &HandleProps) -> Html {
    let session = use_session();
    let text = session.lang.text();
    let status = use_state(|| props.detail.item.status);
    let saved = use_state(|| false);
    let assignee = use_state(|| {
        let email = props.detail.item.assignee.clone();
        props.people.iter().find(|p| Some(&p.email) == email.as_ref()).map(|p| p.id.clone()).unwrap_or_default()
    });
    {
        let (status, assignee) = (status.clone(), assignee.clone());
        let (item, people) = (props.detail.item.clone(), props.people.clone());
        use_effect_with((item.clone(), people.len()), move |_| {
            status.set(item.status);
            let id = people.iter().find(|p| Some(&p.email) == item.assignee.as_ref()).map(|p| p.id.clone());
            assignee.set(id.unwrap_or_default());
        });
    }
    let done = {
        let (reload, saved) = (props.reload.clone(), saved.clone());
        Callback::from(move |_: Detail| {
            saved.set(true);
            reload.emit(());
        })
    };
    // Each form sends on its own, so one does not wait for (or drop) the other.
    let request = |(id, triage): (String, Triage)| async move { api::patch(&format!("/v1/inbox/{id}"), &triage).await };
    let (status_sent, assignee_sent) = (use_submit(request, done.clone()), use_submit(request, done));
    let save = |send: &Callback<(String, Triage)>| {
        let (id, send, saved) = (props.detail.item.id.clone(), send.clone(), saved.clone());
        move |triage: Triage| {
            saved.set(false);
            send.emit((id.clone(), triage));
        }
    };
    let on_status = {
        let (status, save) = (status.clone(), save(&status_sent.send));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save(Triage { status: Some(*status), assignee: None });
        })
    };
    let on_assign = {
        let (assignee, save) = (assignee.clone(), save(&assignee_sent.send));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save(Triage { status: None, assignee: Some((*assignee).clone()) });
        })
    };
    let mut people: Vec<(String, String)> = vec![(String::new(), text.nobody.to_owned())];
    people.extend(props.people.iter().map(|p| (p.id.clone(), p.email.clone())));
    let set_assignee = {
        let assignee = assignee.clone();
        Callback::from(move |v: String| assignee.set(v))
    };
    html! {
        <>
            <p class="pe-saved" role="status">{ if *saved { text.saved } else { "" } }</p>
            if let Some(error) = status_sent.error.as_ref().or(assignee_sent.error.as_ref()) {
                <p class="pe-error-message" role="alert">{ failure(error, text) }</p>
            }
            <form class="pe-panel" onsubmit={on_status}>
                <fieldset class="pe-fieldset">
                    <legend class="pe-h2">{ text.status_legend }</legend>
                    <div class="pe-radios">
                        { for Status::ALL.iter().map(|s| {
                            let chosen = *s;
                            let status = status.clone();
                            let id = format!("status-{}", s.name());
                            html! {
                                <div class="pe-choice">
                                    <input type="radio" class="pe-radio" name="status" id={id.clone()} value={s.name()}
                                        checked={*status == chosen} onchange={Callback::from(move |_: Event| status.set(chosen))} />
                                    <label for={id}>{ text.status(*s) }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
                <button type="submit" class="pe-button">{ text.update_status }</button>
            </form>
            <form class="pe-panel" onsubmit={on_assign}>
                { select(Field::new("assignee", text.assign_label, text), &people, &assignee, set_assignee) }
                <button type="submit" class="pe-button pe-button-secondary">{ text.assign_button }</button>
            </form>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NotesProps {
    detail: Detail,
    reload: Callback<()>,
}

/// The notes so far, and a form to add one.
#[function_component]
fn Notes(props: &NotesProps) -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let draft = use_state(String::new);
    let empty = use_state(|| false);
    let added = {
        let (draft, reload) = (draft.clone(), props.reload.clone());
        Callback::from(move |_: Detail| {
            draft.set(String::new());
            reload.emit(());
        })
    };
    let submit = use_submit(
        |(id, body): (String, NewNote)| async move { api::post(&format!("/v1/inbox/{id}/notes"), &body).await },
        added,
    );
    let onsubmit = {
        let (draft, empty, send, id) =
            (draft.clone(), empty.clone(), submit.send.clone(), props.detail.item.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = draft.trim().to_owned();
            empty.set(body.is_empty());
            if !body.is_empty() {
                send.emit((id.clone(), NewNote { body }));
            }
        })
    };
    let set = {
        let draft = draft.clone();
        Callback::from(move |v: String| draft.set(v))
    };
    let error = match &submit.error {
        _ if *empty => Some(text.note_required),
        Some(ApiError::Refused { .. }) => Some(text.note_too_long),
        Some(error) => Some(failure(error, text)),
        None => None,
    };
    let field = Field::new("note", text.note_label, text).hint(text.note_hint).error(error);
    html! {
        <section aria-labelledby="notes-heading">
            <h2 class="pe-h2" id="notes-heading">{ text.notes }</h2>
            if props.detail.notes.is_empty() {
                <p>{ text.no_notes }</p>
            } else {
                <ul class="pe-notes">
                    { for props.detail.notes.iter().map(|n| html! {
                        <li class="pe-note">
                            <p class="pe-resident-text">{ &n.body }</p>
                            <p class="pe-hint">{ &n.author }{ ", " }{ format::when(&n.created_at, lang) }</p>
                        </li>
                    }) }
                </ul>
            }
            <form novalidate=true {onsubmit}>
                { textarea(field, 4, &draft, set) }
                <button type="submit" class="pe-button pe-button-secondary">{ text.add_note }</button>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EraseProps {
    id: String,
}

/// Erasure on a resident's request, behind a second, explicit step.
#[function_component]
fn Erase(props: &EraseProps) -> Html {
    let text = use_session().lang.text();
    let erased = use_state(|| false);
    if *erased {
        return html! {
            <div class="pe-panel pe-confirmation" role="status">
                <p>{ fill(text.erased, &props.id) }</p>
                <p><Link<Route> to={Route::Inbox}>{ text.back_to_feedback }</Link<Route>></p>
            </div>
        };
    }
    html! {
        <section class="pe-panel pe-danger-zone" aria-labelledby="erase-heading">
            <h2 class="pe-h2" id="erase-heading">{ text.erase_title }</h2>
            <ConfirmDelete path={format!("/v1/inbox/{}", props.id)} action={text.erase_button} title={text.erase_title}
                warning={text.erase_warning} confirm={text.erase_confirm} name={props.id.clone()} deleted={Callback::from(move |()| erased.set(true))} />
        </section>
    }
}

//! Writing an update: every field, its Welsh version, when it goes live and
//! when it expires, with the real widget beside the form showing the draft;
//! withdrawing one (after a confirmation) and duplicating one.

use police_engage_contract::{Category, Priority, StoredUpdate, UpdateField, UpdateInput, UpdateState};
use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::confirm_delete::ConfirmDelete;
use crate::components::draft_preview::DraftPreview;
use crate::components::error_summary::{error_for, field_errors, ErrorItem, ErrorSummary};
use crate::components::fields::{input, radios, textarea, Field};
use crate::components::layout::Layout;
use crate::draft::Draft;
use crate::hooks::use_submit;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{fill, Text, Words};
use crate::route::Route;
use crate::session::use_session;

/// What was just done, carried in the address to the update's own page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Done {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<UpdateState>,
}

#[function_component]
pub fn NewUpdatePage() -> Html {
    html! { <Editor draft={Draft::default()} stored={None::<StoredUpdate>} copied_from={None::<String>} /> }
}

#[derive(Properties, PartialEq)]
pub struct StoredUpdatePageProps {
    pub id: String,
    /// A new update made from this one.
    pub copy: bool,
}

#[function_component]
pub fn StoredUpdatePage(props: &StoredUpdatePageProps) -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let (stored, reload) = use_load::<StoredUpdate>(format!("/v1/updates/{}", props.id));
    let Load::Loaded(stored) = stored else {
        return html! {
            <Layout title={text.edit_title} current={Route::Updates}>
                <h1 class="pe-h1">{ text.edit_title }</h1>
                { unloaded(&stored, lang) }
            </Layout>
        };
    };
    let draft = Draft::from_input(&stored.input, js_sys::Date::now());
    if props.copy {
        let from = stored.input.title.clone();
        html! { <Editor key="copy" draft={draft.copy()} stored={None::<StoredUpdate>} copied_from={from} /> }
    } else {
        html! { <Editor key={format!("edit-{}", props.id)} {draft} stored={Some(stored)} copied_from={None::<String>} {reload} /> }
    }
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    draft: Draft,
    /// The update as stored, when editing one.
    stored: Option<StoredUpdate>,
    copied_from: Option<String>,
    #[prop_or_default]
    reload: Callback<()>,
}

#[function_component]
fn Editor(props: &EditorProps) -> Html {
    let session = use_session();
    let text = session.lang.text();
    let draft = use_state(|| props.draft.clone());
    let navigator = use_navigator();
    let done = use_location().and_then(|l| l.query::<Done>().ok()).and_then(|d| d.done);
    let notice = use_state(|| None::<String>);
    let state = props.stored.as_ref().map(|s| s.state);
    let title = match (&props.stored, &props.copied_from) {
        (Some(_), _) => text.edit_title,
        (None, _) => text.new_update,
    };
    let saved = {
        let (notice, reload, navigator) = (notice.clone(), props.reload.clone(), navigator.clone());
        Callback::from(move |(created, stored): (bool, StoredUpdate)| match (created, &navigator, &stored.input.id) {
            // A new update's own page, which says what was done.
            (true, Some(navigator), Some(id)) => {
                let done = Done { done: Some(stored.state) };
                let _ = navigator.push_with_query(&Route::EditUpdate { id: id.clone() }, &done);
            }
            _ => {
                let words = match stored.state {
                    UpdateState::Live | UpdateState::Expired => fill(text.saved_notice, &title_of(&stored.input)),
                    state => done_notice(text, state, &stored.input),
                };
                notice.set(Some(words));
                reload.emit(());
            }
        })
    };
    let submit = use_submit(
        |(id, input): (Option<String>, UpdateInput)| async move {
            let stored = match &id {
                Some(id) => api::put(&format!("/v1/updates/{id}"), &input).await,
                None => api::post("/v1/updates", &input).await,
            };
            stored.map(|stored| (id.is_none(), stored))
        },
        saved,
    );
    // Checked here: the server cannot tell "later" without a time from "now".
    let unscheduled = use_state(|| false);
    let onsubmit = {
        let (draft, unscheduled, send) = (draft.clone(), unscheduled.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let missing = draft.later && draft.publish_at.trim().is_empty();
            unscheduled.set(missing);
            if !missing {
                send.emit((draft.id.clone(), draft.input()));
            }
        })
    };
    let errors = if *unscheduled {
        let message = text.problem(text.f_publish_time, police_engage_contract::Code::Required);
        vec![ErrorItem { message, target: Some(Draft::field_id(UpdateField::DatePublished)) }]
    } else {
        field_errors(submit.error.as_ref(), text, |name| {
            let field = UpdateField::parse(name).unwrap_or(UpdateField::Body);
            (Draft::field_id(field), label(field, text))
        })
    };
    // Just done here, else just done on the way here.
    let first_notice = (*notice).clone().or_else(|| Some(done_notice(text, done?, &props.stored.as_ref()?.input)));
    let withdrawn = {
        let (notice, reload, title) = (notice.clone(), props.reload.clone(), draft.title.clone());
        Callback::from(move |()| {
            notice.set(Some(fill(text.withdrawn_notice, &title)));
            reload.emit(());
        })
    };
    let error_of = |field: UpdateField| error_for(&errors, Draft::field_id(field));
    let d = &*draft;
    html! {
        <Layout title={title} current={Route::Updates}>
            <Link<Route> to={Route::Updates} classes="pe-back-link">{ text.back_to_updates }</Link<Route>>
            if let Some(notice) = first_notice {
                <div class="pe-notice" role="status">{ notice }</div>
            }
            if !errors.is_empty() {
                <ErrorSummary title={text.problem} items={errors.clone()} />
            }
            <h1 class="pe-h1">
                { title }
                if let Some(state) = state {
                    {" "}<strong class="pe-tag">{ text.state(state) }</strong>
                }
            </h1>
            if let Some(from) = &props.copied_from {
                <p class="pe-lead">{ fill(text.duplicate_intro, from) }</p>
            }
            <div class="pe-editor">
                <div>
                <form novalidate=true {onsubmit}>
                    { words(&draft, text, &error_of) }
                    { welsh(&draft, text, &error_of) }
                    { event(&draft, text, &error_of) }
                    { when(&draft, text, &error_of) }
                    <div class="pe-actions">
                        <button type="submit" class="pe-button">{ submit_words(text, d, props.stored.is_some()) }</button>
                        if let Some(id) = &d.id {
                            <Link<Route> to={Route::CopyUpdate { id: id.clone() }} classes="pe-link">{ text.duplicate }</Link<Route>>
                        }
                    </div>
                </form>
                if let (Some(id), Some(stored)) = (&d.id, &props.stored) {
                    if stored.state != UpdateState::Withdrawn {
                        <section class="pe-panel pe-danger-zone" aria-labelledby="withdraw-heading">
                            <h2 class="pe-h2" id="withdraw-heading">{ text.withdraw }</h2>
                            <ConfirmDelete path={format!("/v1/updates/{id}")} action={text.withdraw} title={text.withdraw_title}
                                warning={text.withdraw_warning} confirm={text.withdraw_confirm} name={d.title.clone()} deleted={withdrawn} />
                        </section>
                    }
                }
                </div>
                <aside class="pe-editor-preview" aria-labelledby="preview-heading">
                    <h2 class="pe-h2" id="preview-heading">{ text.preview }</h2>
                    <p class="pe-hint">{ text.preview_hint }</p>
                    <DraftPreview input={d.input()} />
                </aside>
            </div>
        </Layout>
    }
}

type ErrorOf<'a> = dyn Fn(UpdateField) -> Option<String> + 'a;

/// A callback that puts a typed value into one field of the draft.
fn setter(draft: &UseStateHandle<Draft>, apply: fn(&mut Draft, String)) -> Callback<String> {
    let draft = draft.clone();
    Callback::from(move |value: String| {
        let mut next = (*draft).clone();
        apply(&mut next, value);
        draft.set(next);
    })
}

/// A field of the form for `field` of the API, with its words and error.
fn field<'a>(field: UpdateField, text: &'a Text, hint: Option<&'a str>, error: &'a Option<String>) -> Field<'a> {
    let f = Field::new(Draft::field_id(field), label(field, text), text).error(error.as_deref());
    match hint {
        Some(hint) => f.hint(hint),
        None => f,
    }
}

fn words(draft: &UseStateHandle<Draft>, text: &Text, error_of: &ErrorOf) -> Html {
    let d = &**draft;
    let categories: Vec<(String, String)> =
        Category::ALL.iter().map(|c| (c.name().to_owned(), text.category(*c).to_owned())).collect();
    let priorities: Vec<(String, String)> =
        Priority::ALL.iter().map(|p| (p.name().to_owned(), text.priority(*p).to_owned())).collect();
    let e = |f| error_of(f);
    let (title, summary, content, category, priority) = (
        e(UpdateField::Title),
        e(UpdateField::Summary),
        e(UpdateField::ContentText),
        e(UpdateField::Category),
        e(UpdateField::Priority),
    );
    let (area, reference, url, image, alt) = (
        e(UpdateField::Area),
        e(UpdateField::Reference),
        e(UpdateField::Url),
        e(UpdateField::Image),
        e(UpdateField::ImageAlt),
    );
    html! {
        <>
            <h2 class="pe-section-title">{ text.section_words }</h2>
            { input(field(UpdateField::Title, text, Some(text.f_title_hint), &title), "text", Some("off"), &d.title, setter(draft, |d, v| d.title = v)) }
            { textarea(field(UpdateField::Summary, text, Some(text.f_summary_hint), &summary), 3, &d.summary, setter(draft, |d, v| d.summary = v)) }
            { textarea(field(UpdateField::ContentText, text, Some(text.f_text_hint), &content), 6, &d.content_text, setter(draft, |d, v| d.content_text = v)) }
            <div class="pe-choices-across">
                { radios(field(UpdateField::Category, text, None, &category), &categories, &d.category, setter(draft, |d, v| d.category = v)) }
                { radios(field(UpdateField::Priority, text, Some(text.f_priority_hint), &priority), &priorities, &d.priority, setter(draft, |d, v| d.priority = v)) }
            </div>
            { input(field(UpdateField::Area, text, Some(text.f_area_hint), &area), "text", Some("off"), &d.area, setter(draft, |d, v| d.area = v)) }
            { input(field(UpdateField::Reference, text, Some(text.f_reference_hint), &reference), "text", Some("off"), &d.reference, setter(draft, |d, v| d.reference = v)) }
            { input(field(UpdateField::Url, text, Some(text.f_link_hint), &url), "url", Some("off"), &d.url, setter(draft, |d, v| d.url = v)) }
            { input(field(UpdateField::Image, text, Some(text.f_image_hint), &image), "url", Some("off"), &d.image, setter(draft, |d, v| d.image = v)) }
            { input(field(UpdateField::ImageAlt, text, Some(text.f_image_alt_hint), &alt), "text", Some("off"), &d.image_alt, setter(draft, |d, v| d.image_alt = v)) }
        </>
    }
}

fn welsh(draft: &UseStateHandle<Draft>, text: &Text, error_of: &ErrorOf) -> Html {
    let d = &**draft;
    let e = |f| error_of(f);
    let (title, summary, content, alt, address) = (
        e(UpdateField::CyTitle),
        e(UpdateField::CySummary),
        e(UpdateField::CyContentText),
        e(UpdateField::CyImageAlt),
        e(UpdateField::CyEventAddress),
    );
    let cy = |f: UpdateField, error| field(f, text, None, error).lang("cy");
    html! {
        <>
            <h2 class="pe-section-title">{ text.section_welsh }</h2>
            <p class="pe-hint">{ text.section_welsh_hint }</p>
            { input(cy(UpdateField::CyTitle, &title), "text", Some("off"), &d.cy_title, setter(draft, |d, v| d.cy_title = v)) }
            { textarea(cy(UpdateField::CySummary, &summary), 3, &d.cy_summary, setter(draft, |d, v| d.cy_summary = v)) }
            { textarea(cy(UpdateField::CyContentText, &content), 6, &d.cy_content_text, setter(draft, |d, v| d.cy_content_text = v)) }
            { input(cy(UpdateField::CyImageAlt, &alt), "text", Some("off"), &d.cy_image_alt, setter(draft, |d, v| d.cy_image_alt = v)) }
            { input(cy(UpdateField::CyEventAddress, &address), "text", Some("off"), &d.cy_event_address, setter(draft, |d, v| d.cy_event_address = v)) }
        </>
    }
}

fn event(draft: &UseStateHandle<Draft>, text: &Text, error_of: &ErrorOf) -> Html {
    let d = &**draft;
    let (start, end, address) =
        (error_of(UpdateField::EventStart), error_of(UpdateField::EventEnd), error_of(UpdateField::EventAddress));
    html! {
        <>
            <h2 class="pe-section-title">{ text.section_event }</h2>
            <p class="pe-hint">{ text.section_event_hint }</p>
            { input(field(UpdateField::EventStart, text, Some(text.uk_time), &start), "datetime-local", None, &d.event_start, setter(draft, |d, v| d.event_start = v)) }
            { input(field(UpdateField::EventEnd, text, Some(text.uk_time), &end), "datetime-local", None, &d.event_end, setter(draft, |d, v| d.event_end = v)) }
            { input(field(UpdateField::EventAddress, text, None, &address), "text", Some("off"), &d.event_address, setter(draft, |d, v| d.event_address = v)) }
        </>
    }
}

fn when(draft: &UseStateHandle<Draft>, text: &Text, error_of: &ErrorOf) -> Html {
    let d = &**draft;
    let (publish, expires) = (error_of(UpdateField::DatePublished), error_of(UpdateField::Expires));
    let choices =
        [("now".to_owned(), text.publish_now.to_owned()), ("later".to_owned(), text.publish_later.to_owned())];
    let chosen = if d.later { "later" } else { "now" };
    html! {
        <>
            <h2 class="pe-section-title">{ text.section_when }</h2>
            { radios(Field::new("publish", text.publish_when, text), &choices, chosen, setter(draft, |d, v| d.later = v == "later")) }
            if d.later {
                { input(field(UpdateField::DatePublished, text, Some(text.uk_time), &publish), "datetime-local", None, &d.publish_at, setter(draft, |d, v| d.publish_at = v)) }
            }
            { input(field(UpdateField::Expires, text, Some(text.f_expires_hint), &expires), "datetime-local", None, &d.expires, setter(draft, |d, v| d.expires = v)) }
        </>
    }
}

/// The words for each of the API's fields, for labels and problems.
fn label(field: UpdateField, text: &Text) -> &'static str {
    match field {
        UpdateField::Body | UpdateField::Id | UpdateField::Tags | UpdateField::Title => text.f_title,
        UpdateField::Summary => text.f_summary,
        UpdateField::ContentText => text.f_text,
        UpdateField::Url => text.f_link,
        UpdateField::Image => text.f_image,
        UpdateField::ImageAlt => text.f_image_alt,
        UpdateField::Category => text.f_category,
        UpdateField::Priority => text.f_priority,
        UpdateField::Area => text.f_area,
        UpdateField::Reference => text.f_reference,
        UpdateField::Expires => text.f_expires,
        UpdateField::EventStart => text.f_event_start,
        UpdateField::EventEnd => text.f_event_end,
        UpdateField::EventAddress => text.f_event_address,
        UpdateField::DatePublished => text.f_publish_time,
        UpdateField::CyTitle => text.f_cy_title,
        UpdateField::CySummary => text.f_cy_summary,
        UpdateField::CyContentText => text.f_cy_text,
        UpdateField::CyImageAlt => text.f_cy_image_alt,
        UpdateField::CyEventAddress => text.f_cy_event_address,
    }
}

fn submit_words(text: &Text, draft: &Draft, stored: bool) -> &'static str {
    match (stored, draft.later) {
        (_, true) => text.schedule_button,
        (true, false) => text.save_button,
        (false, false) => text.publish_button,
    }
}

fn done_notice(text: &Text, state: UpdateState, input: &UpdateInput) -> String {
    let template = match state {
        UpdateState::Scheduled => text.scheduled_notice,
        UpdateState::Withdrawn => text.withdrawn_notice,
        UpdateState::Live | UpdateState::Expired => text.published_notice,
    };
    fill(template, &title_of(input))
}

fn title_of(input: &UpdateInput) -> String {
    input.title.clone().unwrap_or_default()
}

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::feedback_form::FeedbackForm;
use super::heading::Heading;
use crate::delivery::{self, Delivered};
use crate::events;
use crate::feedback_client::{new_key, page_url, post, Outcome};
use crate::form_state::{FormAction, FormState, Stage};
use crate::i18n::{fill, Lang};
use crate::outbox::{self, Pending};

#[derive(Properties, PartialEq)]
pub struct FeedbackPanelProps {
    pub lang: Lang,
    /// Where feedback is POSTed (absolute).
    pub url: AttrValue,
    pub privacy: Option<AttrValue>,
    pub form: UseReducerHandle<FormState>,
    pub host: HtmlElement,
}

/// "Tell us what you think": the button, the form, and what happened to the
/// submission. A send that fails for want of a network is kept and retried;
/// nothing the resident typed is dropped until the server has stored it.
#[function_component]
pub fn FeedbackPanel(props: &FeedbackPanelProps) -> Html {
    let text = props.lang.form();
    let form = props.form.clone();
    let heading = use_node_ref();
    let summary = use_node_ref();
    let panel = use_node_ref();
    use_deliveries(&form, &props.host);
    use_focus(&form, [&heading, &summary, &panel]);
    let in_flight = use_mut_ref(|| false);
    let onsubmit = submit(props, form.clone(), in_flight);
    let open = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.dispatch(FormAction::Open(None)))
    };
    let again = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.dispatch(FormAction::Again))
    };
    let body = match &form.stage {
        Stage::Closed => html! {
            <button type="button" class="pe-button pe-button-secondary" part="button" aria-expanded="false" onclick={open}>
                { text.open }
            </button>
        },
        Stage::Editing | Stage::Sending => html! {
            <FeedbackForm lang={props.lang} form={form.clone()} privacy={props.privacy.clone()} {onsubmit} {heading} {summary} />
        },
        Stage::Saved { .. } => html! {
            <div class="pe-panel pe-panel-saved" part="saved" role="status">
                <Heading depth={1} class="pe-panel-title" node={panel}>{ text.saved_title }</Heading>
                <p>{ text.saved_body }</p>
            </div>
        },
        Stage::Sent { id } => html! {
            <div class="pe-panel pe-panel-sent" part="confirmation">
                <Heading depth={1} class="pe-panel-title" node={panel}>{ text.sent_title }</Heading>
                <p class="pe-panel-reference">{ fill(text.sent_reference, id) }</p>
                <p>{ text.sent_body }</p>
                <button type="button" class="pe-button pe-button-secondary" part="button" onclick={again}>{ text.send_another }</button>
            </div>
        },
    };
    html! { <div class="pe-feedback" part="feedback">{ body }</div> }
}

/// Validates, keeps the submission in the outbox, then sends it once now.
/// `in_flight` (not the rendered state, which a fast double click outruns)
/// makes a second click while sending do nothing.
fn submit(props: &FeedbackPanelProps, form: UseReducerHandle<FormState>, in_flight: Rc<RefCell<bool>>) -> Callback<()> {
    let (url, lang) = (props.url.to_string(), props.lang);
    Callback::from(move |()| {
        if in_flight.replace(true) {
            return;
        }
        let key = new_key();
        let submission = match form.draft.submission(form.about.as_ref(), lang.code(), &page_url(), &key) {
            Ok(submission) => submission,
            Err(errors) => {
                in_flight.replace(false);
                return form.dispatch(FormAction::Rejected(errors));
            }
        };
        form.dispatch(FormAction::Sending);
        outbox::add(Pending { url: url.clone(), submission: submission.clone() });
        let (url, form, in_flight) = (url.clone(), form.clone(), in_flight.clone());
        spawn_local(async move {
            let outcome = post(&url, &submission).await;
            in_flight.replace(false);
            match outcome {
                Outcome::Sent(id) => {
                    outbox::remove(&key);
                    form.dispatch(FormAction::Sent { key: None, id });
                }
                Outcome::Rejected(errors) => {
                    outbox::remove(&key);
                    form.dispatch(FormAction::Rejected(errors));
                }
                Outcome::Retry(after) => {
                    form.dispatch(FormAction::Saved { key });
                    delivery::schedule(after);
                }
            }
        });
    })
}

/// Hears the outbox's later deliveries (the reducer keeps only this form's),
/// and tells the host page when feedback is sent, however it got there.
#[hook]
fn use_deliveries(form: &UseReducerHandle<FormState>, host: &HtmlElement) {
    let dispatcher = form.dispatcher();
    use_effect_with((), move |_| {
        delivery::start();
        let subscription = delivery::subscribe(move |delivered| match delivered {
            Delivered::Sent { key, id } => dispatcher.dispatch(FormAction::Sent { key: Some(key), id }),
            Delivered::Rejected { key, errors } => dispatcher.dispatch(FormAction::RejectedLater { key, errors }),
        });
        move || drop(subscription)
    });
    let host = host.clone();
    use_effect_with(form.stage.clone(), move |stage| {
        if let Stage::Sent { id } = stage {
            events::dispatch(&host, events::FEEDBACK_SENT, &id.as_str().into());
        }
    });
}

/// Moves focus as GOV.UK forms do: to the form when opened, to the error
/// summary after a failed submit, to the panel that says what happened.
#[hook]
fn use_focus(form: &UseReducerHandle<FormState>, refs: [&NodeRef; 3]) {
    let [heading, summary, panel] = refs;
    let target = match form.stage {
        Stage::Editing if !form.errors.is_empty() => Some(summary.clone()),
        Stage::Editing => Some(heading.clone()),
        Stage::Saved { .. } | Stage::Sent { .. } => Some(panel.clone()),
        Stage::Closed | Stage::Sending => None,
    };
    let stage = std::mem::discriminant(&form.stage);
    use_effect_with((stage, form.attempts, form.opens), move |_| {
        if let Some(element) = target.and_then(|t| t.cast::<HtmlElement>()) {
            let _ = element.focus();
        }
    });
}

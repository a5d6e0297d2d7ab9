use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use super::feedback_form::FeedbackForm;
use super::heading::Heading;
use crate::delivery::{self, Delivered};
use crate::events;
use crate::form_state::{FormAction, FormState, Stage};
use crate::i18n::{fill, Lang, Words};
use crate::keys::new_key;
use crate::outbox::Pending;
use crate::urls::page_url;

#[derive(Properties, PartialEq)]
pub struct FeedbackPanelProps {
    pub lang: Lang,
    /// Where feedback is POSTed (absolute).
    pub url: AttrValue,
    pub privacy: Option<AttrValue>,
    pub form: UseReducerHandle<FormState>,
    pub host: HtmlElement,
}

/// The idempotency key of the draft being sent, made at its first submit
/// and kept until the server has stored it.
type DraftKey = Rc<RefCell<Option<String>>>;

/// "Tell us what you think": the button, the form, and what happened to the
/// submission. The delivery loop sends it; nothing the resident typed is
/// dropped until the server has stored it.
#[function_component]
pub fn FeedbackPanel(props: &FeedbackPanelProps) -> Html {
    let text = props.lang.form();
    let form = props.form.clone();
    let heading = use_node_ref();
    let summary = use_node_ref();
    let panel = use_node_ref();
    let key: DraftKey = use_mut_ref(|| None);
    use_deliveries(&form, &props.host, &key);
    use_focus(&form, [&heading, &summary, &panel]);
    let onsubmit = submit(props, form.clone(), key);
    let actions = form.dispatcher().to_callback();
    match &form.stage {
        Stage::Closed => open_button(props.lang, actions.reform(|_: MouseEvent| FormAction::Open(None))),
        Stage::Editing | Stage::Sending { .. } => html! {
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
                <button type="button" class="pe-button pe-button-secondary" part="button"
                    onclick={actions.reform(|_: MouseEvent| FormAction::Again)}>{ text.send_another }</button>
            </div>
        },
    }
}

/// "Tell us what you think", before the form is opened.
pub fn open_button(lang: Lang, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="pe-button pe-button-secondary" part="button" aria-expanded="false" {onclick}>
            { lang.form().open }
        </button>
    }
}

/// Checks the draft, then hands it to the delivery loop. One key per draft:
/// a second click (faster than any re-render) hands over the same
/// submission again, which the outbox holds once and the server stores once.
fn submit(props: &FeedbackPanelProps, form: UseReducerHandle<FormState>, key: DraftKey) -> Callback<()> {
    let (url, lang) = (props.url.to_string(), props.lang);
    Callback::from(move |()| {
        let key = key.borrow_mut().get_or_insert_with(new_key).clone();
        match form.draft.submission(form.about.as_ref(), lang.name(), &page_url(), &key) {
            Ok(submission) => {
                form.dispatch(FormAction::Sending { key });
                delivery::deliver(Pending { url: url.clone(), submission });
            }
            Err(errors) => form.dispatch(FormAction::Invalid(errors)),
        }
    })
}

/// Hears every delivery (the reducer keeps only this form's), starts the
/// loop for anything saved on an earlier visit, and tells the host page
/// when feedback is sent.
#[hook]
fn use_deliveries(form: &UseReducerHandle<FormState>, host: &HtmlElement, key: &DraftKey) {
    let dispatcher = form.dispatcher();
    let key = key.clone();
    use_effect_with((), move |_| {
        let subscription = delivery::subscribe(move |delivered| {
            if matches!(&delivered, Delivered::Sent { key: sent, .. } if key.borrow().as_ref() == Some(sent)) {
                key.replace(None);
            }
            dispatcher.dispatch(FormAction::Delivered(delivered));
        });
        delivery::start();
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
        Stage::Closed | Stage::Sending { .. } => None,
    };
    let stage = std::mem::discriminant(&form.stage);
    use_effect_with((stage, form.attempts, form.opens), move |_| {
        if let Some(element) = target.and_then(|t| t.cast::<HtmlElement>()) {
            let _ = element.focus();
        }
    });
}

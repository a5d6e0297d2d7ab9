use police_engage_contract::Field;
use yew::prelude::*;

use super::consent_field::consent_field;
use super::emergency_notice::emergency_notice;
use super::error_summary::ErrorSummary;
use super::form_fields::TextField;
use super::heading::Heading;
use super::honeypot::honeypot;
use super::message_field::message_field;
use super::rating_field::rating_field;
use crate::form_state::{About, FormAction, FormState, Stage, Typed};
use crate::i18n::{slot, Lang, Words};

#[derive(Properties, PartialEq)]
pub struct FeedbackFormProps {
    pub lang: Lang,
    pub form: UseReducerHandle<FormState>,
    pub privacy: Option<AttrValue>,
    pub onsubmit: Callback<()>,
    pub heading: NodeRef,
    pub summary: NodeRef,
}

/// The form itself, GOV.UK style, always headed by the not-for-emergencies notice.
#[function_component]
pub fn FeedbackForm(props: &FeedbackFormProps) -> Html {
    let text = props.lang.form();
    let state = &*props.form;
    let draft = &state.draft;
    let sending = matches!(state.stage, Stage::Sending { .. });
    let error = |field: Field| state.error_for(field).map(|e| text.error(field, e.code));
    let actions = props.form.dispatcher().to_callback();
    let set = |field: Typed| actions.reform(move |value: String| FormAction::Set(field, value));
    let onsubmit = props.onsubmit.reform(|e: SubmitEvent| e.prevent_default());
    let close = actions.reform(|_: MouseEvent| FormAction::Close);
    html! {
        <form class="pe-form" id="pe-feedback-form" part="form" novalidate=true {onsubmit}>
            <Heading depth={1} class="pe-form-heading" node={props.heading.clone()}>{ text.heading }</Heading>
            if let Some(about) = &state.about {
                <p class="pe-about">{ about_line(text.about, about) }</p>
            }
            { emergency_notice(props.lang) }
            if !state.errors.is_empty() {
                <ErrorSummary lang={props.lang} errors={state.errors.clone()} node={props.summary.clone()} />
            }
            { message_field(props.lang, &draft.message, error(Field::Message), &set(Typed::Message)) }
            { rating_field(props.lang, draft.rating, error(Field::Rating), &actions.reform(|n: u8| FormAction::Rate(Some(n)))) }
            <TextField id="pe-name" label={text.name_label} error={error(Field::Name).map(AttrValue::Static)} error_prefix={text.error_prefix}
                value={draft.name.clone()} autocomplete="name" oninput={set(Typed::Name)} />
            <TextField id="pe-email" label={text.email_label} hint={text.email_hint} error={error(Field::Email).map(AttrValue::Static)}
                error_prefix={text.error_prefix} value={draft.email.clone()} kind="email" autocomplete="email"
                oninput={set(Typed::Email)} />
            <TextField id="pe-area" label={text.area_label} hint={text.area_hint} error={error(Field::Area).map(AttrValue::Static)}
                error_prefix={text.error_prefix} value={draft.area.clone()} oninput={set(Typed::Area)} />
            { consent_field(props.lang, draft.consent, error(Field::ContactConsent), &actions.reform(FormAction::Consent)) }
            { honeypot(props.lang, &draft.website, &set(Typed::Website)) }
            if let Some(privacy) = &props.privacy {
                <p class="pe-privacy"><a href={privacy.clone()}>{ text.privacy }</a></p>
            }
            <div class="pe-actions">
                <button type="submit" class="pe-button" part="button" aria-disabled={sending.then_some("true")}>
                    { if sending { text.sending } else { text.submit } }
                </button>
                <button type="button" class="pe-button pe-button-secondary" part="button" onclick={close}>{ text.close }</button>
            </div>
        </form>
    }
}

/// "About: TITLE", the title marked with its language when it is not the widget's.
fn about_line(template: &str, about: &About) -> Html {
    let (before, after) = slot(template).unwrap_or((template, ""));
    html! { <>{ before }<span lang={about.lang}>{ &about.title }</span>{ after }</> }
}

use yew::prelude::*;

use super::character_count::CharacterCount;
use super::error_summary::ErrorSummary;
use super::form_fields::TextField;
use super::heading::Heading;
use crate::form_state::{Field, FormAction, FormState, Stage};
use crate::i18n::{fill, Lang};

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
    let sending = state.stage == Stage::Sending;
    let error = |field: &str| state.error_for(field).map(|e| AttrValue::Static(text.error(field, e.code)));
    let set = |field: Field| {
        let form = props.form.clone();
        Callback::from(move |value: String| form.dispatch(FormAction::Set(field, value)))
    };
    let onsubmit = {
        let submit = props.onsubmit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(())
        })
    };
    let close = {
        let form = props.form.clone();
        Callback::from(move |_: MouseEvent| form.dispatch(FormAction::Close))
    };
    let consent = {
        let form = props.form.clone();
        Callback::from(move |e: Event| {
            let checked = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some_and(|i| i.checked());
            form.dispatch(FormAction::Consent(checked))
        })
    };
    let rating_error = error("rating");
    html! {
        <form class="pe-form" id="pe-feedback-form" part="form" novalidate=true {onsubmit}>
            <Heading depth={1} class="pe-form-heading" node={props.heading.clone()}>{ text.heading }</Heading>
            if let Some(about) = &state.about {
                <p class="pe-about">{ fill(text.about, &about.title) }</p>
            }
            <div class="pe-emergency" part="emergency">
                <p class="pe-emergency-title">{ text.emergency_title }</p>
                <ul>
                    <li>{ text.emergency_999 }</li>
                    <li>{ text.emergency_101 }</li>
                    <li>{ text.crimestoppers }</li>
                </ul>
            </div>
            if !state.errors.is_empty() {
                <ErrorSummary lang={props.lang} errors={state.errors.clone()} node={props.summary.clone()} />
            }
            <TextField id="pe-message" label={text.message_label} hint={text.message_hint} error={error("message")}
                error_prefix={text.error_prefix} value={draft.message.clone()} oninput={set(Field::Message)}
                describedby={vec![AttrValue::Static("pe-message-limit")]} multiline=true>
                <CharacterCount lang={props.lang} length={draft.message.trim().chars().count()} />
            </TextField>
            <fieldset class={classes!("pe-fieldset", "pe-field", rating_error.as_ref().map(|_| "pe-field-invalid"))}
                aria-describedby={rating_error.as_ref().map(|_| "pe-rating-error")}>
                <legend class="pe-label">{ text.rating_legend }</legend>
                if let Some(message) = &rating_error {
                    <p class="pe-error-message" id="pe-rating-error">
                        <span class="pe-visually-hidden">{ text.error_prefix }{" "}</span>{ message }
                    </p>
                }
                <div class="pe-radios">
                    { for (1..=5u8).map(|n| {
                        let form = props.form.clone();
                        let onchange = Callback::from(move |_: Event| form.dispatch(FormAction::Rate(Some(n))));
                        let id = format!("pe-rating-{n}");
                        html! {
                            <div class="pe-choice">
                                <input type="radio" id={id.clone()} name="rating" value={n.to_string()}
                                    checked={draft.rating == Some(n)} {onchange} />
                                <label for={id}>{ text.ratings[usize::from(n - 1)] }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <TextField id="pe-name" label={text.name_label} error={error("name")} error_prefix={text.error_prefix}
                value={draft.name.clone()} autocomplete="name" oninput={set(Field::Name)} />
            <TextField id="pe-email" label={text.email_label} hint={text.email_hint} error={error("email")}
                error_prefix={text.error_prefix} value={draft.email.clone()} kind="email" autocomplete="email"
                oninput={set(Field::Email)} />
            <TextField id="pe-area" label={text.area_label} hint={text.area_hint} error={error("area")}
                error_prefix={text.error_prefix} value={draft.area.clone()} oninput={set(Field::Area)} />
            <div class={classes!("pe-field", error("contact_consent").map(|_| "pe-field-invalid"))}>
                if let Some(message) = error("contact_consent") {
                    <p class="pe-error-message" id="pe-consent-error">
                        <span class="pe-visually-hidden">{ text.error_prefix }{" "}</span>{ message }
                    </p>
                }
                <div class="pe-choice">
                    <input type="checkbox" id="pe-consent" name="contact_consent" checked={draft.consent}
                        aria-describedby={if error("contact_consent").is_some() { "pe-consent-hint pe-consent-error" } else { "pe-consent-hint" }}
                        aria-invalid={error("contact_consent").map(|_| "true")} onchange={consent} />
                    <label for="pe-consent">{ text.consent_label }</label>
                </div>
                <div class="pe-hint" id="pe-consent-hint">{ text.consent_hint }</div>
            </div>
            <div class="pe-honeypot" aria-hidden="true">
                <label for="pe-website">{ text.honeypot }</label>
                <input id="pe-website" name="website" type="text" tabindex="-1" autocomplete="off"
                    value={draft.website.clone()} oninput={honeypot(props.form.clone())} />
            </div>
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

fn honeypot(form: UseReducerHandle<FormState>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            form.dispatch(FormAction::Set(Field::Website, input.value()));
        }
    })
}

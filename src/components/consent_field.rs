use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::form_fields::inline_error;
use crate::i18n::{Lang, Words};

/// "You may contact me": needed only when an email address is given.
pub fn consent_field(lang: Lang, checked: bool, error: Option<&'static str>, onchange: &Callback<bool>) -> Html {
    let text = lang.form();
    let describedby = if error.is_some() { "pe-consent-hint pe-consent-error" } else { "pe-consent-hint" };
    let onchange = onchange.reform(|e: Event| e.target_dyn_into::<HtmlInputElement>().is_some_and(|i| i.checked()));
    html! {
        <div class={classes!("pe-field", error.map(|_| "pe-field-invalid"))}>
            if let Some(message) = error {
                { inline_error("pe-consent-error", text.error_prefix, message) }
            }
            <div class="pe-choice">
                <input type="checkbox" id="pe-consent" name="contact_consent" {checked}
                    aria-describedby={describedby} aria-invalid={error.map(|_| "true")} {onchange} />
                <label for="pe-consent">{ text.consent_label }</label>
            </div>
            <div class="pe-hint" id="pe-consent-hint">{ text.consent_hint }</div>
        </div>
    }
}

//! GOV.UK-pattern form fields: label, hint, inline error (introduced to
//! screen readers by "Error:"), control, wired with `aria-describedby`.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What every field has around its control.
pub struct Field<'a> {
    pub id: &'static str,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    pub error: Option<&'a str>,
    /// "Error:" in the page's language.
    pub prefix: &'static str,
}

impl Field<'_> {
    fn described_by(&self) -> Option<String> {
        let ids: Vec<String> =
            [self.hint.map(|_| format!("{}-hint", self.id)), self.error.map(|_| format!("{}-error", self.id))]
                .into_iter()
                .flatten()
                .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn wrap(&self, control: Html) -> Html {
        html! {
            <div class={classes!("pe-field", self.error.map(|_| "pe-field-invalid"))}>
                <label class="pe-label" for={self.id}>{ self.label }</label>
                if let Some(hint) = self.hint {
                    <div class="pe-hint" id={format!("{}-hint", self.id)}>{ hint }</div>
                }
                if let Some(error) = self.error {
                    <p class="pe-error-message" id={format!("{}-error", self.id)}>
                        <span class="pe-visually-hidden">{ self.prefix }{" "}</span>{ error }
                    </p>
                }
                { control }
            </div>
        }
    }
}

/// A one-line text input (`kind`: text, email, password, date, search, url).
pub fn input(
    field: Field<'_>,
    kind: &'static str,
    autocomplete: Option<&'static str>,
    value: &str,
    oninput: Callback<String>,
) -> Html {
    let oninput = oninput.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let control = html! {
        <input class={classes!("pe-input", field.error.map(|_| "pe-input-error"))} id={field.id} name={field.id} type={kind}
            {autocomplete} spellcheck={matches!(kind, "email" | "password").then_some("false")} value={value.to_owned()}
            aria-describedby={field.described_by()} aria-invalid={field.error.map(|_| "true")} {oninput} />
    };
    field.wrap(control)
}

pub fn textarea(field: Field<'_>, rows: u32, value: &str, oninput: Callback<String>) -> Html {
    let oninput = oninput.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let control = html! {
        <textarea class={classes!("pe-input", "pe-textarea", field.error.map(|_| "pe-input-error"))} id={field.id} name={field.id}
            rows={rows.to_string()} value={value.to_owned()} aria-describedby={field.described_by()}
            aria-invalid={field.error.map(|_| "true")} {oninput} />
    };
    field.wrap(control)
}

/// A choice from a list of `(value, words)`.
pub fn select(field: Field<'_>, options: &[(String, String)], selected: &str, onchange: Callback<String>) -> Html {
    let onchange = onchange.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let control = html! {
        <select class="pe-select" id={field.id} name={field.id} aria-describedby={field.described_by()} {onchange}>
            { for options.iter().map(|(value, words)| html! {
                <option value={value.clone()} selected={value == selected}>{ words }</option>
            }) }
        </select>
    };
    field.wrap(control)
}

//! GOV.UK-pattern form fields: label, hint, inline error (introduced to
//! screen readers by "Error:"), control, wired with `aria-describedby`.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::Text;

/// What every field has around its control.
pub struct Field<'a> {
    id: &'a str,
    label: &'a str,
    hint: Option<&'a str>,
    error: Option<&'a str>,
    /// "Error:" in the page's language.
    prefix: &'static str,
    /// The language of what is typed, when it is not the page's.
    lang: Option<&'static str>,
}

impl<'a> Field<'a> {
    pub fn new(id: &'a str, label: &'a str, text: &Text) -> Field<'a> {
        Field { id, label, hint: None, error: None, prefix: text.error_prefix, lang: None }
    }

    pub fn hint(self, hint: &'a str) -> Field<'a> {
        Field { hint: Some(hint), ..self }
    }

    pub fn error(self, error: Option<&'a str>) -> Field<'a> {
        Field { error, ..self }
    }

    /// For a field whose words are in another language (the Welsh version).
    pub fn lang(self, lang: &'static str) -> Field<'a> {
        Field { lang: Some(lang), ..self }
    }

    fn described_by(&self) -> Option<String> {
        let ids: Vec<String> =
            [self.hint.map(|_| format!("{}-hint", self.id)), self.error.map(|_| format!("{}-error", self.id))]
                .into_iter()
                .flatten()
                .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn hint_and_error(&self) -> Html {
        html! {
            <>
                if let Some(hint) = self.hint {
                    <div class="pe-hint" id={format!("{}-hint", self.id)}>{ hint }</div>
                }
                if let Some(error) = self.error {
                    <p class="pe-error-message" id={format!("{}-error", self.id)}>
                        <span class="pe-visually-hidden">{ self.prefix }{" "}</span>{ error }
                    </p>
                }
            </>
        }
    }

    /// Choices under a legend, with the hint and error as a field has them.
    fn fieldset(&self, class: &'static str, choices: Html) -> Html {
        html! {
            <div class={classes!("pe-field", self.error.map(|_| "pe-field-invalid"))}>
                <fieldset class="pe-fieldset" aria-describedby={self.described_by()}>
                    <legend class="pe-label">{ self.label }</legend>
                    { self.hint_and_error() }
                    <div class={class}>{ choices }</div>
                </fieldset>
            </div>
        }
    }

    fn wrap(&self, control: Html) -> Html {
        html! {
            <div class={classes!("pe-field", self.error.map(|_| "pe-field-invalid"))}>
                <label class="pe-label" for={self.id.to_owned()}>{ self.label }</label>
                { self.hint_and_error() }
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
        <input class={classes!("pe-input", field.error.map(|_| "pe-input-error"))} id={field.id.to_owned()} name={field.id.to_owned()} type={kind} lang={field.lang}
            {autocomplete} spellcheck={matches!(kind, "email" | "password").then_some("false")} value={value.to_owned()}
            aria-describedby={field.described_by()} aria-invalid={field.error.map(|_| "true")} {oninput} />
    };
    field.wrap(control)
}

pub fn textarea(field: Field<'_>, rows: u32, value: &str, oninput: Callback<String>) -> Html {
    let oninput = oninput.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let control = html! {
        <textarea class={classes!("pe-input", "pe-textarea", field.error.map(|_| "pe-input-error"))} id={field.id.to_owned()} name={field.id.to_owned()} lang={field.lang}
            rows={rows.to_string()} value={value.to_owned()} aria-describedby={field.described_by()}
            aria-invalid={field.error.map(|_| "true")} {oninput} />
    };
    field.wrap(control)
}

/// A choice from a list of `(value, words)`.
pub fn select(field: Field<'_>, options: &[(String, String)], selected: &str, onchange: Callback<String>) -> Html {
    let onchange = onchange.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let control = html! {
        <select class="pe-select" id={field.id.to_owned()} name={field.id.to_owned()} aria-describedby={field.described_by()} {onchange}>
            { for options.iter().map(|(value, words)| html! {
                <option value={value.clone()} selected={value == selected}>{ words }</option>
            }) }
        </select>
    };
    field.wrap(control)
}

/// One of several, as radios in a fieldset whose legend is the label. The
/// first radio carries the field's id, so an error links to it.
pub fn radios(field: Field<'_>, options: &[(String, String)], selected: &str, onchange: Callback<String>) -> Html {
    let choices = options.iter().enumerate().map(|(n, (value, words))| {
        let id = if n == 0 { field.id.to_owned() } else { format!("{}-{value}", field.id) };
        let value = value.clone();
        let chosen = value == selected;
        let onchange = onchange.reform(move |_: Event| value.clone());
        html! {
            <div class="pe-choice">
                <input type="radio" class="pe-radio" name={field.id.to_owned()} id={id.clone()} value={options[n].0.clone()}
                    checked={chosen} {onchange} />
                <label for={id}>{ words }</label>
            </div>
        }
    });
    field.fieldset("pe-radios", choices.collect::<Html>())
}

/// Any of several, as checkboxes in a fieldset; `onchange` gets a value and
/// whether it is now ticked.
pub fn checkboxes(
    field: Field<'_>,
    options: &[(String, String)],
    ticked: &[String],
    onchange: Callback<(String, bool)>,
) -> Html {
    let choices = options.iter().enumerate().map(|(n, (value, words))| {
        let id = if n == 0 { field.id.to_owned() } else { format!("{}-{value}", field.id) };
        let value = value.clone();
        let checked = ticked.contains(&value);
        let onchange = onchange.reform(move |e: Event| (value.clone(), e.target_unchecked_into::<HtmlInputElement>().checked()));
        html! {
            <div class="pe-choice">
                <input type="checkbox" class="pe-checkbox" name={field.id.to_owned()} id={id.clone()} value={options[n].0.clone()}
                    {checked} {onchange} />
                <label for={id}>{ words }</label>
            </div>
        }
    });
    field.fieldset("pe-radios", choices.collect::<Html>())
}

/// A control's `oninput` for one field of a form's state.
pub fn setter<T: Clone + 'static>(form: &UseStateHandle<T>, apply: fn(&mut T, String)) -> Callback<String> {
    let form = form.clone();
    Callback::from(move |value: String| {
        let mut next = (*form).clone();
        apply(&mut next, value);
        form.set(next);
    })
}

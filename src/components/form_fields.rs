//! GOV.UK-pattern form pieces: a labelled text control with its hint and
//! inline error, wired together with `aria-describedby` and `aria-invalid`.

use yew::prelude::*;

use crate::text::spaced;

/// The red message above a field that says what to fix, introduced to
/// screen readers by "Error:".
pub fn inline_error(id: &str, prefix: &'static str, message: &str) -> Html {
    html! {
        <p class="pe-error-message" id={id.to_owned()}>
            <span class="pe-visually-hidden">{ prefix }{" "}</span>{ message }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The inline error, if any, and the words that introduce it to screen readers.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub error_prefix: &'static str,
    pub value: AttrValue,
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    pub oninput: Callback<String>,
    /// Extra ids that also describe the control (e.g. a character count).
    #[prop_or_default]
    pub describedby: Vec<AttrValue>,
    /// A multi-line text area instead of an input.
    #[prop_or_default]
    pub multiline: bool,
    #[prop_or_default]
    pub children: Html,
}

/// One labelled text control.
#[function_component]
pub fn TextField(props: &FieldProps) -> Html {
    let id = &props.id;
    let hint_id = props.hint.as_ref().map(|_| format!("{id}-hint"));
    let error_id = props.error.as_ref().map(|_| format!("{id}-error"));
    let extra = props.describedby.iter().map(|id| id.as_str());
    let describedby = spaced(hint_id.as_deref().into_iter().chain(extra).chain(error_id.as_deref()));
    let describedby = (!describedby.is_empty()).then_some(describedby);
    let invalid = props.error.as_ref().map(|_| "true");
    let oninput = {
        let oninput = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(target) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                oninput.emit(target.value());
            } else if let Some(target) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                oninput.emit(target.value());
            }
        })
    };
    html! {
        <div class={classes!("pe-field", props.error.as_ref().map(|_| "pe-field-invalid"))}>
            <label class="pe-label" for={id.clone()}>{ &props.label }</label>
            if let (Some(hint), Some(hint_id)) = (&props.hint, &hint_id) {
                <div class="pe-hint" id={hint_id.clone()}>{ hint }</div>
            }
            if let (Some(error), Some(error_id)) = (&props.error, &error_id) {
                { inline_error(error_id, props.error_prefix, error) }
            }
            if props.multiline {
                <textarea class="pe-input pe-textarea" id={id.clone()} name={id.clone()} rows="5" value={props.value.clone()}
                    aria-describedby={describedby} aria-invalid={invalid} {oninput} />
            } else {
                <input class="pe-input" id={id.clone()} name={id.clone()} type={props.kind.clone()} value={props.value.clone()}
                    autocomplete={props.autocomplete.clone()} spellcheck={(props.kind == "email").then_some("false")}
                    aria-describedby={describedby} aria-invalid={invalid} {oninput} />
            }
            { props.children.clone() }
        </div>
    }
}

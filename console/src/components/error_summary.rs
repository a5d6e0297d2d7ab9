use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::api::ApiError;
use crate::i18n::Text;

/// One thing to fix, and the control it is about (to link and focus).
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorItem {
    pub message: String,
    pub target: Option<&'static str>,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    pub items: Vec<ErrorItem>,
}

/// GOV.UK's "There is a problem": takes focus when it appears, and each
/// link moves focus to its field.
#[function_component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.items.clone(), move |_| {
            if let Some(element) = node.cast::<HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    html! {
        <div class="pe-error-summary" role="alert" tabindex="-1" ref={node}>
            <h2 class="pe-error-summary-title">{ &props.title }</h2>
            <ul class="pe-error-summary-list">
                { for props.items.iter().map(|item| match item.target {
                    Some(target) => html! {
                        <li><a href={format!("#{target}")} onclick={focus(target)}>{ &item.message }</a></li>
                    },
                    None => html! { <li>{ &item.message }</li> },
                }) }
            </ul>
        </div>
    }
}

fn focus(target: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let field = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(target));
        if let Some(field) = field.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
            let _ = field.focus();
        }
    })
}

/// A failed sending as the form's messages: each problem the server named
/// in the words of its field (`field` gives a field's name on the wire its
/// control's id and label), with the value it is about when the server
/// names one; else one message that the server could not be reached.
pub fn field_errors(
    error: Option<&ApiError>,
    text: &Text,
    field: impl Fn(&str) -> (&'static str, &'static str),
) -> Vec<ErrorItem> {
    match error {
        None => Vec::new(),
        Some(ApiError::Refused { problems, .. }) => problems
            .iter()
            .map(|p| {
                let (target, label) = field(&p.field);
                let words = text.problem(label, p.code);
                let message = match &p.value {
                    Some(value) => format!("{words}: {value}"),
                    None => words,
                };
                ErrorItem { message, target: Some(target) }
            })
            .collect(),
        Some(other) => vec![ErrorItem { message: failure(other, text).into(), target: None }],
    }
}

/// Why a sending failed, when the server named no field.
pub fn failure(error: &ApiError, text: &Text) -> &'static str {
    match error {
        ApiError::NotAllowed => text.not_allowed,
        ApiError::SignedOut => text.session_ended,
        ApiError::NotFound | ApiError::Refused { .. } => text.not_done,
        ApiError::Network => text.network,
    }
}

/// The message for one control, if there is one.
pub fn error_for(errors: &[ErrorItem], target: &str) -> Option<String> {
    errors.iter().find(|e| e.target == Some(target)).map(|e| e.message.clone())
}

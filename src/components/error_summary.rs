use police_engage_contract::{Field, FieldError};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::heading::Heading;
use crate::i18n::{Lang, Words};

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub lang: Lang,
    pub errors: Vec<FieldError>,
    pub node: NodeRef,
}

/// The control each field's error links to; `None` for errors a resident cannot fix.
pub fn control_id(field: Field) -> Option<&'static str> {
    match field {
        Field::Message => Some("pe-message"),
        Field::Rating => Some("pe-rating-1"),
        Field::Name => Some("pe-name"),
        Field::Email => Some("pe-email"),
        Field::Area => Some("pe-area"),
        Field::ContactConsent => Some("pe-consent"),
        Field::About | Field::Lang | Field::Page | Field::Key | Field::Body => None,
    }
}

/// "There is a problem", with a link to each field. Takes focus when shown
/// (the form does that); links move focus to the field, as fragment links
/// cannot inside a shadow root.
#[function_component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let text = props.lang.form();
    // Each sentence once: several errors a resident cannot fix share one.
    let mut items: Vec<(Field, &str)> = Vec::new();
    for e in &props.errors {
        let words = text.error(e.field, e.code);
        if !items.iter().any(|(_, w)| *w == words) {
            items.push((e.field, words));
        }
    }
    html! {
        <div class="pe-error-summary" part="error-summary" role="alert" tabindex="-1" ref={props.node.clone()}>
            <Heading depth={2} class="pe-error-summary-title">{ text.summary_title }</Heading>
            <ul class="pe-error-summary-list">
                { for items.into_iter().map(|(field, words)| {
                    match control_id(field) {
                        Some(id) => html! { <li><a href={format!("#{id}")} onclick={focus(id)}>{ words }</a></li> },
                        None => html! { <li>{ words }</li> },
                    }
                }) }
            </ul>
        </div>
    }
}

fn focus(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let form = e.target_dyn_into::<Element>().and_then(|link| link.closest("form").ok().flatten());
        let field = form.and_then(|form| form.query_selector(&format!("#{id}")).ok().flatten());
        if let Some(field) = field.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
            let _ = field.focus();
        }
    })
}

//! Deleting for good, after a warning and a second press (GOV.UK's warning
//! button): withdrawing an update, removing a partner, erasing feedback. A
//! second press while one is under way sends nothing more; a failure is said
//! where the press was, never swallowed.

use yew::prelude::*;

use crate::api;
use crate::components::error_summary::failure;
use crate::hooks::use_submit;
use crate::i18n::Words;
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct ConfirmDeleteProps {
    /// What `DELETE` removes.
    pub path: String,
    /// The first button's words.
    pub action: &'static str,
    /// The warning's title, once asked.
    pub title: String,
    /// What deleting means, once asked.
    pub warning: &'static str,
    /// The second button's words.
    pub confirm: &'static str,
    /// What is deleted, added to each button's name for screen readers.
    pub name: String,
    /// A link-like first button, for a row of a table.
    #[prop_or_default]
    pub compact: bool,
    pub deleted: Callback<()>,
}

#[function_component]
pub fn ConfirmDelete(props: &ConfirmDeleteProps) -> Html {
    let text = use_session().lang.text();
    let asking = use_state(|| false);
    let path = props.path.clone();
    let request = move |()| {
        let path = path.clone();
        async move { api::delete(&path).await }
    };
    let submit = use_submit(request, props.deleted.clone());
    let toggle = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(!*asking))
    };
    let confirm = submit.send.reform(|_: MouseEvent| ());
    let hidden_name =
        |separator: &str| html! { <span class="pe-visually-hidden">{ format!("{separator}{}", props.name) }</span> };
    if !*asking {
        let class = if props.compact { "pe-link-button" } else { "pe-button pe-button-warning" };
        return html! { <button type="button" {class} onclick={toggle}>{ props.action }{ hidden_name(" ") }</button> };
    }
    html! {
        <div class="pe-warning" role="group" aria-label={props.title.clone()}>
            <p><strong class="pe-warning-text">{ &props.title }</strong>{" "}{ props.warning }</p>
            <div class="pe-actions">
                <button type="button" class="pe-button pe-button-warning" onclick={confirm}>{ props.confirm }{ hidden_name(": ") }</button>
                <button type="button" class="pe-link-button" onclick={toggle}>{ text.cancel }</button>
            </div>
            if let Some(error) = &submit.error {
                <p class="pe-error-message" role="alert">{ failure(error, text) }</p>
            }
        </div>
    }
}

//! Deleting for good, after a warning and a second press (GOV.UK's warning
//! button): withdrawing an update, removing a partner, erasing feedback. A
//! failure is said where the press was, never swallowed.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
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
    let failed = use_state(|| false);
    let toggle = {
        let (asking, failed) = (asking.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            failed.set(false);
            asking.set(!*asking);
        })
    };
    let confirm = {
        let (path, deleted, failed) = (props.path.clone(), props.deleted.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            let (path, deleted, failed) = (path.clone(), deleted.clone(), failed.clone());
            spawn_local(async move {
                match api::delete(&path).await {
                    Ok(()) => deleted.emit(()),
                    Err(_) => failed.set(true),
                }
            });
        })
    };
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
            if *failed {
                <p class="pe-error-message" role="alert">{ text.network }</p>
            }
        </div>
    }
}

use yew::prelude::*;

use super::update_card::UpdateCard;
use crate::form_state::About;
use crate::i18n::Lang;
use crate::updates::Update;

#[derive(Properties, PartialEq)]
pub struct UpdateListProps {
    pub updates: Vec<Update>,
    pub lang: Lang,
    pub now: f64,
    /// Opens the feedback form about an update; `None` when there is no form.
    #[prop_or_default]
    pub on_feedback: Option<Callback<About>>,
}

#[function_component]
pub fn UpdateList(props: &UpdateListProps) -> Html {
    html! {
        <ul class="pe-list" part="list">
            { for props.updates.iter().map(|update| html! {
                <UpdateCard key={update.id.clone()} update={update.clone()} lang={props.lang} now={props.now} on_feedback={props.on_feedback.clone()} />
            }) }
        </ul>
    }
}

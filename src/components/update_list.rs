use yew::prelude::*;

use super::update_card::UpdateCard;
use crate::i18n::Lang;
use crate::updates::Update;

#[derive(Properties, PartialEq)]
pub struct UpdateListProps {
    pub updates: Vec<Update>,
    pub lang: Lang,
    pub now: f64,
}

#[function_component]
pub fn UpdateList(props: &UpdateListProps) -> Html {
    html! {
        <ul class="pe-list" part="list">
            { for props.updates.iter().map(|update| html! {
                <UpdateCard key={update.id.clone()} update={update.clone()} lang={props.lang} now={props.now} />
            }) }
        </ul>
    }
}

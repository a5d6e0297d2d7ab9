use gloo_timers::callback::Timeout;
use police_engage_contract::MESSAGE_MAX;
use yew::prelude::*;

use crate::i18n::{fill, Lang, Words};

/// Screen readers hear the count only after typing pauses, as GOV.UK does.
const ANNOUNCE_AFTER_MS: u32 = 1000;

#[derive(Properties, PartialEq)]
pub struct CharacterCountProps {
    pub lang: Lang,
    /// Characters typed so far.
    pub length: usize,
}

/// "You have 1,980 characters remaining", visible at once and announced politely.
#[function_component]
pub fn CharacterCount(props: &CharacterCountProps) -> Html {
    let text = props.lang.form();
    let remaining = MESSAGE_MAX as i64 - props.length as i64;
    let message = if remaining >= 0 {
        fill(text.chars_left, &remaining.to_string())
    } else {
        fill(text.chars_over, &(-remaining).to_string())
    };
    let announced = use_state(String::new);
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        let announced = announced.clone();
        use_effect_with(message.clone(), move |message| {
            let message = message.clone();
            *timer.borrow_mut() = Some(Timeout::new(ANNOUNCE_AFTER_MS, move || announced.set(message)));
        });
    }
    html! {
        <>
            <p class="pe-visually-hidden" id="pe-message-limit">{ text.chars_limit }</p>
            <p class={classes!("pe-count", (remaining < 0).then_some("pe-count-over"))} aria-hidden="true">{ &message }</p>
            <p class="pe-visually-hidden" aria-live="polite">{ (*announced).clone() }</p>
        </>
    }
}

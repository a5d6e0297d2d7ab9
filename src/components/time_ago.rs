use yew::prelude::*;

use crate::i18n::Lang;
use crate::updates::Stamp;
use crate::when;

#[derive(Properties, PartialEq)]
pub struct TimeAgoProps {
    pub lang: Lang,
    pub stamp: Stamp,
    pub now: f64,
}

/// "3 hours ago", with the exact date and time as its title.
#[function_component]
pub fn TimeAgo(props: &TimeAgoProps) -> Html {
    let Stamp { raw, millis } = &props.stamp;
    html! {
        <time class="pe-time" datetime={raw.clone()} title={when::absolute(props.lang, *millis)}>
            { when::relative(props.lang, *millis, props.now) }
        </time>
    }
}

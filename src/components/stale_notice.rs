use yew::prelude::*;

use super::feed_error::RetryButton;
use crate::feed::FeedError;
use crate::i18n::{fill, Lang, Words};
use crate::when;

#[derive(Properties, PartialEq)]
pub struct StaleNoticeProps {
    pub lang: Lang,
    /// When the shown feed was fetched (Unix ms).
    pub at: f64,
    pub now: f64,
    pub error: FeedError,
    pub retry: Callback<()>,
    pub busy: bool,
}

/// Above a feed kept from earlier: how old it is, why it is not newer, Retry.
#[function_component]
pub fn StaleNotice(props: &StaleNoticeProps) -> Html {
    let text = props.lang.text();
    let ago = when::relative(props.lang, props.at, props.now);
    html! {
        <div class="pe-stale" part="stale">
            <p>{ fill(text.stale, &ago) }</p>
            <p>{ text.error(props.error) }</p>
            <RetryButton lang={props.lang} retry={props.retry.clone()} busy={props.busy} />
        </div>
    }
}

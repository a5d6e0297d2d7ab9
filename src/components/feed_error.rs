use yew::prelude::*;

use crate::feed::FeedError;
use crate::i18n::{Lang, Words};

#[derive(Properties, PartialEq)]
pub struct FeedErrorProps {
    pub lang: Lang,
    pub error: FeedError,
    pub retry: Callback<()>,
    pub busy: bool,
}

/// Shown when there is nothing to show: what went wrong, and Retry.
#[function_component]
pub fn FeedErrorNotice(props: &FeedErrorProps) -> Html {
    let text = props.lang.text();
    html! {
        <div class="pe-error" part="error" role="alert">
            <p class="pe-error-title">{ text.error_title }</p>
            <p>{ text.error(props.error) }</p>
            <RetryButton lang={props.lang} retry={props.retry.clone()} busy={props.busy} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RetryProps {
    pub lang: Lang,
    pub retry: Callback<()>,
    pub busy: bool,
}

/// Stays in place while retrying (so keyboard focus is not lost), marked busy.
#[function_component]
pub fn RetryButton(props: &RetryProps) -> Html {
    let retry = props.retry.clone();
    let busy = props.busy;
    let onclick = Callback::from(move |_: MouseEvent| {
        if !busy {
            retry.emit(())
        }
    });
    html! {
        <button type="button" class="pe-button" part="button" aria-disabled={busy.then_some("true")} {onclick}>
            { props.lang.text().retry }
        </button>
    }
}

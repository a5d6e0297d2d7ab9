use police_engage_contract::Status;
use yew::prelude::*;

use crate::i18n::{Lang, Words};

/// A GOV.UK tag: the status in words, its colour only a second cue.
pub fn status_tag(status: Status, lang: Lang) -> Html {
    let class = format!("pe-tag pe-tag-{}", status.name());
    html! { <strong class={class}>{ lang.text().status(status) }</strong> }
}

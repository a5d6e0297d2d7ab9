//! Share an update: the button and the status line it speaks through. The
//! loader (`www/police-engage.js`) does the sharing, from the data the
//! button carries: the device's share sheet where the browser has the Web
//! Share API (phones do), else the link copied and said. Appeals travel by
//! residents passing them on.

use yew::prelude::*;

use crate::i18n::{fill, Lang, Words};

pub fn share_button(lang: Lang, title: &str, title_lang: Option<&'static str>, url: &str) -> Html {
    let text = lang.text();
    html! {
        <>
            <button type="button" class="pe-link-button" part="share-button" data-pe-share={url.to_owned()}
                data-pe-title={title.to_owned()} data-pe-copied={text.link_copied} data-pe-failed={fill(text.copy_link, url)}>
                { text.share }<span class="pe-visually-hidden">{": "}<span lang={title_lang}>{ title.to_owned() }</span></span>
            </button>
            <p class="pe-hint pe-share-status" role="status"></p>
        </>
    }
}

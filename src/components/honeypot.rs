use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{Lang, Words};

/// A field hidden from people and screen readers, out of the tab order:
/// only a bot fills it, and the server then stores nothing.
pub fn honeypot(lang: Lang, value: &str, oninput: &Callback<String>) -> Html {
    let oninput =
        oninput.reform(|e: InputEvent| e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default());
    html! {
        <div class="pe-honeypot" aria-hidden="true">
            <label for="pe-website">{ lang.form().honeypot }</label>
            <input id="pe-website" name="website" type="text" tabindex="-1" autocomplete="off" value={value.to_owned()} {oninput} />
        </div>
    }
}

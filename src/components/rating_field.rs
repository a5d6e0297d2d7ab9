use yew::prelude::*;

use super::form_fields::inline_error;
use crate::i18n::{Lang, Words};

/// "How would you rate our service?": five labelled radios, optional.
pub fn rating_field(lang: Lang, rating: Option<u8>, error: Option<&'static str>, onchange: &Callback<u8>) -> Html {
    let text = lang.form();
    html! {
        <fieldset class={classes!("pe-fieldset", "pe-field", error.map(|_| "pe-field-invalid"))}
            aria-describedby={error.map(|_| "pe-rating-error")}>
            <legend class="pe-label">{ text.rating_legend }</legend>
            if let Some(message) = error {
                { inline_error("pe-rating-error", text.error_prefix, message) }
            }
            <div class="pe-radios">
                { for (1..=5u8).map(|n| {
                    let onchange = onchange.reform(move |_: Event| n);
                    let id = format!("pe-rating-{n}");
                    html! {
                        <div class="pe-choice">
                            <input type="radio" id={id.clone()} name="rating" value={n.to_string()}
                                checked={rating == Some(n)} {onchange} />
                            <label for={id}>{ text.ratings[usize::from(n - 1)] }</label>
                        </div>
                    }
                }) }
            </div>
        </fieldset>
    }
}

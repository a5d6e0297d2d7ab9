use police_engage_contract::length;
use yew::prelude::*;

use super::character_count::CharacterCount;
use super::form_fields::TextField;
use crate::i18n::{Lang, Words};

/// The feedback itself, with its character count.
pub fn message_field(lang: Lang, value: &str, error: Option<&'static str>, oninput: &Callback<String>) -> Html {
    let text = lang.form();
    html! {
        <TextField id="pe-message" label={text.message_label} hint={text.message_hint} error={error.map(AttrValue::Static)}
            error_prefix={text.error_prefix} value={value.to_owned()} oninput={oninput.clone()}
            describedby={vec![AttrValue::Static("pe-message-limit")]} multiline=true>
            <CharacterCount {lang} length={length(value.trim())} />
        </TextField>
    }
}

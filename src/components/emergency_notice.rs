use yew::prelude::*;

use crate::i18n::{Lang, Words};

/// Always above the form: it is not for emergencies or reporting crime.
pub fn emergency_notice(lang: Lang) -> Html {
    let text = lang.form();
    html! {
        <div class="pe-emergency" part="emergency">
            <p class="pe-emergency-title">{ text.emergency_title }</p>
            <ul>
                <li>{ text.emergency_999 }</li>
                <li>{ text.emergency_101 }</li>
                <li>{ text.crimestoppers }</li>
            </ul>
        </div>
    }
}

use yew::prelude::*;

use crate::i18n::{Lang, Words};

#[derive(Properties, PartialEq)]
pub struct AppealInfoProps {
    pub lang: Lang,
    pub reference: Option<AttrValue>,
}

/// "I have information": the right channels for an appeal, never the
/// feedback form, which is not for reporting crime.
#[function_component]
pub fn AppealInfo(props: &AppealInfoProps) -> Html {
    let (text, form) = (props.lang.text(), props.lang.form());
    html! {
        <details class="pe-info" part="information">
            <summary class="pe-info-summary">{ form.have_information }</summary>
            <ul class="pe-info-list">
                <li>
                    { form.emergency_101 }
                    if let Some(reference) = &props.reference {
                        {" "}{ text.reference_hint }{" "}<strong>{ reference }</strong>
                    }
                </li>
                <li>{ form.crimestoppers }</li>
                <li>{ form.emergency_999 }</li>
            </ul>
        </details>
    }
}

//! Alerts by email, below the updates: how many residents receive them, by
//! area, and what each alert run sent (addresses are never listed); admins
//! can erase an address on request.

use police_engage_contract::{AlertsSummary, EraseSubscriber, Erased};
use yew::prelude::*;

use crate::api;
use crate::components::error_summary::failure;
use crate::components::fields::{input, Field};
use crate::format;
use crate::hooks::{use_load, use_submit, Load};
use crate::i18n::{fill, Words};
use crate::session::use_session;

#[function_component]
pub fn AlertsSection() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let admin = session.signed_in().is_some_and(|me| me.role.can_administer());
    let (summary, reload) = use_load::<AlertsSummary>("/v1/alerts".to_owned());
    let Load::Loaded(summary) = summary else { return Html::default() };
    if !summary.enabled {
        return Html::default();
    }
    html! {
        <section class="pe-section" aria-labelledby="alerts-heading">
            <h2 class="pe-h2" id="alerts-heading">{ text.alerts_title }</h2>
            <div class="pe-table-wrap">
            <table class="pe-table">
                <caption class="pe-h3">{ text.subscribers_by_area }</caption>
                <thead><tr><th scope="col">{ text.area }</th><th scope="col">{ text.subscribers }</th></tr></thead>
                <tbody>
                    if summary.areas.is_empty() {
                        <tr><td colspan="2">{ text.no_subscribers }</td></tr>
                    }
                    { for summary.areas.iter().map(|(area, n)| html! {
                        <tr><th scope="row">{ area.clone().unwrap_or_else(|| text.every_area.to_owned()) }</th><td>{ n }</td></tr>
                    }) }
                </tbody>
            </table>
            </div>
            <div class="pe-table-wrap">
            <table class="pe-table">
                <caption class="pe-h3">{ text.alerts_sent }</caption>
                <thead><tr><th scope="col">{ text.col_title }</th><th scope="col">{ text.sent_to }</th><th scope="col">{ text.col_when }</th></tr></thead>
                <tbody>
                    if summary.runs.is_empty() {
                        <tr><td colspan="3">{ text.no_alerts_sent }</td></tr>
                    }
                    { for summary.runs.iter().map(|r| html! {
                        <tr><th scope="row" class="pe-break">{ &r.title }</th><td>{ r.sent }</td><td class="pe-nowrap">{ format::when(&r.at, lang) }</td></tr>
                    }) }
                </tbody>
            </table>
            </div>
            if admin {
                <EraseAddress reload={reload} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EraseProps {
    reload: Callback<()>,
}

#[function_component]
fn EraseAddress(props: &EraseProps) -> Html {
    let text = use_session().lang.text();
    let email = use_state(String::new);
    let erased = use_state(|| None::<String>);
    let done = {
        let (email, erased, reload) = (email.clone(), erased.clone(), props.reload.clone());
        Callback::from(move |answer: Erased| {
            erased.set(Some(answer.erased));
            email.set(String::new());
            reload.emit(());
        })
    };
    let submit = use_submit(|body: EraseSubscriber| async move { api::post("/v1/alerts/erase", &body).await }, done);
    let onsubmit = {
        let (email, send, erased) = (email.clone(), submit.send.clone(), erased.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            erased.set(None);
            send.emit(EraseSubscriber { email: (*email).clone() });
        })
    };
    let error = submit.error.as_ref().map(|e| match e {
        crate::api::ApiError::NotFound => text.not_subscribed,
        other => failure(other, text),
    });
    html! {
        <form novalidate=true {onsubmit} class="pe-narrow">
            <h3 class="pe-h3">{ text.erase_subscriber }</h3>
            if let Some(address) = &*erased {
                <div class="pe-notice" role="status">{ fill(text.subscriber_erased, address) }</div>
            }
            { input(Field::new("erase-email", text.email_label, text).hint(text.erase_subscriber_hint).error(error), "email", Some("off"), &email, { let email = email.clone(); Callback::from(move |v| email.set(v)) }) }
            <button type="submit" class="pe-button pe-button-warning" aria-disabled={submit.busy.then_some("true")}>{ text.erase_subscriber_button }</button>
        </form>
    }
}

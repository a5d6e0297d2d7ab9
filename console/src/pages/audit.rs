//! "Audit log": who did what, when and from where, newest first (admins),
//! and below it any mail that could not be delivered.

use police_engage_contract::{AuditPage as Page, FailedMail};
use yew::prelude::*;

use crate::components::layout::Layout;
use crate::format;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::Words;
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn AuditPage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let before = use_state(|| None::<String>);
    let path = match &*before {
        Some(b) => crate::api::with_query("/v1/audit", &[("before", b)]),
        None => "/v1/audit".to_owned(),
    };
    let (page, _) = use_load::<Page>(path);
    let older = |next: String| {
        let before = before.clone();
        Callback::from(move |_: MouseEvent| before.set(Some(next.clone())))
    };
    let newest = {
        let before = before.clone();
        Callback::from(move |_: MouseEvent| before.set(None))
    };
    html! {
        <Layout title={text.audit_title} current={Route::Audit}>
            <h1 class="pe-h1">{ text.audit_title }</h1>
            <UndeliveredMail />
            <p class="pe-lead">{ text.audit_intro }</p>
            <p><a class="pe-link" href="/v1/audit?format=csv" download="audit-log.csv">{ text.download_csv }</a></p>
            if let Load::Loaded(page) = &page {
                <div class="pe-table-wrap">
                <table class="pe-table">
                    <caption class="pe-visually-hidden">{ text.audit_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_when }</th><th scope="col">{ text.col_who }</th>
                        <th scope="col">{ text.col_what }</th><th scope="col">{ text.col_target }</th>
                        <th scope="col">{ text.col_detail }</th><th scope="col">{ text.col_address }</th>
                    </tr></thead>
                    <tbody>{ for page.entries.iter().map(|e| html! {
                        <tr>
                            <td class="pe-nowrap">{ format::when(&e.at, lang) }</td>
                            <td class="pe-break">{ &e.actor }</td>
                            <td>{ text.action(e.action) }</td>
                            <td class="pe-break">{ e.target.clone().unwrap_or_default() }</td>
                            <td class="pe-break">{ e.detail.clone().unwrap_or_default() }</td>
                            <td>{ e.address.clone().unwrap_or_default() }</td>
                        </tr>
                    }) }</tbody>
                </table>
                </div>
                <div class="pe-pagination">
                    if before.is_some() {
                        <button type="button" class="pe-link-button" onclick={newest}>{ text.newest }</button>
                    }
                    if let Some(next) = &page.next {
                        <button type="button" class="pe-link-button" onclick={older(next.clone())}>{ text.older }</button>
                    }
                </div>
            } else {
                { unloaded(&page, lang) }
            }
        </Layout>
    }
}

/// Mail the server gave up on, with the mail server's answer, so an admin
/// can reach the resident another way; nothing when all was delivered.
#[function_component]
fn UndeliveredMail() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let (failed, _) = use_load::<Vec<FailedMail>>("/v1/mail/failed".to_owned());
    let Load::Loaded(failed) = failed else { return Html::default() };
    if failed.is_empty() {
        return Html::default();
    }
    html! {
        <section class="pe-panel pe-warning" aria-labelledby="undelivered-heading">
            <h2 class="pe-h2" id="undelivered-heading">{ text.undelivered_title }</h2>
            <p>{ text.undelivered_intro }</p>
            <div class="pe-table-wrap">
            <table class="pe-table">
                <caption class="pe-visually-hidden">{ text.undelivered_title }</caption>
                <thead><tr>
                    <th scope="col">{ text.col_when }</th><th scope="col">{ text.col_to }</th>
                    <th scope="col">{ text.col_kind }</th><th scope="col">{ text.col_answer }</th>
                </tr></thead>
                <tbody>{ for failed.iter().map(|m| html! {
                    <tr>
                        <td class="pe-nowrap">{ format::when(&m.created_at, lang) }</td>
                        <td class="pe-break">{ &m.recipient }</td>
                        <td>{ &m.kind }</td>
                        <td class="pe-break">{ &m.error }</td>
                    </tr>
                }) }</tbody>
            </table>
            </div>
        </section>
    }
}

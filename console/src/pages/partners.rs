//! "Partners" (admins): the sites whose pages may send residents' feedback.
//! Adding or removing one applies at once, on every server.

use police_engage_contract::{NewPartner, Partner};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::confirm_delete::ConfirmDelete;
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::fields::{input, textarea, Field};
use crate::components::layout::Layout;
use crate::format;
use crate::i18n::{fill, Lang, Text, Words};
use crate::load::{unloaded, use_load, Load};
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn PartnersPage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let (partners, reload) = use_load::<Vec<Partner>>("/v1/partners".to_owned());
    let notice = use_state(|| None::<String>);
    let on_change = {
        let (notice, reload) = (notice.clone(), reload.clone());
        Callback::from(move |words: String| {
            notice.set(Some(words));
            reload.emit(());
        })
    };
    html! {
        <Layout title={text.partners_title} current={Route::Partners}>
            <h1 class="pe-h1">{ text.partners_title }</h1>
            <p class="pe-lead">{ text.partners_intro }</p>
            if let Some(notice) = &*notice {
                <div class="pe-notice" role="status">{ notice }</div>
            }
            if let Load::Loaded(partners) = &partners {
                { list(partners, lang, &on_change) }
            } else {
                { unloaded(&partners, lang) }
            }
            <AddPartner added={on_change.clone()} />
        </Layout>
    }
}

/// Remove, after a warning and a second press; the notice says it was done.
fn remove(partner: &Partner, text: &'static Text, on_change: &Callback<String>) -> Html {
    let removed = on_change.reform({
        let name = partner.name.clone();
        move |()| fill(text.removed_notice, &name)
    });
    html! {
        <ConfirmDelete path={format!("/v1/partners/{}", partner.id)} action={text.remove} title={fill(text.remove_title, &partner.name)}
            warning={text.remove_warning} confirm={text.remove_confirm} name={partner.name.clone()} compact=true deleted={removed} />
    }
}

fn list(partners: &[Partner], lang: Lang, on_change: &Callback<String>) -> Html {
    let text = lang.text();
    if partners.is_empty() {
        return html! { <p class="pe-empty">{ text.no_partners }</p> };
    }
    html! {
        <div class="pe-table-wrap">
        <table class="pe-table">
            <caption class="pe-visually-hidden">{ text.partners_title }</caption>
            <thead><tr>
                <th scope="col">{ text.col_name }</th><th scope="col">{ text.col_origins }</th>
                <th scope="col">{ text.col_contact }</th><th scope="col">{ text.col_since }</th>
                <th scope="col"><span class="pe-visually-hidden">{ text.remove }</span></th>
            </tr></thead>
            <tbody>{ for partners.iter().map(|p| html! {
                <tr>
                    <th scope="row" class="pe-break">{ &p.name }</th>
                    <td class="pe-break">{ for p.origins.iter().map(|o| html! { <div>{ o }</div> }) }</td>
                    <td class="pe-break">{ p.contact.clone().unwrap_or_default() }</td>
                    <td class="pe-nowrap">{ format::day(&p.created_at, lang) }</td>
                    <td>{ remove(p, text, on_change) }</td>
                </tr>
            }) }</tbody>
        </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AddPartnerProps {
    added: Callback<String>,
}

#[function_component]
fn AddPartner(props: &AddPartnerProps) -> Html {
    let text = use_session().lang.text();
    let name = use_state(String::new);
    let origins = use_state(String::new);
    let contact = use_state(String::new);
    let problems = use_state(Vec::<(&'static str, String)>::new);
    let onsubmit = {
        let (name, origins, contact, problems, added) =
            (name.clone(), origins.clone(), contact.clone(), problems.clone(), props.added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = NewPartner {
                name: (*name).clone(),
                origins: origins.lines().map(str::to_owned).collect(),
                contact: Some((*contact).clone()).filter(|c| !c.trim().is_empty()),
            };
            let (name, origins, contact, problems, added) =
                (name.clone(), origins.clone(), contact.clone(), problems.clone(), added.clone());
            spawn_local(async move {
                match api::post::<_, Partner>("/v1/partners", &body).await {
                    Ok(partner) => {
                        problems.set(Vec::new());
                        name.set(String::new());
                        origins.set(String::new());
                        contact.set(String::new());
                        added.emit(fill(text.partner_added, &partner.name));
                    }
                    Err(ApiError::Refused { problems: found, .. }) => problems.set(
                        found
                            .iter()
                            .map(|p| {
                                let (target, label) = match p.field.as_str() {
                                    "name" => ("partner-name", text.f_partner_name),
                                    "contact" => ("partner-contact", text.f_contact),
                                    _ => ("partner-origins", text.f_origins),
                                };
                                // An origin's problem names the origin: the server's words say which.
                                let words =
                                    if target == "partner-origins" && p.code == police_engage_contract::Code::Invalid {
                                        let origin = p.message.rsplit_once(": ").map_or("", |(origin, _)| origin);
                                        format!("{}: {origin}", text.problem(label, p.code))
                                    } else {
                                        text.problem(label, p.code)
                                    };
                                (target, words)
                            })
                            .collect(),
                    ),
                    Err(_) => problems.set(vec![("partner-name", text.network.to_owned())]),
                }
            });
        })
    };
    let error_of = |target: &str| problems.iter().find(|(t, _)| *t == target).map(|(_, m)| m.clone());
    let (name_error, origins_error, contact_error) =
        (error_of("partner-name"), error_of("partner-origins"), error_of("partner-contact"));
    let summary: Vec<ErrorItem> =
        problems.iter().map(|(t, m)| ErrorItem { message: m.clone(), target: Some(t) }).collect();
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <section aria-labelledby="add-partner" class="pe-section pe-narrow">
            <h2 class="pe-h2" id="add-partner">{ text.add_partner }</h2>
            if !summary.is_empty() {
                <ErrorSummary title={text.problem} items={summary} />
            }
            <form novalidate=true {onsubmit}>
                { input(Field::new("partner-name", text.f_partner_name, text).error(name_error.as_deref()), "text", Some("organization"), &name, set(&name)) }
                { textarea(Field::new("partner-origins", text.f_origins, text).hint(text.f_origins_hint).error(origins_error.as_deref()), 3, &origins, set(&origins)) }
                { input(Field::new("partner-contact", text.f_contact, text).hint(text.f_contact_hint).error(contact_error.as_deref()), "text", Some("off"), &contact, set(&contact)) }
                <button type="submit" class="pe-button">{ text.add_partner }</button>
            </form>
        </section>
    }
}

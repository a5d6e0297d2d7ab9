//! "Partners" (admins): the sites whose pages may send residents' feedback.
//! Adding or removing one applies at once, on every server.

use police_engage_contract::{NewPartner, Partner};
use yew::prelude::*;

use crate::api;
use crate::components::confirm_delete::ConfirmDelete;
use crate::components::error_summary::{error_for, field_errors, ErrorSummary};
use crate::components::fields::{input, setter, textarea, Field};
use crate::components::layout::Layout;
use crate::format;
use crate::hooks::use_submit;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{fill, Lang, Text, Words};
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

/// What is typed into Add a partner.
#[derive(Clone, Default, PartialEq)]
struct PartnerForm {
    name: String,
    origins: String,
    contact: String,
}

impl PartnerForm {
    fn body(&self) -> NewPartner {
        NewPartner {
            name: self.name.clone(),
            origins: self.origins.lines().map(str::to_owned).collect(),
            contact: Some(self.contact.clone()).filter(|c| !c.trim().is_empty()),
        }
    }
}

#[function_component]
fn AddPartner(props: &AddPartnerProps) -> Html {
    let text = use_session().lang.text();
    let form = use_state(PartnerForm::default);
    let added = {
        let (form, added) = (form.clone(), props.added.clone());
        Callback::from(move |partner: Partner| {
            form.set(PartnerForm::default());
            added.emit(fill(text.partner_added, &partner.name));
        })
    };
    let submit = use_submit(|body: NewPartner| async move { api::post("/v1/partners", &body).await }, added);
    let onsubmit = {
        let (form, send) = (form.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(form.body());
        })
    };
    let errors = field_errors(submit.error.as_ref(), text, |field| match field {
        "name" => ("partner-name", text.f_partner_name),
        "contact" => ("partner-contact", text.f_contact),
        _ => ("partner-origins", text.f_origins),
    });
    let error = |target| error_for(&errors, target);
    let (name_error, origins_error, contact_error) =
        (error("partner-name"), error("partner-origins"), error("partner-contact"));
    html! {
        <section aria-labelledby="add-partner" class="pe-section pe-narrow">
            <h2 class="pe-h2" id="add-partner">{ text.add_partner }</h2>
            if !errors.is_empty() {
                <ErrorSummary title={text.problem} items={errors.clone()} />
            }
            <form novalidate=true {onsubmit}>
                { input(Field::new("partner-name", text.f_partner_name, text).error(name_error.as_deref()), "text", Some("organization"), &form.name, setter(&form, |f, v| f.name = v)) }
                { textarea(Field::new("partner-origins", text.f_origins, text).hint(text.f_origins_hint).error(origins_error.as_deref()), 3, &form.origins, setter(&form, |f, v| f.origins = v)) }
                { input(Field::new("partner-contact", text.f_contact, text).hint(text.f_contact_hint).error(contact_error.as_deref()), "text", Some("off"), &form.contact, setter(&form, |f, v| f.contact = v)) }
                <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ text.add_partner }</button>
            </form>
        </section>
    }
}

//! "People": who may sign in, and with which role (admins). Disabling
//! someone ends their sessions at once; no one can disable themselves.
//! Someone locked out by failed sign-ins can be unlocked here, and someone
//! who lost their phone can have their second factors reset.

use police_engage_contract::{NewPerson, Person, PersonChange, Role};
use yew::prelude::*;

use crate::api;
use crate::components::error_summary::{error_for, field_errors, ErrorSummary};
use crate::components::fields::{input, select, setter, Field};
use crate::components::layout::Layout;
use crate::format;
use crate::hooks::use_submit;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{fill, Words};
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn PeoplePage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let me = session.signed_in().cloned().expect("signed in");
    let (people, reload) = use_load::<Vec<Person>>("/v1/people".to_owned());
    let changed = reload.reform(|_: Person| ());
    let changing = use_submit(
        |(id, change): (String, PersonChange)| async move { api::patch(&format!("/v1/people/{id}"), &change).await },
        changed,
    );
    let change = |id: String, change: PersonChange| {
        let send = changing.send.clone();
        Callback::from(move |_: MouseEvent| send.emit((id.clone(), change.clone())))
    };
    let change_errors = field_errors(changing.error.as_ref(), text, |_| ("people-table", text.people_title));
    let roles: Vec<(String, String)> =
        Role::ALL.iter().map(|r| (r.name().to_owned(), text.role(*r).to_owned())).collect();
    html! {
        <Layout title={text.people_title} current={Route::People}>
            <h1 class="pe-h1">{ text.people_title }</h1>
            if !change_errors.is_empty() {
                <ErrorSummary title={text.problem} items={change_errors} />
            }
            if let Load::Loaded(people) = &people {
                <div class="pe-table-wrap">
                <table class="pe-table" id="people-table" tabindex="-1">
                    <caption class="pe-visually-hidden">{ text.people_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_email }</th><th scope="col">{ text.col_role }</th>
                        <th scope="col">{ text.col_state }</th><th scope="col">{ text.col_second_factors }</th>
                        <th scope="col">{ text.col_since }</th>
                        <th scope="col"><span class="pe-visually-hidden">{ text.change_role }</span></th>
                    </tr></thead>
                    <tbody>{ for people.iter().map(|p| {
                        let mine = p.id == me.id;
                        let toggle = PersonChange { disabled: Some(!p.disabled), ..PersonChange::default() };
                        let unlock = PersonChange { locked: Some(false), ..PersonChange::default() };
                        let reset = PersonChange { second_factors: Some(0), ..PersonChange::default() };
                        let state = match (p.disabled, p.locked) {
                            (true, _) => text.disabled,
                            (false, true) => text.locked,
                            (false, false) => text.active,
                        };
                        html! {
                            <tr>
                                <th scope="row" class="pe-break">{ &p.email }{ if mine { format!(" {}", text.you) } else { String::new() } }</th>
                                <td>{ text.role(p.role) }</td>
                                <td>{ state }</td>
                                <td>{ p.second_factors }</td>
                                <td>{ format::day(&p.created_at, lang) }</td>
                                <td>
                                    if !mine {
                                        <RoleChanger person={p.clone()} roles={roles.clone()} change={changing.send.clone()} />
                                        <button type="button" class="pe-link-button" aria-disabled={changing.busy.then_some("true")} onclick={change(p.id.clone(), toggle)}>
                                            { if p.disabled { text.enable } else { text.disable } }
                                            <span class="pe-visually-hidden">{ " " }{ &p.email }</span>
                                        </button>
                                        if p.locked {
                                            <button type="button" class="pe-link-button" aria-disabled={changing.busy.then_some("true")} onclick={change(p.id.clone(), unlock)}>
                                                { text.unlock }
                                                <span class="pe-visually-hidden">{ " " }{ &p.email }</span>
                                            </button>
                                        }
                                        if p.second_factors > 0 {
                                            <button type="button" class="pe-link-button" aria-disabled={changing.busy.then_some("true")} onclick={change(p.id.clone(), reset)}>
                                                { text.reset_second_factors }
                                                <span class="pe-visually-hidden">{ " " }{ &p.email }</span>
                                            </button>
                                        }
                                    }
                                </td>
                            </tr>
                        }
                    }) }</tbody>
                </table>
                </div>
                <AddPerson reload={reload.clone()} roles={roles.clone()} />
            } else {
                { unloaded(&people, lang) }
            }
        </Layout>
    }
}

#[derive(Properties, PartialEq)]
struct RoleChangerProps {
    person: Person,
    roles: Vec<(String, String)>,
    change: Callback<(String, PersonChange)>,
}

#[function_component]
fn RoleChanger(props: &RoleChangerProps) -> Html {
    let text = use_session().lang.text();
    let onchange = props.change.reform({
        let id = props.person.id.clone();
        move |value: String| (id.clone(), PersonChange { role: Role::parse(&value), ..PersonChange::default() })
    });
    let field_id = format!("role-{}", props.person.id);
    let label = format!("{} {}", text.change_role, props.person.email);
    html! {
        <div class="pe-compact">
            { select(Field::new(&field_id, &label, text), &props.roles, props.person.role.name(), onchange) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AddPersonProps {
    reload: Callback<()>,
    roles: Vec<(String, String)>,
}

/// What is typed into Add a person.
#[derive(Clone, PartialEq)]
struct PersonForm {
    email: String,
    role: String,
    password: String,
}

#[function_component]
fn AddPerson(props: &AddPersonProps) -> Html {
    let text = use_session().lang.text();
    let form = use_state(|| PersonForm {
        email: String::new(),
        role: Role::Responder.name().to_owned(),
        password: String::new(),
    });
    let added = use_state(|| None::<String>);
    let done = {
        let (form, added, reload) = (form.clone(), added.clone(), props.reload.clone());
        Callback::from(move |person: Person| {
            added.set(Some(fill(text.person_added, &person.email)));
            form.set(PersonForm { email: String::new(), password: String::new(), ..(*form).clone() });
            reload.emit(());
        })
    };
    let submit = use_submit(|body: NewPerson| async move { api::post("/v1/people", &body).await }, done);
    let onsubmit = {
        let (form, send) = (form.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(NewPerson {
                email: form.email.clone(),
                role: Role::parse(&form.role),
                password: form.password.clone(),
            });
        })
    };
    let errors = field_errors(submit.error.as_ref(), text, |field| match field {
        "password" => ("new-password", text.first_password),
        _ => ("new-email", text.email_label),
    });
    let (email_error, password_error) = (error_for(&errors, "new-email"), error_for(&errors, "new-password"));
    html! {
        <section aria-labelledby="add-heading" class="pe-section">
            <h2 class="pe-h2" id="add-heading">{ text.add_person }</h2>
            if let Some(added) = &*added {
                <div class="pe-notice" role="status">{ added }</div>
            }
            if !errors.is_empty() {
                <ErrorSummary title={text.problem} items={errors.clone()} />
            }
            <form novalidate=true class="pe-narrow" {onsubmit}>
                { input(Field::new("new-email", text.email_label, text).error(email_error.as_deref()), "email", Some("off"), &form.email, setter(&form, |f, v| f.email = v)) }
                { select(Field::new("new-role", text.role_label, text), &props.roles, &form.role, setter(&form, |f, v| f.role = v)) }
                { input(Field::new("new-password", text.first_password, text).hint(text.first_password_hint).error(password_error.as_deref()), "password", Some("new-password"), &form.password, setter(&form, |f, v| f.password = v)) }
                <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ text.add_person }</button>
            </form>
        </section>
    }
}

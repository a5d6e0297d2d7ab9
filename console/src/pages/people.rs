//! "People": who may sign in, and with which role (admins). Disabling
//! someone ends their sessions at once; no one can disable themselves.
//! Someone locked out by failed sign-ins can be unlocked here.

use police_engage_contract::{NewPerson, Person, PersonChange, Role};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::fields::{input, select, Field};
use crate::components::layout::Layout;
use crate::format;
use crate::i18n::{fill, Words};
use crate::load::{unloaded, use_load, Load};
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn PeoplePage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let me = session.signed_in().cloned().expect("signed in");
    let (people, reload) = use_load::<Vec<Person>>("/v1/people".to_owned());
    let change = |id: String, change: PersonChange| {
        let reload = reload.clone();
        Callback::from(move |_: MouseEvent| {
            let (id, change, reload) = (id.clone(), change.clone(), reload.clone());
            spawn_local(async move {
                let _ = api::patch::<_, Person>(&format!("/v1/people/{id}"), &change).await;
                reload.emit(());
            });
        })
    };
    let roles: Vec<(String, String)> =
        Role::ALL.iter().map(|r| (r.name().to_owned(), text.role(*r).to_owned())).collect();
    html! {
        <Layout title={text.people_title} current={Route::People}>
            <h1 class="pe-h1">{ text.people_title }</h1>
            if let Load::Loaded(people) = &people {
                <div class="pe-table-wrap">
                <table class="pe-table">
                    <caption class="pe-visually-hidden">{ text.people_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_email }</th><th scope="col">{ text.col_role }</th>
                        <th scope="col">{ text.col_state }</th><th scope="col">{ text.col_since }</th>
                        <th scope="col"><span class="pe-visually-hidden">{ text.change_role }</span></th>
                    </tr></thead>
                    <tbody>{ for people.iter().map(|p| {
                        let mine = p.id == me.id;
                        let toggle = PersonChange { disabled: Some(!p.disabled), ..PersonChange::default() };
                        let unlock = PersonChange { locked: Some(false), ..PersonChange::default() };
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
                                <td>{ format::day(&p.created_at, lang) }</td>
                                <td>
                                    if !mine {
                                        <RoleChanger person={p.clone()} roles={roles.clone()} reload={reload.clone()} />
                                        <button type="button" class="pe-link-button" onclick={change(p.id.clone(), toggle)}>
                                            { if p.disabled { text.enable } else { text.disable } }
                                            <span class="pe-visually-hidden">{ " " }{ &p.email }</span>
                                        </button>
                                        if p.locked {
                                            <button type="button" class="pe-link-button" onclick={change(p.id.clone(), unlock)}>
                                                { text.unlock }
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
    reload: Callback<()>,
}

#[function_component]
fn RoleChanger(props: &RoleChangerProps) -> Html {
    let text = use_session().lang.text();
    let id = props.person.id.clone();
    let reload = props.reload.clone();
    let onchange = Callback::from(move |value: String| {
        let (id, reload) = (id.clone(), reload.clone());
        spawn_local(async move {
            let change = PersonChange { role: Role::parse(&value), ..PersonChange::default() };
            let _ = api::patch::<_, Person>(&format!("/v1/people/{id}"), &change).await;
            reload.emit(());
        });
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

#[function_component]
fn AddPerson(props: &AddPersonProps) -> Html {
    let text = use_session().lang.text();
    let email = use_state(String::new);
    let role = use_state(|| Role::Responder.name().to_owned());
    let password = use_state(String::new);
    let errors = use_state(Vec::<(ErrorItem, &'static str)>::new);
    let added = use_state(|| None::<String>);
    let onsubmit = {
        let (email, role, password, errors, added, reload) =
            (email.clone(), role.clone(), password.clone(), errors.clone(), added.clone(), props.reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = NewPerson { email: (*email).clone(), role: Role::parse(&role), password: (*password).clone() };
            let (email, password, errors, added, reload) =
                (email.clone(), password.clone(), errors.clone(), added.clone(), reload.clone());
            spawn_local(async move {
                match api::post::<_, Person>("/v1/people", &body).await {
                    Ok(person) => {
                        added.set(Some(fill(text.person_added, &person.email)));
                        errors.set(Vec::new());
                        email.set(String::new());
                        password.set(String::new());
                        reload.emit(());
                    }
                    Err(ApiError::Refused { problems, .. }) => errors.set(
                        problems
                            .iter()
                            .map(|p| {
                                let (target, label) = if p.field == "password" {
                                    ("new-password", text.first_password)
                                } else {
                                    ("new-email", text.email_label)
                                };
                                (ErrorItem { message: text.problem(label, p.code), target: Some(target) }, target)
                            })
                            .collect(),
                    ),
                    Err(_) => errors.set(vec![(ErrorItem { message: text.network.into(), target: None }, "")]),
                }
            });
        })
    };
    let error_for = |target: &str| errors.iter().find(|(_, t)| *t == target).map(|(i, _)| i.message.clone());
    let (email_error, password_error) = (error_for("new-email"), error_for("new-password"));
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <section aria-labelledby="add-heading" class="pe-section">
            <h2 class="pe-h2" id="add-heading">{ text.add_person }</h2>
            if let Some(added) = &*added {
                <div class="pe-notice" role="status">{ added }</div>
            }
            if !errors.is_empty() {
                <ErrorSummary title={text.problem} items={errors.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>()} />
            }
            <form novalidate=true class="pe-narrow" {onsubmit}>
                { input(Field::new("new-email", text.email_label, text).error(email_error.as_deref()), "email", Some("off"), &email, set(&email)) }
                { select(Field::new("new-role", text.role_label, text), &props.roles, &role, set(&role)) }
                { input(Field::new("new-password", text.first_password, text).hint(text.first_password_hint).error(password_error.as_deref()), "password", Some("new-password"), &password, set(&password)) }
                <button type="submit" class="pe-button">{ text.add_person }</button>
            </form>
        </section>
    }
}

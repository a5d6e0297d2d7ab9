use police_engage_contract::{Code, Me, SignIn};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::fields::{input, Field};
use crate::components::layout::Layout;
use crate::i18n::{fill, Words};
use crate::route::Route;
use crate::session::use_session;

/// "Sign in": email address and password, one answer for any mistake.
#[function_component]
pub fn SignInPage() -> Html {
    let session = use_session();
    let text = session.lang.text();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let errors = use_state(Vec::<(ErrorItem, &'static str)>::new);
    let busy = use_state(|| false);
    if session.signed_in().is_some() {
        return html! { <Redirect<Route> to={Route::Inbox} /> };
    }
    let onsubmit = {
        let (email, password, errors, busy) = (email.clone(), password.clone(), errors.clone(), busy.clone());
        let set_me = session.set_me.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let mut missing = Vec::new();
            if email.trim().is_empty() {
                missing.push((ErrorItem { message: text.enter_email.into(), target: Some("email") }, "email"));
            }
            if password.is_empty() {
                missing.push((ErrorItem { message: text.enter_password.into(), target: Some("password") }, "password"));
            }
            if !missing.is_empty() {
                return errors.set(missing);
            }
            busy.set(true);
            let body = SignIn { email: (*email).clone(), password: (*password).clone() };
            let (errors, busy, set_me, password) = (errors.clone(), busy.clone(), set_me.clone(), password.clone());
            spawn_local(async move {
                let result = api::post::<_, Me>("/v1/session", &body).await;
                busy.set(false);
                match result {
                    Ok(me) => set_me.emit(Some(me)),
                    Err(error) => {
                        password.set(String::new());
                        errors
                            .set(vec![(ErrorItem { message: refusal(&error, text), target: Some("email") }, "email")]);
                    }
                }
            });
        })
    };
    let error_for = |field: &str| errors.iter().find(|(_, f)| *f == field).map(|(item, _)| item.message.clone());
    let (email_error, password_error) = (error_for("email"), error_for("password"));
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let email_field = Field::new("email", text.email_label, text).error(email_error.as_deref());
    let password_field = Field::new("password", text.password_label, text).error(password_error.as_deref());
    html! {
        <Layout title={text.sign_in_title}>
            <div class="pe-narrow">
                if !errors.is_empty() {
                    <ErrorSummary title={text.problem} items={errors.iter().map(|(item, _)| item.clone()).collect::<Vec<_>>()} />
                }
                <h1 class="pe-h1">{ text.sign_in_title }</h1>
                <p>{ text.sign_in_intro }</p>
                <form novalidate=true {onsubmit}>
                    { input(email_field, "email", Some("username"), &email, set(&email)) }
                    { input(password_field, "password", Some("current-password"), &password, set(&password)) }
                    <button type="submit" class="pe-button" aria-disabled={busy.then_some("true")}>{ text.sign_in_button }</button>
                </form>
            </div>
        </Layout>
    }
}

/// The words for a refused sign-in: wrong details, or locked for a while.
fn refusal(error: &ApiError, text: &crate::i18n::Text) -> String {
    match error {
        ApiError::Refused { problems, retry_after } if problems.iter().any(|p| p.code == Code::RateLimited) => {
            let minutes = retry_after.unwrap_or(900).div_ceil(60).max(1);
            fill(text.sign_in_locked, &minutes.to_string())
        }
        ApiError::Refused { .. } | ApiError::SignedOut => text.sign_in_failed.into(),
        ApiError::NotAllowed | ApiError::NotFound | ApiError::Network => text.network.into(),
    }
}

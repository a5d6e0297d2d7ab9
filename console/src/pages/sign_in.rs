use police_engage_contract::{Code, SignIn};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::error_summary::{error_for, ErrorItem, ErrorSummary};
use crate::components::fields::{input, setter, Field};
use crate::components::layout::Layout;
use crate::hooks::use_submit;
use crate::i18n::{fill, Words};
use crate::route::Route;
use crate::session::use_session;

/// "Sign in": email address and password, one answer for any mistake.
#[function_component]
pub fn SignInPage() -> Html {
    let session = use_session();
    let text = session.lang.text();
    let form = use_state(SignIn::default);
    let missing = use_state(Vec::<ErrorItem>::new);
    let submit =
        use_submit(|body: SignIn| async move { api::post("/v1/session", &body).await }, session.set_me.reform(Some));
    if session.signed_in().is_some() {
        return html! { <Redirect<Route> to={Route::Inbox} /> };
    }
    let onsubmit = {
        let (form, missing, send, busy) = (form.clone(), missing.clone(), submit.send.clone(), submit.busy);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if busy {
                return;
            }
            let mut absent = Vec::new();
            if form.email.trim().is_empty() {
                absent.push(ErrorItem { message: text.enter_email.into(), target: Some("email") });
            }
            if form.password.is_empty() {
                absent.push(ErrorItem { message: text.enter_password.into(), target: Some("password") });
            }
            if absent.is_empty() {
                send.emit((*form).clone());
                // Not kept, whatever the answer.
                form.set(SignIn { password: String::new(), ..(*form).clone() });
            }
            missing.set(absent);
        })
    };
    let errors = match &submit.error {
        Some(error) if missing.is_empty() => vec![ErrorItem { message: refusal(error, text), target: Some("email") }],
        _ => (*missing).clone(),
    };
    let (email_error, password_error) = (error_for(&errors, "email"), error_for(&errors, "password"));
    let email_field = Field::new("email", text.email_label, text).error(email_error.as_deref());
    let password_field = Field::new("password", text.password_label, text).error(password_error.as_deref());
    html! {
        <Layout title={text.sign_in_title}>
            <div class="pe-narrow">
                if !errors.is_empty() {
                    <ErrorSummary title={text.problem} items={errors.clone()} />
                }
                <h1 class="pe-h1">{ text.sign_in_title }</h1>
                <p>{ text.sign_in_intro }</p>
                <form novalidate=true {onsubmit}>
                    { input(email_field, "email", Some("username"), &form.email, setter(&form, |f, v| f.email = v)) }
                    { input(password_field, "password", Some("current-password"), &form.password, setter(&form, |f, v| f.password = v)) }
                    <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ text.sign_in_button }</button>
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

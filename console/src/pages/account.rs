//! "Your account": who you are here, how you sign in, a new password (the
//! current one asked again), and signing out on every device.

use police_engage_contract::{Me, PasswordChange, SignedOut};
use yew::prelude::*;

use crate::api;
use crate::components::error_summary::{error_for, failure, field_errors, ErrorSummary};
use crate::components::fields::{input, setter, Field};
use crate::components::layout::Layout;
use crate::hooks::use_submit;
use crate::i18n::Words;
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn AccountPage() -> Html {
    let session = use_session();
    let text = session.lang.text();
    let me = session.signed_in().cloned().expect("signed in");
    let row =
        |key: &'static str, value: &str| html! { <div class="pe-summary-row"><dt>{ key }</dt><dd>{ value }</dd></div> };
    html! {
        <Layout title={text.nav_account} current={Route::Account}>
            <h1 class="pe-h1">{ text.nav_account }</h1>
            <dl class="pe-summary pe-narrow">
                { row(text.email_label, &me.email) }
                { row(text.col_role, text.role(me.role)) }
                { row(text.sign_in_method, text.method_password) }
            </dl>
            <ChangePassword />
            <SignOutEverywhere />
        </Layout>
    }
}

#[function_component]
fn ChangePassword() -> Html {
    let text = use_session().lang.text();
    let form = use_state(PasswordChange::default);
    let changed = use_state(|| false);
    let done = {
        let (form, changed) = (form.clone(), changed.clone());
        Callback::from(move |_: Me| {
            form.set(PasswordChange::default());
            changed.set(true);
        })
    };
    let submit = use_submit(|body: PasswordChange| async move { api::post("/v1/me/password", &body).await }, done);
    let onsubmit = {
        let (form, changed, send) = (form.clone(), changed.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            changed.set(false);
            send.emit((*form).clone());
        })
    };
    let errors = field_errors(submit.error.as_ref(), text, |field| match field {
        "new" => ("new-password", text.new_password),
        _ => ("current-password", text.current_password),
    });
    let (current_error, new_error) = (error_for(&errors, "current-password"), error_for(&errors, "new-password"));
    html! {
        <section aria-labelledby="password-heading" class="pe-section pe-narrow">
            <h2 class="pe-h2" id="password-heading">{ text.change_password }</h2>
            if *changed {
                <div class="pe-notice" role="status">{ text.password_changed }</div>
            }
            if !errors.is_empty() {
                <ErrorSummary title={text.problem} items={errors.clone()} />
            }
            <form novalidate=true {onsubmit}>
                { input(Field::new("current-password", text.current_password, text).error(current_error.as_deref()), "password", Some("current-password"), &form.current, setter(&form, |f, v| f.current = v)) }
                { input(Field::new("new-password", text.new_password, text).hint(text.new_password_hint).error(new_error.as_deref()), "password", Some("new-password"), &form.new, setter(&form, |f, v| f.new = v)) }
                <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ text.change_password }</button>
            </form>
        </section>
    }
}

#[function_component]
fn SignOutEverywhere() -> Html {
    let session = use_session();
    let text = session.lang.text();
    let signed_out = session.set_me.reform(|_: SignedOut| None);
    let submit = use_submit(|()| async move { api::post("/v1/me/sign-out-everywhere", &()).await }, signed_out);
    let onclick = submit.send.reform(|_: MouseEvent| ());
    html! {
        <section aria-labelledby="everywhere-heading" class="pe-section pe-narrow">
            <h2 class="pe-h2" id="everywhere-heading">{ text.sign_out_everywhere }</h2>
            <p class="pe-hint">{ text.sign_out_everywhere_hint }</p>
            <button type="button" class="pe-button pe-button-secondary" {onclick}>{ text.sign_out_everywhere }</button>
            if let Some(error) = &submit.error {
                <p class="pe-error-message" role="alert">{ failure(error, text) }</p>
            }
        </section>
    }
}

//! "Sign in": the force's identity provider when one is configured, an
//! email address and password (one answer for any mistake), then a security
//! code when the person has an authenticator app; or a passkey alone.

use police_engage_contract::{
    Code, PasskeyFinish, PasskeyStart, ProviderRefusal, SecurityCode, SignIn, SignInOptions, SignInStep,
};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::error_summary::{error_for, ErrorItem, ErrorSummary};
use crate::components::fields::{input, setter, Field};
use crate::components::layout::Layout;
use crate::hooks::{use_load, use_submit, Load};
use crate::i18n::{fill, Text, Words};
use crate::passkey;
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn SignInPage() -> Html {
    let session = use_session();
    let text = session.lang.text();
    // After a right password, a second factor is asked for here: (a code, a passkey).
    let asking = use_state(|| None::<(bool, bool)>);
    let timed_out = use_state(|| false);
    let (options, _) = use_load::<SignInOptions>("/v1/session/options".into());
    let step = {
        let (asking, timed_out, set_me) = (asking.clone(), timed_out.clone(), session.set_me.clone());
        Callback::from(move |step: SignInStep| match step {
            SignInStep::SignedIn(me) => set_me.emit(Some(me)),
            SignInStep::SecondFactor { code, passkey } => {
                timed_out.set(false);
                asking.set(Some((code, passkey)));
            }
        })
    };
    if session.signed_in().is_some() {
        return html! { <Redirect<Route> to={Route::Inbox} /> };
    }
    let refused = refused_by_provider().map(|r| refusal_words(r, text));
    let provider = match options {
        Load::Loaded(options) => options.provider,
        _ => None,
    };
    let back_to_password = {
        let (asking, timed_out) = (asking.clone(), timed_out.clone());
        Callback::from(move |()| {
            asking.set(None);
            timed_out.set(true);
        })
    };
    html! {
        <Layout title={match *asking { Some((true, _)) => text.security_code_title, Some(_) => text.use_passkey_title, None => text.sign_in_title }}>
            <div class="pe-narrow">
                if let Some((code, passkey)) = *asking {
                    if code {
                        <CodeForm done={step.clone()} timed_out={back_to_password} />
                    } else {
                        <h1 class="pe-h1">{ text.use_passkey_title }</h1>
                    }
                    if passkey {
                        <PasskeyButton done={step} />
                    }
                } else {
                    if let Some(message) = refused {
                        <ErrorSummary title={text.problem} items={vec![ErrorItem { message, target: None }]} />
                    }
                    if *timed_out {
                        <div class="pe-notice" role="status">{ text.sign_in_timed_out }</div>
                    }
                    <h1 class="pe-h1">{ text.sign_in_title }</h1>
                    if let Some(name) = provider {
                        <a class="pe-button pe-button-start" href="/v1/session/oidc/start">{ fill(text.sign_in_with, &name) }</a>
                        <h2 class="pe-h2">{ text.or_password }</h2>
                    } else {
                        <p>{ text.sign_in_intro }</p>
                    }
                    <PasswordForm done={step.clone()} />
                    <PasskeyButton done={step} />
                }
            </div>
        </Layout>
    }
}

#[derive(Properties, PartialEq)]
struct StepProps {
    done: Callback<SignInStep>,
}

#[function_component]
fn PasswordForm(props: &StepProps) -> Html {
    let text = use_session().lang.text();
    let form = use_state(SignIn::default);
    let missing = use_state(Vec::<ErrorItem>::new);
    let submit = use_submit(|body: SignIn| async move { api::post("/v1/session", &body).await }, props.done.clone());
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
        <>
            if !errors.is_empty() {
                <ErrorSummary title={text.problem} items={errors.clone()} />
            }
            <form novalidate=true {onsubmit}>
                { input(email_field, "email", Some("username webauthn"), &form.email, setter(&form, |f, v| f.email = v)) }
                { input(password_field, "password", Some("current-password"), &form.password, setter(&form, |f, v| f.password = v)) }
                <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ text.sign_in_button }</button>
            </form>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CodeProps {
    done: Callback<SignInStep>,
    /// The half sign-in ended: back to the password.
    timed_out: Callback<()>,
}

#[function_component]
fn CodeForm(props: &CodeProps) -> Html {
    let text = use_session().lang.text();
    let code = use_state(String::new);
    let missing = use_state(|| false);
    let submit = use_submit(
        |body: SecurityCode| async move { api::post("/v1/session/security-code", &body).await },
        props.done.clone(),
    );
    {
        let timed_out = props.timed_out.clone();
        use_effect_with(submit.error.clone(), move |error| {
            if matches!(error, Some(ApiError::SignedOut)) {
                timed_out.emit(());
            }
        });
    }
    let onsubmit = {
        let (code, missing, send) = (code.clone(), missing.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            missing.set(code.trim().is_empty());
            if !code.trim().is_empty() {
                send.emit(SecurityCode { code: (*code).clone() });
                code.set(String::new());
            }
        })
    };
    let error = match &submit.error {
        _ if *missing => Some(text.enter_security_code.to_owned()),
        Some(error) => Some(code_refusal(error, text)),
        None => None,
    };
    let items: Vec<ErrorItem> =
        error.iter().map(|message| ErrorItem { message: message.clone(), target: Some("code") }).collect();
    let field =
        Field::new("code", text.security_code_label, text).hint(text.security_code_hint).error(error.as_deref());
    html! {
        <>
            if error.is_some() {
                <ErrorSummary title={text.problem} {items} />
            }
            <h1 class="pe-h1">{ text.security_code_title }</h1>
            <form novalidate=true {onsubmit}>
                { input(field, "text", Some("one-time-code"), &code, { let code = code.clone(); Callback::from(move |v| code.set(v)) }) }
                <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ text.continue_button }</button>
            </form>
        </>
    }
}

/// "Sign in with a passkey": the device offers whichever it holds for this
/// console; nothing is typed.
#[function_component]
fn PasskeyButton(props: &StepProps) -> Html {
    let text = use_session().lang.text();
    let submit = use_submit(|()| sign_in_with_passkey(), props.done.clone());
    if !passkey::available() {
        return html! {};
    }
    let onclick = submit.send.reform(|_: MouseEvent| ());
    html! {
        <div class="pe-section">
            <button type="button" class="pe-button pe-button-secondary" aria-disabled={submit.busy.then_some("true")} {onclick}>
                { text.sign_in_passkey }
            </button>
            if submit.error.is_some() {
                <p class="pe-error-message" role="alert">{ text.passkey_failed }</p>
            }
        </div>
    }
}

async fn sign_in_with_passkey() -> Result<SignInStep, ApiError> {
    let PasskeyStart { ceremony, options } = api::post("/v1/session/passkey/start", &()).await?;
    let credential = passkey::sign(&options).await.ok_or(ApiError::Network)?;
    api::post("/v1/session/passkey/finish", &PasskeyFinish { ceremony, credential, name: None }).await
}

/// `?refused=…`, as the provider's callback sends a person back.
fn refused_by_provider() -> Option<ProviderRefusal> {
    let search = web_sys::window()?.location().search().ok()?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(search.trim_start_matches('?')).ok()?;
    pairs.into_iter().find(|(k, _)| k == "refused").and_then(|(_, v)| ProviderRefusal::parse(&v))
}

fn refusal_words(refusal: ProviderRefusal, text: &Text) -> String {
    match refusal {
        ProviderRefusal::Cancelled => text.refused_cancelled,
        ProviderRefusal::Expired => text.refused_expired,
        ProviderRefusal::Failed => text.refused_failed,
        ProviderRefusal::NoRole => text.refused_no_role,
        ProviderRefusal::Disabled => text.refused_disabled,
    }
    .to_owned()
}

/// The words for a refused sign-in: wrong details, or locked for a while.
fn refusal(error: &ApiError, text: &Text) -> String {
    locked(error, text).unwrap_or_else(|| match error {
        ApiError::Refused { .. } | ApiError::SignedOut => text.sign_in_failed.into(),
        ApiError::NotAllowed | ApiError::NotFound | ApiError::Network => text.network.into(),
    })
}

fn code_refusal(error: &ApiError, text: &Text) -> String {
    locked(error, text).unwrap_or_else(|| match error {
        ApiError::Refused { .. } => text.security_code_wrong.into(),
        _ => text.network.into(),
    })
}

fn locked(error: &ApiError, text: &Text) -> Option<String> {
    match error {
        ApiError::Refused { problems, retry_after } if problems.iter().any(|p| p.code == Code::RateLimited) => {
            let minutes = retry_after.unwrap_or(900).div_ceil(60).max(1);
            Some(fill(text.sign_in_locked, &minutes.to_string()))
        }
        _ => None,
    }
}

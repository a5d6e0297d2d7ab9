//! "Your account": who you are here and how you signed in; for the
//! console's own accounts, passkeys and an authenticator app (each listed
//! with when it was last used; added, renamed and removed with the current
//! password asked again), recovery codes, and a new password; and signing
//! out on every device. Someone `--require-second-factor` covers is sent
//! here until they have set a factor up.

use police_engage_contract::{
    AuthenticatorConfirm, AuthenticatorSetup, FactorKind, FactorRename, Me, PasskeyFinish, PasskeyStart,
    PasswordChange, Reauth, RecoveryCodes, SecondFactor, SecondFactors, SignInMethod, SignedOut,
};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::error_summary::{error_for, failure, field_errors, ErrorSummary};
use crate::components::fields::{input, setter, Field};
use crate::components::layout::Layout;
use crate::format;
use crate::hooks::{unloaded, use_load, use_submit, Load};
use crate::i18n::{fill, Text, Words};
use crate::passkey;
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
            if me.needs_second_factor {
                <div class="pe-notice pe-narrow" role="status">{ text.needs_second_factor }</div>
            }
            <dl class="pe-summary pe-narrow">
                { row(text.email_label, &me.email) }
                { row(text.col_role, text.role(me.role)) }
                { row(text.sign_in_method, method_words(me.method, text)) }
            </dl>
            if me.has_password {
                <SecondFactorsSection />
                <ChangePassword />
            }
            <SignOutEverywhere />
        </Layout>
    }
}

fn method_words(method: SignInMethod, text: &Text) -> &'static str {
    match method {
        SignInMethod::Password => text.method_password,
        SignInMethod::Provider => text.method_provider,
        SignInMethod::Passkey => text.passkey,
    }
}

/// A change to one's second factors, each confirmed with the password.
#[derive(Clone, Debug, PartialEq)]
enum Change {
    Rename(String),
    Remove(String),
    AddPasskey,
    Authenticator,
    RecoveryCodes,
}

/// What a change answers with.
enum Outcome {
    Factors,
    Setup(AuthenticatorSetup),
    Codes(RecoveryCodes),
}

async fn make(change: Change, name: String, password: String) -> Result<Outcome, ApiError> {
    Ok(match change {
        Change::Rename(id) => {
            let path = format!("/v1/me/second-factors/{id}/rename");
            api::post::<_, SecondFactors>(&path, &FactorRename { name, password }).await.map(|_| Outcome::Factors)?
        }
        Change::Remove(id) => {
            let path = format!("/v1/me/second-factors/{id}/remove");
            api::post::<_, SecondFactors>(&path, &Reauth { password }).await.map(|_| Outcome::Factors)?
        }
        Change::AddPasskey => {
            let PasskeyStart { ceremony, options } = api::post("/v1/me/passkeys/start", &Reauth { password }).await?;
            let credential = passkey::register(&options).await.ok_or(ApiError::Network)?;
            let finish = PasskeyFinish { ceremony, credential, name: Some(name) };
            api::post::<_, SecondFactors>("/v1/me/passkeys/finish", &finish).await.map(|_| Outcome::Factors)?
        }
        Change::Authenticator => Outcome::Setup(api::post("/v1/me/authenticator", &Reauth { password }).await?),
        Change::RecoveryCodes => Outcome::Codes(api::post("/v1/me/recovery-codes", &Reauth { password }).await?),
    })
}

/// What the section shows beside the list: a new authenticator's key, or
/// recovery codes (once).
#[derive(Clone, PartialEq)]
enum Shown {
    Setup(AuthenticatorSetup),
    Codes(RecoveryCodes),
}

#[function_component]
fn SecondFactorsSection() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let (factors, reload) = use_load::<SecondFactors>("/v1/me/second-factors".to_owned());
    let open = use_state(|| None::<Change>);
    let shown = use_state(|| None::<Shown>);
    // Any change may end the need for a factor: who is signed in is asked again.
    let changed = {
        let (reload, set_me) = (reload.clone(), session.set_me.clone());
        Callback::from(move |()| {
            reload.emit(());
            let set_me = set_me.clone();
            spawn_local(async move {
                if let Ok(me) = api::get::<Me>("/v1/me").await {
                    set_me.emit(Some(me));
                }
            });
        })
    };
    let done = {
        let (open, shown, changed) = (open.clone(), shown.clone(), changed.clone());
        Callback::from(move |outcome: Outcome| {
            open.set(None);
            match outcome {
                Outcome::Factors => changed.emit(()),
                Outcome::Setup(setup) => shown.set(Some(Shown::Setup(setup))),
                Outcome::Codes(codes) => {
                    shown.set(Some(Shown::Codes(codes)));
                    changed.emit(());
                }
            }
        })
    };
    let opener = |change: Change| {
        let (open, shown) = (open.clone(), shown.clone());
        Callback::from(move |_: MouseEvent| {
            shown.set(None);
            open.set(Some(change.clone()));
        })
    };
    let cancel = {
        let open = open.clone();
        Callback::from(move |()| open.set(None))
    };
    let form = |change: Change| {
        html! { <PasswordConfirm change={change} done={done.clone()} cancel={cancel.clone()} /> }
    };
    let Load::Loaded(list) = &factors else { return unloaded(&factors, lang) };
    html! {
        <section aria-labelledby="factors-heading" class="pe-section">
            <h2 class="pe-h2" id="factors-heading">{ text.second_factors }</h2>
            <p class="pe-hint pe-narrow">{ text.second_factors_hint }</p>
            if list.factors.is_empty() {
                <p>{ text.no_second_factors }</p>
            } else {
                <div class="pe-table-wrap">
                <table class="pe-table">
                    <caption class="pe-visually-hidden">{ text.second_factors }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_name }</th><th scope="col">{ text.col_kind }</th>
                        <th scope="col">{ text.col_since }</th><th scope="col">{ text.col_last_used }</th>
                        <th scope="col"><span class="pe-visually-hidden">{ text.rename }</span></th>
                    </tr></thead>
                    <tbody>{ for list.factors.iter().map(|f| factor_row(f, text, lang, &opener)) }</tbody>
                </table>
                </div>
            }
            if let Some(change @ (Change::Rename(_) | Change::Remove(_))) = (*open).clone() {
                { form(change) }
            }
            if !list.factors.is_empty() {
                <p>{ fill(text.recovery_codes_left, &list.recovery_codes_left.to_string()) }</p>
            }
            if let Some(Shown::Setup(setup)) = (*shown).clone() {
                <ConfirmAuthenticator {setup} done={done.clone()} />
            }
            if let Some(Shown::Codes(codes)) = (*shown).clone() {
                <ShowRecoveryCodes {codes} />
            }
            <div class="pe-actions">
                if passkey::available() {
                    <button type="button" class="pe-button pe-button-secondary" onclick={opener(Change::AddPasskey)}>{ text.add_passkey }</button>
                }
                <button type="button" class="pe-button pe-button-secondary" onclick={opener(Change::Authenticator)}>{ text.set_up_authenticator }</button>
                if !list.factors.is_empty() {
                    <button type="button" class="pe-button pe-button-secondary" onclick={opener(Change::RecoveryCodes)}>{ text.new_recovery_codes }</button>
                }
            </div>
            if let Some(change @ (Change::AddPasskey | Change::Authenticator | Change::RecoveryCodes)) = (*open).clone() {
                { form(change) }
            }
        </section>
    }
}

fn factor_row(
    factor: &SecondFactor,
    text: &'static Text,
    lang: crate::i18n::Lang,
    opener: &impl Fn(Change) -> Callback<MouseEvent>,
) -> Html {
    let kind = match factor.kind {
        FactorKind::Authenticator => text.authenticator_app,
        FactorKind::Passkey => text.passkey,
    };
    let last_used = factor.last_used.as_deref().map_or_else(|| text.never.to_owned(), |t| format::when(t, lang));
    html! {
        <tr>
            <th scope="row" class="pe-break">{ &factor.name }</th>
            <td>{ kind }</td>
            <td>{ format::day(&factor.added, lang) }</td>
            <td>{ last_used }</td>
            <td>
                <div class="pe-actions">
                    <button type="button" class="pe-link-button" onclick={opener(Change::Rename(factor.id.clone()))}>
                        { text.rename }<span class="pe-visually-hidden">{ " " }{ &factor.name }</span>
                    </button>
                    <button type="button" class="pe-link-button" onclick={opener(Change::Remove(factor.id.clone()))}>
                        { text.remove }<span class="pe-visually-hidden">{ " " }{ &factor.name }</span>
                    </button>
                </div>
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct PasswordConfirmProps {
    change: Change,
    done: Callback<Outcome>,
    cancel: Callback<()>,
}

/// The form for one change: a name where the change takes one, and the
/// current password.
#[function_component]
fn PasswordConfirm(props: &PasswordConfirmProps) -> Html {
    let text = use_session().lang.text();
    let name = use_state(String::new);
    let password = use_state(String::new);
    let submit = use_submit(
        |(change, name, password): (Change, String, String)| make(change, name, password),
        props.done.clone(),
    );
    let (title, button, name_label) = match &props.change {
        Change::Rename(_) => (text.rename, text.rename, Some(text.new_name)),
        Change::Remove(_) => (text.remove, text.remove, None),
        Change::AddPasskey => (text.add_passkey, text.add_passkey, Some(text.passkey_name)),
        Change::Authenticator => (text.set_up_authenticator, text.continue_button, None),
        Change::RecoveryCodes => (text.new_recovery_codes, text.new_recovery_codes, None),
    };
    let onsubmit = {
        let (change, name, password, send) =
            (props.change.clone(), name.clone(), password.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit((change.clone(), (*name).clone(), (*password).clone()));
            password.set(String::new());
        })
    };
    let errors = field_errors(submit.error.as_ref(), text, |field| match field {
        "name" => ("factor-name", name_label.unwrap_or(text.col_name)),
        "passkey" => ("factor-password", text.passkey),
        _ => ("factor-password", text.confirm_with_password),
    });
    let (name_error, password_error) = (error_for(&errors, "factor-name"), error_for(&errors, "factor-password"));
    let cancel = props.cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="pe-panel pe-narrow" novalidate=true aria-labelledby="factor-form-heading" {onsubmit}>
            <h3 class="pe-h3" id="factor-form-heading">{ title }</h3>
            if !errors.is_empty() {
                <ErrorSummary title={text.problem} items={errors.clone()} />
            }
            if let Some(label) = name_label {
                { input(Field::new("factor-name", label, text).hint(text.passkey_name_hint).error(name_error.as_deref()), "text", Some("off"), &name, { let name = name.clone(); Callback::from(move |v| name.set(v)) }) }
            }
            { input(Field::new("factor-password", text.confirm_with_password, text).error(password_error.as_deref()), "password", Some("current-password"), &password, { let password = password.clone(); Callback::from(move |v| password.set(v)) }) }
            <div class="pe-actions">
                <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ button }</button>
                <button type="button" class="pe-link-button" onclick={cancel}>{ text.cancel }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ConfirmAuthenticatorProps {
    setup: AuthenticatorSetup,
    done: Callback<Outcome>,
}

/// The new key as a QR code and as text, and the app's first code to confirm it.
#[function_component]
fn ConfirmAuthenticator(props: &ConfirmAuthenticatorProps) -> Html {
    let text = use_session().lang.text();
    let code = use_state(String::new);
    let submit = use_submit(
        |code: String| async move {
            api::post("/v1/me/authenticator/confirm", &AuthenticatorConfirm { code }).await.map(Outcome::Codes)
        },
        props.done.clone(),
    );
    let onsubmit = {
        let (code, send) = (code.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit((*code).clone());
        })
    };
    let error = submit.error.as_ref().map(|e| match e {
        ApiError::Refused { .. } => text.authenticator_code_wrong,
        other => failure(other, text),
    });
    let field = Field::new("authenticator-code", text.authenticator_code, text).error(error);
    html! {
        <section class="pe-panel pe-narrow" aria-labelledby="authenticator-heading">
            <h3 class="pe-h3" id="authenticator-heading">{ text.set_up_authenticator }</h3>
            <p>{ text.authenticator_steps }</p>
            { qr_code(&props.setup.qr, text.qr_label) }
            <p>{ text.authenticator_key }{ ": " }<code class="pe-key" id="authenticator-key">{ &props.setup.secret }</code></p>
            <form novalidate=true {onsubmit}>
                { input(field, "text", Some("one-time-code"), &code, { let code = code.clone(); Callback::from(move |v| code.set(v)) }) }
                <button type="submit" class="pe-button" aria-disabled={submit.busy.then_some("true")}>{ text.continue_button }</button>
            </form>
        </section>
    }
}

/// A QR code drawn as SVG, with a quiet zone of four modules.
fn qr_code(rows: &[Vec<bool>], label: &'static str) -> Html {
    let size = rows.len() + 8;
    let path: String = rows
        .iter()
        .enumerate()
        .flat_map(|(y, row)| row.iter().enumerate().filter(|(_, dark)| **dark).map(move |(x, _)| (x + 4, y + 4)))
        .map(|(x, y)| format!("M{x} {y}h1v1h-1z"))
        .collect();
    html! {
        <svg class="pe-qr" viewBox={format!("0 0 {size} {size}")} role="img" aria-label={label}>
            <rect width="100%" height="100%" fill="#fff" />
            <path d={path} fill="#000" />
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct ShowRecoveryCodesProps {
    codes: RecoveryCodes,
}

#[function_component]
fn ShowRecoveryCodes(props: &ShowRecoveryCodesProps) -> Html {
    let text = use_session().lang.text();
    html! {
        <section class="pe-panel pe-narrow" aria-labelledby="recovery-heading" role="status">
            <h3 class="pe-h3" id="recovery-heading">{ text.recovery_codes_title }</h3>
            <p>{ text.recovery_codes_hint }</p>
            <ul class="pe-codes" id="recovery-codes">{ for props.codes.codes.iter().map(|c| html! { <li><code>{ c }</code></li> }) }</ul>
        </section>
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

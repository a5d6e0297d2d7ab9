//! Staff sign-in beyond a password: the force's identity provider, second
//! factors (an authenticator app, passkeys, recovery codes) and the steps
//! between a right password and a session.

use serde::{Deserialize, Serialize};

use crate::console::Me;
use crate::wire::wire_enum;

wire_enum! {
    /// How a session was started.
    pub enum SignInMethod {
        Password => "password",
        Provider => "provider",
        Passkey => "passkey",
    }
}

wire_enum! {
    /// Why the force's identity provider's answer signed no one in, as the
    /// sign-in page is told (`/console/sign-in?refused=…`).
    pub enum ProviderRefusal {
        /// The person stopped at the provider, or it refused them.
        Cancelled => "cancelled",
        /// The sign-in was started too long ago, in another browser, or already finished.
        Expired => "expired",
        /// The provider's answer failed a check (its token, its signature, its audience).
        Failed => "failed",
        /// No console role in the token and no one added with that email.
        NoRole => "no_role",
        Disabled => "disabled",
    }
}

wire_enum! {
    pub enum FactorKind {
        Authenticator => "authenticator",
        Passkey => "passkey",
    }
}

/// `GET /v1/session/options`: what the sign-in page offers besides a password.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SignInOptions {
    /// The provider's name for "Sign in with NAME", when one is configured.
    pub provider: Option<String>,
}

/// The answer to a right password: signed in, or a second factor asked for
/// first: a `code` (`POST /v1/session/security-code`: from the
/// authenticator app, or a recovery code) where the person has one, or
/// their `passkey`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInStep {
    SignedIn(Me),
    SecondFactor { code: bool, passkey: bool },
}

/// `POST /v1/session/security-code`: a code from the authenticator app, or a recovery code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityCode {
    pub code: String,
}

/// One second factor, as its owner sees it (times in UTC, RFC 3339).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecondFactor {
    pub id: String,
    pub kind: FactorKind,
    pub name: String,
    pub added: String,
    pub last_used: Option<String>,
}

/// `GET /v1/me/second-factors`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecondFactors {
    pub factors: Vec<SecondFactor>,
    /// Recovery codes not yet used.
    pub recovery_codes_left: u32,
}

/// The current password, asked again before any change to how one signs in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reauth {
    pub password: String,
}

/// `POST /v1/me/authenticator`: a new key for an authenticator app, to be
/// confirmed with a code from it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuthenticatorSetup {
    /// The key in base32, for typing into the app.
    pub secret: String,
    /// `otpauth://` for apps on this device.
    pub uri: String,
    /// The same as a QR code: rows of modules, `true` for dark.
    pub qr: Vec<Vec<bool>>,
}

/// `POST /v1/me/authenticator/confirm`: the first code, and a name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthenticatorConfirm {
    pub code: String,
}

/// Ten one-time codes, shown once.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}

/// Renaming a factor (the password asked again).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactorRename {
    pub name: String,
    pub password: String,
}

/// How many recovery codes are made at a time.
pub const RECOVERY_CODES: usize = 10;
/// Longest name for a passkey or authenticator.
pub const FACTOR_NAME_MAX: usize = 60;

/// A passkey ceremony begun by the server: the WebAuthn options as JSON
/// (for `navigator.credentials.create` or `.get`), and its id to send back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PasskeyStart {
    pub ceremony: String,
    pub options: String,
}

/// The browser's answer to a passkey ceremony, as JSON; a name for a new passkey.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PasskeyFinish {
    pub ceremony: String,
    pub credential: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

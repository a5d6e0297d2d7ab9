//! Passkeys (WebAuthn) with `webauthn-rs`: registered by a signed-in person
//! from Your account, and then enough alone to sign in, since a passkey is
//! already two factors (the device, and the face, finger or PIN that
//! unlocks it). Each ceremony's state is kept here, taken once, within
//! five minutes, so any server sharing the database can finish it.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Url,
    Uuid,
};
use webauthn_rs::{Webauthn, WebauthnBuilder};
use webauthn_rs_proto::ResidentKeyRequirement;

use super::admin_token::hash;
use super::people::Account;
use super::sessions::now_ms;
use crate::db::Db;
use crate::random;

/// How long a ceremony may take.
const PATIENCE: Duration = Duration::from_secs(5 * 60);

/// What can go wrong, as the person is told.
#[derive(Debug, thiserror::Error)]
pub enum PasskeyError {
    #[error("the passkey request ended or was already used: try again")]
    Expired,
    #[error("this passkey was not accepted")]
    Refused,
    #[error("this passkey is already registered")]
    Taken,
    #[error("too many passkey requests are under way from here: try again in a few minutes")]
    Busy,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The relying party: this server's public address, whose host is the id
/// passkeys are bound to.
pub fn relying_party(base_url: &str, name: &str) -> anyhow::Result<Webauthn> {
    let origin = Url::parse(base_url)?;
    let id = origin.host_str().ok_or_else(|| anyhow::anyhow!("the public address has no host"))?.to_owned();
    Ok(WebauthnBuilder::new(&id, &origin)?.rp_name(name).build()?)
}

/// Starts registering a passkey for `account`; the options for the
/// browser, as JSON, and the ceremony's id.
pub async fn start_registration(
    db: &Db,
    rp: &Webauthn,
    account: &Account,
    client: &str,
) -> anyhow::Result<(String, String)> {
    let handle = handle(db, &account.id).await?;
    let existing = stored(db, "person_id = $1", &account.id).await?;
    let exclude = existing.iter().map(|(_, _, key)| key.cred_id().clone()).collect();
    let (mut options, state) = rp.start_passkey_registration(handle, &account.email, &account.email, Some(exclude))?;
    // Kept on the device, so it can sign in with no email typed first.
    if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
        selection.resident_key = Some(ResidentKeyRequirement::Required);
        selection.require_resident_key = true;
    }
    let ceremony =
        begin(db, Some(&account.id), &serde_json::to_string(&state)?, client).await?.map_err(anyhow::Error::from)?;
    Ok((serde_json::to_string(&options.public_key)?, ceremony))
}

/// Finishes a registration: the new passkey kept under `name`.
pub async fn finish_registration(
    db: &Db,
    rp: &Webauthn,
    account: &Account,
    ceremony: &str,
    credential: &str,
    name: &str,
) -> Result<(), PasskeyError> {
    let state = take(db, ceremony, Some(&account.id)).await?.ok_or(PasskeyError::Expired)?;
    let state: PasskeyRegistration = serde_json::from_str(&state).map_err(|_| PasskeyError::Expired)?;
    let credential: RegisterPublicKeyCredential =
        serde_json::from_str(credential).map_err(|_| PasskeyError::Refused)?;
    let key = rp.finish_passkey_registration(&credential, &state).map_err(refused)?;
    let now = now_ms();
    let done = sqlx::query(
        "INSERT INTO second_factors (id, person_id, kind, name, secret, credential_id, created_ms, confirmed_ms)
         VALUES ($1, $2, 'passkey', $3, $4, $5, $6, $6)",
    )
    .bind(random::id("f"))
    .bind(&account.id)
    .bind(name)
    .bind(serde_json::to_string(&key).map_err(|_| PasskeyError::Refused)?)
    .bind(URL_SAFE_NO_PAD.encode(key.cred_id()))
    .bind(now)
    .execute(db)
    .await;
    match done {
        Err(e) if crate::error::is_unique_violation(&e) => Err(PasskeyError::Taken),
        other => other.map(|_| ()).map_err(PasskeyError::from),
    }
}

/// Starts a sign-in with whichever passkey the device offers.
pub async fn start_sign_in(db: &Db, rp: &Webauthn, client: &str) -> Result<(String, String), PasskeyError> {
    let (options, state) = rp.start_discoverable_authentication().map_err(refused)?;
    let state = serde_json::to_string(&state).map_err(|_| PasskeyError::Refused)?;
    let ceremony = begin(db, None, &state, client).await??;
    Ok((serde_json::to_string(&options.public_key).map_err(|_| PasskeyError::Refused)?, ceremony))
}

/// Finishes a sign-in: the person whose passkey signed, with its counter
/// and last use recorded.
pub async fn finish_sign_in(db: &Db, rp: &Webauthn, ceremony: &str, credential: &str) -> Result<String, PasskeyError> {
    let state = take(db, ceremony, None).await?.ok_or(PasskeyError::Expired)?;
    let state: DiscoverableAuthentication = serde_json::from_str(&state).map_err(|_| PasskeyError::Expired)?;
    let credential: PublicKeyCredential = serde_json::from_str(credential).map_err(|_| PasskeyError::Refused)?;
    let (handle, id) = rp.identify_discoverable_authentication(&credential).map_err(refused)?;
    let found = stored(db, "credential_id = $1", &URL_SAFE_NO_PAD.encode(id)).await?;
    let Some((factor, person, mut key)) = found.into_iter().next() else { return Err(PasskeyError::Refused) };
    let owner: Option<String> = sqlx::query_scalar("SELECT passkey_handle FROM people WHERE id = $1")
        .bind(&person)
        .fetch_optional(db)
        .await?
        .flatten();
    if owner != Some(handle.to_string()) {
        return Err(PasskeyError::Refused);
    }
    let result = rp.finish_discoverable_authentication_v2(&credential, state, &key).map_err(refused)?;
    key.update_credential(&result);
    sqlx::query("UPDATE second_factors SET secret = $2, last_used_ms = $3 WHERE id = $1")
        .bind(&factor)
        .bind(serde_json::to_string(&key).map_err(|_| PasskeyError::Refused)?)
        .bind(now_ms())
        .execute(db)
        .await?;
    Ok(person)
}

fn refused(error: impl std::fmt::Display) -> PasskeyError {
    tracing::info!(%error, "passkey refused");
    PasskeyError::Refused
}

/// The person's passkey user handle, made on their first passkey.
async fn handle(db: &Db, person_id: &str) -> sqlx::Result<Uuid> {
    let fresh = Uuid::from_bytes(random::bytes::<16>()).to_string();
    sqlx::query("UPDATE people SET passkey_handle = $2 WHERE id = $1 AND passkey_handle IS NULL")
        .bind(person_id)
        .bind(&fresh)
        .execute(db)
        .await?;
    let kept: String =
        sqlx::query_scalar("SELECT passkey_handle FROM people WHERE id = $1").bind(person_id).fetch_one(db).await?;
    Ok(Uuid::parse_str(&kept).unwrap_or_default())
}

/// Stored passkeys where `condition` holds: (factor id, person id, key).
async fn stored(db: &Db, condition: &str, value: &str) -> sqlx::Result<Vec<(String, String, Passkey)>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, person_id, secret FROM second_factors WHERE kind = 'passkey' AND {condition}"
    ))
    .bind(value)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, person, json)| Some((id, person, serde_json::from_str(&json).ok()?)))
        .collect())
}

async fn begin(
    db: &Db,
    person_id: Option<&str>,
    state: &str,
    client: &str,
) -> sqlx::Result<Result<String, PasskeyError>> {
    if !super::may_start(db, "passkey_ceremonies", PATIENCE, client).await? {
        return Ok(Err(PasskeyError::Busy));
    }
    let id = random::token();
    sqlx::query(
        "INSERT INTO passkey_ceremonies (id_hash, person_id, state, client, created_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash(&id))
    .bind(person_id)
    .bind(state)
    .bind(client)
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(Ok(id))
}

/// The ceremony's state, removed so it serves once; only for the person
/// who began it (or, for a sign-in, no one), and only while it lasts.
async fn take(db: &Db, id: &str, person_id: Option<&str>) -> sqlx::Result<Option<String>> {
    let taken: Option<(Option<String>, String, i64)> =
        sqlx::query_as("DELETE FROM passkey_ceremonies WHERE id_hash = $1 RETURNING person_id, state, created_ms")
            .bind(hash(id))
            .fetch_optional(db)
            .await?;
    Ok(taken
        .filter(|(owner, _, created)| {
            owner.as_deref() == person_id && now_ms() - created <= PATIENCE.as_millis() as i64
        })
        .map(|(_, state, _)| state))
}

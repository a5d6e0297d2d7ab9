//! Signing staff in through the force's own identity provider (OpenID
//! Connect, usually Microsoft Entra ID), with the `openidconnect` crate: the
//! authorization code flow with PKCE (`S256`); `state`, `nonce` and the
//! verifier kept here, each taken once; the ID token's signature checked
//! against the provider's published keys (fetched again when a token names a
//! key not seen before), and its issuer, audience, expiry, issue time and
//! nonce. Only asymmetric signatures are accepted: never `none`, never one
//! made with the client secret.

use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata, CoreRevocableToken,
    CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClaimsVerificationError, Client, ClientId, ClientSecret, CsrfToken,
    EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, SignatureVerificationError, StandardErrorResponse,
    StandardTokenResponse, TokenResponse,
};
use police_engage_contract::{ProviderRefusal, Role};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, Semaphore, SemaphorePermit};

use super::admin_token::hash;
use super::sessions::now_ms;
use crate::db::Db;

/// How long a sign-in may take at the provider.
pub const PATIENCE: Duration = Duration::from_secs(10 * 60);
/// Sign-in steps waiting on the provider at once, at most.
const CALLS_AT_ONCE: usize = 8;
/// Clocks may differ this much between the provider and this server.
const SKEW: TimeDelta = TimeDelta::seconds(60);
/// The provider's keys are fetched again at most this often, however many
/// tokens name a key not seen (the first time at once).
const REFETCH_EVERY: Duration = Duration::from_secs(60);

/// The app roles the console reads from the `roles` claim, most powerful first.
pub const APP_ROLES: [(&str, Role); 3] = [
    ("police-engage.admin", Role::Admin),
    ("police-engage.editor", Role::Editor),
    ("police-engage.responder", Role::Responder),
];

/// The `roles` claim (Entra ID's app roles), besides the standard claims.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Roles {
    #[serde(default)]
    roles: Vec<String>,
}

impl AdditionalClaims for Roles {}

type Fields = IdTokenFields<
    Roles,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Tokens = StandardTokenResponse<Fields, CoreTokenType>;
type OidcClient = Client<
    Roles,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    Tokens,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    /// From `email` (unless said to be unverified), else
    /// `preferred_username`, compared as emails are here.
    pub email: String,
    /// `ISSUER|SUBJECT`: the identity that stays the same when an email changes.
    pub subject: String,
    /// The most powerful console role among the token's app roles.
    pub role: Option<Role>,
}

pub struct Provider {
    /// On the sign-in button.
    pub name: String,
    issuer: IssuerUrl,
    client_id: ClientId,
    secret: ClientSecret,
    /// Follows no redirects: a provider's endpoints answer directly.
    http: reqwest::Client,
    /// Discovered when first needed (a provider down at start-up does not
    /// stop the server), with when it was last fetched again for a new key.
    metadata: Mutex<Option<(CoreProviderMetadata, Option<Instant>)>>,
    /// Sign-in steps that may wait on the provider at once: a slow or
    /// absent provider holds these, not the permits the console needs.
    calls: Semaphore,
}

/// A sign-in sent to the provider: where to send the browser, and the
/// `state` the browser must bring back.
pub struct Started {
    pub url: String,
    pub state: String,
}

impl Provider {
    pub fn new(settings: &crate::config::Settings) -> anyhow::Result<Option<Provider>> {
        let (Some(issuer), Some(id), Some(secret)) =
            (&settings.oidc_issuer, &settings.oidc_client_id, &settings.oidc_client_secret)
        else {
            return Ok(None);
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Some(Provider {
            name: settings.oidc_name.clone(),
            issuer: IssuerUrl::new(issuer.clone())?,
            client_id: ClientId::new(id.clone()),
            secret: ClientSecret::new(secret.clone()),
            http,
            metadata: Mutex::new(None),
            calls: Semaphore::new(CALLS_AT_ONCE),
        }))
    }

    /// The provider's discovery document and keys, fetched again when
    /// `stale` (a token named a key not in them) and not fetched lately.
    async fn metadata(&self, stale: bool) -> anyhow::Result<CoreProviderMetadata> {
        let mut kept = self.metadata.lock().await;
        let refetched = match &*kept {
            Some((metadata, refetched)) if !stale || refetched.is_some_and(|at| at.elapsed() < REFETCH_EVERY) => {
                return Ok(metadata.clone())
            }
            Some(_) => Some(Instant::now()),
            None => None,
        };
        let metadata = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http).await?;
        *kept = Some((metadata.clone(), refetched));
        Ok(metadata)
    }

    /// A place among the steps that wait on the provider, if one is free.
    pub fn call(&self) -> Option<SemaphorePermit<'_>> {
        self.calls.try_acquire().ok()
    }

    async fn client(&self, stale: bool, callback: &str) -> anyhow::Result<OidcClient> {
        let metadata = self.metadata(stale).await?;
        Ok(OidcClient::from_provider_metadata(metadata, self.client_id.clone(), Some(self.secret.clone()))
            .set_redirect_uri(RedirectUrl::new(callback.to_owned())?))
    }

    /// Starts a sign-in: the provider's address with a fresh `state`,
    /// `nonce` and PKCE challenge, the first two and the verifier kept here.
    /// `None` when `asker` (a client's address group) has too many under way.
    pub async fn start(&self, db: &Db, callback: &str, asker: &str) -> anyhow::Result<Option<Started>> {
        if !super::may_start(db, "provider_sign_ins", PATIENCE, asker).await? {
            return Ok(None);
        }
        let client = self.client(false, callback).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        sqlx::query(
            "INSERT INTO provider_sign_ins (state_hash, nonce, verifier, client, created_ms) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash(state.secret()))
        .bind(nonce.secret())
        .bind(verifier.secret())
        .bind(asker)
        .bind(now_ms())
            .execute(db)
            .await?;
        Ok(Some(Started { url: url.to_string(), state: state.secret().clone() }))
    }

    /// Finishes a sign-in the provider sent back, its `state` already
    /// [`take`]n: the code exchanged, the ID token checked.
    pub async fn finish(&self, taken: Taken, callback: &str, code: &str) -> Result<Identity, ProviderRefusal> {
        let Taken { nonce, verifier } = taken;
        let client = self.client(false, callback).await.map_err(|e| failed("discovery", e))?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| failed("the token endpoint", e))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| failed("exchanging the code", e))?;
        let token = tokens.id_token().ok_or_else(|| failed("the answer", "no ID token"))?;
        let nonce = Nonce::new(nonce);
        let checked = token.claims(&verifier_for(&client), &nonce).cloned();
        let claims = match checked {
            Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) => {
                let client = self.client(true, callback).await.map_err(|e| failed("refetching keys", e))?;
                let checked = token.claims(&verifier_for(&client), &nonce).cloned();
                checked.map_err(|e| failed("the ID token", e))?
            }
            checked => checked.map_err(|e| failed("the ID token", e))?,
        };
        // An address the provider says is not verified is not used at all.
        let email = match claims.email_verified() {
            Some(false) => None,
            _ => claims.email().map(|e| e.as_str().to_owned()),
        };
        let email = email
            .or_else(|| claims.preferred_username().map(|u| u.as_str().to_owned()))
            .map(|e| super::people::normal_email(&e))
            // Only plain addresses: no look-alike letters folding into someone else's.
            .filter(|e| e.is_ascii())
            .ok_or_else(|| failed("the ID token", "no usable email or preferred_username"))?;
        let subject = format!("{}|{}", claims.issuer().as_str(), claims.subject().as_str());
        Ok(Identity { email, subject, role: role(&claims.additional_claims().roles) })
    }
}

/// The checks on an ID token beyond the crate's defaults: asymmetric
/// signatures only, and an issue time that is neither in the future nor
/// older than a sign-in may take; expiry allowing for clocks a little apart.
fn verifier_for(client: &OidcClient) -> openidconnect::IdTokenVerifier<'_, CoreJsonWebKey> {
    use CoreJwsSigningAlgorithm::*;
    client
        .id_token_verifier()
        .set_allowed_algs([
            RsaSsaPkcs1V15Sha256,
            RsaSsaPkcs1V15Sha384,
            RsaSsaPkcs1V15Sha512,
            RsaSsaPssSha256,
            RsaSsaPssSha384,
            RsaSsaPssSha512,
            EcdsaP256Sha256,
            EcdsaP384Sha384,
            EdDsa,
        ])
        .set_time_fn(|| Utc::now() - SKEW)
        .set_issue_time_verifier_fn(|issued| {
            let now = Utc::now();
            if issued > now + SKEW {
                Err(format!("issued in the future ({issued})"))
            } else if issued < now - TimeDelta::from_std(PATIENCE).unwrap_or_default() - SKEW {
                Err(format!("issued too long ago ({issued})"))
            } else {
                Ok(())
            }
        })
}

/// The most powerful console role among a token's app roles.
pub fn role(roles: &[String]) -> Option<Role> {
    APP_ROLES.iter().find(|(name, _)| roles.iter().any(|r| r == name)).map(|(_, role)| *role)
}

/// What was kept for a sign-in at the provider, taken for its answer.
pub struct Taken {
    nonce: String,
    verifier: String,
}

/// The `nonce` and verifier for `state`, removed so they serve once; `None`
/// if unknown, used or older than [`PATIENCE`].
pub async fn take(db: &Db, state: &str) -> sqlx::Result<Option<Taken>> {
    let taken: Option<(String, String, i64)> =
        sqlx::query_as("DELETE FROM provider_sign_ins WHERE state_hash = $1 RETURNING nonce, verifier, created_ms")
            .bind(hash(state))
            .fetch_optional(db)
            .await?;
    sqlx::query("DELETE FROM provider_sign_ins WHERE created_ms < $1")
        .bind(now_ms() - PATIENCE.as_millis() as i64)
        .execute(db)
        .await?;
    Ok(taken
        .filter(|(_, _, created)| now_ms() - created <= PATIENCE.as_millis() as i64)
        .map(|(nonce, verifier, _)| Taken { nonce, verifier }))
}

/// Logged in full; the person is told only that the check failed.
fn failed(step: &str, error: impl std::fmt::Display) -> ProviderRefusal {
    tracing::warn!(step, %error, "sign-in through the identity provider refused");
    ProviderRefusal::Failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_powerful_app_role_counts_and_others_are_ignored() {
        let roles = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(role(&roles(&["police-engage.responder", "police-engage.admin"])), Some(Role::Admin));
        assert_eq!(role(&roles(&["police-engage.editor"])), Some(Role::Editor));
        assert_eq!(role(&roles(&["Admin", "police-engage.owner"])), None);
        assert_eq!(role(&[]), None);
    }
}

//! People who use the console: accounts, roles, and passwords kept as
//! Argon2id hashes. Hashing is slow on purpose, so it runs off the async
//! threads.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use police_engage_contract::{length, Action, Person, Role, EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN};

use super::sessions;
use crate::audit::{self, By};
use crate::db::Db;
use crate::{random, stamp};

/// An account as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub password_hash: String,
    pub disabled_at: Option<String>,
    pub created_at: String,
    /// Who the force's identity provider says this is, once bound.
    pub provider_subject: Option<String>,
    /// `console` (added here: the role is set here) or `provider` (brought
    /// in by the provider's app roles: the role follows the directory).
    pub source: String,
    /// Confirmed second factors (an authenticator app, passkeys).
    pub factors: i64,
}

impl Account {
    /// People the force's identity provider added have no password here.
    pub fn password(&self) -> Option<&str> {
        Some(self.password_hash.as_str()).filter(|h| !h.is_empty())
    }

    pub fn person(&self) -> Person {
        Person {
            id: self.id.clone(),
            email: self.email.clone(),
            role: self.role,
            disabled: self.disabled_at.is_some(),
            created_at: self.created_at.clone(),
            locked: false,
            second_factors: self.factors as u32,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PersonError {
    #[error("enter an email address in the correct format, like name@force.police.uk")]
    BadEmail,
    #[error("the password must be {PASSWORD_MIN} to {PASSWORD_MAX} characters")]
    WeakPassword,
    #[error("someone with this email address already has an account")]
    Taken,
    #[error("no one has this email address")]
    Unknown,
}

/// Emails compare without case or surrounding spaces.
pub fn normal_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

pub fn check_email(email: &str) -> Result<(), PersonError> {
    let (local, domain) = email.rsplit_once('@').unwrap_or_default();
    let ok = !local.is_empty()
        && domain.contains('.')
        && !email.chars().any(char::is_whitespace)
        && length(email) <= EMAIL_MAX;
    ok.then_some(()).ok_or(PersonError::BadEmail)
}

pub fn check_password(password: &str) -> Result<(), PersonError> {
    let n = length(password);
    (PASSWORD_MIN..=PASSWORD_MAX).contains(&n).then_some(()).ok_or(PersonError::WeakPassword)
}

/// An Argon2id PHC string with a fresh salt (the crate's defaults, which
/// follow OWASP's advice for Argon2id).
pub async fn hash_password(password: &str) -> anyhow::Result<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(anyhow::Error::msg)
    })
    .await?
}

/// Whether `password` matches the stored hash (compared in constant time
/// by the crate). With no hash, a fixed one is checked instead, so an
/// unknown email takes as long to refuse as a wrong password.
pub async fn verify_password(password: &str, hash: Option<&str>) -> bool {
    let (password, hash, known) = (password.to_owned(), hash.unwrap_or(DECOY).to_owned(), hash.is_some());
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .unwrap_or(false);
    matches && known
}

/// The hash of a password no one has, with the default parameters.
const DECOY: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$cG9saWNlLWVuZ2FnZS1kZWNveQ$kXq2Q6v0mMqkSHx3BvB9lq4Ww1Z6ClxB2xK3Ue8m7yA";

pub async fn add(db: &Db, email: &str, role: Role, password: &str) -> anyhow::Result<Result<Person, PersonError>> {
    let email = normal_email(email);
    if let Err(e) = check_email(&email).and_then(|()| check_password(password)) {
        return Ok(Err(e));
    }
    Ok(insert(db, new(email, role, &hash_password(password).await?)).await?.map(|a| a.person()))
}

/// Someone the force's identity provider vouches for, with a console role
/// from it: no password here.
pub async fn add_from_provider(
    db: &Db,
    email: &str,
    role: Role,
    subject: &str,
) -> sqlx::Result<Result<Account, PersonError>> {
    let email = normal_email(email);
    if let Err(e) = check_email(&email) {
        return Ok(Err(e));
    }
    let account =
        Account { provider_subject: Some(subject.to_owned()), source: PROVIDER.into(), ..new(email, role, "") };
    insert(db, account).await
}

/// `source` of the people the provider's app roles brought in.
pub const PROVIDER: &str = "provider";

fn new(email: String, role: Role, password_hash: &str) -> Account {
    Account {
        id: random::id("p"),
        email,
        role,
        password_hash: password_hash.to_owned(),
        disabled_at: None,
        created_at: stamp::now(stamp::Secs),
        provider_subject: None,
        source: "console".into(),
        factors: 0,
    }
}

/// Stores a new account; `Taken` if its email (or provider identity) is someone's.
async fn insert(db: &Db, account: Account) -> sqlx::Result<Result<Account, PersonError>> {
    let done = sqlx::query(
        "INSERT INTO people (id, email, role, password_hash, created_at, provider_subject, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(&account.id)
    .bind(&account.email)
    .bind(account.role.name())
    .bind(&account.password_hash)
    .bind(&account.created_at)
    .bind(&account.provider_subject)
    .bind(&account.source)
    .execute(db)
    .await?;
    Ok(if done.rows_affected() == 1 { Ok(account) } else { Err(PersonError::Taken) })
}

/// An account's columns, its count of confirmed second factors with them.
pub const COLUMNS: &str = "id, email, role, password_hash, disabled_at, created_at, provider_subject, source,
    (SELECT COUNT(*) FROM second_factors f WHERE f.person_id = people.id AND f.confirmed_ms IS NOT NULL) AS factors";

pub async fn by_email(db: &Db, email: &str) -> sqlx::Result<Option<Account>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM people WHERE email = $1"))
        .bind(normal_email(email))
        .fetch_optional(db)
        .await
}

pub async fn by_provider_subject(db: &Db, subject: &str) -> sqlx::Result<Option<Account>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM people WHERE provider_subject = $1"))
        .bind(subject)
        .fetch_optional(db)
        .await
}

/// Binds the person to who the provider says they are; `false` if someone
/// else was bound first.
pub async fn bind_provider_subject(db: &Db, id: &str, subject: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE people SET provider_subject = $2 WHERE id = $1 AND provider_subject IS NULL")
        .bind(id)
        .bind(subject)
        .execute(db)
        .await;
    match done {
        Err(e) if crate::error::is_unique_violation(&e) => Ok(false),
        done => Ok(done?.rows_affected() == 1),
    }
}

pub async fn by_id(db: &Db, id: &str) -> sqlx::Result<Option<Account>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM people WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// Everyone, by email, with who is locked out.
pub async fn list(db: &Db) -> sqlx::Result<Vec<Person>> {
    let accounts: Vec<Account> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM people ORDER BY email")).fetch_all(db).await?;
    let locked = crate::identity::sign_in_guard::locked(db).await?;
    Ok(accounts.iter().map(|a| Person { locked: locked.contains(&a.email), ..a.person() }).collect())
}

/// Disables (ending every session at once) or enables an account; `false` if there is no such person.
pub async fn set_disabled(db: &Db, id: &str, disabled: bool) -> sqlx::Result<bool> {
    let mut tx = crate::db::begin_write(db).await?;
    let done = sqlx::query("UPDATE people SET disabled_at = $2 WHERE id = $1")
        .bind(id)
        .bind(disabled.then(|| stamp::now(stamp::Secs)))
        .execute(&mut *tx)
        .await?;
    if disabled {
        sessions::end_all_but(&mut tx, id, None).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// A new password for the person, ending every session but `keep` (the
/// one that changed it).
pub async fn set_password(db: &Db, id: &str, password_hash: &str, keep: Option<&str>) -> sqlx::Result<()> {
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query("UPDATE people SET password_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
    sessions::end_all_but(&mut tx, id, keep).await?;
    tx.commit().await?;
    Ok(())
}

/// Lets the account be tried again from anywhere, at once, and logs who did.
pub async fn unlock(db: &Db, by: &By<'_>, email: &str) -> sqlx::Result<()> {
    crate::identity::sign_in_guard::unlock(db, email).await?;
    audit::record(db, by, Action::PersonUnlocked, Some(email), None).await?;
    tracing::info!(%email, "sign-in unlocked");
    Ok(())
}

pub async fn set_role(db: &Db, id: &str, role: Role) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE people SET role = $2 WHERE id = $1").bind(id).bind(role.name()).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_are_argon2id_and_only_the_right_one_matches() {
        let hash = hash_password("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("correct horse"));
        assert!(verify_password("correct horse battery", Some(&hash)).await);
        assert!(!verify_password("correct horse batterY", Some(&hash)).await);
        assert!(!verify_password("anything at all", None).await, "the decoy never matches");
        assert!(PasswordHash::new(DECOY).is_ok(), "the decoy parses, so it costs a full check");
    }

    #[test]
    fn rules_for_emails_and_passwords() {
        assert_eq!(normal_email("  Sam.Jones@Force.Police.UK "), "sam.jones@force.police.uk");
        assert_eq!(check_email("sam@force.police.uk"), Ok(()));
        assert_eq!(check_email("sam"), Err(PersonError::BadEmail));
        assert_eq!(check_password("short"), Err(PersonError::WeakPassword));
        assert_eq!(check_password(&"x".repeat(PASSWORD_MIN)), Ok(()));
        assert_eq!(check_password(&"x".repeat(PASSWORD_MAX + 1)), Err(PersonError::WeakPassword));
    }
}

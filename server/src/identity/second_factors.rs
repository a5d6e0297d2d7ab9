//! Second factors for the console's own accounts: an authenticator app
//! (TOTP, RFC 6238, each code accepted once), passkeys (kept here, made and
//! checked in `passkeys`), and ten one-time recovery codes kept as hashes.

use police_engage_contract::{
    AuthenticatorSetup, FactorKind, RecoveryCodes, Role, SecondFactor, SecondFactors, RECOVERY_CODES,
};
use qrcodegen::{QrCode, QrCodeEcc};
use sqlx::AnyConnection;
use totp_rs::{Builder, Secret, Totp};

use super::admin_token::hash;
use super::sessions::now_ms;
use crate::db::Db;
use crate::{random, stamp};

/// Who `--require-second-factor` covers when they sign in with a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Required {
    Admins,
    All,
    None,
}

impl Required {
    pub fn covers(self, role: Role) -> bool {
        match self {
            Required::Admins => role == Role::Admin,
            Required::All => true,
            Required::None => false,
        }
    }
}

/// The name an authenticator app is listed under until renamed.
pub const AUTHENTICATOR_NAME: &str = "Authenticator app";

fn totp(secret: &str, email: &str, issuer: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret).ok()?;
    // The key URI's label is `issuer:account`: neither may hold a colon.
    let (issuer, email) = (issuer.replace(':', " "), email.replace(':', " "));
    Builder::new().with_secret(secret).with_account_name(email).with_issuer(Some(issuer)).build().ok()
}

/// A new key for an authenticator app, kept unconfirmed (replacing any
/// other unconfirmed one) until a code from the app proves it was taken.
pub async fn start_authenticator(
    db: &Db,
    person_id: &str,
    email: &str,
    issuer: &str,
) -> anyhow::Result<AuthenticatorSetup> {
    let secret = Secret::generate().to_base32();
    let app = totp(&secret, email, issuer).ok_or_else(|| anyhow::anyhow!("a generated key was refused"))?;
    let uri = app.to_url()?;
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query("DELETE FROM second_factors WHERE person_id = $1 AND kind = 'authenticator' AND confirmed_ms IS NULL")
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO second_factors (id, person_id, kind, name, secret, created_ms)
         VALUES ($1, $2, 'authenticator', $3, $4, $5)",
    )
    .bind(random::id("f"))
    .bind(person_id)
    .bind(AUTHENTICATOR_NAME)
    .bind(&secret)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(AuthenticatorSetup { qr: qr(&uri), secret, uri })
}

/// The QR code's modules, row by row.
fn qr(text: &str) -> Vec<Vec<bool>> {
    let Ok(code) = QrCode::encode_text(text, QrCodeEcc::Medium) else { return Vec::new() };
    (0..code.size()).map(|y| (0..code.size()).map(|x| code.get_module(x, y)).collect()).collect()
}

/// Confirms the unconfirmed authenticator with a code from it: it replaces
/// any earlier one, and fresh recovery codes are made. `None` for a wrong code.
pub async fn confirm_authenticator(db: &Db, person_id: &str, code: &str) -> anyhow::Result<Option<RecoveryCodes>> {
    let pending: Option<(String, String)> = sqlx::query_as(
        "SELECT id, secret FROM second_factors WHERE person_id = $1 AND kind = 'authenticator' AND confirmed_ms IS NULL",
    )
    .bind(person_id)
    .fetch_optional(db)
    .await?;
    let Some((id, secret)) = pending else { return Ok(None) };
    let Some(step) = totp(&secret, "-", "-").and_then(|app| app.check_current(code.trim())) else { return Ok(None) };
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query("DELETE FROM second_factors WHERE person_id = $1 AND kind = 'authenticator' AND id <> $2")
        .bind(person_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE second_factors SET confirmed_ms = $2, last_step = $3, last_used_ms = $2 WHERE id = $1")
        .bind(&id)
        .bind(now_ms())
        .bind(step as i64)
        .execute(&mut *tx)
        .await?;
    let codes = replace_recovery_codes(&mut tx, person_id).await?;
    tx.commit().await?;
    Ok(Some(codes))
}

/// What a right security code was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Used {
    Authenticator,
    RecoveryCode,
}

/// Checks a code from the person's authenticator app, or one of their
/// recovery codes, and uses it up: the same code is refused the second time.
pub async fn use_code(db: &Db, person_id: &str, code: &str) -> sqlx::Result<Option<Used>> {
    let code = code.trim();
    let app: Option<(String, String)> = sqlx::query_as(
        "SELECT id, secret FROM second_factors
         WHERE person_id = $1 AND kind = 'authenticator' AND confirmed_ms IS NOT NULL",
    )
    .bind(person_id)
    .fetch_optional(db)
    .await?;
    if let Some(step) = app.as_ref().and_then(|(_, secret)| totp(secret, "-", "-")?.check_current(code)) {
        let id = &app.as_ref().expect("checked").0;
        // Only a later step than the last accepted: a code works once.
        let done =
            sqlx::query("UPDATE second_factors SET last_step = $2, last_used_ms = $3 WHERE id = $1 AND last_step < $2")
                .bind(id)
                .bind(step as i64)
                .bind(now_ms())
                .execute(db)
                .await?;
        return Ok((done.rows_affected() == 1).then_some(Used::Authenticator));
    }
    let done = sqlx::query(
        "UPDATE recovery_codes SET used_ms = $3 WHERE person_id = $1 AND code_hash = $2 AND used_ms IS NULL",
    )
    .bind(person_id)
    .bind(hash(&normal_recovery_code(code)))
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok((done.rows_affected() == 1).then_some(Used::RecoveryCode))
}

/// Recovery codes are typed as shown (`abcde-fghij`) or without the dash,
/// in any case, with spaces.
fn normal_recovery_code(code: &str) -> String {
    code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Letters and digits no one misreads: no 0/o, 1/l/i.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

fn recovery_code() -> String {
    let letters: String = random::bytes::<10>()
        .iter()
        .map(|b| RECOVERY_ALPHABET[*b as usize % RECOVERY_ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &letters[..5], &letters[5..])
}

/// Ten new recovery codes, the old ones no longer accepted.
pub async fn replace_recovery_codes(tx: &mut AnyConnection, person_id: &str) -> sqlx::Result<RecoveryCodes> {
    sqlx::query("DELETE FROM recovery_codes WHERE person_id = $1").bind(person_id).execute(&mut *tx).await?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    for code in &codes {
        sqlx::query("INSERT INTO recovery_codes (person_id, code_hash) VALUES ($1, $2)")
            .bind(person_id)
            .bind(hash(&normal_recovery_code(code)))
            .execute(&mut *tx)
            .await?;
    }
    Ok(RecoveryCodes { codes })
}

/// How the person can prove a second factor: (a code, from an
/// authenticator app or a recovery code left; a passkey).
pub async fn ways(db: &Db, person_id: &str) -> sqlx::Result<(bool, bool)> {
    let SecondFactors { factors, recovery_codes_left } = list(db, person_id).await?;
    let has = |kind| factors.iter().any(|f| f.kind == kind);
    Ok((has(FactorKind::Authenticator) || recovery_codes_left > 0, has(FactorKind::Passkey)))
}

/// The person's confirmed factors, oldest first, and their recovery codes left.
pub async fn list(db: &Db, person_id: &str) -> sqlx::Result<SecondFactors> {
    let rows: Vec<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, kind, name, created_ms, last_used_ms FROM second_factors
         WHERE person_id = $1 AND confirmed_ms IS NOT NULL ORDER BY created_ms, id",
    )
    .bind(person_id)
    .fetch_all(db)
    .await?;
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE person_id = $1 AND used_ms IS NULL")
        .bind(person_id)
        .fetch_one(db)
        .await?;
    let factors = rows
        .into_iter()
        .map(|(id, kind, name, added, used)| SecondFactor {
            id,
            kind: FactorKind::parse(&kind).unwrap_or(FactorKind::Authenticator),
            name,
            added: stamp::from_millis(added),
            last_used: used.map(stamp::from_millis),
        })
        .collect();
    Ok(SecondFactors { factors, recovery_codes_left: left as u32 })
}

/// Renames one of the person's factors; `false` if they have no such factor.
pub async fn rename(db: &Db, person_id: &str, id: &str, name: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE second_factors SET name = $3 WHERE person_id = $1 AND id = $2")
        .bind(person_id)
        .bind(id)
        .bind(name)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes one of the person's factors (with the last of them, the
/// recovery codes and any authenticator half set up go too); `false` if
/// they have no such factor.
pub async fn remove(db: &Db, person_id: &str, id: &str) -> sqlx::Result<bool> {
    let mut tx = crate::db::begin_write(db).await?;
    let done = sqlx::query("DELETE FROM second_factors WHERE person_id = $1 AND id = $2")
        .bind(person_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM second_factors WHERE person_id = $1 AND confirmed_ms IS NOT NULL")
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
    if left == 0 {
        for table in ["second_factors", "recovery_codes"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1")).bind(person_id).execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Every factor and recovery code of a person gone, and their sessions
/// ended: an admin's reset, after a lost phone.
pub async fn reset(db: &Db, person_id: &str) -> sqlx::Result<()> {
    let mut tx = crate::db::begin_write(db).await?;
    for table in ["second_factors", "recovery_codes"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1")).bind(person_id).execute(&mut *tx).await?;
    }
    super::sessions::end_all_but(&mut tx, person_id, None).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_read_as_typed() {
        let code = recovery_code();
        assert_eq!(code.len(), 11);
        assert_eq!(normal_recovery_code(&code.to_uppercase().replace('-', " ")), code.replace('-', ""));
        assert!(code.chars().all(|c| c == '-' || RECOVERY_ALPHABET.contains(&(c as u8))));
    }

    #[test]
    fn an_email_with_a_colon_still_gets_a_key() {
        assert!(totp(&Secret::generate().to_base32(), "a:b@force.police.uk", "Force").is_some());
    }

    #[test]
    fn a_code_is_checked_against_the_key_and_the_time() {
        let secret = Secret::generate().to_base32();
        let app = totp(&secret, "sam@force.police.uk", "Glanyrafon: Police").unwrap();
        let code = app.generate_current();
        assert!(app.check_current(&code.to_string()).is_some());
        assert!(app.to_url().unwrap().starts_with("otpauth://totp/Glanyrafon%20%20Police:sam%40force.police.uk?"));
        assert!(!qr(&app.to_url().unwrap()).is_empty());
    }
}

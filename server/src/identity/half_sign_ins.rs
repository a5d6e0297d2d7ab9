//! The step between a right password and a session, for a person with a
//! second factor: a record of its own that lets its holder do one thing,
//! send a security code, for five minutes and three wrong codes. It is not
//! a session.

use std::time::Duration;

use super::admin_token::hash;
use super::sessions::now_ms;
use crate::db::Db;
use crate::random;

/// How long a half sign-in waits for its code.
pub const LIFETIME: Duration = Duration::from_secs(5 * 60);

/// The cookie that carries it, sent only to the sign-in routes.
pub const COOKIE: &str = "pe_half_sign_in";

/// Starts one for `person_id`; the id to put in the cookie.
pub async fn start(db: &Db, person_id: &str) -> sqlx::Result<String> {
    let id = random::token();
    sqlx::query("INSERT INTO half_sign_ins (id_hash, person_id, created_ms) VALUES ($1, $2, $3)")
        .bind(hash(&id))
        .bind(person_id)
        .bind(now_ms())
        .execute(db)
        .await?;
    Ok(id)
}

/// The person whose half sign-in `id` is, while it lasts.
pub async fn find(db: &Db, id: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT person_id FROM half_sign_ins WHERE id_hash = $1 AND created_ms > $2")
        .bind(hash(id))
        .bind(now_ms() - LIFETIME.as_millis() as i64)
        .fetch_optional(db)
        .await
}

/// Wrong codes a half sign-in takes before it ends: the password again after that.
const FAILURES_MAX: i64 = 3;

/// A wrong code: counted, and the half sign-in ended at [`FAILURES_MAX`].
pub async fn failed(db: &Db, id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE half_sign_ins SET failures = failures + 1 WHERE id_hash = $1")
        .bind(hash(id))
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM half_sign_ins WHERE id_hash = $1 AND failures >= $2")
        .bind(hash(id))
        .bind(FAILURES_MAX)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends it (signed in, or given up), and forgets any that have expired.
pub async fn end(db: &Db, id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM half_sign_ins WHERE id_hash = $1 OR created_ms < $2")
        .bind(hash(id))
        .bind(now_ms() - LIFETIME.as_millis() as i64)
        .execute(db)
        .await?;
    Ok(())
}

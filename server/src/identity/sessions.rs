//! Console sessions: a random id in a cookie, only its hash in the
//! database, ended by signing out, by being idle too long, by its absolute
//! age, or by the person being disabled.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use police_engage_contract::SignInMethod;

use crate::db::Db;
use crate::identity::admin_token::hash;
use crate::identity::people::{Account, COLUMNS};
use crate::random;

/// How long a session lives.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// Ended after this long without a request.
    pub idle: Duration,
    /// Ended this long after sign-in, however busy.
    pub absolute: Duration,
}

/// A session is marked as seen at most this often, not on every request.
const TOUCH_EVERY_MS: i64 = 60_000;

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// Starts a session for `person_id`; the id to put in the cookie.
pub async fn start(db: &Db, person_id: &str, method: SignInMethod) -> sqlx::Result<String> {
    let id = random::token();
    let now = now_ms();
    sqlx::query("INSERT INTO sessions (id_hash, person_id, created_ms, seen_ms, method) VALUES ($1, $2, $3, $3, $4)")
        .bind(hash(&id))
        .bind(person_id)
        .bind(now)
        .bind(method.name())
        .execute(db)
        .await?;
    Ok(id)
}

/// The person whose live session `id` is, and how they signed in; an ended
/// or expired one is gone.
pub async fn find(db: &Db, id: &str, lifetimes: Lifetimes) -> sqlx::Result<Option<(Account, SignInMethod)>> {
    let now = now_ms();
    let row: Option<(String, i64, i64, String)> =
        sqlx::query_as("SELECT person_id, created_ms, seen_ms, method FROM sessions WHERE id_hash = $1")
            .bind(hash(id))
            .fetch_optional(db)
            .await?;
    let Some((person_id, created, seen, method)) = row else { return Ok(None) };
    let expired =
        now - seen > lifetimes.idle.as_millis() as i64 || now - created > lifetimes.absolute.as_millis() as i64;
    if expired {
        end(db, id).await?;
        return Ok(None);
    }
    let person =
        sqlx::query_as::<_, Account>(&format!("SELECT {COLUMNS} FROM people WHERE id = $1 AND disabled_at IS NULL"))
            .bind(&person_id)
            .fetch_optional(db)
            .await?;
    if person.is_some() && now - seen > TOUCH_EVERY_MS {
        sqlx::query("UPDATE sessions SET seen_ms = $2 WHERE id_hash = $1").bind(hash(id)).bind(now).execute(db).await?;
    }
    Ok(person.map(|p| (p, SignInMethod::parse(&method).unwrap_or(SignInMethod::Password))))
}

pub async fn end(db: &Db, id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(hash(id)).execute(db).await?;
    Ok(())
}

/// Ends every session of a person but `keep`, if one is given.
pub async fn end_all_but(db: &mut sqlx::AnyConnection, person_id: &str, keep: Option<&str>) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
        .bind(person_id)
        .bind(keep.map(hash).unwrap_or_default())
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets sessions that have expired (they would be refused anyway).
pub async fn prune(db: &Db, lifetimes: Lifetimes) -> sqlx::Result<u64> {
    let now = now_ms();
    let done = sqlx::query("DELETE FROM sessions WHERE seen_ms < $1 OR created_ms < $2")
        .bind(now - lifetimes.idle.as_millis() as i64)
        .bind(now - lifetimes.absolute.as_millis() as i64)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

//! Who is asking: the console's people and their passwords, sessions, the
//! guard against guessing, the force's identity provider, second factors
//! and the admin token for automation.

pub mod admin_token;
pub mod half_sign_ins;
pub mod passkeys;
pub mod people;
pub mod provider;
pub mod second_factors;
pub mod sessions;
pub mod sign_in_guard;

use std::time::Duration;

use crate::db::Db;

/// Sign-in steps under way at most in each of their tables (sign-ins at
/// the provider, passkey ceremonies), so anyone asking to start one cannot
/// fill a table; more are refused until some finish or expire.
pub const UNDER_WAY_MAX: i64 = 10_000;

/// Rows of `table` (steps under way, each with `created_ms`), those older
/// than `patience` forgotten first.
pub async fn under_way(db: &Db, table: &str, patience: Duration) -> sqlx::Result<i64> {
    sqlx::query(&format!("DELETE FROM {table} WHERE created_ms < $1"))
        .bind(sessions::now_ms() - patience.as_millis() as i64)
        .execute(db)
        .await?;
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(db).await
}

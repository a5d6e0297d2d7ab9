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
/// the provider, passkey ceremonies), and at most from one client (address
/// group), so no one asking to start them can fill a table or crowd others out.
const UNDER_WAY_MAX: i64 = 100_000;
const UNDER_WAY_PER_CLIENT: i64 = 20;

/// Whether `client` may start another step kept in `table` (each row with
/// `client` and `created_ms`), those older than `patience` forgotten first.
pub async fn may_start(db: &Db, table: &str, patience: Duration, client: &str) -> sqlx::Result<bool> {
    sqlx::query(&format!("DELETE FROM {table} WHERE created_ms < $1"))
        .bind(sessions::now_ms() - patience.as_millis() as i64)
        .execute(db)
        .await?;
    let (all, mine): (i64, i64) =
        sqlx::query_as(&format!("SELECT COUNT(*), COUNT(CASE WHEN client = $1 THEN 1 END) FROM {table}"))
            .bind(client)
            .fetch_one(db)
            .await?;
    Ok(all < UNDER_WAY_MAX && mine < UNDER_WAY_PER_CLIENT)
}

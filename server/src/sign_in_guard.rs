//! Slowing and refusing people who guess passwords. Failures are counted in
//! the database, so every server sharing it counts them together: by
//! account (whatever the email, known or not, so a refusal reveals nothing)
//! and by client address.

use std::net::IpAddr;
use std::time::Duration;

use crate::db::Db;
use crate::sessions::now_ms;

/// Failures are counted over this long.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// An account is refused after this many failures in the window, even with
/// the right password, until the oldest of them leave it.
pub const ACCOUNT_LIMIT: i64 = 10;
/// A client is refused after this many (higher: an office may share an address).
pub const CLIENT_LIMIT: i64 = 30;
/// Each failure for an account slows its next answer by this much more.
const SLOWER_BY: Duration = Duration::from_millis(100);
const SLOWEST: Duration = Duration::from_secs(1);

fn account(email: &str) -> String {
    format!("account:{email}")
}

fn client(address: IpAddr) -> String {
    format!("client:{}", address.to_canonical())
}

/// How long until this account or client may try again, if it is refused now.
pub async fn refused(db: &Db, email: &str, address: IpAddr) -> sqlx::Result<Option<Duration>> {
    let account_wait = wait(db, &account(email), ACCOUNT_LIMIT).await?;
    let client_wait = wait(db, &client(address), CLIENT_LIMIT).await?;
    Ok(account_wait.max(client_wait))
}

/// Records a failure, then waits the longer the account has failed lately.
pub async fn failed(db: &Db, email: &str, address: IpAddr) -> sqlx::Result<()> {
    let now = now_ms();
    for subject in [account(email), client(address)] {
        sqlx::query("INSERT INTO sign_in_failures (subject, at_ms) VALUES ($1, $2)")
            .bind(subject)
            .bind(now)
            .execute(db)
            .await?;
    }
    let failures = recent(db, &account(email)).await?.len() as u32;
    tokio::time::sleep(SLOWER_BY.saturating_mul(failures).min(SLOWEST)).await;
    Ok(())
}

/// A right password clears the account's failures (not the client's).
pub async fn succeeded(db: &Db, email: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE subject = $1").bind(account(email)).execute(db).await?;
    Ok(())
}

/// Forgets failures older than the window.
pub async fn prune(db: &Db) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE at_ms < $1")
        .bind(now_ms() - WINDOW.as_millis() as i64)
        .execute(db)
        .await?;
    Ok(())
}

/// The times of a subject's failures in the window, oldest first.
async fn recent(db: &Db, subject: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT at_ms FROM sign_in_failures WHERE subject = $1 AND at_ms >= $2 ORDER BY at_ms")
        .bind(subject)
        .bind(now_ms() - WINDOW.as_millis() as i64)
        .fetch_all(db)
        .await
}

/// Refused while `limit` or more failures are in the window: until enough
/// of the oldest leave it that fewer than `limit` remain.
async fn wait(db: &Db, subject: &str, limit: i64) -> sqlx::Result<Option<Duration>> {
    let times = recent(db, subject).await?;
    let over = times.len() as i64 - limit;
    if over < 0 {
        return Ok(None);
    }
    let frees_at = times[over as usize] + WINDOW.as_millis() as i64;
    Ok(Some(Duration::from_millis((frees_at - now_ms()).max(1000) as u64)))
}

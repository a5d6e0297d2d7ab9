//! Slowing and refusing people who guess passwords. Failures are counted in
//! the database, so every server sharing it counts them together, in fixed
//! windows per subject: an account tried from one client, a client, and an
//! account from anywhere. Each attempt is counted in the same statement that
//! reads the count, before its password is checked, so attempts sent at once
//! cannot all pass the check first; a right password takes its count back.
//!
//! A window never grows: a guesser cannot keep an account refused for longer
//! than the window, and a client that has signed in to an account before is
//! slowed, not refused, by guessing from elsewhere. An admin can unlock.

use std::collections::HashSet;
use std::net::IpAddr;
use std::time::Duration;

use sqlx::AnyConnection;

use crate::client_ip;
use crate::db::Db;
use crate::identity::sessions::now_ms;

/// Failures are counted over this long.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// An account is refused to clients new to it after this many failures in
/// the window, and to one client after this many of its own.
pub const ACCOUNT_LIMIT: i64 = 10;
/// A client is refused after this many (higher: an office may share an address).
pub const CLIENT_LIMIT: i64 = 30;
/// Security codes for an account are refused after this many wrong ones in
/// the window, from anywhere: a right password does not take them back, so
/// someone holding the password cannot guess the code for long.
pub const CODE_LIMIT: i64 = 5;
/// A client that signed in to an account within this long is known to it.
const KNOWN_FOR: Duration = Duration::from_secs(90 * 24 * 60 * 60);
/// Each failure for an account slows its next answer by this much more.
const SLOWER_BY: Duration = Duration::from_millis(100);
const SLOWEST: Duration = Duration::from_secs(1);

fn account(email: &str) -> String {
    format!("account:{email}")
}

fn pair(email: &str, client: &str) -> String {
    format!("pair:{email}|{client}")
}

fn codes(email: &str) -> String {
    format!("codes:{email}")
}

fn client(group: &str) -> String {
    format!("client:{group}")
}

/// The `sign_in_known` subject: a client that has signed in to an account.
fn known_subject(email: &str, group: &str) -> String {
    format!("{email}|{group}")
}

/// One sign-in attempt, counted as a failure until [`succeeded`] says otherwise.
pub struct Attempt {
    email: String,
    client: String,
    /// Failures for the account in its window, this attempt included.
    account_failures: i64,
}

/// Counts the attempt; refused (with how long to wait) when over a limit.
pub async fn begin(db: &Db, email: &str, address: IpAddr) -> sqlx::Result<Result<Attempt, Duration>> {
    let group = client_ip::group(address);
    let now = now_ms();
    // One transaction, taking the rows in one order: attempts sent at once
    // are counted one after another, not each a little of the way.
    let mut tx = crate::db::begin_write(db).await?;
    let (pair_n, pair_start) = count(&mut tx, &pair(email, &group), now).await?;
    let (client_n, client_start) = count(&mut tx, &client(&group), now).await?;
    let (account_n, account_start) = count(&mut tx, &account(email), now).await?;
    let known = known(&mut tx, email, &group, now).await?;
    tx.commit().await?;
    let mut refused_until = None;
    if pair_n > ACCOUNT_LIMIT {
        refused_until = Some(pair_start);
    }
    if client_n > CLIENT_LIMIT {
        refused_until = refused_until.max(Some(client_start));
    }
    if account_n > ACCOUNT_LIMIT && !known {
        refused_until = refused_until.max(Some(account_start));
    }
    if let Some(start) = refused_until {
        let frees_at = start + WINDOW.as_millis() as i64;
        return Ok(Err(Duration::from_millis((frees_at - now).max(1000) as u64)));
    }
    Ok(Ok(Attempt { email: email.to_owned(), client: group, account_failures: account_n }))
}

/// The attempt failed: its answer waits the longer the account has failed lately.
pub async fn failed(attempt: Attempt) {
    let failures = u32::try_from(attempt.account_failures).unwrap_or(u32::MAX);
    tokio::time::sleep(SLOWER_BY.saturating_mul(failures).min(SLOWEST)).await;
}

/// Counts a security code as [`begin`] counts a password, and against the
/// account's codes; refused past [`CODE_LIMIT`] wrong ones in the window.
pub async fn begin_code(db: &Db, email: &str, address: IpAddr) -> sqlx::Result<Result<Attempt, Duration>> {
    let now = now_ms();
    let mut tx = crate::db::begin_write(db).await?;
    let (n, start) = count(&mut tx, &codes(email), now).await?;
    tx.commit().await?;
    if n > CODE_LIMIT {
        let frees_at = start + WINDOW.as_millis() as i64;
        return Ok(Err(Duration::from_millis((frees_at - now).max(1000) as u64)));
    }
    begin(db, email, address).await
}

/// A right security code: the account's wrong codes are forgotten, and the
/// sign-in succeeded.
pub async fn code_succeeded(db: &Db, attempt: Attempt) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sign_in_counts WHERE subject = $1").bind(codes(&attempt.email)).execute(db).await?;
    succeeded(db, attempt).await
}

/// The right password, with a second factor still to come: the attempt is
/// no failure and its client's own count for the account is cleared, but
/// the client is not yet known to the account.
pub async fn password_right(db: &Db, attempt: &Attempt) -> sqlx::Result<()> {
    let Attempt { email, client: group, .. } = attempt;
    sqlx::query("DELETE FROM sign_in_counts WHERE subject = $1").bind(pair(email, group)).execute(db).await?;
    sqlx::query("UPDATE sign_in_counts SET failures = failures - 1 WHERE subject IN ($1, $2) AND failures > 0")
        .bind(account(email))
        .bind(client(group))
        .execute(db)
        .await?;
    Ok(())
}

/// Signed in: the attempt is no failure, its client's own count for the
/// account is cleared, and the client is known to the account.
pub async fn succeeded(db: &Db, attempt: Attempt) -> sqlx::Result<()> {
    password_right(db, &attempt).await?;
    let Attempt { email, client: group, .. } = attempt;
    sqlx::query(
        "INSERT INTO sign_in_known (subject, seen_ms) VALUES ($1, $2)
         ON CONFLICT (subject) DO UPDATE SET seen_ms = excluded.seen_ms",
    )
    .bind(known_subject(&email, &group))
    .bind(now_ms())
    .execute(db)
    .await?;
    Ok(())
}

/// The emails of accounts refused to clients new to them now.
pub async fn locked(db: &Db) -> sqlx::Result<HashSet<String>> {
    let subjects: Vec<String> = sqlx::query_scalar(
        "SELECT subject FROM sign_in_counts WHERE substr(subject, 1, 8) = 'account:' AND window_start > $1
         AND failures >= $2",
    )
    .bind(now_ms() - WINDOW.as_millis() as i64)
    .bind(ACCOUNT_LIMIT)
    .fetch_all(db)
    .await?;
    Ok(subjects.into_iter().filter_map(|s| s.strip_prefix("account:").map(str::to_owned)).collect())
}

/// Forgets the account's failures, from anywhere: an admin's unlock.
pub async fn unlock(db: &Db, email: &str) -> sqlx::Result<()> {
    let pairs = pair(email, "");
    sqlx::query("DELETE FROM sign_in_counts WHERE subject IN ($1, $3) OR substr(subject, 1, length($2)) = $2")
        .bind(account(email))
        .bind(pairs)
        .bind(codes(email))
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets windows that have ended and clients not seen for long.
pub async fn prune(db: &Db) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query("DELETE FROM sign_in_counts WHERE window_start < $1")
        .bind(now - WINDOW.as_millis() as i64)
        .execute(db)
        .await?;
    sqlx::query("DELETE FROM sign_in_known WHERE seen_ms < $1")
        .bind(now - KNOWN_FOR.as_millis() as i64)
        .execute(db)
        .await?;
    Ok(())
}

/// One more failure for `subject` in its window: its count and window start.
async fn count(db: &mut AnyConnection, subject: &str, now: i64) -> sqlx::Result<(i64, i64)> {
    crate::db::count_in_window(db, "sign_in_counts", subject, now, WINDOW).await
}

async fn known(db: &mut AnyConnection, email: &str, group: &str, now: i64) -> sqlx::Result<bool> {
    let seen: Option<i64> = sqlx::query_scalar("SELECT seen_ms FROM sign_in_known WHERE subject = $1")
        .bind(known_subject(email, group))
        .fetch_optional(db)
        .await?;
    Ok(seen.is_some_and(|at| at >= now - KNOWN_FOR.as_millis() as i64))
}

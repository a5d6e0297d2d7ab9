//! The outbox table: messages queued in the transaction that caused them,
//! claimed by a worker for a while (so a crash mid-send leaves them to be
//! taken again, sent at most once more), marked sent, retried later, or
//! failed. On PostgreSQL several servers claim at once without taking the
//! same rows (`FOR UPDATE SKIP LOCKED`); SQLite has one writer anyway.

use std::time::Duration;

use sqlx::AnyConnection;

use super::compose::Composed;
use crate::db::Db;
use crate::identity::sessions::now_ms;

/// A claimed message is another worker's to take again after this long.
pub const LEASE: Duration = Duration::from_secs(60);
/// Retries back off, doubling from this, up to [`RETRY_AT_MOST`].
const RETRY_FIRST: Duration = Duration::from_secs(10);
const RETRY_AT_MOST: Duration = Duration::from_secs(60 * 60);
/// A message still refused as temporary after this many tries has failed.
pub const TRIES: i64 = 20;

/// Queues a message in the caller's transaction.
pub async fn queue(tx: &mut AnyConnection, kind: &str, message: &Composed) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO outbox (id, kind, sender, recipient, body, next_try_ms, created_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(&message.id)
    .bind(kind)
    .bind(&message.sender)
    .bind(&message.recipient)
    .bind(&message.body)
    .bind(now_ms())
    .execute(tx)
    .await?;
    Ok(())
}

/// A message claimed for sending.
#[derive(sqlx::FromRow)]
pub struct Claimed {
    pub id: String,
    pub sender: String,
    pub recipient: String,
    /// Empty for an alert, composed as it is sent from what it names.
    pub body: String,
    pub update_id: Option<String>,
    pub subscriber_id: Option<String>,
    pub attempts: i64,
    /// This claim's lease: marks are made only while it is still this
    /// claim's, so a worker that outlived its lease changes nothing.
    pub claimed_until_ms: i64,
}

/// Claims up to `n` due messages: queued and due, or claimed by a worker
/// that has not finished in time.
pub async fn claim(db: &Db, n: i64, postgres: bool) -> sqlx::Result<Vec<Claimed>> {
    let now = now_ms();
    let lock = if postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
    sqlx::query_as(&format!(
        "UPDATE outbox SET state = 'sending', claimed_until_ms = $1, attempts = attempts + 1
         WHERE id IN (SELECT id FROM outbox
                      WHERE (state = 'queued' AND next_try_ms <= $2) OR (state = 'sending' AND claimed_until_ms < $2)
                      ORDER BY next_try_ms LIMIT $3 {lock})
         RETURNING id, sender, recipient, body, update_id, subscriber_id, attempts, claimed_until_ms"
    ))
    .bind(now + LEASE.as_millis() as i64)
    .bind(now)
    .bind(n)
    .fetch_all(db)
    .await
}

/// While `message` is still its claim's.
const STILL_CLAIMED: &str = "id = $1 AND state = 'sending' AND claimed_until_ms = $2";

pub async fn sent(db: &Db, messages: &[&Claimed]) -> sqlx::Result<()> {
    let now = now_ms();
    let mut tx = crate::db::begin_write(db).await?;
    for message in messages {
        sqlx::query(&format!(
            "UPDATE outbox SET state = 'sent', sent_ms = $3, last_error = NULL WHERE {STILL_CLAIMED}"
        ))
        .bind(&message.id)
        .bind(message.claimed_until_ms)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Tried again later, or failed after [`TRIES`]; whether it will be tried again.
pub async fn retry(db: &Db, message: &Claimed, error: &str) -> sqlx::Result<bool> {
    if message.attempts >= TRIES {
        failed(db, message, error).await?;
        return Ok(false);
    }
    let wait = RETRY_FIRST.saturating_mul(1 << (message.attempts - 1).clamp(0, 16) as u32).min(RETRY_AT_MOST);
    sqlx::query(&format!(
        "UPDATE outbox SET state = 'queued', next_try_ms = $3, last_error = $4 WHERE {STILL_CLAIMED}"
    ))
    .bind(&message.id)
    .bind(message.claimed_until_ms)
    .bind(now_ms() + wait.as_millis() as i64)
    .bind(error)
    .execute(db)
    .await?;
    Ok(true)
}

pub async fn failed(db: &Db, message: &Claimed, error: &str) -> sqlx::Result<()> {
    sqlx::query(&format!("UPDATE outbox SET state = 'failed', last_error = $3 WHERE {STILL_CLAIMED}"))
        .bind(&message.id)
        .bind(message.claimed_until_ms)
        .bind(error)
        .execute(db)
        .await?;
    Ok(())
}

/// When the next queued message is due, if any is.
pub async fn next_due(db: &Db) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT MIN(next_try_ms) FROM outbox WHERE state = 'queued'").fetch_one(db).await
}

/// Replies that failed, newest first (at most `limit`): alerts and their
/// confirmations are not listed, since their addresses are not shown to anyone.
pub async fn failed_list(db: &Db, limit: i64) -> sqlx::Result<Vec<police_engage_contract::FailedMail>> {
    let rows: Vec<(String, String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT id, kind, recipient, last_error, created_ms FROM outbox WHERE state = 'failed' AND kind = 'reply'
         ORDER BY created_ms DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, recipient, error, created)| police_engage_contract::FailedMail {
            id,
            kind,
            recipient,
            error: error.unwrap_or_default(),
            created_at: crate::stamp::from_millis(created),
        })
        .collect())
}

/// Forgets every message to an address about alerts, sent or not: its
/// owner stopped them, or asked to be forgotten.
pub async fn forget_alerts_to(tx: &mut AnyConnection, recipient: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM outbox WHERE recipient = $1 AND kind IN ('confirmation', 'alert')")
        .bind(recipient)
        .execute(tx)
        .await?;
    Ok(())
}

/// Sent alerts and confirmations are kept this long (their bodies hold
/// addresses and links), replies as long as their submission.
pub const ALERTS_KEPT: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// Forgets alerts and confirmations sent or failed long enough ago.
pub async fn prune(db: &Db) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM outbox WHERE kind <> 'reply' AND state IN ('sent', 'failed') AND created_ms < $1")
        .bind(now_ms() - ALERTS_KEPT.as_millis() as i64)
        .execute(db)
        .await?;
    Ok(())
}

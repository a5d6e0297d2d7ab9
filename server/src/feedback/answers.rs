//! Answers to residents and the response promise: a reply sent by email
//! from the console (its outbox message queued in the same transaction),
//! or an answer given another way and noted. The first answer marks the
//! submission answered; a resident who asked to be contacted is due one
//! within `--response-hours` of writing.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use police_engage_contract::{Answer, AnswerChannel, Delivery};

use crate::db::Db;
use crate::mail::compose::Composed;
use crate::mail::outbox;
use crate::{random, stamp};

/// Records an answer (and queues its message, for a reply by email), and
/// marks the submission answered if it was not.
pub async fn record(db: &Db, id: &str, author: &str, body: &str, message: Option<&Composed>) -> sqlx::Result<()> {
    let now = stamp::now(stamp::Millis);
    let mut tx = crate::db::begin_write(db).await?;
    if let Some(message) = message {
        outbox::queue(&mut tx, "reply", message).await?;
    }
    let channel = if message.is_some() { AnswerChannel::Email } else { AnswerChannel::Other };
    sqlx::query(
        "INSERT INTO replies (id, feedback_id, author, body, channel, message_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(random::id("r"))
    .bind(id)
    .bind(author)
    .bind(body)
    .bind(channel.name())
    .bind(message.map(|m| m.id.as_str()))
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE feedback SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL")
        .bind(id)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    super::CHANGES.changed();
    Ok(())
}

/// A submission's answers, oldest first, each reply with its delivery, and
/// when it was first answered.
pub async fn of(db: &Db, id: &str) -> sqlx::Result<(Vec<Answer>, Option<String>)> {
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT r.author, r.body, r.channel, r.created_at, o.state FROM replies r
         LEFT JOIN outbox o ON o.id = r.message_id WHERE r.feedback_id = $1 ORDER BY r.created_at, r.id",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let answered: Option<String> = sqlx::query_scalar("SELECT answered_at FROM feedback WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .flatten();
    let answers = rows
        .into_iter()
        .map(|(author, body, channel, created_at, state)| Answer {
            author,
            body,
            channel: AnswerChannel::parse(&channel).unwrap_or(AnswerChannel::Other),
            created_at,
            // The outbox's states are the deliveries', but `sending`, which is still waiting.
            delivery: state.map(|s| Delivery::parse(&s).unwrap_or(Delivery::Queued)),
        })
        .collect();
    Ok((answers, answered))
}

/// When an answer is due to someone who wrote at `received_at`.
pub fn due(received_at: &str, within: Duration) -> Option<String> {
    let received: DateTime<Utc> = DateTime::parse_from_rfc3339(received_at).ok()?.into();
    let due = received + chrono::TimeDelta::from_std(within).ok()?;
    Some(due.to_rfc3339_opts(SecondsFormat::Millis, true))
}

//! One alert per update, as it goes live: published now (the publishing
//! path wakes this at once) or at its scheduled time (found on the next
//! look, every few seconds). Nothing for a withdrawn or expired update,
//! nothing again for an edit (`alert_runs` holds one row per update,
//! written in the same transaction as its alerts, so two servers cannot
//! both send a run), nothing for the samples or for anything published
//! before alerts were first offered.

use std::sync::Arc;
use std::time::Duration;

use police_engage_contract::{Category, Priority};
use tokio::sync::Notify;

use super::{reading, Subscriber};
use crate::db::{self, Db};
use crate::mail::compose::{self, Alerted};
use crate::mail::{outbox, Mail};
use crate::metrics::{Metrics, MAIL};
use crate::stamp;
use crate::updates::{self, Update};

/// How often scheduled updates are looked for.
const LOOK_EVERY: Duration = Duration::from_secs(5);
/// Updates that went live longer ago than this are not alerted late (after
/// mail was off, or the server down): news that old is no alert.
const LATE_AT_MOST: Duration = Duration::from_secs(24 * 60 * 60);
/// The settings key of when alerts were first offered.
const SINCE: &str = "alerts_since";

/// What a run needs besides the database.
pub struct Fanout {
    pub mail: Arc<Mail>,
    pub metrics: Arc<Metrics>,
    pub force: String,
    /// Where the links in alerts point (the server's public address).
    pub base_url: String,
    /// Woken when something is published.
    pub published: Notify,
}

pub fn spawn(db: Db, fanout: Arc<Fanout>) {
    tokio::spawn(async move {
        let mut first: Option<String> = None;
        loop {
            let looked = async {
                let since = match &first {
                    Some(at) => at.clone(),
                    None => first.insert(first_offered(&db).await?).clone(),
                };
                run(&db, &fanout, &since).await
            }
            .await;
            if let Err(error) = looked {
                tracing::error!(%error, "alerts could not be sent");
            }
            tokio::select! {
                () = fanout.published.notified() => {}
                () = tokio::time::sleep(LOOK_EVERY) => {}
            }
        }
    });
}

/// When alerts were first offered, this server being the first if none was before.
async fn first_offered(db: &Db) -> sqlx::Result<String> {
    let now = stamp::now(stamp::Secs);
    db::add_setting(db, SINCE, &now).await?;
    Ok(db::setting(db, SINCE).await?.unwrap_or(now))
}

/// Sends the alerts of every update that has gone live since the last
/// look, and since `first` (when alerts were first offered).
pub async fn run(db: &Db, fanout: &Fanout, first: &str) -> anyhow::Result<u64> {
    let now = stamp::now(stamp::Secs);
    let recent = stamp::from_millis(crate::identity::sessions::now_ms() - LATE_AT_MOST.as_millis() as i64);
    let since = recent.as_str().max(first);
    let due: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM updates WHERE published_at >= $1 AND published_at <= $2 AND withdrawn_at IS NULL
         AND (expires_at IS NULL OR expires_at > $2) AND channel <> 'sample'
         AND id NOT IN (SELECT update_id FROM alert_runs) ORDER BY published_at",
    )
    .bind(since)
    .bind(&now)
    .fetch_all(db)
    .await?;
    let mut sent = 0;
    for id in due {
        // One update's trouble does not hold up the others.
        match updates::get(db, &id).await {
            Ok(Some(update)) => match alert(db, fanout, &update).await {
                Ok(n) => sent += n,
                Err(error) => tracing::error!(update = %id, %error, "alerts for this update could not be queued"),
            },
            Ok(None) => {}
            Err(error) => tracing::error!(update = %id, %error, "an update to alert could not be read"),
        }
    }
    if sent > 0 {
        fanout.mail.queued.notify_one();
        fanout.metrics.add(MAIL, &[("event", "queued")], sent);
    }
    Ok(sent)
}

/// The update's alerts to everyone it matches, queued with its run; how many.
async fn alert(db: &Db, fanout: &Fanout, update: &Update) -> anyhow::Result<u64> {
    let urgent = update.priority == Priority::Urgent || matches!(update.category, Category::Appeal | Category::Warning);
    let subscribers: Vec<Subscriber> = sqlx::query_as(
        "SELECT id, email, area, urgent_only, lang, token, confirmed_at FROM subscribers
         WHERE confirmed_at IS NOT NULL AND (area IS NULL OR $1 IS NULL OR lower(area) = lower($1))
         AND (urgent_only = 0 OR $2 = 1)",
    )
    .bind(&update.area)
    .bind(i64::from(urgent))
    .fetch_all(db)
    .await?;
    let link = update.url.clone().unwrap_or_else(|| format!("{}/", fanout.base_url));
    let alerted = Alerted {
        en: (&update.title, update.summary.as_deref()),
        cy: (update.cy.title.as_deref(), update.cy.summary.as_deref()),
        reference: update.reference.as_deref(),
        link: &link,
    };
    // Composed before the transaction, so the write lock is held only to write.
    let messages: Vec<_> = subscribers
        .iter()
        .filter_map(|subscriber| {
            let manage = format!("{}/alerts/manage?token={}", fanout.base_url, subscriber.token);
            let unsubscribe = format!("{}/alerts/unsubscribe?token={}", fanout.base_url, subscriber.token);
            let reading = reading(&subscriber.lang);
            compose::alert(&fanout.mail, &fanout.force, &subscriber.email, reading, &alerted, &manage, &unsubscribe)
                .inspect_err(|error| tracing::warn!(subscriber = %subscriber.id, %error, "an alert could not be made"))
                .ok()
        })
        .collect();
    let mut tx = db::begin_write(db).await?;
    let first = sqlx::query("INSERT INTO alert_runs (update_id, sent, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(&update.id)
        .bind(messages.len() as i64)
        .bind(stamp::now(stamp::Secs))
        .execute(&mut *tx)
        .await?;
    if first.rows_affected() == 0 {
        return Ok(0);
    }
    for message in &messages {
        outbox::queue(&mut tx, "alert", message).await?;
    }
    tx.commit().await?;
    tracing::info!(update = %update.id, alerts = messages.len(), "alerts queued");
    Ok(messages.len() as u64)
}

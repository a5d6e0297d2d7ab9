//! One alert per update, as it goes live: published now (the publishing
//! path wakes this at once) or at its scheduled time (found on the next
//! look, every few seconds). Nothing for a withdrawn or expired update,
//! nothing again for an edit (`alert_runs` holds one row per update,
//! written in the same transaction as its alerts, so two servers cannot
//! both send a run), nothing for the samples or for anything published
//! before alerts were first offered.
//!
//! A run is queued in one statement, a row per subscriber naming the update
//! and the subscriber; the outbox worker composes each as it sends it
//! ([`compose_queued`]), so a whole list is queued in a moment, its first
//! alert goes at once, and an update withdrawn mid-run sends nothing more.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use police_engage_contract::{Category, Priority, UpdateState};
use tokio::sync::Notify;

use super::{reading, Subscriber};
use crate::db::{self, Db};
use crate::mail::compose::{self, Alerted, Composed};
use crate::mail::outbox::Claimed;
use crate::mail::Mail;
use crate::metrics::{Metrics, MAIL};
use crate::updates::{self, Update};
use crate::{random, stamp};

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
            Ok(Some(update)) => match alert(db, &fanout.mail, &update).await {
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
async fn alert(db: &Db, mail: &Mail, update: &Update) -> anyhow::Result<u64> {
    let urgent = update.priority == Priority::Urgent || matches!(update.category, Category::Appeal | Category::Warning);
    let now = crate::identity::sessions::now_ms();
    let mut tx = db::begin_write(db).await?;
    let first = sqlx::query("INSERT INTO alert_runs (update_id, sent, at) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING")
        .bind(&update.id)
        .bind(stamp::now(stamp::Secs))
        .execute(&mut *tx)
        .await?;
    if first.rows_affected() == 0 {
        return Ok(0);
    }
    // Each alert's id, and so its Message-ID, is the run's and the subscriber's.
    let queued = sqlx::query(
        "INSERT INTO outbox (id, kind, sender, recipient, body, next_try_ms, created_ms, update_id, subscriber_id)
         SELECT $1 || '.' || id, 'alert', $2, email, '', $3, $3, $4, id FROM subscribers
         WHERE confirmed_at IS NOT NULL AND (area IS NULL OR $5 IS NULL OR lower(area) = lower($5))
         AND (urgent_only = 0 OR $6 = 1)",
    )
    .bind(random::id("a"))
    .bind(mail.from.email.to_string())
    .bind(now)
    .bind(&update.id)
    .bind(&update.area)
    .bind(i64::from(urgent))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("UPDATE alert_runs SET sent = $1 WHERE update_id = $2")
        .bind(queued as i64)
        .bind(&update.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(update = %update.id, alerts = queued, "alerts queued");
    Ok(queued)
}

/// The updates a batch of alerts is about, each read once.
pub type Updates = HashMap<String, Option<Update>>;

/// What a queued alert is when its turn comes.
pub enum Made {
    Mail(Composed),
    /// Not to be sent, and why.
    NotSent(String),
}

/// A queued alert made into the mail it is now: not sent if the update is
/// no longer live or the subscriber has gone.
pub async fn compose_queued(db: &Db, mail: &Mail, updates: &mut Updates, message: &Claimed) -> sqlx::Result<Made> {
    let (Some(update_id), Some(subscriber_id)) = (&message.update_id, &message.subscriber_id) else {
        return Ok(Made::NotSent("an alert names no update or no subscriber".into()));
    };
    if !updates.contains_key(update_id) {
        updates.insert(update_id.clone(), updates::get(db, update_id).await?);
    }
    let now = stamp::now(stamp::Secs);
    let Some(update) = updates[update_id].as_ref().filter(|u| u.state(&now) == UpdateState::Live) else {
        return Ok(Made::NotSent("the update is no longer live".into()));
    };
    let subscriber: Option<Subscriber> = sqlx::query_as(
        "SELECT id, email, area, urgent_only, lang, token, confirmed_at FROM subscribers
         WHERE id = $1 AND confirmed_at IS NOT NULL",
    )
    .bind(subscriber_id)
    .fetch_optional(db)
    .await?;
    let Some(subscriber) = subscriber else { return Ok(Made::NotSent("the subscriber has stopped alerts".into())) };
    let link = update.url.clone().unwrap_or_else(|| format!("{}/", mail.base_url));
    let alerted = Alerted {
        en: (&update.title, update.summary.as_deref()),
        cy: (update.cy.title.as_deref(), update.cy.summary.as_deref()),
        reference: update.reference.as_deref(),
        link: &link,
    };
    let manage = format!("{}/alerts/manage?token={}", mail.base_url, subscriber.token);
    let unsubscribe = format!("{}/alerts/unsubscribe?token={}", mail.base_url, subscriber.token);
    let reading = reading(&subscriber.lang);
    let composed =
        compose::alert(mail, message.id.clone(), &subscriber.email, reading, &alerted, &manage, &unsubscribe);
    Ok(composed.map_or_else(|error| Made::NotSent(error.to_string()), Made::Mail))
}

//! Alerts by email for residents: sign-up with double opt-in (nothing but
//! the confirmation is sent until its link is followed; an address is sent
//! at most a few sign-up mails a day, whoever asks), changing and stopping
//! from the link in every mail (one-click, RFC 8058), and one alert per
//! update as it goes live (`fan_out`). The pages are `pages`.

pub mod fan_out;
pub mod pages;

use std::time::Duration;

use crate::db::Db;
use crate::identity::sessions::now_ms;
use crate::mail::compose::{Composed, Reading};
use crate::mail::outbox;
use crate::{random, stamp};

/// Sign-up mails an address is sent at most, in [`SIGN_UP_WINDOW`].
pub const SIGN_UPS_PER_ADDRESS: i64 = 3;
/// Sign-ups one client (address group) may send in [`SIGN_UP_WINDOW`].
pub const SIGN_UPS_PER_CLIENT: i64 = 20;
const SIGN_UP_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);
/// An unconfirmed address is forgotten after this long.
pub const CONFIRM_WITHIN: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// What a resident asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    /// `None`: every area.
    pub area: Option<String>,
    /// Urgent updates and every appeal and warning, not every update.
    pub urgent_only: bool,
    pub reading: Reading,
}

/// A subscriber as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscriber {
    pub id: String,
    pub email: String,
    pub area: Option<String>,
    pub urgent_only: i64,
    pub lang: String,
    pub token: String,
    pub confirmed_at: Option<String>,
}

impl Subscriber {
    pub fn choices(&self) -> Choices {
        Choices { area: self.area.clone(), urgent_only: self.urgent_only != 0, reading: reading(&self.lang) }
    }
}

pub fn reading(lang: &str) -> Reading {
    match lang {
        "cy" => Reading::One(police_engage_contract::Lang::Cy),
        "both" => Reading::Both,
        _ => Reading::One(police_engage_contract::Lang::En),
    }
}

pub fn reading_name(reading: Reading) -> &'static str {
    match reading {
        Reading::One(lang) => lang.name(),
        Reading::Both => "both",
    }
}

/// What happened to a sign-up: the page says the same either way.
#[derive(Debug, PartialEq)]
pub enum SignedUp {
    /// A mail was queued: to confirm, or (already subscribed) to change.
    Mailed,
    /// The address has had its sign-up mails for today.
    Limited,
}

/// Records a sign-up and queues its mail in one transaction: a new or
/// unconfirmed address gets these choices and a confirmation link; a
/// confirmed one keeps its choices and is sent the link to change them.
/// `mail` composes the message from (the token, whether already confirmed).
pub async fn sign_up(
    db: &Db,
    email: &str,
    client: &str,
    choices: &Choices,
    mail: impl Fn(&str, bool) -> anyhow::Result<Composed>,
) -> anyhow::Result<SignedUp> {
    let now = now_ms();
    let mut tx = crate::db::begin_write(db).await?;
    let limits = [
        (format!("address:{}", one_mailbox(email)), SIGN_UPS_PER_ADDRESS),
        (format!("client:{client}"), SIGN_UPS_PER_CLIENT),
    ];
    for (subject, limit) in limits {
        let (n, _) = crate::db::count_in_window(&mut tx, "alert_signup_counts", &subject, now, SIGN_UP_WINDOW).await?;
        if n > limit {
            // Counted all the same: the count is what stops the next.
            tx.commit().await?;
            return Ok(SignedUp::Limited);
        }
    }
    let existing: Option<Subscriber> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM subscribers WHERE email = $1"))
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?;
    let (token, confirmed) = match existing {
        Some(s) if s.confirmed_at.is_some() => (s.token, true),
        // Not yet confirmed: the new choices, but the same link and the
        // same 7 days, so asking again neither keeps the address for ever
        // nor spoils the link already sent.
        Some(s) => {
            change(&mut tx, &s.id, choices).await?;
            (s.token, false)
        }
        None => {
            let token = random::token();
            sqlx::query(
                "INSERT INTO subscribers (id, email, area, urgent_only, lang, token, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(random::id("s"))
            .bind(email)
            .bind(&choices.area)
            .bind(i64::from(choices.urgent_only))
            .bind(reading_name(choices.reading))
            .bind(&token)
            .bind(stamp::now(stamp::Secs))
            .execute(&mut *tx)
            .await?;
            (token, false)
        }
    };
    outbox::queue(&mut tx, "confirmation", &mail(&token, confirmed)?).await?;
    tx.commit().await?;
    Ok(SignedUp::Mailed)
}

/// One mailbox however it is written: in lower case, without a `+tag`.
fn one_mailbox(email: &str) -> String {
    let email = email.to_lowercase();
    match email.rsplit_once('@') {
        Some((local, domain)) => format!("{}@{domain}", local.split('+').next().unwrap_or(local)),
        None => email,
    }
}

const COLUMNS: &str = "id, email, area, urgent_only, lang, token, confirmed_at";

/// The subscriber a link's token names (an unconfirmed one only within
/// [`CONFIRM_WITHIN`]).
pub async fn by_token(db: &Db, token: &str) -> sqlx::Result<Option<Subscriber>> {
    let cutoff = stamp::from_millis(now_ms() - CONFIRM_WITHIN.as_millis() as i64);
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM subscribers WHERE token = $1 AND (confirmed_at IS NOT NULL OR created_at > $2)"
    ))
    .bind(token)
    .bind(cutoff)
    .fetch_optional(db)
    .await
}

pub async fn confirm(db: &Db, id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE subscribers SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL")
        .bind(id)
        .bind(stamp::now(stamp::Secs))
        .execute(db)
        .await?;
    Ok(())
}

pub async fn change(db: &mut sqlx::AnyConnection, id: &str, choices: &Choices) -> sqlx::Result<()> {
    sqlx::query("UPDATE subscribers SET area = $2, urgent_only = $3, lang = $4 WHERE id = $1")
        .bind(id)
        .bind(&choices.area)
        .bind(i64::from(choices.urgent_only))
        .bind(reading_name(choices.reading))
        .execute(db)
        .await?;
    Ok(())
}

/// Stops every alert to the address the token names, and forgets it.
pub async fn unsubscribe(db: &Db, token: &str) -> sqlx::Result<bool> {
    let mut tx = crate::db::begin_write(db).await?;
    let email: Option<String> = sqlx::query_scalar("DELETE FROM subscribers WHERE token = $1 RETURNING email")
        .bind(token)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(email) = &email {
        outbox::forget_alerts_to(&mut tx, email).await?;
    }
    tx.commit().await?;
    Ok(email.is_some())
}

/// Forgets addresses never confirmed within [`CONFIRM_WITHIN`], and old sign-up counts.
pub async fn forget_unconfirmed(db: &Db) -> sqlx::Result<u64> {
    let now = now_ms();
    let cutoff = stamp::from_millis(now - CONFIRM_WITHIN.as_millis() as i64);
    let mut tx = crate::db::begin_write(db).await?;
    let forgotten: Vec<String> =
        sqlx::query_scalar("DELETE FROM subscribers WHERE confirmed_at IS NULL AND created_at < $1 RETURNING email")
            .bind(cutoff)
            .fetch_all(&mut *tx)
            .await?;
    for email in &forgotten {
        outbox::forget_alerts_to(&mut tx, email).await?;
    }
    tx.commit().await?;
    outbox::prune(db).await?;
    sqlx::query("DELETE FROM alert_signup_counts WHERE window_start < $1")
        .bind(now - SIGN_UP_WINDOW.as_millis() as i64)
        .execute(db)
        .await?;
    Ok(forgotten.len() as u64)
}

/// Confirmed subscribers by area, and the latest alert runs, for the console.
pub async fn summary(db: &Db) -> sqlx::Result<police_engage_contract::AlertsSummary> {
    let areas: Vec<(Option<String>, i64)> = sqlx::query_as(
        "SELECT area, COUNT(*) AS n FROM subscribers WHERE confirmed_at IS NOT NULL GROUP BY area ORDER BY n DESC, area",
    )
    .fetch_all(db)
    .await?;
    let runs: Vec<(String, Option<String>, i64, String)> = sqlx::query_as(
        // Sent so far while the run's rows are kept, else as many as were queued.
        "SELECT r.update_id, u.title,
                CASE WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.update_id = r.update_id)
                     THEN (SELECT COUNT(*) FROM outbox o WHERE o.update_id = r.update_id AND o.state = 'sent')
                     ELSE r.sent END AS sent, r.at
         FROM alert_runs r LEFT JOIN updates u ON u.id = r.update_id
         ORDER BY r.at DESC, r.update_id LIMIT 20",
    )
    .fetch_all(db)
    .await?;
    Ok(police_engage_contract::AlertsSummary {
        // Whether alerts are sent is the server's to say (`http/alerts.rs`).
        enabled: false,
        areas: areas.into_iter().map(|(area, n)| (area, n as u64)).collect(),
        runs: runs
            .into_iter()
            .map(|(update_id, title, sent, at)| police_engage_contract::AlertRun {
                title: title.unwrap_or_else(|| update_id.clone()),
                update_id,
                sent: sent as u64,
                at,
            })
            .collect(),
    })
}

/// Forgets an address on request, with every mail to it about alerts;
/// `false` if it was not subscribed.
pub async fn erase(db: &Db, email: &str) -> sqlx::Result<bool> {
    let mut tx = crate::db::begin_write(db).await?;
    let done = sqlx::query("DELETE FROM subscribers WHERE email = $1").bind(email).execute(&mut *tx).await?;
    outbox::forget_alerts_to(&mut tx, email).await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_mailbox_count_as_one() {
        assert_eq!(one_mailbox("Victim+1@Example.org"), "victim@example.org");
        assert_eq!(one_mailbox("victim+a+b@example.org"), "victim@example.org");
        assert_eq!(one_mailbox("victim@example.org"), "victim@example.org");
    }
}

//! The outbox worker: claims due messages a batch at a time and sends
//! several at once over the transport's reused connections, then marks
//! each sent, to be tried again (a temporary refusal, backing off), or
//! failed (a permanent one, with the server's answer). Woken when a message
//! is queued here; otherwise it looks again when the next retry is due, and
//! at least every second for messages other servers queued.

use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, StreamExt};
use lettre::address::Envelope;

use super::outbox::{self, Claimed};
use super::transport::Failure;
use super::Mail;
use crate::alerts::fan_out::{self, Made};
use crate::db::Db;
use crate::identity::sessions::now_ms;
use crate::metrics::{Metrics, MAIL};

/// Messages claimed at a time, in rounds of `Mail::at_once`: few enough
/// to be sent well within a lease.
const ROUNDS: usize = 4;
/// The longest a worker sleeps with nothing due.
const IDLE: Duration = Duration::from_secs(1);

pub fn spawn(db: Db, mail: Arc<Mail>, metrics: Arc<Metrics>, postgres: bool) {
    tokio::spawn(async move {
        loop {
            match run_once(&db, &mail, &metrics, postgres).await {
                Ok(0) => idle(&db, &mail).await,
                Ok(_) => {}
                Err(error) => {
                    tracing::error!(%error, "the mail outbox could not be read");
                    tokio::time::sleep(IDLE).await;
                }
            }
        }
    });
}

/// Waits for a message to be queued, the next retry, or [`IDLE`].
async fn idle(db: &Db, mail: &Mail) {
    let due_in = match outbox::next_due(db).await {
        Ok(Some(at)) => Duration::from_millis((at - now_ms()).max(0) as u64).min(IDLE),
        _ => IDLE,
    };
    tokio::select! {
        () = mail.queued.notified() => {}
        () = tokio::time::sleep(due_in) => {}
    }
}

/// Sends one batch; how many messages it claimed. What was handed over is
/// marked sent a few at a time as it goes, beside the sending, which runs
/// at most a round ahead of the marking and stops if marking fails: a crash
/// or a database error resends little.
pub async fn run_once(db: &Db, mail: &Mail, metrics: &Metrics, postgres: bool) -> sqlx::Result<usize> {
    let claimed = outbox::claim(db, (mail.at_once * ROUNDS) as i64, postgres).await?;
    let n = claimed.len();
    let ready = compose_alerts(db, mail, metrics, claimed).await?;
    let (results, mut settled) = tokio::sync::mpsc::channel(mail.at_once);
    let marking = results.clone();
    let sending = stream::iter(ready)
        .take_while(move |_| std::future::ready(!marking.is_closed()))
        .map(|message| async move {
            let result = send(mail, &message).await;
            (message, result)
        })
        .buffer_unordered(mail.at_once)
        .for_each(move |result| {
            let results = results.clone();
            async move {
                // Refused only once marking has failed, and the batch ends.
                let _ = results.send(result).await;
            }
        });
    let settling = async move {
        let mut done = Vec::with_capacity(mail.at_once);
        while settled.recv_many(&mut done, mail.at_once).await > 0 {
            settle(db, metrics, std::mem::take(&mut done)).await?;
        }
        Ok(())
    };
    let ((), settled) = tokio::join!(sending, settling);
    settled.map(|()| n)
}

/// The batch with its alerts composed; alerts no longer to be sent are
/// marked failed with the reason, and left out.
async fn compose_alerts(db: &Db, mail: &Mail, metrics: &Metrics, claimed: Vec<Claimed>) -> sqlx::Result<Vec<Claimed>> {
    let mut updates = fan_out::Updates::default();
    let mut ready = Vec::with_capacity(claimed.len());
    for mut message in claimed {
        if message.body.is_empty() {
            match fan_out::compose_queued(db, mail, &mut updates, &message).await? {
                Made::Mail(composed) => message.body = composed.body,
                Made::NotSent(reason) => {
                    outbox::failed(db, &message, &reason).await?;
                    metrics.add(MAIL, &[("event", "not_sent")], 1);
                    continue;
                }
            }
        }
        ready.push(message);
    }
    Ok(ready)
}

/// Marks what was sent, and what is to be tried again or has failed.
async fn settle(db: &Db, metrics: &Metrics, results: Vec<(Claimed, Result<(), Failure>)>) -> sqlx::Result<()> {
    let mut sent = Vec::new();
    for (message, result) in &results {
        match result {
            Ok(()) => sent.push(message),
            Err(Failure::Temporary(error)) => {
                let again = outbox::retry(db, message, error).await?;
                tracing::warn!(id = %message.id, %error, again, "mail not taken; will try again");
                metrics.add(MAIL, &[("event", if again { "retried" } else { "failed" })], 1);
            }
            Err(Failure::Permanent(error)) => {
                tracing::warn!(id = %message.id, %error, "mail refused for good");
                outbox::failed(db, message, error).await?;
                metrics.add(MAIL, &[("event", "failed")], 1);
            }
        }
    }
    outbox::sent(db, &sent).await?;
    metrics.add(MAIL, &[("event", "sent")], sent.len() as u64);
    Ok(())
}

async fn send(mail: &Mail, message: &Claimed) -> Result<(), Failure> {
    let envelope = match (message.sender.parse(), message.recipient.parse()) {
        (Ok(from), Ok(to)) => Envelope::new(Some(from), vec![to]).map_err(|e| Failure::Permanent(e.to_string()))?,
        _ => return Err(Failure::Permanent("not an email address".into())),
    };
    mail.transport.send(&message.id, &envelope, message.body.as_bytes()).await
}

//! The daily housekeeping: closed feedback older than the retention period
//! is deleted (and the deletion logged), expired sessions and old sign-in
//! failures are forgotten, and the planner's statistics refreshed.

use std::time::Duration;

use chrono::Utc;
use police_engage_contract::Action;

use crate::db::Db;
use crate::sessions::{self, Lifetimes};
use crate::{audit, inbox, sign_in_guard, stamp};

const EVERY: Duration = Duration::from_secs(24 * 3600);

/// Deletes closed feedback closed more than `days` ago; how many.
pub async fn apply(db: &Db, days: u32) -> anyhow::Result<u64> {
    let cutoff = stamp::format(Utc::now() - chrono::Duration::days(i64::from(days)), stamp::Millis);
    let deleted = inbox::delete_closed_before(db, &cutoff).await?;
    if deleted > 0 {
        let detail = format!("{deleted} closed submissions older than {days} days deleted");
        audit::record(db, &audit::By::SYSTEM, Action::Retention, None, Some(&detail)).await?;
        tracing::info!(deleted, days, "retention: closed feedback deleted");
    }
    Ok(deleted)
}

/// Runs at start, then once a day.
pub fn spawn(db: Db, days: u32, lifetimes: Lifetimes) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = apply(&db, days).await {
                tracing::error!(%error, "retention failed");
            }
            let tidied = sessions::prune(&db, lifetimes).await.and(sign_in_guard::prune(&db).await);
            if let Err(error) = tidied.and(crate::db::analyze(&db).await) {
                tracing::error!(%error, "daily housekeeping failed");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

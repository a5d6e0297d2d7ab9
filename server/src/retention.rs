//! The daily housekeeping: feedback past its retention is deleted (closed
//! feedback after one period, feedback never closed after a longer one),
//! the audit log past its own, each deletion logged; what was deleted is
//! purged from the search index and the database's free pages; expired
//! sessions and old sign-in counts are forgotten, and the planner's
//! statistics refreshed.

use std::time::Duration;

use chrono::Utc;
use police_engage_contract::Action;

use crate::db::Db;
use crate::feedback::delete::{self, Which};
use crate::feedback::search;
use crate::identity::sessions::{self, Lifetimes};
use crate::identity::sign_in_guard;
use crate::{audit, stamp};

const EVERY: Duration = Duration::from_secs(24 * 3600);

/// How long each kind of record is kept, in days.
#[derive(Clone, Copy, Debug)]
pub struct Retention {
    /// Closed feedback, from when it was closed.
    pub closed: u32,
    /// Feedback never closed, from when it came in.
    pub open: u32,
    /// Audit log entries.
    pub audit: u32,
}

fn days_ago(days: u32) -> String {
    stamp::format(Utc::now() - chrono::Duration::days(i64::from(days)), stamp::Millis)
}

/// Deletes what is past its retention; how many submissions.
pub async fn apply(db: &Db, keep: Retention) -> anyhow::Result<u64> {
    let closed = delete::matching(db, Which::ClosedBefore, &days_ago(keep.closed)).await?;
    let open = delete::matching(db, Which::OpenSinceBefore, &days_ago(keep.open)).await?;
    let entries = audit::delete_before(db, &days_ago(keep.audit)).await?;
    for (count, detail) in [
        (closed, format!("{closed} closed submissions closed more than {} days ago deleted", keep.closed)),
        (open, format!("{open} submissions never closed, received more than {} days ago, deleted", keep.open)),
        (entries, format!("{entries} audit log entries older than {} days deleted", keep.audit)),
    ] {
        if count > 0 {
            audit::record(db, &audit::By::SYSTEM, Action::Retention, None, Some(&detail)).await?;
            tracing::info!(%detail, "retention");
        }
    }
    if closed + open > 0 {
        search::purge(db).await?;
    }
    Ok(closed + open)
}

/// Runs at start, then once a day.
pub fn spawn(db: Db, keep: Retention, lifetimes: Lifetimes) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = apply(&db, keep).await {
                tracing::error!(%error, "retention failed");
            }
            let tidied = sessions::prune(&db, lifetimes)
                .await
                .and(sign_in_guard::prune(&db).await)
                .and(crate::alerts::forget_unconfirmed(&db).await);
            if let Err(error) = tidied.and(crate::db::analyze(&db).await) {
                tracing::error!(%error, "daily housekeeping failed");
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}

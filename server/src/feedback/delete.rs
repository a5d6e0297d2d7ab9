//! Deleting feedback for good, with its notes: one submission on a
//! resident's request (erasure), or what is past its retention. Nothing of
//! the words is left in the search index or the database file.

use police_engage_contract::Status;

use super::{search, CHANGES};
use crate::db::Db;

/// Which feedback [`matching`] deletes, each by one value.
#[derive(Clone, Copy, Debug)]
pub enum Which {
    /// The submission with this reference.
    Id,
    /// Closed before the time given (RFC 3339).
    ClosedBefore,
    /// Never closed, and received before the time given.
    OpenSinceBefore,
}

impl Which {
    fn condition(self) -> String {
        let closed = Status::Closed.name();
        match self {
            Which::Id => "id = $1".to_owned(),
            Which::ClosedBefore => format!("status = '{closed}' AND closed_at < $1"),
            Which::OpenSinceBefore => format!("status <> '{closed}' AND received_at < $1"),
        }
    }
}

/// Deletes a submission, its notes and answers on request, leaving nothing of its
/// words in the search index or the database file; `false` if there was none.
pub async fn erase(db: &Db, id: &str) -> sqlx::Result<bool> {
    let erased = matching(db, Which::Id, id).await? == 1;
    if erased {
        search::purge(db).await?;
    }
    Ok(erased)
}

/// Deletes the feedback `which` names for `value`, its notes, its answers
/// and the mail of its replies (which quote it); how many.
pub async fn matching(db: &Db, which: Which, value: &str) -> sqlx::Result<u64> {
    let condition = which.condition();
    let mut tx = crate::db::begin_write(db).await?;
    let of_these = format!("SELECT id FROM feedback WHERE {condition}");
    for sql in [
        format!("DELETE FROM outbox WHERE id IN (SELECT message_id FROM replies WHERE feedback_id IN ({of_these}))"),
        format!("DELETE FROM replies WHERE feedback_id IN ({of_these})"),
        format!("DELETE FROM notes WHERE feedback_id IN ({of_these})"),
    ] {
        sqlx::query(&sql).bind(value).execute(&mut *tx).await?;
    }
    let done = sqlx::query(&format!("DELETE FROM feedback WHERE {condition}")).bind(value).execute(&mut *tx).await?;
    tx.commit().await?;
    CHANGES.changed();
    Ok(done.rows_affected())
}

//! What responders do to a submission: its status, who has it, and notes.

use police_engage_contract::{Note, Status};

use super::CHANGES;
use crate::db::Db;
use crate::{random, stamp};

/// Sets the status; the one it had, or `None` if there is no such submission.
pub async fn set_status(db: &Db, id: &str, status: Status) -> sqlx::Result<Option<Status>> {
    let before: Option<String> =
        sqlx::query_scalar("SELECT status FROM feedback WHERE id = $1").bind(id).fetch_optional(db).await?;
    let Some(before) = before.as_deref().and_then(Status::parse) else { return Ok(None) };
    let closed_at = (status == Status::Closed).then(|| stamp::now(stamp::Millis));
    sqlx::query("UPDATE feedback SET status = $2, closed_at = $3 WHERE id = $1")
        .bind(id)
        .bind(status.name())
        .bind(closed_at)
        .execute(db)
        .await?;
    CHANGES.changed();
    Ok(Some(before))
}

/// Gives the submission to a person (or to no one); `false` if there is no such submission.
pub async fn assign(db: &Db, id: &str, person_id: Option<&str>) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE feedback SET assignee = $2 WHERE id = $1").bind(id).bind(person_id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_note(db: &Db, id: &str, author: &str, body: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO notes (id, feedback_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(random::id("n"))
        .bind(id)
        .bind(author)
        .bind(body)
        .bind(stamp::now(stamp::Millis))
        .execute(db)
        .await?;
    Ok(())
}

/// A submission's notes, oldest first.
pub async fn notes(db: &Db, id: &str) -> sqlx::Result<Vec<Note>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT author, body, created_at FROM notes WHERE feedback_id = $1 ORDER BY created_at, id")
            .bind(id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(author, body, created_at)| Note { author, body, created_at }).collect())
}

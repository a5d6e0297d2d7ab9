//! The force's inbox: one queue of feedback across every page and update,
//! filtered and paged newest first, and what responders do to a submission
//! (status, assignment, notes, erasure). The SQL reads alike on SQLite and
//! PostgreSQL.

use police_engage_contract::{shorten, Counts, InboxItem, InboxQuery, Note, Status, UpdateRef};

use crate::db::Db;
use crate::feedback::Feedback;
use crate::paging::Cursor;
use crate::{admin_token, random, stamp};

/// How much of a message the list shows; the whole of it is one click away.
const LIST_MESSAGE_CHARS: usize = 240;

/// The filters as bound parameters `$1`..`$9`, in this order: status,
/// about, area, rating, from, to (exclusive), site, assignee, search.
const FILTERS: &str = "($1 IS NULL OR f.status = $1)
    AND ($2 IS NULL OR f.about = $2)
    AND ($3 IS NULL OR lower(f.area) = lower($3))
    AND ($4 IS NULL OR f.rating = $4)
    AND ($5 IS NULL OR f.received_at >= $5)
    AND ($6 IS NULL OR f.received_at < $6)
    AND ($7 IS NULL OR f.origin = $7)
    AND ($8 IS NULL OR f.assignee = $8)
    AND ($9 IS NULL OR lower(f.message) LIKE $9 ESCAPE '\\' OR f.id = upper($10))";

/// The inbox's filters, checked and ready to bind.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub status: Option<Status>,
    pub about: Option<String>,
    pub area: Option<String>,
    pub rating: Option<u8>,
    /// Received at or after (an RFC 3339 time or a `YYYY-MM-DD` day).
    pub from: Option<String>,
    /// Received before.
    pub until: Option<String>,
    pub site: Option<String>,
    /// A person's id.
    pub assignee: Option<String>,
    pub search: Option<String>,
}

impl Filter {
    /// From the console's query; `me` is the asker's id. `None` names a
    /// parameter that is not right, for a 400.
    pub fn from_query(q: &InboxQuery, me: Option<&str>) -> Result<Filter, &'static str> {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let day = |v: &Option<String>, name: &'static str| match text(v) {
            None => Ok(None),
            Some(d) => stamp::day(&d).map(Some).ok_or(name),
        };
        let from = day(&q.from, "from")?;
        let until = day(&q.to, "to")?.map(|d| stamp::next_day(&d));
        if q.rating.is_some_and(|r| !(1..=5).contains(&r)) {
            return Err("rating");
        }
        let assignee = match text(&q.assignee).as_deref() {
            Some("me") => Some(me.ok_or("assignee")?.to_owned()),
            other => other.map(str::to_owned),
        };
        Ok(Filter {
            status: q.status,
            about: text(&q.about),
            area: text(&q.area),
            rating: q.rating,
            from,
            until,
            site: text(&q.site),
            assignee,
            search: text(&q.q),
        })
    }

    fn bind<'q>(&'q self, query: Query<'q>, with_status: bool) -> Query<'q> {
        let pattern = self.search.as_ref().map(|s| format!("%{}%", like_escaped(&s.to_lowercase())));
        query
            .bind(self.status.filter(|_| with_status).map(Status::name))
            .bind(self.about.as_deref())
            .bind(self.area.as_deref())
            .bind(self.rating.map(i64::from))
            .bind(self.from.as_deref())
            .bind(self.until.as_deref())
            .bind(self.site.as_deref())
            .bind(self.assignee.as_deref())
            .bind(pattern)
            .bind(self.search.as_deref())
    }
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// `%` and `_` in a search are searched for, not wildcards.
fn like_escaped(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: String,
    received_at: String,
    #[sqlx(try_from = "String")]
    status: Status,
    message: String,
    rating: Option<i64>,
    area: Option<String>,
    about: Option<String>,
    about_title: Option<String>,
    site: Option<String>,
    assignee: Option<String>,
}

impl ItemRow {
    fn item(self, whole_message: bool) -> InboxItem {
        InboxItem {
            message: if whole_message { self.message } else { shorten(&self.message, LIST_MESSAGE_CHARS) },
            id: self.id,
            received_at: self.received_at,
            status: self.status,
            rating: self.rating.and_then(|r| u8::try_from(r).ok()),
            area: self.area,
            about: self.about,
            about_title: self.about_title,
            site: self.site,
            assignee: self.assignee,
        }
    }
}

const ITEM_COLUMNS: &str = "f.id, f.received_at, f.status, f.message, f.rating, f.area, f.about,
    u.title AS about_title, f.origin AS site, p.email AS assignee";
const JOINS: &str = "FROM feedback f LEFT JOIN updates u ON u.id = f.about LEFT JOIN people p ON p.id = f.assignee";

/// One page, newest first, after `before`; and where the next page starts.
pub async fn page(
    db: &Db,
    filter: &Filter,
    before: Option<&Cursor>,
    limit: u32,
) -> sqlx::Result<(Vec<InboxItem>, Option<Cursor>)> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} {JOINS} WHERE {FILTERS}
           AND ($11 IS NULL OR f.received_at < $11 OR (f.received_at = $11 AND f.id < $12))
         ORDER BY f.received_at DESC, f.id DESC LIMIT $13"
    );
    let query = filter.bind(sqlx::query(&sql), true);
    let (at, id) = before.map(|c| (c.at.as_str(), c.id.as_str())).unzip();
    let rows = query.bind(at).bind(id).bind(i64::from(limit) + 1).fetch_all(db).await?;
    let mut rows: Vec<ItemRow> = rows.iter().map(sqlx::FromRow::from_row).collect::<Result<_, _>>()?;
    let next = crate::paging::one_page(&mut rows, limit, |r| Cursor { at: r.received_at.clone(), id: r.id.clone() });
    Ok((rows.into_iter().map(|r| r.item(false)).collect(), next))
}

/// How many match the filters, by status (whatever status the filter names).
pub async fn counts(db: &Db, filter: &Filter) -> sqlx::Result<Counts> {
    let sql = format!("SELECT f.status, COUNT(*) {JOINS} WHERE {FILTERS} GROUP BY f.status");
    let rows = filter.bind(sqlx::query(&sql), false).fetch_all(db).await?;
    let mut counts = Counts::default();
    for row in rows {
        let (status, n): (String, i64) = sqlx::FromRow::from_row(&row)?;
        let n = n as u64;
        match Status::parse(&status) {
            Some(Status::New) => counts.new = n,
            Some(Status::InProgress) => counts.in_progress = n,
            Some(Status::Closed) => counts.closed = n,
            None => {}
        }
    }
    Ok(counts)
}

/// Everything that matches, newest first, for a CSV export.
pub async fn export(db: &Db, filter: &Filter) -> sqlx::Result<Vec<Feedback>> {
    let sql = format!(
        "SELECT {} {JOINS} WHERE {FILTERS} ORDER BY f.received_at DESC, f.id DESC",
        crate::feedback::ROW_COLUMNS
    );
    let rows = filter.bind(sqlx::query(&sql), true).fetch_all(db).await?;
    rows.iter().map(sqlx::FromRow::from_row).collect()
}

/// The chosen submissions, for a CSV export of a selection.
pub async fn export_ids(db: &Db, ids: &[String]) -> sqlx::Result<Vec<Feedback>> {
    let mut rows = Vec::new();
    for id in ids {
        rows.extend(one(db, id).await?);
    }
    Ok(rows)
}

/// One submission as stored, with its triage.
pub async fn one(db: &Db, id: &str) -> sqlx::Result<Option<Feedback>> {
    let sql = format!("SELECT {} {JOINS} WHERE f.id = $1", crate::feedback::ROW_COLUMNS);
    sqlx::query_as(&sql).bind(id).fetch_optional(db).await
}

/// One submission's row as the inbox shows it, whole message included.
pub async fn item(db: &Db, id: &str) -> sqlx::Result<Option<InboxItem>> {
    let row: Option<ItemRow> =
        sqlx::query_as(&format!("SELECT {ITEM_COLUMNS} {JOINS} WHERE f.id = $1")).bind(id).fetch_optional(db).await?;
    Ok(row.map(|r| r.item(true)))
}

/// The link of the update a submission is about.
pub async fn about_url(db: &Db, about: &str) -> sqlx::Result<Option<String>> {
    Ok(sqlx::query_scalar::<_, Option<String>>("SELECT url FROM updates WHERE id = $1")
        .bind(about)
        .fetch_optional(db)
        .await?
        .flatten())
}

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
        .bind(format!("n-{}", admin_token::hex(&random::bytes::<8>())))
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

/// Deletes a submission and its notes; `false` if there was none.
pub async fn erase(db: &Db, id: &str) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM notes WHERE feedback_id = $1").bind(id).execute(&mut *tx).await?;
    let done = sqlx::query("DELETE FROM feedback WHERE id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes feedback closed before `cutoff` (RFC 3339), and its notes; how many.
pub async fn delete_closed_before(db: &Db, cutoff: &str) -> sqlx::Result<u64> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "DELETE FROM notes WHERE feedback_id IN (SELECT id FROM feedback WHERE status = 'closed' AND closed_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut *tx)
    .await?;
    let done = sqlx::query("DELETE FROM feedback WHERE status = 'closed' AND closed_at < $1")
        .bind(cutoff)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// The updates feedback is about, newest first, for the filter.
pub async fn updates(db: &Db) -> sqlx::Result<Vec<UpdateRef>> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT f.about, MIN(u.title) FROM feedback f LEFT JOIN updates u ON u.id = f.about
         WHERE f.about IS NOT NULL GROUP BY f.about ORDER BY MAX(f.received_at) DESC LIMIT 200",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(id, title)| UpdateRef { title: title.unwrap_or_else(|| id.clone()), id }).collect())
}

/// The partner sites feedback has come from, for the filter.
pub async fn sites(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT DISTINCT origin FROM feedback WHERE origin IS NOT NULL ORDER BY origin LIMIT 200")
        .fetch_all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_from_the_query() {
        let q = InboxQuery {
            from: Some("2026-11-01".into()),
            to: Some("2026-11-30".into()),
            assignee: Some("me".into()),
            q: Some("  ".into()),
            ..Default::default()
        };
        let f = Filter::from_query(&q, Some("p-1")).unwrap();
        assert_eq!(
            (f.from.as_deref(), f.until.as_deref(), f.assignee.as_deref(), f.search),
            (Some("2026-11-01"), Some("2026-12-01"), Some("p-1"), None)
        );
        let bad = InboxQuery { from: Some("last week".into()), ..Default::default() };
        assert_eq!(Filter::from_query(&bad, None).unwrap_err(), "from");
        let bad = InboxQuery { rating: Some(9), ..Default::default() };
        assert_eq!(Filter::from_query(&bad, None).unwrap_err(), "rating");
    }

    #[test]
    fn searches_are_literal() {
        assert_eq!(like_escaped("100%_done\\"), "100\\%\\_done\\\\");
    }
}

//! The force's inbox: one queue of feedback across every page and update,
//! filtered and paged newest first, and what responders do to a submission
//! (status, assignment, notes, erasure). The SQL reads alike on SQLite and
//! PostgreSQL.

use police_engage_contract::{shorten, Counts, InboxItem, InboxQuery, Note, Role, Status, UpdateRef};

use crate::db::{engine, Db, Engine};
use crate::feedback::{Feedback, CHANGES};
use crate::paging::Cursor;
use crate::search;
use crate::text::given;
use crate::{admin_token, random, stamp};

/// How much of a message the list shows; the whole of it is one click away.
const LIST_MESSAGE_CHARS: usize = 240;

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
    /// A partner's id: feedback from any of its origins.
    pub partner: Option<String>,
    /// A person's id.
    pub assignee: Option<String>,
    pub search: Option<String>,
}

impl Filter {
    /// From the console's query; `me` is the asker's id. `None` names a
    /// parameter that is not right, for a 400.
    pub fn from_query(q: &InboxQuery, me: Option<&str>) -> Result<Filter, &'static str> {
        let text = |v: &Option<String>| given(v.as_deref()).map(str::to_owned);
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
            partner: text(&q.partner),
            assignee,
            search: text(&q.q),
        })
    }

    /// The conditions for the filters given (and only those, so the
    /// database can use its indexes), numbered from `$1`, with their values.
    fn conditions(&self, with_status: bool, engine: Engine) -> Where {
        let mut w = Where::default();
        if let Some(status) = self.status.filter(|_| with_status) {
            w.add("f.status = {}", Bind::Text(status.name().to_owned()));
        }
        let texts = [
            ("f.about = {}", &self.about),
            ("lower(f.area) = lower({})", &self.area),
            ("f.received_at >= {}", &self.from),
            ("f.received_at < {}", &self.until),
            ("f.origin = {}", &self.site),
            ("f.origin IN (SELECT origin FROM partner_origins WHERE partner_id = {})", &self.partner),
            ("f.assignee = {}", &self.assignee),
        ];
        for (condition, value) in texts {
            if let Some(value) = value {
                w.add(condition, Bind::Text(value.clone()));
            }
        }
        if let Some(rating) = self.rating {
            w.add("f.rating = {}", Bind::Int(i64::from(rating)));
        }
        if let Some(words) = &self.search {
            let (condition, values) = search::condition(engine, words);
            w.and(condition, values.map(Bind::Text).into());
        }
        w
    }
}

/// A `WHERE` clause built from the conditions that apply, and its values.
#[derive(Default)]
struct Where {
    sql: Vec<String>,
    binds: Vec<Bind>,
}

enum Bind {
    Text(String),
    Int(i64),
}

impl Where {
    /// Adds `condition`, its `{}` becoming the next placeholder.
    fn add(&mut self, condition: &str, value: Bind) {
        self.binds.push(value);
        self.sql.push(condition.replacen("{}", &format!("${}", self.binds.len()), 1));
    }

    /// A condition with several placeholders, numbered in turn.
    fn and(&mut self, condition: &str, values: Vec<Bind>) {
        let mut condition = condition.to_owned();
        for value in values {
            self.binds.push(value);
            condition = condition.replacen("{}", &format!("${}", self.binds.len()), 1);
        }
        self.sql.push(condition);
    }

    fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }

    /// The next placeholder's number.
    fn next(&self) -> usize {
        self.binds.len() + 1
    }

    fn bind<'q>(&'q self, mut query: Query<'q>) -> Query<'q> {
        for value in &self.binds {
            query = match value {
                Bind::Text(t) => query.bind(t.as_str()),
                Bind::Int(n) => query.bind(*n),
            };
        }
        query
    }
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

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

/// One page of the inbox and the counts by status.
pub struct Listing {
    pub items: Vec<InboxItem>,
    /// Where the next page starts.
    pub next: Option<Cursor>,
    pub counts: Counts,
}

/// One page, newest first, after `before`, with the counts by status
/// (whatever status the filter names). A text search reads every message,
/// so it does so once for both; the other filters use the indexes.
pub async fn list(db: &Db, filter: &Filter, before: Option<&Cursor>, limit: u32) -> sqlx::Result<Listing> {
    if filter.search.is_some() {
        return search(db, filter, before, limit).await;
    }
    let mut w = filter.conditions(true, engine(db));
    if let Some(c) = before {
        let values = vec![Bind::Text(c.at.clone()), Bind::Text(c.at.clone()), Bind::Text(c.id.clone())];
        w.and("(f.received_at < {} OR (f.received_at = {} AND f.id < {}))", values);
    }
    let sql = format!(
        "SELECT {ITEM_COLUMNS} {JOINS} {} ORDER BY f.received_at DESC, f.id DESC LIMIT ${}",
        w.clause(),
        w.next()
    );
    let rows = w.bind(sqlx::query(&sql)).bind(i64::from(limit) + 1).fetch_all(db).await?;
    let rows: Vec<ItemRow> = rows.iter().map(sqlx::FromRow::from_row).collect::<Result<_, _>>()?;
    let counts = counts(db, filter).await?;
    Ok(listing(rows, limit, counts))
}

fn listing(mut rows: Vec<ItemRow>, limit: u32, counts: Counts) -> Listing {
    let next = crate::paging::one_page(&mut rows, limit, |r| Cursor { at: r.received_at.clone(), id: r.id.clone() });
    Listing { items: rows.into_iter().map(|r| r.item(false)).collect(), next, counts }
}

/// How many match the filters, by status.
async fn counts(db: &Db, filter: &Filter) -> sqlx::Result<Counts> {
    let w = filter.conditions(false, engine(db));
    let sql = format!("SELECT f.status, COUNT(*) FROM feedback f {} GROUP BY f.status", w.clause());
    let rows = w.bind(sqlx::query(&sql)).fetch_all(db).await?;
    let mut counts = Counts::default();
    for row in rows {
        let (status, n): (String, i64) = sqlx::FromRow::from_row(&row)?;
        count(&mut counts, &status, n as u64);
    }
    Ok(counts)
}

fn count(counts: &mut Counts, status: &str, n: u64) {
    match Status::parse(status) {
        Some(Status::New) => counts.new += n,
        Some(Status::InProgress) => counts.in_progress += n,
        Some(Status::Closed) => counts.closed += n,
        None => {}
    }
}

/// A text search: one pass over the matching rows' keys gives the counts
/// and the page, whose rows are then read by id.
async fn search(db: &Db, filter: &Filter, before: Option<&Cursor>, limit: u32) -> sqlx::Result<Listing> {
    search::catch_up(db).await?;
    let w = filter.conditions(false, engine(db));
    // Read in the table's own order (one pass, no index lookups), then sorted here.
    let sql = format!("SELECT f.id, f.status, f.received_at FROM feedback f {}", w.clause());
    let rows = w.bind(sqlx::query(&sql)).fetch_all(db).await?;
    let mut matches: Vec<(String, String, String)> =
        rows.iter().map(sqlx::FromRow::from_row).collect::<Result<_, _>>()?;
    matches.sort_unstable_by(|a, b| (&b.2, &b.0).cmp(&(&a.2, &a.0)));
    let mut counts = Counts::default();
    let mut page = Vec::new();
    for (id, status, at) in matches {
        count(&mut counts, &status, 1);
        let after_cursor = before.is_none_or(|c| (at.as_str(), id.as_str()) < (c.at.as_str(), c.id.as_str()));
        let wanted = filter.status.is_none_or(|s| s.name() == status);
        if after_cursor && wanted && page.len() <= limit as usize {
            page.push(id);
        }
    }
    let mut rows = Vec::with_capacity(page.len());
    for id in &page {
        let row: Option<ItemRow> = sqlx::query_as(&format!("SELECT {ITEM_COLUMNS} {JOINS} WHERE f.id = $1"))
            .bind(id)
            .fetch_optional(db)
            .await?;
        rows.extend(row);
    }
    Ok(listing(rows, limit, counts))
}

/// Everything that matches, newest first, as `reader` may see it, for a CSV export.
pub async fn export(db: &Db, filter: &Filter, reader: Role) -> sqlx::Result<Vec<Feedback>> {
    if filter.search.is_some() {
        search::catch_up(db).await?;
    }
    let w = filter.conditions(true, engine(db));
    let sql = format!(
        "SELECT {} {JOINS} {} ORDER BY f.received_at DESC, f.id DESC",
        crate::feedback::ROW_COLUMNS,
        w.clause()
    );
    let rows = w.bind(sqlx::query(&sql)).fetch_all(db).await?;
    let rows = rows.iter().map(sqlx::FromRow::from_row).collect::<sqlx::Result<_>>()?;
    Ok(crate::feedback::read_by(rows, reader))
}

/// The chosen submissions, as `reader` may see them, for a CSV export of a selection.
pub async fn export_ids(db: &Db, ids: &[String], reader: Role) -> sqlx::Result<Vec<Feedback>> {
    let mut rows = Vec::new();
    for id in ids {
        rows.extend(one(db, id, reader).await?);
    }
    Ok(rows)
}

/// One submission with its triage, as `reader` may see it.
pub async fn one(db: &Db, id: &str, reader: Role) -> sqlx::Result<Option<Feedback>> {
    let sql = format!("SELECT {} {JOINS} WHERE f.id = $1", crate::feedback::ROW_COLUMNS);
    let row: Option<Feedback> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    Ok(row.map(|r| r.read_by(reader)))
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

/// Which feedback [`delete_where`] deletes: one condition on `feedback`, one value.
pub const BY_ID: &str = "id = $1";
/// Closed before the time given (RFC 3339).
pub const CLOSED_BEFORE: &str = "status = 'closed' AND closed_at < $1";
/// Never closed, and received before the time given.
pub const OPEN_SINCE_BEFORE: &str = "status <> 'closed' AND received_at < $1";

/// Deletes a submission and its notes on request, leaving nothing of its
/// words in the search index or the database file; `false` if there was none.
pub async fn erase(db: &Db, id: &str) -> sqlx::Result<bool> {
    let erased = delete_where(db, BY_ID, id).await? == 1;
    if erased {
        search::purge(db).await?;
    }
    Ok(erased)
}

/// Deletes the feedback that meets `condition` (one of the constants above)
/// for `value`, and its notes; how many.
pub async fn delete_where(db: &Db, condition: &str, value: &str) -> sqlx::Result<u64> {
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query(&format!("DELETE FROM notes WHERE feedback_id IN (SELECT id FROM feedback WHERE {condition})"))
        .bind(value)
        .execute(&mut *tx)
        .await?;
    let done = sqlx::query(&format!("DELETE FROM feedback WHERE {condition}")).bind(value).execute(&mut *tx).await?;
    tx.commit().await?;
    CHANGES.changed();
    Ok(done.rows_affected())
}

/// The updates feedback is about, by title, for the filter.
pub async fn updates(db: &Db) -> sqlx::Result<Vec<UpdateRef>> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT a.about, u.title FROM (SELECT DISTINCT about FROM feedback WHERE about IS NOT NULL) a
         LEFT JOIN updates u ON u.id = a.about ORDER BY u.title, a.about LIMIT 200",
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
}

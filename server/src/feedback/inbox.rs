//! The force's inbox: one queue of feedback across every page and update,
//! filtered and paged newest first, a submission as the console shows it,
//! and the exports. The SQL reads alike on SQLite and PostgreSQL.

use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use police_engage_contract::{shorten, Counts, InboxItem, InboxQuery, Role, Status, UpdateRef};

use super::conditions::{Bind, Where};
use super::{search, Feedback};
use crate::db::{engine, Db, Engine};
use crate::paging::Cursor;
use crate::stamp;
use crate::text::given;

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
    /// Only those overdue.
    pub overdue: bool,
    /// How long someone who asked to be contacted may wait for an answer.
    pub due_within: Duration,
}

impl Filter {
    /// From the console's query; `me` is the asker's id. `None` names a
    /// parameter that is not right, for a 400.
    pub fn from_query(q: &InboxQuery, me: Option<&str>, due_within: Duration) -> Result<Filter, &'static str> {
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
            overdue: q.overdue == Some(true),
            due_within,
        })
    }

    /// Received before this, asked for contact and not answered or closed: overdue.
    fn due_cutoff(&self) -> String {
        let cutoff = Utc::now() - chrono::TimeDelta::from_std(self.due_within).unwrap_or_default();
        cutoff.to_rfc3339_opts(SecondsFormat::Millis, true)
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
        if self.overdue {
            w.add(&format!("{AWAITING} AND f.received_at < {{}}"), Bind::Text(self.due_cutoff()));
        }
        w
    }
}

/// Asked to be contacted by email, and neither answered nor closed.
const AWAITING: &str =
    "f.answered_at IS NULL AND f.email IS NOT NULL AND f.contact_consent = 1 AND f.status <> 'closed'";

/// A submission's row with the title (and link) of the update it is about.
#[derive(sqlx::FromRow)]
struct ItemRow {
    #[sqlx(flatten)]
    row: Feedback,
    about_title: Option<String>,
    #[sqlx(default)]
    about_url: Option<String>,
    answered_at: Option<String>,
}

impl ItemRow {
    fn item(&self, whole_message: bool, due_within: Duration) -> InboxItem {
        let row = &self.row;
        let awaiting =
            self.answered_at.is_none() && row.email.is_some() && row.contact_consent.0 && row.status != Status::Closed;
        let due_at = awaiting.then(|| super::answers::due(&row.received_at, due_within)).flatten();
        let now = crate::stamp::now(crate::stamp::Millis);
        InboxItem {
            message: if whole_message { row.message.clone() } else { shorten(&row.message, LIST_MESSAGE_CHARS) },
            id: row.id.clone(),
            received_at: row.received_at.clone(),
            status: row.status,
            rating: row.rating.and_then(|r| u8::try_from(r).ok()),
            area: row.area.clone(),
            about: row.about.clone(),
            about_title: self.about_title.clone(),
            site: row.origin.clone(),
            assignee: row.assignee.clone(),
            overdue: due_at.as_deref().is_some_and(|due| due < now.as_str()),
            due_at,
        }
    }
}

/// What [`ItemRow`] reads, from `feedback f` and its [`JOINS`].
fn item_columns() -> String {
    format!("{}, u.title AS about_title, f.answered_at", super::ROW_COLUMNS)
}

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
        "SELECT {} {JOINS} {} ORDER BY f.received_at DESC, f.id DESC LIMIT ${}",
        item_columns(),
        w.clause(),
        w.next()
    );
    let rows = w.bind(sqlx::query(&sql)).bind(i64::from(limit) + 1).fetch_all(db).await?;
    let rows: Vec<ItemRow> = rows.iter().map(sqlx::FromRow::from_row).collect::<Result<_, _>>()?;
    let counts = counts(db, filter).await?;
    Ok(listing(rows, limit, counts, filter.due_within))
}

fn listing(mut rows: Vec<ItemRow>, limit: u32, counts: Counts, due_within: Duration) -> Listing {
    let next =
        crate::paging::one_page(&mut rows, limit, |r| Cursor { at: r.row.received_at.clone(), id: r.row.id.clone() });
    Listing { items: rows.into_iter().map(|r| r.item(false, due_within)).collect(), next, counts }
}

/// For each row, whether it is overdue (1 or 0), its placeholder `$n`.
fn overdue_column(n: usize) -> String {
    format!("(CASE WHEN {AWAITING} AND f.received_at < ${n} THEN 1 ELSE 0 END)")
}

/// How many match the filters, by status, and how many of them are overdue.
async fn counts(db: &Db, filter: &Filter) -> sqlx::Result<Counts> {
    let w = filter.conditions(false, engine(db));
    let sql = format!(
        "SELECT f.status, {} AS overdue, COUNT(*) FROM feedback f {} GROUP BY f.status, overdue",
        overdue_column(w.next()),
        w.clause()
    );
    let rows = w.bind(sqlx::query(&sql)).bind(filter.due_cutoff()).fetch_all(db).await?;
    let mut counts = Counts::default();
    for row in rows {
        let (status, overdue, n): (String, i64, i64) = sqlx::FromRow::from_row(&row)?;
        count(&mut counts, &status, overdue == 1, n as u64);
    }
    Ok(counts)
}

fn count(counts: &mut Counts, status: &str, overdue: bool, n: u64) {
    if overdue {
        counts.overdue += n;
    }
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
    let sql =
        format!("SELECT f.id, f.status, f.received_at, {} FROM feedback f {}", overdue_column(w.next()), w.clause());
    let rows = w.bind(sqlx::query(&sql)).bind(filter.due_cutoff()).fetch_all(db).await?;
    let mut matches: Vec<(String, String, String, i64)> =
        rows.iter().map(sqlx::FromRow::from_row).collect::<Result<_, _>>()?;
    matches.sort_unstable_by(|a, b| (&b.2, &b.0).cmp(&(&a.2, &a.0)));
    let mut counts = Counts::default();
    let mut page = Vec::new();
    for (id, status, at, overdue) in matches {
        count(&mut counts, &status, overdue == 1, 1);
        let after_cursor = before.is_none_or(|c| (at.as_str(), id.as_str()) < (c.at.as_str(), c.id.as_str()));
        let wanted = filter.status.is_none_or(|s| s.name() == status);
        if after_cursor && wanted && page.len() <= limit as usize {
            page.push(id);
        }
    }
    let mut rows = Vec::with_capacity(page.len());
    for id in &page {
        let row: Option<ItemRow> = sqlx::query_as(&format!("SELECT {} {JOINS} WHERE f.id = $1", item_columns()))
            .bind(id)
            .fetch_optional(db)
            .await?;
        rows.extend(row);
    }
    Ok(listing(rows, limit, counts, filter.due_within))
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

/// One submission opened in the console, read in one query: the row as
/// `reader` may see it, the inbox's view of it (the whole message), and the
/// link of the update it is about.
pub struct Opened {
    pub row: Feedback,
    pub item: InboxItem,
    pub about_url: Option<String>,
}

pub async fn opened(db: &Db, id: &str, reader: Role, due_within: Duration) -> sqlx::Result<Option<Opened>> {
    let sql = format!("SELECT {}, u.url AS about_url {JOINS} WHERE f.id = $1", item_columns());
    let found: Option<ItemRow> = sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    Ok(found.map(|found| {
        let item = found.item(true, due_within);
        Opened { row: found.row.read_by(reader), item, about_url: found.about_url }
    }))
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

    const DAY: Duration = Duration::from_secs(24 * 60 * 60);

    #[test]
    fn filters_from_the_query() {
        let q = InboxQuery {
            from: Some("2026-11-01".into()),
            to: Some("2026-11-30".into()),
            assignee: Some("me".into()),
            q: Some("  ".into()),
            ..Default::default()
        };
        let f = Filter::from_query(&q, Some("p-1"), DAY).unwrap();
        assert_eq!(
            (f.from.as_deref(), f.until.as_deref(), f.assignee.as_deref(), f.search),
            (Some("2026-11-01"), Some("2026-12-01"), Some("p-1"), None)
        );
        let bad = InboxQuery { from: Some("last week".into()), ..Default::default() };
        assert_eq!(Filter::from_query(&bad, None, DAY).unwrap_err(), "from");
        let bad = InboxQuery { rating: Some(9), ..Default::default() };
        assert_eq!(Filter::from_query(&bad, None, DAY).unwrap_err(), "rating");
    }
}

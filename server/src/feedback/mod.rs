//! Feedback as stored: idempotent inserts, the admin's listing, CSV export;
//! and, a module each, the inbox the console reads, triage, deletion,
//! insight, the message index and the rate limit on submissions.

pub mod answers;
mod conditions;
pub mod delete;
pub mod inbox;
pub mod insight;
pub mod rate_limit;
pub mod search;
pub mod triage;

use police_engage_contract::{Role, Status, Submission};
use serde::Serialize;

use sqlx::AnyConnection;
use tokio::sync::{mpsc, oneshot};

use crate::db::Db;
use crate::generation::Generation;
use crate::paging::Cursor;
use crate::text::given;
use crate::{random, stamp};

/// What the resident is told: their reference and when it was stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq)]
pub struct Receipt {
    pub id: String,
    pub received_at: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, PartialEq)]
pub struct Feedback {
    pub id: String,
    pub received_at: String,
    pub about: Option<String>,
    pub rating: Option<i64>,
    pub message: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub area: Option<String>,
    #[sqlx(try_from = "i64")]
    pub contact_consent: Consent,
    pub lang: String,
    pub page: String,
    pub origin: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// The email of the person it is assigned to.
    pub assignee: Option<String>,
    /// A name or email was given but is not shown to this reader.
    #[sqlx(default)]
    #[serde(skip)]
    pub contact_withheld: bool,
}

/// The columns of a [`Feedback`] row, from `feedback f` joined to `people p` (its assignee).
pub const ROW_COLUMNS: &str = "f.id, f.received_at, f.about, f.rating, f.message, f.name, f.email, f.area,
    f.contact_consent, f.lang, f.page, f.origin, f.status, p.email AS assignee";

impl Feedback {
    /// The row as `reader` may see it: name and email only where the
    /// resident agreed to be contacted and the reader's role shows contact
    /// details. Every route and export reads rows through this.
    pub fn read_by(mut self, reader: Role) -> Feedback {
        if !(self.contact_consent.0 && reader.sees_contact_details()) {
            self.contact_withheld = self.name.is_some() || self.email.is_some();
            self.name = None;
            self.email = None;
        }
        self
    }
}

/// Each row as `reader` may see it.
pub fn read_by(rows: Vec<Feedback>, reader: Role) -> Vec<Feedback> {
    rows.into_iter().map(|row| row.read_by(reader)).collect()
}

/// Yes or no, stored as 1 or 0: the one way SQLite and PostgreSQL both
/// store and read back a flag alike.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Consent(pub bool);

impl From<i64> for Consent {
    fn from(n: i64) -> Consent {
        Consent(n != 0)
    }
}

/// Stores `s` once per idempotency key inside `conn`'s transaction and
/// returns the receipt of the first store.
async fn store(conn: &mut AnyConnection, s: &Submission, origin: Option<&str>) -> sqlx::Result<Receipt> {
    let received_at = stamp::now(stamp::Millis);
    sqlx::query(
        "INSERT INTO feedback (id, idempotency_key, message, about, rating, name, email, area, contact_consent,
                               lang, page, origin, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(new_reference())
    .bind(&s.key)
    .bind(s.message.trim())
    .bind(given(s.about.as_deref()))
    .bind(s.rating.map(i64::from))
    .bind(given(s.name.as_deref()))
    .bind(given(s.email.as_deref()))
    .bind(given(s.area.as_deref()))
    .bind(i64::from(s.contact_consent))
    .bind(&s.lang)
    .bind(&s.page)
    .bind(origin)
    .bind(&received_at)
    .execute(&mut *conn)
    .await?;
    sqlx::query_as("SELECT id, received_at FROM feedback WHERE idempotency_key = $1")
        .bind(&s.key)
        .fetch_one(&mut *conn)
        .await
}

/// Writes to feedback in this process (new, triaged, erased), so the
/// insight cache knows it is stale.
pub static CHANGES: Generation = Generation::new();

/// Most submissions one commit carries.
const BATCH_MAX: usize = 256;

struct Job {
    submission: Submission,
    origin: Option<String>,
    reply: oneshot::Sender<Result<Receipt, String>>,
}

/// The one task that writes feedback. Submissions that arrive while a commit
/// is under way share the next one (group commit): one fsync for many, no
/// contention for SQLite's write lock, and each is answered only after the
/// commit that holds it has returned.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    pub fn spawn(db: Db) -> Writer {
        let (jobs, mut queue) = mpsc::channel::<Job>(4 * BATCH_MAX);
        tokio::spawn(async move {
            while let Some(first) = queue.recv().await {
                let mut batch = vec![first];
                while batch.len() < BATCH_MAX {
                    match queue.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                commit(&db, batch).await;
            }
        });
        Writer { jobs }
    }

    /// Stores the submission durably (or finds the first store of its key).
    pub async fn store(&self, submission: Submission, origin: Option<String>) -> anyhow::Result<Receipt> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { submission, origin, reply })
            .await
            .map_err(|_| anyhow::anyhow!("the feedback writer has stopped"))?;
        answer.await?.map_err(anyhow::Error::msg)
    }
}

async fn commit(db: &Db, mut batch: Vec<Job>) {
    // In key order, so two servers committing the same retried keys on
    // PostgreSQL wait for each other instead of deadlocking.
    batch.sort_by(|a, b| a.submission.key.cmp(&b.submission.key));
    let outcome: sqlx::Result<Vec<Receipt>> = async {
        let mut tx = crate::db::begin_write(db).await?;
        let mut receipts = Vec::with_capacity(batch.len());
        for job in &batch {
            receipts.push(store(&mut tx, &job.submission, job.origin.as_deref()).await?);
        }
        tx.commit().await?;
        Ok(receipts)
    }
    .await;
    match outcome {
        Ok(receipts) => {
            CHANGES.changed();
            for (job, receipt) in batch.into_iter().zip(receipts) {
                let _ = job.reply.send(Ok(receipt));
            }
        }
        Err(error) => {
            tracing::error!(%error, count = batch.len(), "feedback commit failed; nothing in it was stored");
            for job in batch {
                let _ = job.reply.send(Err(error.to_string()));
            }
        }
    }
}

/// `FB-` and ten Crockford base-32 characters: easy to read out on the phone.
pub fn new_reference() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let code: String = random::bytes::<10>().iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect();
    format!("FB-{code}")
}

/// Which feedback the admin asked for, oldest first.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub since: Option<String>,
    pub about: Option<String>,
    /// Only rows after this one.
    pub after: Option<Cursor>,
    /// At most this many rows; `None` for all.
    pub limit: Option<u32>,
}

/// The rows `f` asks for, as `reader` may see them.
pub async fn list(db: &Db, f: &Filter, reader: Role) -> sqlx::Result<Vec<Feedback>> {
    let (after_at, after_id) = f.after.clone().map(|c| (c.at, c.id)).unzip();
    let rows = sqlx::query_as(&format!(
        "SELECT {ROW_COLUMNS}
         FROM feedback f LEFT JOIN people p ON p.id = f.assignee
         WHERE ($1 IS NULL OR f.received_at >= $1)
           AND ($2 IS NULL OR f.about = $2)
           AND ($3 IS NULL OR f.received_at > $3 OR (f.received_at = $3 AND f.id > $4))
         ORDER BY f.received_at, f.id
         LIMIT $5"
    ))
    .bind(&f.since)
    .bind(&f.about)
    .bind(after_at)
    .bind(after_id)
    .bind(f.limit.map_or(i64::MAX, i64::from))
    .fetch_all(db)
    .await?;
    Ok(read_by(rows, reader))
}

/// CSV with a header row, of rows already [read by](Feedback::read_by)
/// their reader. Cells a spreadsheet would run as a formula (`=`, `+`, `-`,
/// `@`, tab, carriage return first) get a leading `'`.
pub fn to_csv(rows: &[Feedback]) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "id",
        "received_at",
        "about",
        "rating",
        "message",
        "name",
        "email",
        "area",
        "contact_consent",
        "lang",
        "page",
        "status",
        "assignee",
    ])?;
    for r in rows {
        let rating = r.rating.map(|n| n.to_string()).unwrap_or_default();
        let consent = if r.contact_consent.0 { "yes" } else { "no" };
        let cells = [
            r.id.as_str(),
            &r.received_at,
            r.about.as_deref().unwrap_or(""),
            &rating,
            &r.message,
            r.name.as_deref().unwrap_or(""),
            r.email.as_deref().unwrap_or(""),
            r.area.as_deref().unwrap_or(""),
            consent,
            &r.lang,
            &r.page,
            r.status.name(),
            r.assignee.as_deref().unwrap_or(""),
        ];
        out.write_record(cells.map(neutralise))?;
    }
    Ok(out.into_inner()?)
}

pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(message: &str, name: &str, consent: bool) -> Feedback {
        Feedback {
            id: "FB-1".into(),
            received_at: "2026-11-24T09:30:00.000Z".into(),
            about: None,
            rating: Some(4),
            message: message.into(),
            name: Some(name.into()),
            email: None,
            area: None,
            contact_consent: Consent(consent),
            lang: "en".into(),
            page: "https://council.example/".into(),
            origin: None,
            status: Status::New,
            assignee: None,
            contact_withheld: false,
        }
    }

    #[test]
    fn csv_neutralises_formulas_and_quotes_properly() {
        let csv = String::from_utf8(
            to_csv(&[
                row("=HYPERLINK(\"http://evil\")", "+44 7700", true),
                row("line one\nline \"two\", end", "@bob", true),
            ])
            .unwrap(),
        )
        .unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("id,received_at,about,rating,message,name,email,area,contact_consent,lang,page,status,assignee")
        );
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\",'+44 7700"), "{csv}");
        assert!(csv.contains("\"line one\nline \"\"two\"\", end\",'@bob"), "{csv}");
        assert!(!csv.contains(",=") && !csv.contains(",+") && !csv.contains(",@"));
    }

    #[test]
    fn contact_details_need_consent_and_a_role_that_sees_them() {
        let declined = row("Thanks", "Sam Private", false).read_by(Role::Admin);
        assert_eq!((declined.name, declined.contact_withheld), (None, true));
        let editor = row("Thanks", "Sam Open", true).read_by(Role::Editor);
        assert_eq!((editor.name, editor.contact_withheld), (None, true));
        let responder = row("Thanks", "Sam Open", true).read_by(Role::Responder);
        assert_eq!((responder.name.as_deref(), responder.contact_withheld), (Some("Sam Open"), false));
        let csv = to_csv(&read_by(vec![row("Thanks", "Sam Private", false)], Role::Admin)).unwrap();
        assert!(!String::from_utf8(csv).unwrap().contains("Sam Private"));
    }

    #[test]
    fn references_are_readable() {
        let id = new_reference();
        assert!(id.starts_with("FB-") && id.len() == 13);
        assert!(id[3..].chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
        assert_ne!(new_reference(), id);
    }
}

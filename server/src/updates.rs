//! Updates as stored, and the queries the feed needs.

use police_engage_contract::{Category, Priority};

use crate::db::Db;
use crate::generation::Generation;
use crate::paging::Cursor;
use crate::stamp;

#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct Update {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub content_text: Option<String>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    #[sqlx(try_from = "String")]
    pub category: Category,
    #[sqlx(try_from = "String")]
    pub priority: Priority,
    pub area: Option<String>,
    pub reference: Option<String>,
    /// A JSON array of strings.
    pub tags: String,
    pub event_start: Option<String>,
    pub event_end: Option<String>,
    pub event_address: Option<String>,
    pub expires_at: Option<String>,
    pub published_at: String,
    pub modified_at: String,
}

const COLUMNS: &str = "id, title, summary, content_text, url, image, image_alt, category, priority, area,
    reference, tags, event_start, event_end, event_address, expires_at, published_at, modified_at";

/// Which updates one feed page holds.
#[derive(Debug, Default, Clone)]
pub struct Query {
    pub category: Option<Category>,
    pub area: Option<String>,
    pub limit: u32,
    /// Only updates after this one in feed order.
    pub before: Option<Cursor>,
}

/// Writes to updates in this process, so cached feed pages know they are stale.
pub static CHANGES: Generation = Generation::new();

/// Live updates (not withdrawn, not expired), newest first, one page plus
/// one row so the caller knows whether another page follows.
pub async fn page(db: &Db, q: &Query) -> sqlx::Result<Vec<Update>> {
    let (before_at, before_id) = q.before.clone().map(|c| (c.at, c.id)).unzip();
    sqlx::query_as(&format!(
        "SELECT {COLUMNS}
         FROM updates
         WHERE withdrawn_at IS NULL
           AND (expires_at IS NULL OR expires_at > $1)
           AND ($2 IS NULL OR category = $2)
           AND ($3 IS NULL OR area IS NULL OR lower(area) = lower($3))
           AND ($4 IS NULL OR published_at < $4 OR (published_at = $4 AND id < $5))
         ORDER BY published_at DESC, id DESC
         LIMIT $6"
    ))
    .bind(stamp::now(stamp::Secs))
    .bind(q.category.map(Category::name))
    .bind(&q.area)
    .bind(before_at)
    .bind(before_id)
    .bind(i64::from(q.limit) + 1)
    .fetch_all(db)
    .await
}

/// One update, withdrawn or not, and whether it is withdrawn.
pub async fn get(db: &Db, id: &str) -> sqlx::Result<Option<(Update, bool)>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT COALESCE(withdrawn_at, '') FROM updates WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    let Some((withdrawn,)) = row else { return Ok(None) };
    let update = sqlx::query_as(&format!("SELECT {COLUMNS} FROM updates WHERE id = $1")).bind(id).fetch_one(db).await?;
    Ok(Some((update, !withdrawn.is_empty())))
}

/// Creates the update; `false` if its id is taken.
pub async fn insert(db: &Db, u: &Update) -> sqlx::Result<bool> {
    write(db, u, "ON CONFLICT (id) DO NOTHING").await
}

/// Creates the update or replaces the one with its id (keeping it withdrawn if it was).
pub async fn upsert(db: &Db, u: &Update) -> sqlx::Result<bool> {
    let replace = "ON CONFLICT (id) DO UPDATE SET title = excluded.title, summary = excluded.summary,
        content_text = excluded.content_text, url = excluded.url, image = excluded.image, image_alt = excluded.image_alt,
        category = excluded.category, priority = excluded.priority, area = excluded.area, reference = excluded.reference,
        tags = excluded.tags, event_start = excluded.event_start, event_end = excluded.event_end,
        event_address = excluded.event_address, expires_at = excluded.expires_at, published_at = excluded.published_at,
        modified_at = excluded.modified_at";
    write(db, u, replace).await
}

/// Takes the update out of the feed; `false` if there is no such update.
pub async fn withdraw(db: &Db, id: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE updates SET withdrawn_at = COALESCE(withdrawn_at, $2) WHERE id = $1")
        .bind(id)
        .bind(stamp::now(stamp::Secs))
        .execute(db)
        .await?;
    CHANGES.changed();
    Ok(done.rows_affected() == 1)
}

async fn write(db: &Db, u: &Update, on_conflict: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(&format!(
        "INSERT INTO updates ({COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         {on_conflict}"
    ))
    .bind(&u.id)
    .bind(&u.title)
    .bind(&u.summary)
    .bind(&u.content_text)
    .bind(&u.url)
    .bind(&u.image)
    .bind(&u.image_alt)
    .bind(u.category.name())
    .bind(u.priority.name())
    .bind(&u.area)
    .bind(&u.reference)
    .bind(&u.tags)
    .bind(&u.event_start)
    .bind(&u.event_end)
    .bind(&u.event_address)
    .bind(&u.expires_at)
    .bind(&u.published_at)
    .bind(&u.modified_at)
    .execute(db)
    .await?;
    CHANGES.changed();
    Ok(done.rows_affected() == 1)
}

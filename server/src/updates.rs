//! Updates as stored, and the queries the feed and the console's list need.

use police_engage_contract::{Category, Channel, Priority, UpdateCounts, UpdateState};

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
    /// In the future while it is scheduled.
    pub published_at: String,
    pub modified_at: String,
    #[sqlx(flatten)]
    pub cy: Welsh,
    /// How it came in; an edit keeps the first.
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    pub import_source: Option<String>,
    /// Set only by [`withdraw`]; writing an update leaves it as it was.
    pub withdrawn_at: Option<String>,
}

/// The Welsh version of an update's words; each missing one is shown in English.
#[derive(Debug, Clone, Default, sqlx::FromRow, PartialEq)]
pub struct Welsh {
    #[sqlx(rename = "cy_title")]
    pub title: Option<String>,
    #[sqlx(rename = "cy_summary")]
    pub summary: Option<String>,
    #[sqlx(rename = "cy_content_text")]
    pub content_text: Option<String>,
    #[sqlx(rename = "cy_image_alt")]
    pub image_alt: Option<String>,
    #[sqlx(rename = "cy_event_address")]
    pub event_address: Option<String>,
}

impl Welsh {
    pub fn is_empty(&self) -> bool {
        *self == Welsh::default()
    }
}

impl Update {
    /// Where the update is in its life at `now` (a stored time).
    pub fn state(&self, now: &str) -> UpdateState {
        if self.withdrawn_at.is_some() {
            UpdateState::Withdrawn
        } else if self.published_at.as_str() > now {
            UpdateState::Scheduled
        } else if self.expires_at.as_deref().is_some_and(|e| e <= now) {
            UpdateState::Expired
        } else {
            UpdateState::Live
        }
    }
}

/// What an insert or an edit writes, in the order `write` binds them (a
/// macro, so `COLUMNS` can be built from it).
macro_rules! written {
    () => {
        "id, title, summary, content_text, url, image, image_alt, category, priority, area,
    reference, tags, event_start, event_end, event_address, expires_at, published_at, modified_at,
    cy_title, cy_summary, cy_content_text, cy_image_alt, cy_event_address, channel, import_source"
    };
}
const WRITTEN: &str = written!();
/// What a read returns: what is written, and whether it was withdrawn.
const COLUMNS: &str = concat!(written!(), ", withdrawn_at");
/// Kept when an update is replaced: which update it is and how it came in.
const KEPT_ON_REPLACE: [&str; 3] = ["id", "channel", "import_source"];

/// SQL for each state, given the time now as `$1`.
fn state_condition(state: UpdateState) -> &'static str {
    match state {
        UpdateState::Live => "withdrawn_at IS NULL AND published_at <= $1 AND (expires_at IS NULL OR expires_at > $1)",
        UpdateState::Scheduled => "withdrawn_at IS NULL AND published_at > $1",
        UpdateState::Expired => "withdrawn_at IS NULL AND published_at <= $1 AND expires_at <= $1",
        UpdateState::Withdrawn => "withdrawn_at IS NOT NULL",
    }
}

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

/// Live updates, newest first, one page plus one row so the caller knows
/// whether another page follows.
pub async fn page(db: &Db, q: &Query) -> sqlx::Result<Vec<Update>> {
    let (before_at, before_id) = q.before.clone().map(|c| (c.at, c.id)).unzip();
    sqlx::query_as(&format!(
        "SELECT {COLUMNS}
         FROM updates
         WHERE {live}
           AND ($2 IS NULL OR category = $2)
           AND ($3 IS NULL OR area IS NULL OR lower(area) = lower($3))
           AND ($4 IS NULL OR published_at < $4 OR (published_at = $4 AND id < $5))
         ORDER BY published_at DESC, id DESC
         LIMIT $6",
        live = state_condition(UpdateState::Live)
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

/// Updates in one state, newest publish time first, one page plus one row.
pub async fn in_state(db: &Db, state: UpdateState, before: Option<&Cursor>, limit: u32) -> sqlx::Result<Vec<Update>> {
    let (before_at, before_id) = before.map(|c| (c.at.clone(), c.id.clone())).unzip();
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM updates
         WHERE {condition}
           AND ($2 IS NULL OR published_at < $2 OR (published_at = $2 AND id < $3))
         ORDER BY published_at DESC, id DESC
         LIMIT $4",
        condition = state_condition(state)
    ))
    .bind(stamp::now(stamp::Secs))
    .bind(before_at)
    .bind(before_id)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await
}

/// How many updates are in each state.
pub async fn counts(db: &Db) -> sqlx::Result<UpdateCounts> {
    let sums: Vec<String> = UpdateState::ALL
        .iter()
        .map(|s| format!("COALESCE(SUM(CASE WHEN {} THEN 1 ELSE 0 END), 0)", state_condition(*s)))
        .collect();
    let row: (i64, i64, i64, i64) = sqlx::query_as(&format!("SELECT {} FROM updates", sums.join(", ")))
        .bind(stamp::now(stamp::Secs))
        .fetch_one(db)
        .await?;
    let n = |v: i64| u64::try_from(v).unwrap_or_default();
    Ok(UpdateCounts { live: n(row.0), scheduled: n(row.1), expired: n(row.2), withdrawn: n(row.3) })
}

/// The areas live updates name, in order, for the embed builder.
pub async fn live_areas(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(&format!(
        "SELECT DISTINCT area FROM updates WHERE area IS NOT NULL AND {} ORDER BY area",
        state_condition(UpdateState::Live)
    ))
    .bind(stamp::now(stamp::Secs))
    .fetch_all(db)
    .await
}

/// One update, withdrawn or not.
pub async fn get(db: &Db, id: &str) -> sqlx::Result<Option<Update>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM updates WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// Creates the update; `false` if its id is taken.
pub async fn insert(db: &Db, u: &Update) -> sqlx::Result<bool> {
    write(db, u, "ON CONFLICT (id) DO NOTHING").await
}

/// Creates the update or replaces the words of the one with its id
/// (keeping how it came in, and keeping it withdrawn if it was).
pub async fn upsert(db: &Db, u: &Update) -> sqlx::Result<bool> {
    let set: Vec<String> = WRITTEN
        .split(',')
        .map(str::trim)
        .filter(|column| !KEPT_ON_REPLACE.contains(column))
        .map(|column| format!("{column} = excluded.{column}"))
        .collect();
    write(db, u, &format!("ON CONFLICT (id) DO UPDATE SET {}", set.join(", "))).await
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
    let placeholders: Vec<String> = (1..=WRITTEN.split(',').count()).map(|n| format!("${n}")).collect();
    let done =
        sqlx::query(&format!("INSERT INTO updates ({WRITTEN}) VALUES ({}) {on_conflict}", placeholders.join(", ")))
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
            .bind(&u.cy.title)
            .bind(&u.cy.summary)
            .bind(&u.cy.content_text)
            .bind(&u.cy.image_alt)
            .bind(&u.cy.event_address)
            .bind(u.channel.name())
            .bind(&u.import_source)
            .execute(db)
            .await?;
    CHANGES.changed();
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_knows_its_state() {
        let now = "2026-11-24T12:00:00Z";
        let mut u = crate::publish::validate(
            &crate::body::parse(br#"{"title":"t","date_published":"2026-11-24T13:00:00Z"}"#).unwrap(),
            None,
            Channel::Api,
        )
        .unwrap();
        assert_eq!(u.state(now), UpdateState::Scheduled);
        u.published_at = "2026-11-24T12:00:00Z".into();
        assert_eq!(u.state(now), UpdateState::Live, "from its publish time");
        u.expires_at = Some(now.into());
        assert_eq!(u.state(now), UpdateState::Expired, "at its expiry");
        u.withdrawn_at = Some(now.into());
        assert_eq!(u.state(now), UpdateState::Withdrawn);
    }
}

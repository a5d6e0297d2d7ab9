//! Opening the database — an SQLite file (the default) or PostgreSQL, chosen
//! by the URL's scheme — and running the migrations, which are written in
//! SQL both engines read the same way.

use std::str::FromStr;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, ConnectOptions, Executor};

pub type Db = AnyPool;

/// Opens (creating an SQLite file if needed) the database at `url` and migrates it.
pub async fn open(url: &str) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    let sqlite = is_sqlite(url);
    let any_url = if sqlite { sqlite_url(url)? } else { url.to_owned() };
    let options =
        AnyConnectOptions::from_str(&any_url).with_context(|| format!("bad database URL {}", redacted(url)))?;
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 8 } else { 16 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    // Every acknowledged write is on disk before the answer goes
                    // out; reads map the file rather than copy it page by page;
                    // deleted rows are overwritten, not left in free pages.
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;
                         PRAGMA secure_delete = ON; PRAGMA mmap_size = 268435456",
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database {}", redacted(url)))?;
    sqlx::migrate!("./migrations").run(&pool).await.context("cannot migrate the database")?;
    crate::feedback::search::prepare(&pool).await.context("cannot index the feedback for search")?;
    crate::feedback::search::catch_up(&pool).await.context("cannot index the feedback for search")?;
    analyze(&pool).await.context("cannot analyze the database")?;
    Ok(pool)
}

/// Refreshes what SQLite's query planner knows of the tables, so it picks
/// the console's indexes. Only once there is something to measure: planning
/// for an empty table, the planner would pick full scans and keep them as
/// the table grows. PostgreSQL's autovacuum does this itself.
pub async fn analyze(db: &Db) -> sqlx::Result<()> {
    const WORTH_MEASURING: i64 = 1000;
    if engine(db) == Engine::Sqlite {
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM feedback").fetch_one(db).await?;
        if rows >= WORTH_MEASURING {
            sqlx::query("ANALYZE").execute(db).await?;
        }
    }
    Ok(())
}

/// SQLite serves one process; anything else is a database servers share.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Which engine the pool talks to.
pub fn engine(db: &Db) -> Engine {
    if db.connect_options().database_url.scheme().starts_with("sqlite") {
        Engine::Sqlite
    } else {
        Engine::Postgres
    }
}

/// A transaction that will write. On SQLite it takes the write lock at the
/// start (waiting its turn): a transaction that reads first and writes later
/// is refused at once if another connection wrote in between.
pub async fn begin_write(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    match engine(db) {
        Engine::Sqlite => db.begin_with("BEGIN IMMEDIATE").await,
        Engine::Postgres => db.begin().await,
    }
}

/// The SQLite URL with `mode=rwc`, after making the file's directory.
fn sqlite_url(url: &str) -> anyhow::Result<String> {
    let options =
        SqliteConnectOptions::from_str(url).with_context(|| format!("bad database URL {url}"))?.create_if_missing(true);
    if let Some(dir) = options.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    Ok(options.to_url_lossy().to_string())
}

/// The URL without its password, for logs and error messages.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// One more for `subject` in `table` (`subject`, `window_start`, `failures`:
/// counts in fixed windows of `window`; a new window if the last has ended),
/// read back in the same statement, so requests sent at once are each
/// counted before any is let through: its count and window start.
pub async fn count_in_window(
    db: &mut sqlx::AnyConnection,
    table: &str,
    subject: &str,
    now: i64,
    window: std::time::Duration,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(&format!(
        "INSERT INTO {table} (subject, window_start, failures) VALUES ($1, $2, 1)
         ON CONFLICT (subject) DO UPDATE SET
             failures = CASE WHEN {table}.window_start <= $3 THEN 1 ELSE {table}.failures + 1 END,
             window_start = CASE WHEN {table}.window_start <= $3 THEN $2 ELSE {table}.window_start END
         RETURNING failures, window_start"
    ))
    .bind(subject)
    .bind(now)
    .bind(now - window.as_millis() as i64)
    .fetch_one(db)
    .await
}

pub async fn setting(db: &Db, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(db).await
}

pub async fn set_setting(db: &Db, key: &str, value: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}

/// Stores the setting unless it exists; `false` when another process was first.
pub async fn add_setting(db: &Db, key: &str, value: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .bind(value)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_commits_are_durable() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&format!("sqlite://{}/t.db", dir.path().display())).await.unwrap();
        for _ in 0..3 {
            let mut conn = db.acquire().await.unwrap();
            let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut *conn).await.unwrap();
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await.unwrap();
            assert_eq!((mode.as_str(), sync), ("wal", 2), "WAL with synchronous = FULL on every connection");
        }
    }

    #[test]
    fn passwords_stay_out_of_logs() {
        assert_eq!(redacted("postgres://pe:s3cret@db.internal:5432/pe"), "postgres://pe:***@db.internal:5432/pe");
        assert_eq!(redacted("sqlite://data/police-engage.db"), "sqlite://data/police-engage.db");
    }
}

//! The inbox's text search. Reading every message to find a few words gets
//! slow as feedback grows, so messages are indexed by trigrams — SQLite's
//! FTS5 `trigram` tokenizer, PostgreSQL's `pg_trgm` — which find any run of
//! three or more characters, whatever their case. This is the one place
//! where the SQL differs between the two engines.
//!
//! On SQLite, indexing a message as it is stored would slow every write in
//! a surge several times over, so messages are indexed when someone next
//! searches: everything stored since the last search, in one go.

use crate::db::{engine, Db, Engine};
use police_engage_contract::length;

/// Builds the index if it is not there yet (at start, after the migrations).
pub async fn prepare(db: &Db) -> sqlx::Result<()> {
    match engine(db) {
        Engine::Sqlite => {
            if sqlite_index_exists(db).await? {
                return Ok(());
            }
            let mut tx = crate::db::begin_write(db).await?;
            for statement in SQLITE {
                sqlx::query(statement).execute(&mut *tx).await?;
            }
            tx.commit().await
        }
        Engine::Postgres => {
            // Creating the extension needs rights a database owner has on
            // PostgreSQL 13 and later; without it, search reads every message.
            if let Err(error) = sqlx::query("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute(db).await {
                tracing::warn!(%error, "no pg_trgm: the inbox's text search will read every message");
                return Ok(());
            }
            sqlx::query(
                "CREATE INDEX IF NOT EXISTS feedback_words ON feedback USING gist (lower(message) gist_trgm_ops)",
            )
            .execute(db)
            .await?;
            Ok(())
        }
    }
}

/// The row the index has reached: messages with a higher rowid are not in it yet.
const UPTO: &str = "(SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'feedback_words_upto')";

/// An FTS5 table over the messages, and what keeps it true: a deleted
/// message leaves the index, and the high-water mark never stays above the
/// table's last row (SQLite may give a new row the rowid of a deleted last one).
const SQLITE: [&str; 3] = [
    "CREATE VIRTUAL TABLE feedback_words USING fts5(message, content='feedback', content_rowid='rowid', tokenize='trigram')",
    "INSERT INTO settings (key, value) VALUES ('feedback_words_upto', '0')",
    "CREATE TRIGGER feedback_words_delete AFTER DELETE ON feedback BEGIN
         INSERT INTO feedback_words (feedback_words, rowid, message)
             SELECT 'delete', old.rowid, old.message WHERE old.rowid <= (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'feedback_words_upto');
         UPDATE settings SET value = (SELECT COALESCE(MAX(rowid), 0) FROM feedback)
             WHERE key = 'feedback_words_upto' AND CAST(value AS INTEGER) > (SELECT COALESCE(MAX(rowid), 0) FROM feedback);
     END",
];

/// Indexes what has come in every minute, so a search rarely waits for it.
pub fn spawn_catch_up(db: Db) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            if let Err(error) = catch_up(&db).await {
                tracing::warn!(%error, "indexing new feedback for search failed");
            }
        }
    });
}

/// Indexes the messages stored since the last search (SQLite; PostgreSQL's
/// index is kept by the database itself).
pub async fn catch_up(db: &Db) -> sqlx::Result<()> {
    if engine(db) == Engine::Postgres {
        return Ok(());
    }
    let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(rowid) FROM feedback").fetch_one(db).await?;
    let upto: i64 = sqlx::query_scalar(&format!("SELECT {UPTO}")).fetch_one(db).await?;
    if newest.unwrap_or_default() <= upto {
        return Ok(());
    }
    // In one write transaction, so two searches cannot index a message twice.
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query(&format!(
        "INSERT INTO feedback_words (rowid, message) SELECT rowid, message FROM feedback WHERE rowid > {UPTO}"
    ))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE settings SET value = (SELECT COALESCE(MAX(rowid), 0) FROM feedback) WHERE key = 'feedback_words_upto'",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// After deletions: rewrites SQLite's index without the deleted messages
/// (FTS5 keeps them in its segments until they are merged) and moves the
/// write-ahead log into the database, where `secure_delete` has zeroed the
/// freed pages; on PostgreSQL, vacuums the table so the dead rows go.
pub async fn purge(db: &Db) -> sqlx::Result<()> {
    match engine(db) {
        Engine::Sqlite => {
            if sqlite_index_exists(db).await? {
                sqlx::query("INSERT INTO feedback_words (feedback_words) VALUES ('optimize')").execute(db).await?;
            }
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(db).await?;
        }
        Engine::Postgres => {
            sqlx::query("VACUUM feedback").execute(db).await?;
            sqlx::query("VACUUM notes").execute(db).await?;
        }
    }
    Ok(())
}

/// The condition that finds `words` in a message of `feedback f` (or
/// `words` as a reference), with a `{}` for each value, and the values.
pub fn condition(engine: Engine, words: &str) -> (&'static str, [String; 2]) {
    let reference = words.trim().to_uppercase();
    match engine {
        // Trigrams need three characters; fewer are looked for the slow way.
        Engine::Sqlite if length(words) >= 3 => (
            "(f.rowid IN (SELECT rowid FROM feedback_words WHERE feedback_words MATCH {}) OR f.id = {})",
            [format!("\"{}\"", words.replace('"', "\"\"")), reference],
        ),
        Engine::Sqlite | Engine::Postgres => (
            "(lower(f.message) LIKE {} ESCAPE '\\' OR f.id = {})",
            [format!("%{}%", like_escaped(&words.to_lowercase())), reference],
        ),
    }
}

/// `%` and `_` in a search are searched for, not wildcards.
fn like_escaped(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Whether SQLite's index has been built (it is made at start, not by a migration).
async fn sqlite_index_exists(db: &Db) -> sqlx::Result<bool> {
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name = 'feedback_words'").fetch_optional(db).await?;
    Ok(name.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn found(db: &Db, words: &str) -> Vec<String> {
        catch_up(db).await.unwrap();
        let (condition, values) = condition(Engine::Sqlite, words);
        let sql = format!(
            "SELECT f.id FROM feedback f WHERE {} ORDER BY f.id",
            condition.replacen("{}", "$1", 1).replacen("{}", "$2", 1)
        );
        let [a, b] = values;
        sqlx::query_scalar(&sql).bind(a).bind(b).fetch_all(db).await.unwrap()
    }

    async fn store(db: &Db, id: &str, message: &str) {
        sqlx::query(
            "INSERT INTO feedback (id, idempotency_key, message, contact_consent, lang, page, received_at)
             VALUES ($1, $1, $2, 0, 'en', 'p', '2026-11-24T09:00:00.000Z')",
        )
        .bind(id)
        .bind(message)
        .execute(db)
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn the_index_catches_up_and_forgets_what_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&format!("sqlite://{}/t.db", dir.path().display())).await.unwrap();
        store(&db, "FB-A", "Street lights out on Heol Las").await;
        store(&db, "FB-B", "Thanks for the STREET party policing").await;
        assert_eq!(found(&db, "street").await, ["FB-A", "FB-B"]);
        // The newest one erased, then a new one stored: SQLite may reuse its rowid.
        sqlx::query("DELETE FROM feedback WHERE id = 'FB-B'").execute(&db).await.unwrap();
        store(&db, "FB-C", "Another street, another light out").await;
        assert_eq!(found(&db, "street").await, ["FB-A", "FB-C"]);
        assert_eq!(found(&db, "party").await, Vec::<String>::new());
        assert_eq!(found(&db, "fb-a").await, ["FB-A"], "a reference");
        assert_eq!(found(&db, "as").await, ["FB-A"], "fewer than three characters: looked for without the index");
    }

    #[test]
    fn searches_are_literal() {
        assert_eq!(like_escaped("100%_done\\"), "100\\%\\_done\\\\");
        let (_, values) = condition(Engine::Sqlite, "a \"quoted\" word");
        assert_eq!(values[0], "\"a \"\"quoted\"\" word\"");
        let (sql, values) = condition(Engine::Sqlite, "ab");
        assert!(sql.contains("LIKE") && values[0] == "%ab%", "too short for trigrams");
        let (sql, values) = condition(Engine::Postgres, "Bus Station");
        assert!(sql.contains("LIKE") && values == ["%bus station%".to_owned(), "BUS STATION".to_owned()]);
    }
}

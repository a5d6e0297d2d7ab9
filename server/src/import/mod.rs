//! Updates from the force's own sources: fetched politely, parsed, reduced
//! to safe text, de-duplicated by source and id, and stored as updates.

mod error;
mod feeds;
mod fetch;
pub mod formats;
mod item;
mod police_uk;
mod source;
mod text;
mod welsh;

use std::sync::Arc;
use std::time::Duration;

use police_engage_contract::{
    shorten, Channel, UpdateInput, WelshInput, CONTENT_TEXT_MAX, SUMMARY_MAX, TAGS_MAX, TAG_MAX, TITLE_MAX,
};
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::metrics::Metrics;
use crate::publish::{self, Mode, PublishError};
use crate::stamp;
use crate::text::hex;
use crate::updates::Update;

pub use error::{ImportError, ReadError};
pub use fetch::Limits;
pub use item::Item;
pub use source::{Location, Source};

/// How much of an item's summary stands in for a missing title.
const SUMMARY_AS_TITLE: usize = 120;

/// What one import did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Items that broke the update rules even after trimming (logged).
    pub skipped: usize,
    /// Items of a Welsh source with no English twin yet (tried again next time).
    pub unmatched: usize,
    /// The source said nothing changed (304).
    pub not_modified: bool,
}

/// Imports `source` once, recording how it went for `/healthz`.
pub async fn run(db: &Db, source: &Source, limits: &Limits) -> Result<Report, ImportError> {
    let key = source.key();
    let result = fetch_and_store(db, source, limits).await;
    let recorded = match &result {
        Ok(_) => record_success(db, &key).await,
        Err(error) => record_failure(db, &key, &error.to_string()).await,
    };
    if let Err(e) = recorded {
        tracing::error!(source = %key, error = %e, "could not record the import's outcome");
    }
    result
}

async fn fetch_and_store(db: &Db, source: &Source, limits: &Limits) -> Result<Report, ImportError> {
    let key = source.key();
    let (bytes, path, fetched) = match &source.location {
        Location::Url(url) => {
            let (etag, last_modified) = validators(db, &key).await?;
            match fetch::get(url, etag.as_deref(), last_modified.as_deref(), limits).await? {
                fetch::Fetched::NotModified => return Ok(Report { not_modified: true, ..Report::default() }),
                fetch::Fetched::Body { bytes, etag, last_modified } => {
                    let path = reqwest::Url::parse(url).map(|u| u.path().to_owned()).unwrap_or_default();
                    (bytes, path, Some((etag, last_modified)))
                }
            }
        }
        Location::File(path) => {
            let display = path.display().to_string();
            let bytes =
                tokio::fs::read(path).await.map_err(|source| ReadError::File { path: display.clone(), source })?;
            if bytes.len() > limits.max_bytes {
                return Err(ReadError::TooLarge(limits.max_bytes).into());
            }
            (bytes, display, None)
        }
    };
    let mut report = Report::default();
    for item in formats::parse(&bytes, &path)? {
        store(db, source, item, &mut report).await?;
    }
    // Items still waiting for an English twin need the body again next time.
    if let (Some((etag, last_modified)), 0) = (fetched, report.unmatched) {
        save_validators(db, &key, etag, last_modified).await?;
    }
    Ok(report)
}

/// Stores one item unless the source says just what it said last time.
async fn store(db: &Db, source: &Source, item: Item, report: &mut Report) -> Result<(), ImportError> {
    let key = source.key();
    let Item { source_id, mut input } = item;
    let tagged = publish::category_from_tags(&input).map(|c| c.name().to_owned());
    input.category = input.category.or(tagged).or_else(|| source.category.map(|c| c.name().to_owned()));
    input.area = input.area.or_else(|| source.area.clone());
    input.title = input
        .title
        .filter(|t| !t.is_empty())
        .or_else(|| input.summary.as_deref().map(|s| shorten(s, SUMMARY_AS_TITLE)));
    trim_to_limits(&mut input);
    let hash = hex(&Sha256::digest(format!("{input:?}").as_bytes()));
    let known: Option<String> =
        sqlx::query_scalar("SELECT content_hash FROM imported WHERE source = $1 AND source_id = $2")
            .bind(&key)
            .bind(&source_id)
            .fetch_optional(db)
            .await?;
    if known.as_deref() == Some(hash.as_str()) {
        report.unchanged += 1;
        return Ok(());
    }
    let input = match &source.welsh_of {
        None => {
            let id = format!("imp-{}", &hex(&Sha256::digest(format!("{key}\n{source_id}").as_bytes()))[..20]);
            UpdateInput { id: Some(id), ..input }
        }
        Some(english) => {
            let Some(twin) = welsh::twin(db, english, &source_id, input.url.as_deref()).await? else {
                report.unmatched += 1;
                return Ok(());
            };
            translated(&twin, input)
        }
    };
    let mut checked = match publish::check(db, &input, Mode::Upsert, Channel::Import).await {
        Ok(checked) => checked,
        Err(PublishError::Invalid(problems)) => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            tracing::warn!(source = %key, %source_id, ?fields, "imported item skipped");
            report.skipped += 1;
            return Ok(());
        }
        Err(other) => return Err(other.into()),
    };
    if !checked.replaces {
        checked.update.import_source = Some(key.clone());
    }
    publish::store(db, &crate::audit::By::SYSTEM, &checked).await?;
    sqlx::query(
        "INSERT INTO imported (source, source_id, update_id, content_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source, source_id) DO UPDATE SET content_hash = excluded.content_hash",
    )
    .bind(&key)
    .bind(&source_id)
    .bind(&checked.update.id)
    .bind(&hash)
    .execute(db)
    .await?;
    if checked.replaces {
        report.updated += 1;
    } else {
        report.created += 1;
    }
    Ok(())
}

/// The English `twin` with the Welsh item's words as its Welsh version.
fn translated(twin: &Update, welsh: UpdateInput) -> UpdateInput {
    let cy = WelshInput {
        title: welsh.title,
        summary: welsh.summary,
        content_text: welsh.content_text,
        image_alt: welsh.image_alt,
        event_address: welsh.event.and_then(|e| e.address),
    };
    UpdateInput { cy: Some(cy), ..publish::as_input(twin) }
}

/// Source text can be longer than an update allows: cut it rather than lose the item.
fn trim_to_limits(input: &mut UpdateInput) {
    for (field, max) in
        [(&mut input.title, TITLE_MAX), (&mut input.summary, SUMMARY_MAX), (&mut input.content_text, CONTENT_TEXT_MAX)]
    {
        *field = field.take().map(|v| shorten(&v, max)).filter(|v| !v.is_empty());
    }
    if let Some(tags) = &mut input.tags {
        tags.retain(|t| !t.is_empty());
        tags.truncate(TAGS_MAX);
        for tag in tags.iter_mut() {
            *tag = shorten(tag, TAG_MAX);
        }
    }
}

async fn validators(db: &Db, key: &str) -> sqlx::Result<(Option<String>, Option<String>)> {
    let row = sqlx::query_as("SELECT etag, last_modified FROM import_sources WHERE url = $1")
        .bind(key)
        .fetch_optional(db)
        .await?;
    Ok(row.unwrap_or_default())
}

async fn save_validators(db: &Db, key: &str, etag: Option<String>, last_modified: Option<String>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO import_sources (url, etag, last_modified) VALUES ($1, $2, $3)
         ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified",
    )
    .bind(key)
    .bind(etag)
    .bind(last_modified)
    .execute(db)
    .await?;
    Ok(())
}

async fn record_success(db: &Db, key: &str) -> sqlx::Result<()> {
    let now = stamp::now(stamp::Secs);
    sqlx::query(
        "INSERT INTO import_sources (url, failures, last_attempt_at, last_success_at) VALUES ($1, 0, $2, $2)
         ON CONFLICT (url) DO UPDATE SET failures = 0, last_attempt_at = $2, last_success_at = $2, last_error = NULL",
    )
    .bind(key)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

async fn record_failure(db: &Db, key: &str, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO import_sources (url, failures, last_attempt_at, last_error) VALUES ($1, 1, $2, $3)
         ON CONFLICT (url) DO UPDATE SET failures = import_sources.failures + 1, last_attempt_at = $2, last_error = $3",
    )
    .bind(key)
    .bind(stamp::now(stamp::Secs))
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

/// How each configured source is doing, for `/healthz`.
#[derive(Debug, serde::Serialize, sqlx::FromRow)]
pub struct SourceHealth {
    pub url: String,
    pub failures: i64,
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    pub last_error: Option<String>,
}

pub async fn health(db: &Db, sources: &[Source]) -> sqlx::Result<Vec<SourceHealth>> {
    let mut out = Vec::new();
    for source in sources {
        let key = source.key();
        let row: Option<SourceHealth> = sqlx::query_as(
            "SELECT url, failures, last_attempt_at, last_success_at, last_error FROM import_sources WHERE url = $1",
        )
        .bind(&key)
        .fetch_optional(db)
        .await?;
        out.push(row.unwrap_or(SourceHealth {
            url: key,
            failures: 0,
            last_attempt_at: None,
            last_success_at: None,
            last_error: None,
        }));
    }
    Ok(out)
}

/// Polls every source on its own schedule, backing off a failing one
/// (doubling, up to six hours) without holding up the others.
pub fn spawn_polling(db: Db, sources: Vec<Source>, every: Duration, limits: Limits, metrics: Arc<Metrics>) {
    let limits = Arc::new(limits);
    for source in sources {
        let (db, limits, metrics) = (db.clone(), limits.clone(), metrics.clone());
        tokio::spawn(async move {
            let mut failures = 0u32;
            loop {
                let key = source.key();
                match run(&db, &source, &limits).await {
                    Ok(report) => {
                        failures = 0;
                        note_success(&metrics, &key, &report);
                        tracing::info!(source = %key, ?report, "import finished");
                    }
                    Err(error) => {
                        failures = failures.saturating_add(1);
                        metrics.add("police_engage_import_runs_total", &[("source", &key), ("result", "error")], 1);
                        tracing::warn!(source = %key, %error, failures, "import failed");
                    }
                }
                let wait = every.saturating_mul(1 << failures.min(10)).min(Duration::from_secs(6 * 3600));
                tokio::time::sleep(wait).await;
            }
        });
    }
}

pub fn note_success(metrics: &Metrics, key: &str, report: &Report) {
    let result = if report.not_modified { "not_modified" } else { "ok" };
    metrics.add("police_engage_import_runs_total", &[("source", key), ("result", result)], 1);
    for (change, n) in [
        ("created", report.created),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
        ("skipped", report.skipped),
        ("unmatched", report.unmatched),
    ] {
        metrics.add("police_engage_import_items_total", &[("source", key), ("change", change)], n as u64);
    }
}

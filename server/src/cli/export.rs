//! `export-feedback`: stored feedback as CSV, to a file or standard output.

use std::path::Path;

use anyhow::Context;
use police_engage_contract::Role;

use crate::config::Settings;
use crate::{db, feedback, stamp};

pub async fn run(
    settings: &Settings,
    output: &Path,
    since: Option<String>,
    about: Option<String>,
) -> anyhow::Result<()> {
    let since = since
        .map(|s| stamp::normalise(&s, stamp::Millis).with_context(|| format!("--since {s:?} is not an RFC 3339 time")));
    let filter = feedback::Filter { since: since.transpose()?, about, after: None, limit: None };
    let db = db::open(&settings.database).await?;
    // Whoever holds the database reads as an admin does: consent still holds.
    let rows = feedback::list(&db, &filter, Role::Admin).await?;
    let csv = feedback::to_csv(&rows)?;
    if output.as_os_str() == "-" {
        std::io::Write::write_all(&mut std::io::stdout(), &csv)?;
    } else {
        std::fs::write(output, csv).with_context(|| format!("cannot write {}", output.display()))?;
        eprintln!("Wrote {} feedback records to {}", rows.len(), output.display());
    }
    Ok(())
}

//! `import SOURCE`: one import from a URL or file, with its report.

use police_engage_contract::Category;

use crate::config::Settings;
use crate::{db, import};

pub async fn run(
    settings: &Settings,
    spec: &str,
    category: Option<String>,
    area: Option<String>,
) -> anyhow::Result<()> {
    let mut source = import::Source::parse(spec).map_err(anyhow::Error::msg)?;
    if let Some(category) = category {
        let parsed = Category::parse(&category);
        anyhow::ensure!(parsed.is_some(), "--category must be one of {}", Category::names());
        source.category = parsed;
    }
    source.area = area.or(source.area);
    let db = db::open(&settings.database).await?;
    let limits = settings.import_limits();
    let report = import::run(&db, &source, &limits).await?;
    let unmatched = match source.welsh_of {
        Some(_) => format!(", {} without an English twin yet", report.unmatched),
        None => String::new(),
    };
    println!(
        "Imported {}: {} created, {} updated, {} unchanged, {} skipped{unmatched}{}",
        source.key(),
        report.created,
        report.updated,
        report.unchanged,
        report.skipped,
        if report.not_modified { " (not modified)" } else { "" }
    );
    Ok(())
}

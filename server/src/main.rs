//! police-engage-server: publishes a force's updates feed, serves the
//! widget files and the demo partner page.

/// mimalloc: the feed's throughput is about a tenth higher than on the
/// system allocator (bench/feed-vs-nginx.sh), requests being mostly small
/// allocations freed on another worker thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use police_engage_server::config::{Cli, Command, Settings};
use police_engage_server::{
    admin_token, db, error, feedback, http, import, metrics, publish, rate_limit, seed, stamp, updates,
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.settings).await,
        Command::ExportFeedback { output, since, about } => export_feedback(&cli.settings, &output, since, about).await,
        Command::Import { source, category, area } => import_once(&cli.settings, &source, category, area).await,
        Command::Publish { file } => publish_file(&cli.settings, &file).await,
    }
}

async fn export_feedback(
    settings: &Settings,
    output: &std::path::Path,
    since: Option<String>,
    about: Option<String>,
) -> anyhow::Result<()> {
    let since = since
        .map(|s| stamp::normalise(&s, stamp::Millis).with_context(|| format!("--since {s:?} is not an RFC 3339 time")));
    let filter = feedback::Filter { since: since.transpose()?, about, after: None, limit: u32::MAX };
    let db = db::open(&settings.database).await?;
    let rows = feedback::list(&db, &filter).await?;
    let csv = feedback::to_csv(&rows)?;
    if output.as_os_str() == "-" {
        std::io::Write::write_all(&mut std::io::stdout(), &csv)?;
    } else {
        std::fs::write(output, csv).with_context(|| format!("cannot write {}", output.display()))?;
        eprintln!("Wrote {} feedback records to {}", rows.len(), output.display());
    }
    Ok(())
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let db = db::open(&settings.database).await?;
    if let Some(token) = admin_token::ensure(&db, settings.admin_token.as_deref()).await? {
        // Printed once, to the terminal only: it is never logged or shown again.
        println!("Admin token (shown once, keep it safe): {token}");
    }
    if !settings.no_samples {
        seed::samples_once(&db).await?;
    }
    let listener =
        TcpListener::bind(settings.listen).await.with_context(|| format!("cannot listen on {}", settings.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(
        database = %db::redacted(&settings.database),
        allow_origins = ?settings.allow_origins,
        feedback_rate = settings.feedback_rate,
        site = %settings.site_dir.display(),
        "police-engage-server starting"
    );
    println!("Serving the demo on http://{address}/");
    let sources = settings
        .import_sources
        .iter()
        .map(|s| import::Source::parse(s).map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let metrics = Arc::new(metrics::Metrics::default());
    import::spawn_polling(
        db.clone(),
        sources.clone(),
        Duration::from_secs(settings.import_every.max(1)),
        settings.import_limits(),
        metrics.clone(),
    );
    let state = http::AppState::new(http::App {
        metrics,
        sources,
        admin_hash: admin_token::stored_hash(&db).await?,
        feedback_limiter: if db::is_sqlite(&settings.database) {
            rate_limit::RateLimiter::in_memory(settings.feedback_rate)
        } else {
            rate_limit::RateLimiter::shared(settings.feedback_rate, db.clone())
        },
        feedback_writer: feedback::Writer::spawn(db.clone()),
        feed_cache: Default::default(),
        db,
        settings: Arc::new(settings),
    });
    let app = http::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await?;
    Ok(())
}

/// Finishes in-flight requests on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

async fn import_once(
    settings: &Settings,
    spec: &str,
    category: Option<String>,
    area: Option<String>,
) -> anyhow::Result<()> {
    let mut source = import::Source::parse(spec).map_err(anyhow::Error::msg)?;
    if let Some(category) = category {
        anyhow::ensure!(
            publish::CATEGORIES.contains(&category.as_str()),
            "--category must be one of {}",
            publish::CATEGORIES.join(", ")
        );
        source.category = Some(category);
    }
    source.area = area.or(source.area);
    let db = db::open(&settings.database).await?;
    let limits = settings.import_limits();
    let report = import::run(&db, &import::client(&limits), &source, &limits).await.map_err(anyhow::Error::msg)?;
    println!(
        "Imported {}: {} created, {} updated, {} unchanged, {} skipped{}",
        source.key(),
        report.created,
        report.updated,
        report.unchanged,
        report.skipped,
        if report.not_modified { " (not modified)" } else { "" }
    );
    Ok(())
}

/// Creates or replaces each update in the file, after checking them all.
async fn publish_file(settings: &Settings, file: &std::path::Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let inputs: Vec<publish::UpdateInput> = match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => publish::parse(&bytes),
        _ => publish::parse(&bytes).map(|one| vec![one]),
    }
    .map_err(|problems| anyhow::anyhow!("{}: {}", file.display(), describe(&problems)))?;
    let db = db::open(&settings.database).await?;
    let mut checked = Vec::new();
    for (n, input) in inputs.iter().enumerate() {
        let existing = match &input.id {
            Some(id) => updates::get(&db, id).await?.map(|(u, _)| u),
            None => None,
        };
        let update = publish::validate(input, existing.as_ref())
            .map_err(|p| anyhow::anyhow!("update {}: {}", n + 1, describe(&p)))?;
        checked.push(update);
    }
    for update in &checked {
        updates::upsert(&db, update).await?;
        println!("Published {}", update.id);
    }
    Ok(())
}

fn describe(problems: &[error::Problem]) -> String {
    problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; ")
}

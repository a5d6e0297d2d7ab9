//! police-engage-server: publishes a force's updates feed, serves the
//! widget files and the demo partner page.

mod admin_token;
mod config;
mod db;
mod error;
mod feedback;
mod http;
mod json_feed;
mod rate_limit;
mod seed;
mod updates;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use clap::Parser;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use config::{Cli, Command, Settings};

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
    }
}

async fn export_feedback(
    settings: &Settings,
    output: &std::path::Path,
    since: Option<String>,
    about: Option<String>,
) -> anyhow::Result<()> {
    let since =
        since.map(|s| feedback::utc_millis(&s).with_context(|| format!("--since {s:?} is not an RFC 3339 time")));
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
        database = %settings.database,
        allow_origins = ?settings.allow_origins,
        feedback_rate = settings.feedback_rate,
        site = %settings.site_dir.display(),
        "police-engage-server starting"
    );
    println!("Serving the demo on http://{address}/");
    let state = http::AppState {
        admin_hash: Arc::new(admin_token::stored_hash(&db).await?),
        feedback_limiter: Arc::new(rate_limit::RateLimiter::new(settings.feedback_rate)),
        db,
        settings: Arc::new(settings),
    };
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

//! police-engage-server: publishes a force's updates feed, serves the
//! widget files and the demo partner page.

mod admin_token;
mod config;
mod db;
mod error;
mod http;
mod json_feed;
mod seed;
mod updates;

use std::sync::Arc;

use anyhow::Context;
use clap::Parser;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use config::{Cli, Command, Settings};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.settings).await,
    }
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
    let listener = TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(
        database = %settings.database,
        allow_origins = ?settings.allow_origins,
        feedback_rate = settings.feedback_rate,
        site = %settings.site_dir.display(),
        "police-engage-server starting"
    );
    println!("Serving the demo on http://{address}/");
    let app = http::router(http::AppState {
        db,
        settings: Arc::new(settings),
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

/// Finishes in-flight requests on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

//! `serve` (the default): the feed, the feedback API, the widget files and
//! the demo page, until Ctrl-C or SIGTERM.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::config::Settings;
use crate::feedback::{rate_limit, search};
use crate::identity::admin_token;
use crate::identity::provider::Provider;
use crate::{alerts, connections, db, feedback, http, import, mail, metrics, partners, retention, seed};

/// Alert sign-ups one client may send a minute.
const ALERT_SIGN_UPS_PER_MINUTE: u32 = 10;

pub async fn run(mut settings: Settings) -> anyhow::Result<()> {
    settings.allow_origins = settings
        .allow_origins
        .iter()
        .filter(|o| !o.trim().is_empty())
        .map(|o| partners::origin(o).map_err(|why| anyhow::anyhow!("--allow-origin {why}")))
        .collect::<anyhow::Result<_>>()?;
    anyhow::ensure!(
        settings.listen.ip().is_loopback() || settings.public_url.is_some(),
        "--listen {} can be reached from other machines: give --public-url too (the address residents \
         use, such as https://updates.force.police.uk), so that links are never built from a request's Host header",
        settings.listen
    );
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
    let lifetimes = settings.session_lifetimes();
    let limits = settings.connection_limits();
    retention::spawn(db.clone(), settings.retention(), lifetimes);
    search::spawn_catch_up(db.clone());
    import::spawn_polling(
        db.clone(),
        sources.clone(),
        Duration::from_secs(settings.import_every.max(1)),
        settings.import_limits(),
        metrics.clone(),
    );
    let base_url = settings.public_url.clone().unwrap_or_else(|| format!("http://{address}"));
    let mail = mail::Mail::new(&settings, &base_url)?.map(Arc::new);
    let fanout = mail.as_ref().map(|mail| {
        mail::worker::spawn(db.clone(), mail.clone(), metrics.clone(), !db::is_sqlite(&settings.database));
        let fanout = Arc::new(alerts::fan_out::Fanout {
            mail: mail.clone(),
            metrics: metrics.clone(),
            published: Default::default(),
        });
        alerts::fan_out::spawn(db.clone(), fanout.clone());
        fanout
    });
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
        lifetimes,
        insight_cache: Default::default(),
        gate: http::Gate::new(
            settings.max_feedback_in_flight,
            settings.max_sign_ins_in_flight,
            settings.max_console_in_flight,
        ),
        provider: Provider::new(&settings)?,
        mail,
        fanout,
        alerts_limiter: rate_limit::RateLimiter::in_memory(ALERT_SIGN_UPS_PER_MINUTE),
        db,
        settings: Arc::new(settings),
    });
    if let Some(address) = state.settings.metrics_listen {
        let internal = TcpListener::bind(address).await.with_context(|| format!("cannot listen on {address}"))?;
        tracing::info!(%address, "health detail and metrics served");
        let routes = http::internal_router(state.clone());
        tokio::spawn(async move { axum::serve(internal, routes).await });
    }
    connections::serve(listener, http::front(state.clone()), http::router(state), limits, shutdown()).await;
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

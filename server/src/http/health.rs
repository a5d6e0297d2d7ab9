use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::AppState;
use crate::import;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(metrics))
}

/// 200 when the database answers, 503 when it does not. Import sources are
/// listed with how they are doing; a broken source does not make the server
/// unhealthy, since the feed is still served.
async fn healthz(State(app): State<AppState>) -> (StatusCode, Json<Value>) {
    if let Err(error) = sqlx::query("SELECT 1").execute(&app.db).await {
        tracing::error!(%error, "health check: database unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable", "database": "unreachable" })));
    }
    let sources = import::health(&app.db, &app.sources).await.unwrap_or_default();
    let sources: Vec<Value> = sources
        .into_iter()
        .map(|s| {
            json!({ "url": s.url, "ok": s.failures == 0, "failures": s.failures, "last_attempt_at": s.last_attempt_at,
                         "last_success_at": s.last_success_at, "last_error": s.last_error })
        })
        .collect();
    (StatusCode::OK, Json(json!({ "status": "ok", "database": "ok", "sources": sources })))
}

async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], app.metrics.render())
}

//! `/healthz` and `/metrics`. The public answer is the status alone: import
//! source addresses (which may carry a key), their errors and feedback
//! volumes are for the force's monitoring, which either sends the admin
//! token or scrapes the separate `--metrics-listen` address.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::actor::holds_token;
use super::{no_store, AppState};
use crate::error::Error;
use crate::import;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(public_health)).route("/metrics", get(public_metrics))
}

/// What `--metrics-listen` serves: the detail, with no token asked.
pub fn internal_router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(|State(app): State<AppState>| async move { health(&app, true).await }))
        .route("/metrics", get(|State(app): State<AppState>| async move { metrics(&app) }))
        .with_state(state)
}

async fn public_health(State(app): State<AppState>, headers: HeaderMap) -> Response {
    health(&app, holds_token(&app, &headers)).await
}

async fn public_metrics(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    if holds_token(&app, &headers) {
        Ok(metrics(&app))
    } else {
        Err(Error::Unauthorized)
    }
}

/// 200 when the database answers, 503 when it does not. With `detail`,
/// import sources are listed with how they are doing; a broken source does
/// not make the server unhealthy, since the feed is still served.
async fn health(app: &AppState, detail: bool) -> Response {
    if let Err(error) = sqlx::query("SELECT 1").execute(&app.db).await {
        tracing::error!(%error, "health check: database unreachable");
        let answer = json!({ "status": "unavailable" });
        return (StatusCode::SERVICE_UNAVAILABLE, no_store(Json(answer))).into_response();
    }
    if !detail {
        return no_store(Json(json!({ "status": "ok" })));
    }
    let sources = import::health(&app.db, &app.sources).await.unwrap_or_default();
    let sources: Vec<Value> = sources
        .into_iter()
        .map(|s| {
            json!({ "url": s.url, "ok": s.failures == 0, "failures": s.failures, "last_attempt_at": s.last_attempt_at,
                         "last_success_at": s.last_success_at, "last_error": s.last_error })
        })
        .collect();
    no_store(Json(json!({ "status": "ok", "database": "ok", "sources": sources })))
}

fn metrics(app: &AppState) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], app.metrics.render()).into_response()
}

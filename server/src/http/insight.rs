//! `GET /v1/insight`: the console's charts, for anyone signed in.

use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Json;
use axum::Router;

use super::actor::Actor;
use super::no_store;
use super::AppState;
use crate::error::Error;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/insight", get(show))
}

async fn show(State(app): State<AppState>, _: Actor) -> Result<Response, Error> {
    Ok(no_store(Json(app.insight_cache.get(&app.db, app.settings.response_within()).await?.as_ref().clone())))
}

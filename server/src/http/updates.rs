//! The force writes updates: `POST /v1/updates`, `PUT`/`GET`/`DELETE /v1/updates/{id}` (admin).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use police_engage_contract::{Code, Role};
use serde_json::json;

use super::actor::Actor;
use super::{base_url, AppState};
use crate::error::Error;
use crate::json_feed;
use crate::publish::{self, Mode, UpdateInput};
use crate::updates::{self, Update};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/updates", post(create)).route("/v1/updates/{id}", get(show).put(replace).delete(withdraw))
}

async fn create(State(app): State<AppState>, actor: Actor, headers: HeaderMap, body: Bytes) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    let input: UpdateInput = crate::body::read(&body)?;
    let update = publish::publish(&app.db, &actor.by(), &input, Mode::Create).await?.update;
    let location = format!("/v1/updates/{}", update.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], item(&app, &headers, update, false)).into_response())
}

async fn replace(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    let (_, withdrawn) = updates::get(&app.db, &id).await?.ok_or(Error::NotFound("No update with this id."))?;
    let mut input: UpdateInput = crate::body::read(&body)?;
    if input.id.as_deref().is_some_and(|given| given != id) {
        return Err(Error::bad("id", Code::Invalid, "The id in the body must match the URL."));
    }
    input.id = Some(id);
    let update = publish::publish(&app.db, &actor.by(), &input, Mode::Replace).await?.update;
    Ok(item(&app, &headers, update, withdrawn).into_response())
}

async fn show(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    let (update, withdrawn) = updates::get(&app.db, &id).await?.ok_or(Error::NotFound("No update with this id."))?;
    Ok(item(&app, &headers, update, withdrawn).into_response())
}

async fn withdraw(State(app): State<AppState>, actor: Actor, Path(id): Path<String>) -> Result<StatusCode, Error> {
    actor.require(Role::can_publish)?;
    publish::withdraw(&app.db, &actor.by(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The update as its feed item would show it, and whether it is withdrawn.
fn item(app: &AppState, headers: &HeaderMap, update: Update, withdrawn: bool) -> Json<serde_json::Value> {
    let item = json_feed::item(update, &base_url(&app.settings, headers));
    Json(json!({ "item": item, "withdrawn": withdrawn }))
}

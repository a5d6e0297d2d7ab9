//! The force writes updates: `POST /v1/updates`, `PUT`/`GET`/`DELETE /v1/updates/{id}` (admin).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use super::auth::require_admin;
use super::{base_url, AppState};
use crate::error::Error;
use crate::json_feed;
use crate::publish::{self, UpdateInput};
use crate::updates::{self, Update};

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/updates", post(create)).route("/v1/updates/{id}", get(show).put(replace).delete(withdraw))
}

async fn create(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, Error> {
    require_admin(&app, &headers)?;
    let input: UpdateInput = publish::parse(&body).map_err(Error::Unprocessable)?;
    let update = publish::validate(&input, None).map_err(Error::Unprocessable)?;
    if !updates::insert(&app.db, &update).await? {
        return Err(Error::Conflict("An update with this id already exists; PUT /v1/updates/{id} to change it."));
    }
    tracing::info!(id = %update.id, "update published");
    let location = format!("/v1/updates/{}", update.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], item(&app, &headers, update, false)).into_response())
}

async fn replace(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    require_admin(&app, &headers)?;
    let (existing, withdrawn) = updates::get(&app.db, &id).await?.ok_or(Error::NotFound("No update with this id."))?;
    let mut input: UpdateInput = publish::parse(&body).map_err(Error::Unprocessable)?;
    if input.id.as_deref().is_some_and(|given| given != id) {
        return Err(Error::bad("id", "invalid", "The id in the body must match the URL."));
    }
    input.id = Some(id);
    let update = publish::validate(&input, Some(&existing)).map_err(Error::Unprocessable)?;
    updates::upsert(&app.db, &update).await?;
    tracing::info!(id = %update.id, "update edited");
    Ok(item(&app, &headers, update, withdrawn).into_response())
}

async fn show(State(app): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Result<Response, Error> {
    require_admin(&app, &headers)?;
    let (update, withdrawn) = updates::get(&app.db, &id).await?.ok_or(Error::NotFound("No update with this id."))?;
    Ok(item(&app, &headers, update, withdrawn).into_response())
}

async fn withdraw(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, Error> {
    require_admin(&app, &headers)?;
    if !updates::withdraw(&app.db, &id).await? {
        return Err(Error::NotFound("No update with this id."));
    }
    tracing::info!(%id, "update withdrawn");
    Ok(StatusCode::NO_CONTENT)
}

/// The update as its feed item would show it, and whether it is withdrawn.
fn item(app: &AppState, headers: &HeaderMap, update: Update, withdrawn: bool) -> Json<serde_json::Value> {
    let item = json_feed::item(update, &base_url(&app.settings, headers));
    Json(json!({ "item": item, "withdrawn": withdrawn }))
}

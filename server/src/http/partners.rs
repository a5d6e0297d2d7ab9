//! Partner sites, managed by admins (or the admin token): `GET`/`POST
//! /v1/partners`, `DELETE /v1/partners/{id}`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use police_engage_contract::{NewPartner, Role};

use super::actor::Actor;
use super::extract::Path;
use super::no_store;
use super::AppState;
use crate::error::Error;
use crate::partners;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/partners", get(list).post(add)).route("/v1/partners/{id}", delete(remove))
}

async fn list(State(app): State<AppState>, actor: Actor) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    Ok(no_store(Json(partners::list(&app.db).await?)))
}

async fn add(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    let new: NewPartner = crate::body::read(&body)?;
    let partner = partners::add(&app.db, &actor.by(), &new).await?;
    Ok((StatusCode::CREATED, Json(partner)).into_response())
}

async fn remove(State(app): State<AppState>, actor: Actor, Path(id): Path<String>) -> Result<StatusCode, Error> {
    actor.require(Role::can_administer)?;
    if partners::remove(&app.db, &actor.by(), &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Error::NotFound("No partner has this id."))
    }
}

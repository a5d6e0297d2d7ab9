//! People who use the console, managed by admins: `GET`/`POST /v1/people`,
//! `PATCH /v1/people/{id}` (role, disabled, unlocked, second factors reset). Disabling someone
//! ends every session they have at once.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch};
use axum::{Json, Router};
use police_engage_contract::{Action, Code, NewPerson, PersonChange, Role};

use super::actor::Actor;
use super::extract::Path;
use super::no_store;
use super::AppState;
use crate::audit;
use crate::error::{Error, Problem};
use crate::identity::people::{self, PersonError};
use crate::identity::second_factors;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/people", get(list).post(add)).route("/v1/people/{id}", patch(change))
}

async fn list(State(app): State<AppState>, actor: Actor) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    Ok(no_store(Json(people::list(&app.db).await?)))
}

async fn add(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    let NewPerson { email, role, password } = crate::body::read(&body)?;
    let role = role.unwrap_or(Role::Responder);
    let person =
        people::add(&app.db, &email, role, &password).await.map_err(Error::Internal)?.map_err(|e| match e {
            PersonError::Taken => Error::taken("email", e.to_string()),
            PersonError::WeakPassword => Error::unprocessable("password", Code::Invalid, e.to_string()),
            PersonError::BadEmail | PersonError::Unknown => Error::unprocessable("email", Code::Invalid, e.to_string()),
        })?;
    audit::record(&app.db, &actor.by(), Action::PersonAdded, Some(&person.email), Some(role.name())).await?;
    Ok((StatusCode::CREATED, Json(person)).into_response())
}

async fn change(
    State(app): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    let PersonChange { role, disabled, locked, second_factors } = crate::body::read(&body)?;
    let person = people::by_id(&app.db, &id).await?.ok_or(Error::NotFound("No one has this id."))?;
    if actor.person_id() == Some(id.as_str()) {
        // Someone must always be left who can manage people.
        // A clash with who is asking, not a taken value: `Conflict` means taken.
        let message = "You cannot change your own role or disable yourself.";
        return Err(Error::conflict(Problem::new("id", Code::Invalid, message)));
    }
    if let Some(role) = role.filter(|r| *r != person.role) {
        people::set_role(&app.db, &id, role).await?;
        let detail = format!("{} → {}", person.role.name(), role.name());
        audit::record(&app.db, &actor.by(), Action::PersonRole, Some(&person.email), Some(&detail)).await?;
    }
    if let Some(disabled) = disabled.filter(|d| *d != person.disabled_at.is_some()) {
        people::set_disabled(&app.db, &id, disabled).await?;
        let action = if disabled { Action::PersonDisabled } else { Action::PersonEnabled };
        audit::record(&app.db, &actor.by(), action, Some(&person.email), None).await?;
    }
    if locked == Some(false) {
        people::unlock(&app.db, &actor.by(), &person.email).await?;
    }
    if second_factors == Some(0) {
        second_factors::reset(&app.db, &id).await?;
        audit::record(&app.db, &actor.by(), Action::SecondFactorsReset, Some(&person.email), None).await?;
    }
    let email = person.email;
    let person = people::list(&app.db).await?.into_iter().find(|p| p.email == email);
    Ok(no_store(Json(person.ok_or(Error::NotFound("No one has this id."))?)))
}

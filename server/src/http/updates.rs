//! The force writes updates (editors and admins, or the admin token):
//! `GET`/`POST /v1/updates`, `PUT`/`GET`/`DELETE /v1/updates/{id}`, and
//! `POST /v1/updates/preview`, a draft as the feed would carry it.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use police_engage_contract::{
    Code, Lang, Role, StoredUpdate, UpdateInput, UpdateRow, UpdateState, UpdatesPage, UpdatesQuery, UPDATES_PAGE,
};
use serde::{Deserialize, Serialize};

use super::actor::Actor;
use super::extract::{Path, Query};
use super::feed::feed_lang;
use super::no_store;
use super::{base_url, AppState};
use crate::error::Error;
use crate::json_feed;
use crate::paging::{self, Cursor};
use crate::publish::{self, Mode, PublishError};
use crate::stamp;
use crate::updates::{self, Update};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/updates", get(list).post(create))
        .route("/v1/updates/preview", post(preview))
        .route("/v1/updates/{id}", get(show).put(replace).delete(withdraw))
}

/// One state's updates, newest first, and how many are in each state.
async fn list(State(app): State<AppState>, actor: Actor, Query(q): Query<UpdatesQuery>) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    let state = q.state.unwrap_or(UpdateState::Live);
    let before = paging::cursor("before", q.before.as_deref(), stamp::Secs, "\u{10FFFF}")?;
    let mut rows = updates::in_state(&app.db, state, before.as_ref(), UPDATES_PAGE).await?;
    let next = paging::one_page(&mut rows, UPDATES_PAGE, |u| Cursor { at: u.published_at.clone(), id: u.id.clone() });
    let now = stamp::now(stamp::Secs);
    let items = rows.into_iter().map(|u| row(u, &now)).collect();
    let counts = updates::counts(&app.db).await?;
    Ok(no_store(Json(UpdatesPage { items, counts, next: next.map(|c| c.param()) })))
}

async fn create(State(app): State<AppState>, actor: Actor, headers: HeaderMap, body: Bytes) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    let input: UpdateInput = crate::body::read(&body)?;
    let update = publish::publish(&app.db, &actor.by(), &input, Mode::Create, actor.channel()).await?.update;
    super::alerts::published(&app);
    let location = format!("/v1/updates/{}", update.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], shown(&app, &headers, update)).into_response())
}

async fn replace(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    updates::get(&app.db, &id).await?.ok_or(Error::NotFound("No update with this id."))?;
    let mut input: UpdateInput = crate::body::read(&body)?;
    if input.id.as_deref().is_some_and(|given| given != id) {
        return Err(Error::bad("id", Code::Invalid, "The id in the body must match the URL."));
    }
    input.id = Some(id);
    let update = publish::publish(&app.db, &actor.by(), &input, Mode::Replace, actor.channel()).await?.update;
    super::alerts::published(&app);
    Ok(shown(&app, &headers, update))
}

async fn show(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    let update = updates::get(&app.db, &id).await?.ok_or(Error::NotFound("No update with this id."))?;
    Ok(shown(&app, &headers, update))
}

async fn withdraw(State(app): State<AppState>, actor: Actor, Path(id): Path<String>) -> Result<StatusCode, Error> {
    actor.require(Role::can_publish)?;
    publish::withdraw(&app.db, &actor.by(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct PreviewParams {
    lang: Option<String>,
}

/// The draft as a one-item feed in `lang`, checked by the same rules as a
/// publish but stored nowhere: the console's preview shows it in the real
/// widget.
async fn preview(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Query(p): Query<PreviewParams>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_publish)?;
    let lang = feed_lang(p.lang.as_deref())?;
    let input: UpdateInput = crate::body::read(&body)?;
    let existing = match input.id.as_deref() {
        Some(id) => updates::get(&app.db, id).await?,
        None => None,
    };
    let draft = publish::validate(&input, existing.as_ref(), actor.channel())
        .map_err(|problems| Error::from(PublishError::Invalid(problems)))?;
    let base = base_url(&app.settings, &headers);
    let mut feed = json_feed::feed(&app.settings, &base, lang, vec![draft], None);
    // The preview shows the update, not a form that would send real feedback
    // or a way to sign up.
    feed.police.feedback_url = None;
    feed.police.alerts_url = None;
    Ok(no_store(([(header::CONTENT_TYPE, json_feed::CONTENT_TYPE)], Json(feed))))
}

/// The answer about one update: the feed item it makes, whether it is
/// withdrawn, and the update as written, for the console's form.
#[derive(Serialize)]
struct Shown {
    item: json_feed::Item,
    withdrawn: bool,
    #[serde(flatten)]
    stored: StoredUpdate,
}

fn shown(app: &AppState, headers: &HeaderMap, update: Update) -> Response {
    let stored = StoredUpdate {
        input: publish::as_input(&update),
        state: update.state(&stamp::now(stamp::Secs)),
        channel: update.channel,
        source: update.import_source.clone(),
    };
    let withdrawn = update.withdrawn_at.is_some();
    let item = json_feed::item(update, &base_url(&app.settings, headers), Lang::En);
    no_store(Json(Shown { item, withdrawn, stored }))
}

fn row(u: Update, now: &str) -> UpdateRow {
    UpdateRow {
        state: u.state(now),
        id: u.id,
        title: u.title,
        cy_title: u.cy.title,
        category: u.category,
        priority: u.priority,
        area: u.area,
        published_at: u.published_at,
        expires_at: u.expires_at,
        channel: u.channel,
        source: u.import_source,
    }
}

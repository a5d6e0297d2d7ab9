//! `GET /v1/audit`: the audit log for admins, newest first, paged or as CSV
//! (an export that is itself logged); `GET /v1/mail/failed`, the mail that
//! could not be delivered.

use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use police_engage_contract::{Action, AuditPage, Role, AUDIT_PAGE};
use serde::Deserialize;

use super::actor::Actor;
use super::extract::Query;
use super::AppState;
use super::{csv_file, no_store};
use crate::audit;
use crate::error::Error;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/audit", get(list)).route("/v1/mail/failed", get(failed_mail))
}

/// Mail that was not delivered, for admins to follow up (newest first).
async fn failed_mail(State(app): State<AppState>, actor: Actor) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    Ok(no_store(Json(crate::mail::outbox::failed_list(&app.db, FAILED_SHOWN).await?)))
}

/// Undelivered messages listed at most.
const FAILED_SHOWN: i64 = 100;

#[derive(Deserialize)]
struct Params {
    before: Option<String>,
    format: Option<String>,
}

async fn list(State(app): State<AppState>, actor: Actor, Query(p): Query<Params>) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    if p.format.as_deref() == Some("csv") {
        let (entries, _) = audit::page(&app.db, None, None).await?;
        let csv = audit::to_csv(&entries).map_err(Error::Internal)?;
        let detail = format!("{} entries", entries.len());
        audit::record(&app.db, &actor.by(), Action::Export, Some("audit log"), Some(&detail)).await?;
        return Ok(csv_file("audit-log.csv", csv));
    }
    let before = p.before.as_deref().filter(|b| !b.is_empty());
    let (entries, next) = audit::page(&app.db, before, Some(AUDIT_PAGE)).await?;
    Ok(no_store(Json(AuditPage { entries, next })))
}

//! The feedback inbox for the force's console: `GET /v1/inbox` (filtered,
//! paged, with counts), one submission, its triage (status, assignee,
//! notes), bulk status, CSV export and erasure. Editors read without
//! contact details; responders and admins handle; only admins erase.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use police_engage_contract::{
    length, Action, Bulk, Changed, Code, Contact, Detail, Erased, InboxPage, InboxQuery, Lang, NewNote, Role, Status,
    Triage, INBOX_PAGE, NOTE_MAX,
};
use serde::Deserialize;

use super::actor::Actor;
use super::extract::{Path, Query};
use super::{csv_file, no_store, AppState};
use crate::error::Error;
use crate::feedback::inbox::{self, Filter};
use crate::feedback::{delete, triage};
use crate::identity::people;
use crate::paging;
use crate::text::given;
use crate::{audit, feedback, stamp};

/// Most submissions one bulk change or selected export takes.
const BULK_MAX: usize = 500;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/inbox", get(list))
        .route("/v1/inbox.csv", get(export))
        .route("/v1/inbox/bulk", post(bulk))
        .route("/v1/inbox/{id}", get(show).patch(triage).delete(erase))
        .route("/v1/inbox/{id}/notes", post(add_note))
}

fn filter(actor: &Actor, q: &InboxQuery) -> Result<Filter, Error> {
    Filter::from_query(q, actor.person_id())
        .map_err(|field| Error::bad(field, Code::Invalid, format!("{field} is not valid: see the console's filters")))
}

async fn list(State(app): State<AppState>, actor: Actor, Query(q): Query<InboxQuery>) -> Result<Response, Error> {
    let filter = filter(&actor, &q)?;
    let before = paging::cursor("before", q.before.as_deref(), stamp::Millis, "")?;
    let listing = inbox::list(&app.db, &filter, before.as_ref(), INBOX_PAGE).await?;
    let people = if actor.role().can_handle_feedback() { assignable(&app).await? } else { Vec::new() };
    let (sites, updates) = (inbox::sites(&app.db).await?, inbox::updates(&app.db).await?);
    let partners = crate::partners::refs(&app.db).await?;
    let next = listing.next.map(|c| c.param());
    let page = InboxPage { items: listing.items, counts: listing.counts, next, people, sites, partners, updates };
    Ok(no_store(Json(page)))
}

/// Who a submission can be given to: people who handle feedback, not disabled.
async fn assignable(app: &AppState) -> sqlx::Result<Vec<police_engage_contract::Person>> {
    let everyone = people::list(&app.db).await?;
    Ok(everyone.into_iter().filter(|p| !p.disabled && p.role.can_handle_feedback()).collect())
}

async fn show(State(app): State<AppState>, actor: Actor, Path(id): Path<String>) -> Result<Response, Error> {
    Ok(no_store(Json(detail(&app, &actor, &id).await?)))
}

async fn detail(app: &AppState, actor: &Actor, id: &str) -> Result<Detail, Error> {
    let inbox::Opened { row, item, about_url } = inbox::opened(&app.db, id, actor.role()).await?.ok_or(NOT_FOUND)?;
    let handles = actor.role().can_handle_feedback();
    let shown = row.name.is_some() || row.email.is_some();
    let contact = shown.then(|| Contact { name: row.name.clone(), email: row.email.clone() });
    Ok(Detail {
        item,
        lang: Lang::from_tag(&row.lang),
        page: row.page.clone(),
        about_url,
        contact_withheld: row.contact_withheld,
        contact,
        notes: if handles { triage::notes(&app.db, id).await? } else { Vec::new() },
        history: audit::about(&app.db, id).await?,
        assignable: if handles { assignable(app).await? } else { Vec::new() },
    })
}

const NOT_FOUND: Error = Error::NotFound("No feedback with this reference.");

async fn triage(
    State(app): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_handle_feedback)?;
    let Triage { status, assignee } = crate::body::read(&body)?;
    if let Some(status) = status {
        set_status(&app, &actor, &id, status).await?;
    }
    if let Some(assignee) = assignee {
        let person = match assignee.trim() {
            "" => None,
            person_id => {
                let person = people::by_id(&app.db, person_id).await?;
                let person = person.filter(|p| p.disabled_at.is_none() && p.role.can_handle_feedback());
                let refused =
                    || Error::unprocessable("assignee", Code::Invalid, "Assign to someone who handles feedback.");
                Some(person.ok_or_else(refused)?)
            }
        };
        if !triage::assign(&app.db, &id, person.as_ref().map(|p| p.id.as_str())).await? {
            return Err(NOT_FOUND);
        }
        let detail = person.map_or_else(|| "unassigned".to_owned(), |p| format!("assigned to {}", p.email));
        audit::record(&app.db, &actor.by(), Action::Assign, Some(&id), Some(&detail)).await?;
    }
    Ok(no_store(Json(detail(&app, &actor, &id).await?)))
}

async fn set_status(app: &AppState, actor: &Actor, id: &str, status: Status) -> Result<(), Error> {
    let before = triage::set_status(&app.db, id, status).await?.ok_or(NOT_FOUND)?;
    if before != status {
        let detail = format!("{} → {}", before.name(), status.name());
        audit::record(&app.db, &actor.by(), Action::Status, Some(id), Some(&detail)).await?;
    }
    Ok(())
}

async fn add_note(
    State(app): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_handle_feedback)?;
    let NewNote { body } = crate::body::read(&body)?;
    let body = body.trim();
    let problem = match length(body) {
        0 => Some((Code::Required, "Enter a note.".to_owned())),
        n if n > NOTE_MAX => Some((Code::TooLong, format!("A note must be {NOTE_MAX} characters or fewer."))),
        _ => None,
    };
    if let Some((code, message)) = problem {
        return Err(Error::unprocessable("body", code, message));
    }
    inbox::one(&app.db, &id, actor.role()).await?.ok_or(NOT_FOUND)?;
    triage::add_note(&app.db, &id, actor.name(), body).await?;
    // What the note says stays in the notes, not the log.
    audit::record(&app.db, &actor.by(), Action::Note, Some(&id), None).await?;
    Ok(no_store(Json(detail(&app, &actor, &id).await?)))
}

async fn bulk(State(app): State<AppState>, actor: Actor, body: Bytes) -> Result<Response, Error> {
    actor.require(Role::can_handle_feedback)?;
    let Bulk { ids, status } = crate::body::read(&body)?;
    if ids.is_empty() || ids.len() > BULK_MAX {
        let message = format!("Choose from 1 to {BULK_MAX} submissions.");
        return Err(Error::unprocessable("ids", Code::OutOfRange, message));
    }
    let mut changed = 0;
    for id in &ids {
        // A reference that names nothing is skipped; any other failure is the answer.
        match set_status(&app, &actor, id, status).await {
            Ok(()) => changed += 1,
            Err(Error::NotFound(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(no_store(Json(Changed { changed })))
}

/// Read beside the filters, not flattened into them: `serde(flatten)`
/// reads every value as text, so a number filter could never be read.
#[derive(Deserialize)]
struct Selection {
    /// A comma list of references: export just these.
    ids: Option<String>,
}

/// CSV of what the filters show (or of a selection), contact details only
/// where residents consented.
async fn export(
    State(app): State<AppState>,
    actor: Actor,
    Query(filters): Query<InboxQuery>,
    Query(selection): Query<Selection>,
) -> Result<Response, Error> {
    actor.require(Role::can_handle_feedback)?;
    let (rows, what) = match given(selection.ids.as_deref()) {
        Some(ids) => {
            let ids: Vec<String> = ids.split(',').map(|i| i.trim().to_owned()).take(BULK_MAX).collect();
            (inbox::export_ids(&app.db, &ids, actor.role()).await?, "selected feedback")
        }
        None => (inbox::export(&app.db, &filter(&actor, &filters)?, actor.role()).await?, "filtered feedback"),
    };
    let csv = feedback::to_csv(&rows).map_err(Error::Internal)?;
    let detail = format!("{} rows of {what}", rows.len());
    audit::record(&app.db, &actor.by(), Action::Export, Some("feedback"), Some(&detail)).await?;
    Ok(csv_file("feedback.csv", csv))
}

/// Deletes a submission on the resident's request; the log keeps that it
/// was erased, by whom, never what it said.
async fn erase(State(app): State<AppState>, actor: Actor, Path(id): Path<String>) -> Result<Response, Error> {
    actor.require(Role::can_administer)?;
    if !delete::erase(&app.db, &id).await? {
        return Err(NOT_FOUND);
    }
    audit::record(&app.db, &actor.by(), Action::Erase, Some(&id), Some("erased on request")).await?;
    Ok(no_store(Json(Erased { erased: id })))
}

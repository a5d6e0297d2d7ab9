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
    length, Action, Bulk, Changed, Code, Contact, Detail, Erased, InboxPage, InboxQuery, Lang, NewAnswer, NewNote,
    Role, Status, Triage, INBOX_PAGE, NOTE_MAX, REPLY_MAX,
};
use serde::Deserialize;

use super::actor::Actor;
use super::extract::{Path, Query};
use super::{csv_file, no_store, AppState};
use crate::error::{Error, Problem};
use crate::feedback::inbox::{self, Filter};
use crate::feedback::{answers, delete, triage};
use crate::identity::people;
use crate::mail::compose;
use crate::metrics::MAIL;
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
        .route("/v1/inbox/{id}/reply", post(reply))
        .route("/v1/inbox/{id}/answered", post(answered_otherwise))
}

fn filter(app: &AppState, actor: &Actor, q: &InboxQuery) -> Result<Filter, Error> {
    Filter::from_query(q, actor.person_id(), app.settings.response_within())
        .map_err(|field| Error::bad(field, Code::Invalid, format!("{field} is not valid: see the console's filters")))
}

async fn list(State(app): State<AppState>, actor: Actor, Query(q): Query<InboxQuery>) -> Result<Response, Error> {
    let filter = filter(&app, &actor, &q)?;
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
    let inbox::Opened { row, item, about_url } =
        inbox::opened(&app.db, id, actor.role(), app.settings.response_within()).await?.ok_or(NOT_FOUND)?;
    let handles = actor.role().can_handle_feedback();
    let shown = row.name.is_some() || row.email.is_some();
    let contact = shown.then(|| Contact { name: row.name.clone(), email: row.email.clone() });
    let (answers, answered_at) = if handles { answers::of(&app.db, id).await? } else { (Vec::new(), None) };
    Ok(Detail {
        item,
        lang: Lang::from_tag(&row.lang),
        page: row.page.clone(),
        about_url,
        contact_withheld: row.contact_withheld,
        contact,
        notes: if handles { triage::notes(&app.db, id).await? } else { Vec::new() },
        answers,
        answered_at,
        can_email: app.mail.is_some(),
        asked_for_contact: asked_for_contact(&row),
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

/// Whether the resident gave an email and agreed to be contacted.
fn asked_for_contact(row: &feedback::Feedback) -> bool {
    row.email.is_some() && row.contact_consent.0
}

/// What a responder typed to send or note, checked as a note is.
fn answer_body(body: &Bytes) -> Result<String, Error> {
    let NewAnswer { body } = crate::body::read(body)?;
    let body = body.trim();
    match length(body) {
        0 => Err(Error::unprocessable("body", Code::Required, "Enter your reply.")),
        n if n > REPLY_MAX => Err(Error::unprocessable(
            "body",
            Code::TooLong,
            format!("A reply must be {REPLY_MAX} characters or fewer."),
        )),
        _ => Ok(body.to_owned()),
    }
}

/// "Send reply": by email, in the resident's language, quoting what they wrote.
async fn reply(
    State(app): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_handle_feedback)?;
    let text = answer_body(&body)?;
    let mail = app.mail.as_ref().ok_or(Error::conflict(Problem::new(
        "body",
        Code::Invalid,
        "This server sends no mail: reply from your own mail program.",
    )))?;
    let row = inbox::one(&app.db, &id, actor.role()).await?.ok_or(NOT_FOUND)?;
    let to = row.email.as_deref().filter(|_| asked_for_contact(&row)).ok_or(Error::conflict(Problem::new(
        "body",
        Code::Invalid,
        "This resident did not ask to be contacted by email.",
    )))?;
    let written = compose::Written {
        reference: &row.id,
        message: &row.message,
        received_at: &row.received_at,
        lang: Lang::from_tag(&row.lang),
    };
    let message = compose::reply(mail, to, &written, &text).map_err(Error::Internal)?;
    answers::record(&app.db, &id, actor.name(), &text, Some(&message)).await?;
    mail.queued.notify_one();
    app.metrics.add(MAIL, &[("event", "queued")], 1);
    audit::record(&app.db, &actor.by(), Action::ReplySent, Some(&id), None).await?;
    Ok(no_store(Json(detail(&app, &actor, &id).await?)))
}

/// "Record an answer given another way": by phone or in person, noted.
async fn answered_otherwise(
    State(app): State<AppState>,
    actor: Actor,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Error> {
    actor.require(Role::can_handle_feedback)?;
    let text = answer_body(&body)?;
    inbox::one(&app.db, &id, actor.role()).await?.ok_or(NOT_FOUND)?;
    answers::record(&app.db, &id, actor.name(), &text, None).await?;
    audit::record(&app.db, &actor.by(), Action::AnsweredOtherwise, Some(&id), None).await?;
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
        None => (inbox::export(&app.db, &filter(&app, &actor, &filters)?, actor.role()).await?, "filtered feedback"),
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

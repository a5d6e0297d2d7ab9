//! `POST /v1/feedback` from residents; `GET /v1/feedback` for the force.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use police_engage_contract::{validate, Action, Code, Field, Role, Submission};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::actor::Actor;
use super::extract::Query;
use super::gate::Pool;
use super::{base_url, AppState};
use crate::error::{Error, Problem};
use crate::feedback::{self, Filter, Receipt};
use crate::paging::{self, Cursor};
use crate::partners;
use crate::stamp;

/// Enough for a 2,000-character message in any script, and the other fields.
pub const BODY_LIMIT: usize = 16 * 1024;
/// A field no person sees or fills; bots that fill every field give themselves away.
pub const HONEYPOT: &str = "website";
const LIST_DEFAULT: u32 = 100;
const LIST_MAX: u32 = 1000;

pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/feedback", post(submit).get(list).options(preflight))
}

/// Whether pages on `origin` may send feedback: the `--allow-origin` list
/// (else this server's own origin) and every partner's origins, read from
/// the database each time so a change takes effect at once.
async fn origin_allowed(app: &AppState, origin: &str, headers: &HeaderMap) -> Result<bool, Error> {
    let origin = origin.trim_end_matches('/');
    let configured = if app.settings.allow_origins.is_empty() {
        origin == base_url(&app.settings, headers)
    } else {
        app.settings.allow_origins.iter().any(|o| o == origin)
    };
    Ok(configured || partners::allows(&app.db, origin).await?)
}

/// The origin of a cross-origin request that may send feedback, to name in
/// `Access-Control-Allow-Origin`; `None` for one that may not.
async fn cors_origin(app: &AppState, headers: &HeaderMap) -> Result<Option<HeaderValue>, Error> {
    let Some(origin) = headers.get(header::ORIGIN) else { return Ok(None) };
    let allowed = origin_allowed(app, origin.to_str().unwrap_or_default(), headers).await?;
    Ok(allowed.then(|| origin.clone()))
}

/// Lets an allowed page POST JSON; another gets no CORS headers, so its
/// browser sends nothing.
async fn preflight(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let answer = response.headers_mut();
    answer.insert(header::VARY, HeaderValue::from_static("origin"));
    if let Some(origin) = cors_origin(&app, &headers).await? {
        answer.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        answer.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST"));
        answer.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
        // Short, so a removed partner's pages stop asking soon; each POST is checked anyway.
        answer.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    }
    Ok(response)
}

/// The origin, then the content type, then the body (bounded, under the
/// connection's deadline), and only then a permit for the database work.
async fn submit(
    State(app): State<AppState>,
    peer: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Error> {
    let cors = cors_origin(&app, &headers).await?;
    let outcome = receive(&app, peer, headers, cors.is_some(), body).await;
    let result = match &outcome {
        Ok(_) => "accepted",
        Err(Error::TooManyRequests(_)) => "rate_limited",
        Err(_) => "rejected",
    };
    app.metrics.add("police_engage_feedback_total", &[("result", result)], 1);
    // The page reads the answer, errors included, only with these.
    let mut response = outcome.unwrap_or_else(IntoResponse::into_response);
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("origin"));
    if let Some(origin) = cors {
        response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    Ok(response)
}

async fn receive(
    app: &AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    allowed: bool,
    body: Body,
) -> Result<Response, Error> {
    let origin = headers.get(header::ORIGIN);
    if let Some(origin) = origin.filter(|_| !allowed) {
        tracing::warn!(origin = ?origin, "feedback refused from an origin that is not allowed");
        return Err(Error::Forbidden("This site is not allowed to send feedback here."));
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
    if !is_json {
        return Err(Error::UnsupportedMediaType);
    }
    let body = crate::body::bytes(body, BODY_LIMIT).await?;
    let _permit = app.gate.permit(Pool::Feedback)?;
    let client = crate::client_ip::client(peer.ip(), &headers, &app.settings.trusted_proxies);
    app.feedback_limiter.check(client).await.map_err(Error::Internal)?.map_err(Error::TooManyRequests)?;
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(&body) else {
        return Err(Error::bad("body", Code::Malformed, "The body must be a JSON object."));
    };
    if fields.get(HONEYPOT).and_then(Value::as_str).is_some_and(|v| !v.trim().is_empty()) {
        tracing::info!("feedback honeypot filled: answered, not stored");
        // Made as a real receipt is, so nothing tells the bot it was caught.
        let decoy = Receipt { id: feedback::new_reference(), received_at: stamp::now(stamp::Millis) };
        return Ok((StatusCode::CREATED, Json(decoy)).into_response());
    }
    let submission = checked_submission(&fields).map_err(Error::Unprocessable)?;
    let about = submission.about.clone();
    let origin = origin.and_then(|o| o.to_str().ok()).map(str::to_owned);
    let receipt = app.feedback_writer.store(submission, origin).await.map_err(Error::Internal)?;
    // Never the message or personal details: only what identifies the record.
    tracing::info!(id = %receipt.id, ?about, "feedback stored");
    Ok((StatusCode::CREATED, Json(receipt)).into_response())
}

/// The body's fields as a submission that keeps every rule, or each problem
/// in it named (what the `feedback_body` fuzz target drives).
pub fn checked_submission(fields: &Map<String, Value>) -> Result<Submission, Vec<Problem>> {
    let submission = read_submission(fields)?;
    let problems: Vec<Problem> = validate(&submission).iter().map(|e| problem(e.field, e.code)).collect();
    if problems.is_empty() {
        Ok(submission)
    } else {
        Err(problems)
    }
}

/// The body's fields with their JSON types checked, each wrong one reported.
fn read_submission(fields: &Map<String, Value>) -> Result<Submission, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut text = |field: Field, required: bool| -> Option<String> {
        match fields.get(field.name()) {
            Some(Value::String(s)) => Some(s.clone()),
            None | Some(Value::Null) if required => {
                problems.push(problem(field, Code::Required));
                None
            }
            None | Some(Value::Null) => None,
            Some(_) => {
                problems.push(problem(field, Code::WrongType));
                None
            }
        }
    };
    let message = text(Field::Message, true);
    let about = text(Field::About, false);
    let name = text(Field::Name, false);
    let email = text(Field::Email, false);
    let area = text(Field::Area, false);
    let lang = text(Field::Lang, false);
    let page = text(Field::Page, true);
    let key = text(Field::Key, true);
    let rating = match fields.get(Field::Rating.name()) {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64() {
            Some(n) => Some(u8::try_from(n).unwrap_or(u8::MAX)),
            None => {
                problems.push(problem(Field::Rating, Code::WrongType));
                None
            }
        },
    };
    let contact_consent = match fields.get(Field::ContactConsent.name()) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            problems.push(problem(Field::ContactConsent, Code::WrongType));
            false
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Submission {
        message: message.unwrap_or_default(),
        about,
        rating,
        name,
        email,
        area,
        contact_consent,
        lang: lang.unwrap_or_else(|| "en".into()),
        page: page.unwrap_or_default(),
        key: key.unwrap_or_default(),
        website: None,
    })
}

/// English words for API clients; the widget shows its own, in the resident's language.
fn problem(field: Field, code: Code) -> Problem {
    let name = field.name();
    let message = match code {
        Code::Required => format!("{name} is required."),
        Code::TooLong => match field.max_chars() {
            Some(max) => format!("{name} must be {max} characters or fewer."),
            None => format!("{name} is too long."),
        },
        Code::Invalid if field == Field::Email => {
            "Enter an email address in the correct format, like name@example.com.".into()
        }
        Code::OutOfRange => format!("{name} must be a whole number from 1 to 5."),
        Code::ConsentRequired => "Say whether we may contact you, or leave out your email address.".into(),
        Code::WrongType => format!("{name} has the wrong type."),
        _ => format!("{name} is not valid."),
    };
    Problem::new(name, code, message)
}

#[derive(Deserialize)]
struct ListParams {
    since: Option<String>,
    about: Option<String>,
    after: Option<String>,
    limit: Option<String>,
    format: Option<String>,
}

/// The force's view: JSON pages (oldest first, `next_url`), or one CSV of everything matching.
async fn list(
    State(app): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Query(p): Query<ListParams>,
) -> Result<Response, Error> {
    actor.require(Role::can_handle_feedback)?;
    let wants_csv = p.format.as_deref() == Some("csv")
        || headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/csv"));
    let since = p
        .since
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            stamp::normalise(s, stamp::Millis).ok_or_else(|| {
                Error::bad("since", Code::Invalid, "since must be a date-time such as 2026-11-24T09:30:00Z")
            })
        })
        .transpose()?;
    let after = paging::cursor("after", p.after.as_deref(), stamp::Millis, "")?;
    let about = p.about.filter(|a| !a.is_empty());
    if wants_csv {
        let filter = Filter { since, about, after, limit: None };
        let rows = feedback::list(&app.db, &filter, actor.role()).await?;
        let csv = feedback::to_csv(&rows).map_err(Error::Internal)?;
        let detail = format!("{} rows of feedback", rows.len());
        crate::audit::record(&app.db, &actor.by(), Action::Export, Some("feedback"), Some(&detail)).await?;
        return Ok(super::csv_file("feedback.csv", csv));
    }
    let limit = paging::limit(p.limit.as_deref(), LIST_DEFAULT, LIST_MAX)?;
    let filter = Filter { since, about, after, limit: Some(limit + 1) };
    let mut rows = feedback::list(&app.db, &filter, actor.role()).await?;
    let next = paging::one_page(&mut rows, limit, |r| Cursor { at: r.received_at.clone(), id: r.id.clone() });
    let next_url = next.map(|cursor| {
        let mut pairs = vec![("limit", limit.to_string()), ("after", cursor.param())];
        pairs.extend(filter.since.clone().map(|s| ("since", s)));
        pairs.extend(filter.about.clone().map(|a| ("about", a)));
        paging::next_url(&base_url(&app.settings, &headers), "/v1/feedback", pairs)
    });
    Ok(super::no_store(Json(json!({ "items": rows, "next_url": next_url }))))
}

//! Who may start work, and how much at once. Anonymous traffic cannot shut
//! staff or residents out: each kind of request has its own pool of
//! permits, and a permit is taken for the database work only, after the
//! route, the `Origin` and the caller have been checked and the body has
//! arrived, never for the wait on a slow body. Past a pool's size the
//! request is answered `503` with `Retry-After` at once instead of queueing
//! for a database connection. The widget keeps a refused submission and
//! sends it again; the console says to try again. The feed and the first
//! view, served from their caches, and the embed info take no permit.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::actor;
use super::AppState;
use crate::error::Error;

/// The largest body a signed-in person or the token may send (an update
/// with its Welsh translation and an event is far less).
const KNOWN_BODY_LIMIT: usize = 1024 * 1024;
/// What a refused client is told to wait.
const RETRY: Duration = Duration::from_secs(2);

/// The pools a request can draw on.
#[derive(Clone, Copy, Debug)]
pub enum Pool {
    /// Residents' feedback posts.
    Feedback,
    /// Anonymous work that reaches the database: sign-in attempts, and
    /// looking up a session cookie that may be anyone's guess.
    Anonymous,
    /// Whatever a signed-in person or the admin token asks.
    Known,
}

pub struct Gate {
    feedback: Arc<Semaphore>,
    anonymous: Arc<Semaphore>,
    known: Arc<Semaphore>,
}

impl Gate {
    pub fn new(feedback: usize, anonymous: usize, known: usize) -> Gate {
        let pool = |n: usize| Arc::new(Semaphore::new(n.max(1)));
        Gate { feedback: pool(feedback), anonymous: pool(anonymous), known: pool(known) }
    }

    /// A permit from `pool`, or `503` when it is empty.
    pub fn permit(&self, pool: Pool) -> Result<OwnedSemaphorePermit, Error> {
        let semaphore = match pool {
            Pool::Feedback => &self.feedback,
            Pool::Anonymous => &self.anonymous,
            Pool::Known => &self.known,
        };
        semaphore.clone().try_acquire_owned().map_err(|_| Error::Busy(RETRY))
    }
}

/// Routes under `/v1/` that anyone may call, each guarding itself: the
/// cached reads, feedback, and the steps of signing in.
fn is_open(method: &Method, path: &str) -> bool {
    matches!(path, "/v1/feed.json" | "/v1/first-view" | "/v1/embed" | "/v1/feedback")
        || (path == "/v1/session" && method == Method::POST)
        || path.starts_with("/v1/session/")
}

/// Everything else under `/v1/` is for someone known: who it is is settled
/// (the token with no database work, a cookie under an anonymous permit)
/// and the body read before a permit from the known pool is taken.
pub async fn gate(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/v1/") || request.method() == Method::OPTIONS || is_open(request.method(), path) {
        return next.run(request).await;
    }
    match admit(&app, request).await {
        Ok((request, _permit)) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn admit(app: &AppState, request: Request) -> Result<(Request, OwnedSemaphorePermit), Error> {
    let (mut parts, body) = request.into_parts();
    let actor = actor::identify(app, &parts).await?;
    let body = crate::body::bytes(body, KNOWN_BODY_LIMIT).await?;
    let permit = app.gate.permit(Pool::Known)?;
    parts.extensions.insert(actor);
    Ok((Request::from_parts(parts, Body::from(body)), permit))
}

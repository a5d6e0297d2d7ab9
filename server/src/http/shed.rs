//! Shedding load: past a number of requests under way, the paths that wait
//! on the database answer `503` with `Retry-After` at once instead of
//! queueing for a database connection (which would hold them for up to half
//! a minute each and let the queue grow without end). The widget keeps a
//! refused submission and sends it again; the console says to try again.
//! The feed is not limited: it is served from its page cache.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use super::AppState;
use crate::error::Error;

/// How many requests of each kind may be under way at once.
pub struct Shed {
    feedback: Arc<Semaphore>,
    console: Arc<Semaphore>,
}

/// What a refused client is told to wait.
const RETRY: Duration = Duration::from_secs(2);

impl Shed {
    pub fn new(feedback: usize, console: usize) -> Shed {
        Shed { feedback: Arc::new(Semaphore::new(feedback.max(1))), console: Arc::new(Semaphore::new(console.max(1))) }
    }

    /// The limit a request counts against: a feedback post, or any other
    /// API request but the feed's, the first view's and the embed builder's;
    /// none for files.
    fn limit_for(&self, method: &Method, path: &str) -> Option<&Arc<Semaphore>> {
        if path == "/v1/feedback" && method == Method::POST {
            return Some(&self.feedback);
        }
        let api = path.starts_with("/v1/") && !matches!(path, "/v1/feed.json" | "/v1/first-view" | "/v1/embed");
        (api && method != Method::OPTIONS).then_some(&self.console)
    }
}

pub async fn shed(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let Some(limit) = app.shed.limit_for(request.method(), request.uri().path()) else {
        return next.run(request).await;
    };
    match limit.clone().try_acquire_owned() {
        Ok(_permit) => next.run(request).await,
        Err(_) => Error::Busy(RETRY).into_response(),
    }
}

//! Accepting connections so that slow or idle clients cannot hold the
//! server: a bounded time to send a request's headers (which also ends a
//! kept-alive connection left idle), a bounded time to send the whole body
//! (tower-http's body timeout restarts at each byte, so a trickle would pass
//! it), and a cap on open connections past which a new one gets a plain
//! `503` and is closed. `axum::serve` has none of these, so connections are
//! served here with hyper directly.

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request};
use axum::http::Method;
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::future::{ready, Either};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{sleep, Sleep};
use tower::ServiceExt;

use crate::error::{Error, Problem, BUSY};
use police_engage_contract::Code;

/// How long a client has, and how many may be connected at once.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub max_connections: usize,
}

/// When a connection refused for want of room is told to come back.
const REFUSED_RETRY: Duration = Duration::from_secs(5);

/// How long requests under way may take to finish once shutdown begins.
const DRAIN: Duration = Duration::from_secs(10);

/// Answers some requests before the router is reached, or `None`.
pub type Front = Arc<dyn Fn(&hyper::Request<Incoming>, IpAddr) -> Option<Response> + Send + Sync>;

/// Serves `front`, else `router`, on `listener` until `shutdown` completes,
/// then lets the requests under way finish.
pub async fn serve(
    listener: TcpListener,
    front: Front,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let body_timeout = limits.body_timeout;
    let router = router.layer(from_fn(move |request: Request, next: Next| body_deadline(body_timeout, request, next)));
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = accept(&listener) => accepted,
            () = &mut shutdown => break,
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let (front, router) = (front.clone(), router.clone());
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            if let Some(response) = front(&request, peer.ip()) {
                return Either::Left(ready(Ok(response)));
            }
            request.extensions_mut().insert(ConnectInfo(peer));
            Either::Right(router.clone().oneshot(request))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still under way after {DRAIN:?}: closing them");
    }
}

/// The next connection. A failed accept (out of descriptors, say) waits a
/// moment rather than spin.
async fn accept(listener: &TcpListener) -> (TcpStream, SocketAddr) {
    loop {
        match listener.accept().await {
            Ok(accepted) => return accepted,
            Err(error) => {
                tracing::warn!(%error, "accept failed");
                sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// Answers `408` when the request's body has not all come within `timeout`
/// of the request's start. Requests without a body are left as they are.
async fn body_deadline(timeout: Duration, request: Request, next: Next) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let late = Arc::new(AtomicBool::new(false));
    let deadline = Box::pin(sleep(timeout));
    let request = request.map(|body| Body::new(Deadline { body, deadline, late: late.clone() }));
    let response = next.run(request).await;
    if late.load(Ordering::Relaxed) {
        Error::TooSlow.into_response()
    } else {
        response
    }
}

/// A body that fails once its deadline passes, saying so in `late`.
struct Deadline {
    body: Body,
    deadline: Pin<Box<Sleep>>,
    late: Arc<AtomicBool>,
}

impl http_body::Body for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if this.deadline.as_mut().poll(cx).is_ready() {
            this.late.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err(axum::Error::new("the request body took too long"))));
        }
        Pin::new(&mut this.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// What a connection past the cap is told before it is closed: the server's
/// usual busy answer, written by hand since no request was read.
fn full() -> Vec<u8> {
    let body = serde_json::json!({ "errors": [Problem::new("server", Code::Unavailable, BUSY)] }).to_string();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        REFUSED_RETRY.as_secs(),
        body.len()
    )
    .into_bytes()
}

async fn refuse(mut stream: TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(&full())).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_is_a_whole_answer() {
        let full = full();
        let text = std::str::from_utf8(&full).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
        assert!(serde_json::from_str::<serde_json::Value>(body).is_ok());
    }
}

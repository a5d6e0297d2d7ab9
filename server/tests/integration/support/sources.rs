//! A local HTTP server playing the force's own sites for import tests:
//! fixture feeds, data.police.uk endpoints, and sources that misbehave.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

pub struct Sources {
    pub url: String,
    /// What `/editable.rss` serves; tests change it to edit a source item.
    pub editable: Arc<Mutex<String>>,
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// A fixture with an `ETag`, answering `304` to a matching `If-None-Match`.
fn with_etag(
    name: &'static str,
    content_type: &'static str,
) -> impl Fn(HeaderMap) -> std::future::Ready<Response> + Clone {
    move |headers: HeaderMap| {
        let etag = format!("\"{name}-v1\"");
        let fresh = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str());
        let response = if fresh {
            (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response()
        } else {
            ([(header::CONTENT_TYPE, content_type.to_owned()), (header::ETAG, etag)], fixture(name)).into_response()
        };
        std::future::ready(response)
    }
}

pub async fn start() -> Sources {
    let editable = Arc::new(Mutex::new(fixture("force-news.rss")));
    let app = Router::new()
        .route("/news.rss", get(with_etag("force-news.rss", "application/rss+xml")))
        .route("/news-cy.rss", get(with_etag("force-news-cy.rss", "application/rss+xml")))
        .route("/news.atom", get(with_etag("force-news.atom", "application/atom+xml")))
        .route("/news.json", get(with_etag("force-news.json", "application/feed+json")))
        .route("/hostile.rss", get(with_etag("hostile.rss", "application/rss+xml")))
        .route("/api/glanyrafon/riverside/events", get(with_etag("police-uk-events.json", "application/json")))
        .route("/api/glanyrafon/riverside/priorities", get(with_etag("police-uk-priorities.json", "application/json")))
        .route(
            "/editable.rss",
            get(|State(body): State<Arc<Mutex<String>>>| async move { body.lock().unwrap().clone() }),
        )
        // A compromised source sending the server to the cloud's metadata service.
        .route("/to-metadata", get(|| async { Redirect::temporary("http://169.254.169.254/latest/meta-data/") }))
        .route("/broken", get(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "database on fire") }))
        .route(
            "/hang",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                "too late"
            }),
        )
        .route("/huge", get(|| async { vec![b' '; 50 * 1024 * 1024] }))
        .route(
            "/huge-chunked",
            get(|| async {
                let chunks =
                    futures_util::stream::iter((0..50).map(|_| Ok::<_, std::io::Error>(vec![b' '; 1024 * 1024])));
                Body::from_stream(chunks)
            }),
        )
        .with_state(editable.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Sources { url, editable }
}

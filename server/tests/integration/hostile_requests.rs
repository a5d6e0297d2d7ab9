//! Hostile requests: each gets a 4xx with a JSON reason, nothing is stored
//! from them, the server keeps answering, and text that looks like markup
//! comes back out of the feed as text only.

use crate::support::{admin_get, start, Server, ADMIN_TOKEN};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

const SCRIPT: &str = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>";
/// For fields of at most 50 characters.
const SHORT_SCRIPT: &str = "<b onmouseover=alert(1)>x</b>";

async fn send(server: &Server, path: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let response = Client::new()
        .post(format!("{}{path}", server.url))
        .bearer_auth(ADMIN_TOKEN)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn feedback(message: Value) -> Vec<u8> {
    let body = json!({"message": message, "lang": "en", "page": "https://council.example/", "key": "hostile-key-0001"});
    body.to_string().into_bytes()
}

fn update(field: &str, value: Value) -> Vec<u8> {
    let mut body = json!({"id": "hostile-update", "title": "A safe title"});
    body[field] = value;
    body.to_string().into_bytes()
}

#[tokio::test]
async fn hostile_bodies_get_a_clear_4xx_and_store_nothing() {
    let server = start(&["--no-samples", "--feedback-rate", "0"]);
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes();
    let cases: Vec<(&str, &str, Vec<u8>, StatusCode)> = vec![
        ("feedback nested 5,000 deep", "/v1/feedback", nested(5_000), StatusCode::BAD_REQUEST),
        (
            "feedback message nested",
            "/v1/feedback",
            feedback(json!({"a": [[[[[[["deep"]]]]]]]})),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "feedback invalid UTF-8",
            "/v1/feedback",
            b"{\"message\": \"\xff\xfe\xfd\"}".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        ("feedback number as message", "/v1/feedback", feedback(json!(12345)), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "feedback huge message",
            "/v1/feedback",
            feedback(json!("x".repeat(15_000))),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "feedback over the body limit",
            "/v1/feedback",
            feedback(json!("x".repeat(100_000))),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        ("feedback not an object", "/v1/feedback", b"\"just a string\"".to_vec(), StatusCode::BAD_REQUEST),
        ("update nested 5,000 deep", "/v1/updates", nested(5_000), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "update invalid UTF-8",
            "/v1/updates",
            b"{\"id\": \"a\", \"title\": \"\xc3\x28\"}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("update number as title", "/v1/updates", update("title", json!(42)), StatusCode::UNPROCESSABLE_ENTITY),
        (
            "update javascript: link",
            "/v1/updates",
            update("url", json!("javascript:alert(1)")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "update data: image",
            "/v1/updates",
            update("image", json!("data:image/svg+xml,<svg onload=alert(1)>")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "update huge title",
            "/v1/updates",
            update("title", json!("x".repeat(300_000))),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (name, path, body, expected) in cases {
        let (status, reason) = send(&server, path, body).await;
        assert_eq!(status, expected, "{name}: {reason}");
        if status != StatusCode::PAYLOAD_TOO_LARGE {
            let message = reason["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(!message.is_empty(), "{name}: a JSON reason, got {reason}");
        }
    }
    let stored = admin_get(&format!("{}/v1/feedback", server.url)).await;
    assert_eq!(stored["items"], json!([]), "nothing stored from a rejected request");
    let feed: Value =
        Client::new().get(format!("{}/v1/feed.json", server.url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(feed["items"], json!([]), "nothing published from a rejected request");
    let health = Client::new().get(format!("{}/healthz", server.url)).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert!(!server.logs().contains("panicked"), "{}", server.logs());
}

#[tokio::test]
async fn markup_in_every_text_field_comes_out_as_text() {
    let server = start(&["--no-samples"]);
    let body = json!({
        "id": "markup-everywhere", "title": SCRIPT, "summary": SCRIPT, "content_text": SCRIPT, "image_alt": SCRIPT,
        "image": "https://glanyrafon-police.example/a.jpg", "area": SCRIPT, "reference": SHORT_SCRIPT, "tags": [SHORT_SCRIPT],
        "category": "event", "event": {"start": "2030-01-01T10:00:00Z", "address": SCRIPT},
    });
    let (status, reason) = send(&server, "/v1/updates", body.to_string().into_bytes()).await;
    assert_eq!(status, StatusCode::CREATED, "{reason}");
    let response = Client::new().get(format!("{}/v1/feed.json", server.url)).send().await.unwrap();
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/feed+json"));
    let feed: Value = response.json().await.unwrap();
    let item = &feed["items"][0];
    assert!(item.get("content_html").is_none(), "the feed never carries HTML: {item}");
    for text in [&item["title"], &item["summary"], &item["content_text"], &item["_police"]["area"]] {
        assert_eq!(text.as_str(), Some(SCRIPT), "kept as the text it was, for the widget to show as text");
    }
    assert_eq!(item["_police"]["reference"].as_str(), Some(SHORT_SCRIPT));
}

#[tokio::test]
async fn bad_query_parameters_are_answered_as_json_naming_the_parameter() {
    let server = start(&["--no-samples"]);
    let get = |path: &str| Client::new().get(format!("{}{path}", server.url)).bearer_auth(ADMIN_TOKEN).send();
    let filtered = get("/v1/inbox.csv?rating=5&status=new").await.unwrap();
    assert_eq!(filtered.status(), StatusCode::OK, "a rating filter reads in the CSV export");
    for (path, field) in [
        ("/v1/inbox.csv?rating=lots", "rating"),
        ("/v1/inbox?rating=6000", "rating"),
        ("/v1/inbox?status=lost", "status"),
        ("/v1/updates?state=sideways", "state"),
    ] {
        assert_answered_as_json_naming(get(path).await.unwrap(), path, field).await;
    }
}

/// A 60 KB `area` would make a cache entry of its own on every request.
#[tokio::test]
async fn feed_and_first_view_refuse_a_parameter_no_page_needs() {
    let server = start(&["--no-samples"]);
    let area = "Abermor".repeat(9000);
    for path in [format!("/v1/feed.json?area={area}"), format!("/v1/first-view?src=v1/feed.json&area={area}")] {
        let response = Client::new().get(format!("{}{path}", server.url)).send().await.unwrap();
        assert_answered_as_json_naming(response, &path[..20], "query").await;
    }
    let fine = Client::new().get(format!("{}/v1/first-view?src=v1/feed.json&area=Abermor", server.url)).send();
    assert_eq!(fine.await.unwrap().status(), StatusCode::OK, "a real area is still read");
}

async fn assert_answered_as_json_naming(response: reqwest::Response, path: &str, field: &str) {
    assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
    let body: Value = response.json().await.unwrap_or_else(|e| panic!("{path} answered without JSON: {e}"));
    assert_eq!(body["errors"][0]["field"], field, "{path}: {body}");
}

//! `POST /v1/feedback` and the admin's `GET /v1/feedback`, over real HTTP
//! against the real binary and its SQLite file.

use std::process::Command;

use crate::support::{admin_get, binary, eventually, preflight, start, Server, ADMIN_TOKEN};
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

const PARTNER: &str = "https://council.example";

fn submission(key: &str, message: &str) -> Value {
    json!({
        "message": message,
        "contact_consent": false,
        "lang": "en",
        "page": "https://council.example/community-safety",
        "key": key,
    })
}

async fn post(server: &Server, body: &Value) -> Response {
    Client::new().post(format!("{}/v1/feedback", server.url)).json(body).send().await.unwrap()
}

async fn admin(server: &Server, query: &str) -> Value {
    let response = Client::new()
        .get(format!("{}/v1/feedback?{query}", server.url))
        .header(AUTHORIZATION, format!("Bearer {ADMIN_TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn errors(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn stores_feedback_and_the_force_reads_it() {
    let server = start(&["--no-samples"]);
    let mut body = submission("key-00000001", "  The officer at the bike-marking event was brilliant.  ");
    body["rating"] = json!(5);
    body["about"] = json!("sample-bike-marking");
    body["email"] = json!("resident@example.org");
    body["contact_consent"] = json!(true);
    body["name"] = json!("Siân");
    let response = post(&server, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let receipt: Value = response.json().await.unwrap();
    let id = receipt["id"].as_str().unwrap();
    assert!(id.starts_with("FB-"));
    assert!(receipt["received_at"].as_str().unwrap().ends_with('Z'));

    let listed = admin(&server, "").await;
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id);
    assert_eq!(items[0]["message"], "The officer at the bike-marking event was brilliant.");
    assert_eq!(items[0]["rating"], 5);
    assert_eq!(items[0]["name"], "Siân");
    assert_eq!(items[0]["contact_consent"], true);
    assert_eq!(items[0]["about"], "sample-bike-marking");
}

#[tokio::test]
async fn the_same_key_stores_once_and_answers_the_same() {
    let server = start(&["--no-samples"]);
    let body = submission("retry-key-42", "Street lights out on Heol y Môr.");
    let first: Value = post(&server, &body).await.json().await.unwrap();
    let again = post(&server, &body).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    assert_eq!(admin(&server, "").await["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn validation_errors_name_each_field() {
    let server = start(&["--no-samples"]);
    let mut body = submission("key-00000002", "");
    body["email"] = json!("not-an-email");
    body["rating"] = json!(9);
    let response = post(&server, &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        errors(&body),
        [
            ("message".into(), "required".into()),
            ("rating".into(), "out_of_range".into()),
            ("email".into(), "invalid".into()),
            ("contact_consent".into(), "consent_required".into())
        ]
    );
    assert!(body["errors"][0]["message"].as_str().unwrap().len() > 5);

    let long = post(&server, &submission("key-00000003", &"x".repeat(2001))).await;
    assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(errors(&long.json().await.unwrap()), [("message".into(), "too_long".into())]);

    let mut wrong = submission("key-00000004", "ok");
    wrong["rating"] = json!("five");
    wrong["contact_consent"] = json!("yes");
    wrong["message"] = json!(42);
    let wrong = post(&server, &wrong).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        errors(&wrong.json().await.unwrap()),
        [
            ("message".into(), "wrong_type".into()),
            ("rating".into(), "wrong_type".into()),
            ("contact_consent".into(), "wrong_type".into())
        ]
    );
    assert_eq!(admin(&server, "").await["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn unreadable_requests_get_clear_4xx_answers() {
    let server = start(&["--no-samples"]);
    let url = format!("{}/v1/feedback", server.url);
    let client = Client::new();
    let send = |body: &'static str, content_type: &'static str| {
        client.post(&url).header(CONTENT_TYPE, content_type).body(body).send()
    };
    let not_json = send("message=hello", "application/json").await.unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    assert_eq!(errors(&not_json.json().await.unwrap()), [("body".into(), "malformed".into())]);
    let array = send("[1,2]", "application/json").await.unwrap();
    assert_eq!(array.status(), StatusCode::BAD_REQUEST);
    let form = send("message=hello", "application/x-www-form-urlencoded").await.unwrap();
    assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(errors(&form.json().await.unwrap()), [("body".into(), "unsupported_media_type".into())]);
    let huge = client.post(&url).json(&submission("key-00000005", &"x".repeat(20_000))).send().await.unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(errors(&huge.json().await.unwrap()), [("body".into(), "too_large".into())]);
    let health = client.get(format!("{}/healthz", server.url)).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK, "the server is still up");
}

#[tokio::test]
async fn too_many_posts_get_429_with_retry_after() {
    let server = start(&["--feedback-rate", "2"]);
    for n in 0..2 {
        let ok = post(&server, &submission(&format!("rate-key-{n:04}"), "hello")).await;
        assert_eq!(ok.status(), StatusCode::CREATED);
    }
    let limited = post(&server, &submission("rate-key-0002", "hello")).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(errors(&limited.json().await.unwrap()), [("body".into(), "rate_limited".into())]);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_allowance() {
    let send = |server: &Server, from: &'static str, key: String| {
        let request = Client::new().post(format!("{}/v1/feedback", server.url)).json(&submission(&key, "hello"));
        async move { request.header("x-forwarded-for", from).send().await.unwrap().status() }
    };
    let behind_proxy = start(&["--feedback-rate", "2", "--trusted-proxy", "127.0.0.0/8"]);
    for n in 0..2 {
        assert_eq!(send(&behind_proxy, "203.0.113.1", format!("proxied-a-{n:04}")).await, StatusCode::CREATED);
    }
    assert_eq!(send(&behind_proxy, "203.0.113.1", "proxied-a-0002".into()).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(send(&behind_proxy, "203.0.113.2", "proxied-b-0000".into()).await, StatusCode::CREATED);

    // Without --trusted-proxy the header is the client's own claim, and ignored.
    let direct = start(&["--feedback-rate", "2"]);
    let statuses = [
        send(&direct, "203.0.113.1", "direct-key-0000".into()).await,
        send(&direct, "203.0.113.2", "direct-key-0001".into()).await,
        send(&direct, "203.0.113.3", "direct-key-0002".into()).await,
    ];
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CREATED, StatusCode::TOO_MANY_REQUESTS]);
}

#[tokio::test]
async fn a_filled_honeypot_looks_accepted_but_is_not_stored() {
    let server = start(&["--no-samples"]);
    let mut body = submission("bot-key-0001", "Buy cheap watches");
    body["website"] = json!("http://spam.example");
    let response = post(&server, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(response.json::<Value>().await.unwrap()["id"].as_str().unwrap().starts_with("FB-"));
    assert_eq!(admin(&server, "").await["items"].as_array().unwrap().len(), 0);
}

async fn post_from(server: &Server, origin: &str, key: &str) -> Response {
    Client::new()
        .post(format!("{}/v1/feedback", server.url))
        .header("Origin", origin)
        .json(&submission(key, "From a partner page"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn cors_allows_configured_partners_only() {
    let server = start(&["--no-samples", "--allow-origin", PARTNER, "--allow-origin", "https://housing.example"]);
    let allowed = preflight(&server, PARTNER).await;
    assert!(allowed.status().is_success());
    assert_eq!(allowed.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], PARTNER);
    assert!(allowed.headers()["access-control-allow-methods"].to_str().unwrap().contains("POST"));
    assert!(allowed.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase()
        .contains("content-type"));
    let refused = preflight(&server, "https://evil.example").await;
    assert!(refused.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    let ok = post_from(&server, PARTNER, "cors-key-0001").await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    assert_eq!(ok.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], PARTNER);
    let forbidden = post_from(&server, "https://evil.example", "cors-key-0002").await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert_eq!(errors(&forbidden.json().await.unwrap()), [("origin".into(), "forbidden".into())]);
    assert_eq!(admin(&server, "").await["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn by_default_only_the_servers_own_origin_may_post() {
    let server = start(&["--no-samples"]);
    assert_eq!(post_from(&server, &server.url, "own-key-0001").await.status(), StatusCode::CREATED);
    assert_eq!(post_from(&server, PARTNER, "own-key-0002").await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn admin_needs_the_token() {
    let server = start(&["--no-samples"]);
    let url = format!("{}/v1/feedback", server.url);
    let none = Client::new().get(&url).send().await.unwrap();
    assert_eq!(none.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(none.headers()[WWW_AUTHENTICATE], "Bearer");
    let wrong = Client::new().get(&url).header(AUTHORIZATION, "Bearer not-the-token").send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(errors(&wrong.json().await.unwrap()), [("authorization".into(), "unauthorized".into())]);
}

#[tokio::test]
async fn admin_filters_pages_and_exports_csv_safely() {
    let server = start(&["--no-samples"]);
    for n in 0..5 {
        let mut body = submission(&format!("page-key-{n:04}"), &format!("Message {n}"));
        if n % 2 == 0 {
            body["about"] = json!("sample-courier-fraud");
        }
        post(&server, &body).await;
    }
    post(&server, &submission("formula-key-1", "=HYPERLINK(\"http://evil.example\",\"click\")")).await;

    let about = admin(&server, "about=sample-courier-fraud").await;
    assert_eq!(about["items"].as_array().unwrap().len(), 3);

    let mut url = format!("{}/v1/feedback?limit=4", server.url);
    let mut seen = Vec::new();
    while !url.is_empty() {
        let page = admin_get(&url).await;
        seen.extend(page["items"].as_array().unwrap().iter().map(|i| i["message"].as_str().unwrap().to_owned()));
        url = page["next_url"].as_str().unwrap_or_default().to_owned();
    }
    assert_eq!(seen.len(), 6);
    assert_eq!(seen[..5], ["Message 0", "Message 1", "Message 2", "Message 3", "Message 4"]);

    let future = admin(&server, "since=2999-01-01T00:00:00Z").await;
    assert_eq!(future["items"].as_array().unwrap().len(), 0);

    let csv = Client::new()
        .get(format!("{}/v1/feedback?format=csv", server.url))
        .header(AUTHORIZATION, format!("Bearer {ADMIN_TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    assert_eq!(csv.lines().count(), 7);
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), "{csv}");
}

#[tokio::test]
async fn export_feedback_writes_a_csv_file() {
    let server = start(&["--no-samples"]);
    post(&server, &submission("export-key-1", "Thank you for the quick response.")).await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("feedback.csv");
    let status = Command::new(binary())
        .args(["export-feedback", "--output", file.to_str().unwrap(), "--database", &server.database])
        .status()
        .unwrap();
    assert!(status.success());
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.starts_with("id,received_at,about,rating,message"));
    assert!(csv.contains("Thank you for the quick response."));
}

#[tokio::test]
async fn message_text_never_reaches_the_logs() {
    let server = start(&["--no-samples"]);
    let secret = "my neighbour at 14 Heol Las is dealing";
    let mut body = submission("log-key-0001", secret);
    body["email"] = json!("private.person@example.org");
    body["contact_consent"] = json!(true);
    assert_eq!(post(&server, &body).await.status(), StatusCode::CREATED);
    let mut bad = submission("log-key-0002", secret);
    bad["email"] = json!("broken-address");
    assert_eq!(post(&server, &bad).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Both answers are logged once they are sent: after that, nothing more about them.
    let logs = eventually("the server to log both answers", || async {
        let logs = server.logs();
        (logs.contains("status=201") && logs.contains("status=422")).then_some(logs)
    })
    .await;
    assert!(logs.contains("feedback stored"), "the store is logged: {logs}");
    for private in [secret, "private.person", "broken-address"] {
        assert!(!logs.contains(private), "{private:?} in the logs");
    }
}

#[tokio::test]
async fn metrics_count_requests_and_feedback_outcomes() {
    let server = start(&["--feedback-rate", "3"]);
    assert_eq!(post(&server, &submission("metric-key-1", "Thanks")).await.status(), StatusCode::CREATED);
    assert_eq!(post(&server, &submission("metric-key-2", "")).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    post(&server, &submission("metric-key-3", "ok")).await;
    assert_eq!(post(&server, &submission("metric-key-4", "ok")).await.status(), StatusCode::TOO_MANY_REQUESTS);
    Client::new().get(format!("{}/v1/feed.json", server.url)).send().await.unwrap();
    Client::new().get(format!("{}/widget/police-engage.js", server.url)).send().await.unwrap();
    let metrics = Client::new().get(format!("{}/metrics", server.url)).bearer_auth(ADMIN_TOKEN).send();
    let metrics = metrics.await.unwrap().text().await.unwrap();
    for line in [
        "police_engage_feedback_total{result=\"accepted\"} 2",
        "police_engage_feedback_total{result=\"rejected\"} 1",
        "police_engage_feedback_total{result=\"rate_limited\"} 1",
        "police_engage_http_requests_total{route=\"/v1/feedback\",status=\"201\"} 2",
        "police_engage_http_requests_total{route=\"/v1/feed.json\",status=\"200\"} 1",
        "police_engage_http_requests_total{route=\"/widget/*\",status=\"200\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} missing from:\n{metrics}");
    }
}

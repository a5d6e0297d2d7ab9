//! Several servers behind one load balancer, sharing one database: a
//! submission retried through another server is stored once, the rate limit
//! is one allowance however the posts are spread (PostgreSQL), and what one
//! server publishes the others serve.

use crate::support::{admin_get, database, eventually, on_postgres, start_with, Server, ADMIN_TOKEN};
use futures_util::future::join_all;
use reqwest::header::RETRY_AFTER;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// Two servers on one fresh database.
fn pair(extra: &[&str]) -> (Server, Server) {
    let (dir, db) = database();
    let first = start_with(dir, db.clone(), extra);
    let second = start_with(tempfile::tempdir().unwrap(), db, extra);
    (first, second)
}

async fn post(http: &Client, server: &Server, key: &str) -> reqwest::Response {
    let body = json!({"message": format!("Streetlight out ({key})"), "lang": "en", "contact_consent": false,
                      "page": "https://council.example/", "key": key});
    http.post(format!("{}/v1/feedback", server.url)).json(&body).send().await.unwrap()
}

async fn receipt_id(response: reqwest::Response) -> String {
    assert_eq!(response.status(), StatusCode::CREATED);
    let receipt: Value = response.json().await.unwrap();
    receipt["id"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_submission_sent_to_two_servers_at_once_is_stored_once() {
    let (a, b) = pair(&["--no-samples", "--feedback-rate", "0"]);
    let http = Client::new();
    let keys: Vec<String> = (0..40).map(|n| format!("shared-key-{n:03}")).collect();
    let answers = join_all(keys.iter().map(|key| async {
        let (from_a, from_b) = tokio::join!(post(&http, &a, key), post(&http, &b, key));
        (receipt_id(from_a).await, receipt_id(from_b).await)
    }))
    .await;
    for (key, (from_a, from_b)) in keys.iter().zip(&answers) {
        assert_eq!(from_a, from_b, "{key}: both servers give the resident the same reference");
    }
    let stored = admin_get(&format!("{}/v1/feedback?limit=1000", b.url)).await;
    let mut ids: Vec<&str> = stored["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    let mut expected: Vec<&str> = answers.iter().map(|(id, _)| id.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected, "one row per key");
}

#[tokio::test]
async fn the_rate_limit_is_one_allowance_across_servers() {
    if !on_postgres() {
        eprintln!("skipped: on SQLite, which serves one process, each server counts in memory");
        return;
    }
    let (a, b) = pair(&["--no-samples", "--feedback-rate", "6"]);
    let http = Client::new();
    for n in 0..6 {
        let server = if n % 2 == 0 { &a } else { &b };
        assert_eq!(
            post(&http, server, &format!("rate-limit-key-{n:03}")).await.status(),
            StatusCode::CREATED,
            "post {n}"
        );
    }
    for server in [&a, &b] {
        let refused = post(&http, server, "rate-limit-key-over").await;
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
        let wait: u64 = refused.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait), "Retry-After {wait}");
    }
}

#[tokio::test]
async fn an_update_published_through_one_server_is_served_by_the_other() {
    let (a, b) = pair(&["--no-samples"]);
    let http = Client::new();
    let update = json!({"id": "shared-appeal", "title": "Appeal after a collision on the A487", "category": "appeal"});
    let created = http.post(format!("{}/v1/updates", a.url)).bearer_auth(ADMIN_TOKEN).json(&update).send().await;
    assert_eq!(created.unwrap().status(), StatusCode::CREATED);
    let feed: Value = http.get(format!("{}/v1/feed.json", b.url)).send().await.unwrap().json().await.unwrap();
    let titles: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Appeal after a collision on the A487"]);
}

/// The names of the messages a server wrote to `dir` (`file:` transport).
fn written(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_share_an_alert_run_and_send_each_alert_once() {
    const RESIDENTS: usize = 3_000;
    let (dir, db) = database();
    let (mail_a, mail_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // One connection each, so the run takes long enough for both to take part.
    let args = |mail: &tempfile::TempDir| {
        vec![
            "--no-samples".to_owned(),
            "--smtp-connections".into(),
            "1".into(),
            "--smtp-url".into(),
            format!("file:{}", mail.path().display()),
        ]
    };
    let (args_a, args_b) = (args(&mail_a), args(&mail_b));
    let a = start_with(dir, db.clone(), &args_a.iter().map(String::as_str).collect::<Vec<_>>());
    let b =
        start_with(tempfile::tempdir().unwrap(), db.clone(), &args_b.iter().map(String::as_str).collect::<Vec<_>>());
    // The seeding tool the benchmark and the crash test use, built with the
    // tests by `cargo test --workspace --no-run` (`make test`'s native build).
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/debug/examples/seed_subscribers");
    let seeded = std::process::Command::new(seed).args([&db, &RESIDENTS.to_string(), "Abermor"]).output().unwrap();
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    let appeal = json!({"id": "shared-run", "title": "Appeal for witnesses", "category": "appeal", "priority": "urgent", "area": "Abermor"});
    let created =
        Client::new().post(format!("{}/v1/updates", a.url)).bearer_auth(ADMIN_TOKEN).json(&appeal).send().await;
    assert_eq!(created.unwrap().status(), StatusCode::CREATED);
    let (by_a, by_b) = eventually("every alert written", || async {
        let (by_a, by_b) = (written(mail_a.path()), written(mail_b.path()));
        (by_a.len() + by_b.len() >= RESIDENTS).then_some((by_a, by_b))
    })
    .await;
    let all: std::collections::HashSet<&String> = by_a.iter().chain(&by_b).collect();
    assert_eq!((all.len(), by_a.len() + by_b.len()), (RESIDENTS, RESIDENTS), "each alert once, by one server");
    if on_postgres() {
        assert!(!by_a.is_empty() && !by_b.is_empty(), "both servers sent ({} and {})", by_a.len(), by_b.len());
    }
    drop(b);
}

//! Crash safety: many clients send feedback, the server is killed with
//! SIGKILL in the middle and restarted, the clients retry with their keys,
//! and every submission that got a 201 is stored exactly once, none twice.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{admin_get, database, eventually, start_on, start_with};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

const CLIENTS: usize = 8;
const EACH: usize = 500;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_server_loses_nothing_it_acknowledged_and_stores_nothing_twice() {
    let (dir, db) = database();
    let server = start_with(dir, db.clone(), &["--no-samples", "--feedback-rate", "0"]);
    let (url, port) = (server.url.clone(), server.port());
    let acked: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let attempts = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (url, acked, attempts) = (url.clone(), acked.clone(), attempts.clone());
        clients.push(tokio::spawn(async move {
            let http = Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
            for n in 0..EACH {
                let key = format!("crash-{c:02}-{n:04}");
                let body = json!({"message": format!("Submission {n} from client {c}"), "lang": "en",
                                  "page": "https://council.example/", "key": key, "contact_consent": false});
                // Like the widget's outbox: the same key until the server says 201.
                loop {
                    attempts.fetch_add(1, Ordering::Relaxed);
                    match http.post(format!("{url}/v1/feedback")).json(&body).send().await {
                        Ok(r) if r.status() == StatusCode::CREATED => {
                            let receipt: Value = r.json().await.unwrap();
                            let id = receipt["id"].as_str().unwrap().to_owned();
                            if let Some(first) = acked.lock().unwrap().insert(key.clone(), id.clone()) {
                                assert_eq!(first, id, "the same key was acknowledged with two ids");
                            }
                            break;
                        }
                        Ok(r) => assert!(r.status().is_server_error(), "unexpected {}", r.status()),
                        Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                    }
                }
            }
        }));
    }
    eventually("a third of the submissions to be acknowledged", || async {
        (acked.lock().unwrap().len() >= CLIENTS * EACH / 3).then_some(())
    })
    .await;
    let acked_before_kill = acked.lock().unwrap().clone();
    let dir = server.crash();
    let restarted = start_on(dir, db, &format!("127.0.0.1:{port}"), &["--no-samples", "--feedback-rate", "0"]);
    for client in clients {
        client.await.unwrap();
    }

    let stored = all_feedback(&restarted.url).await;
    let acked = acked.lock().unwrap().clone();
    println!(
        "crash test: {} submissions, {} POSTs sent, {} acknowledged ({} before the SIGKILL), {} rows stored",
        CLIENTS * EACH,
        attempts.load(Ordering::Relaxed),
        acked.len(),
        acked_before_kill.len(),
        stored.len()
    );
    let mut by_key: HashMap<&str, Vec<&str>> = HashMap::new();
    for row in &stored {
        let key = row.0.as_str();
        by_key.entry(key).or_default().push(row.1.as_str());
    }
    assert_eq!(acked.len(), CLIENTS * EACH, "every submission was eventually acknowledged");
    assert_eq!(stored.len(), CLIENTS * EACH, "one row per submission, none twice");
    for (key, id) in &acked_before_kill {
        assert_eq!(
            by_key.get(key.as_str()).map(Vec::as_slice),
            Some([id.as_str()].as_slice()),
            "{key} acknowledged before the kill"
        );
    }
    for (key, id) in &acked {
        assert_eq!(by_key.get(key.as_str()).map(Vec::as_slice), Some([id.as_str()].as_slice()), "{key}");
    }
}

/// (message's key, id) of every stored row, read through the admin API.
async fn all_feedback(url: &str) -> Vec<(String, String)> {
    let mut next = format!("{url}/v1/feedback?limit=1000");
    let mut rows = Vec::new();
    while !next.is_empty() {
        let page = admin_get(&next).await;
        for item in page["items"].as_array().unwrap() {
            let message = item["message"].as_str().unwrap();
            let (n, c) = message.trim_start_matches("Submission ").split_once(" from client ").unwrap();
            let key = format!("crash-{:02}-{:04}", c.parse::<usize>().unwrap(), n.parse::<usize>().unwrap());
            rows.push((key, item["id"].as_str().unwrap().to_owned()));
        }
        next = page["next_url"].as_str().unwrap_or_default().to_owned();
    }
    rows
}

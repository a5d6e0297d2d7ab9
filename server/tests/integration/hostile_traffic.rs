//! Hostile traffic: slow and idle clients are dropped in time, past the cap
//! on open connections a new one is refused cleanly, and past the limit of
//! requests under way feedback and console requests are refused at once
//! while the feed is served; normal requests are answered throughout. Raw
//! TCP for the clients that misbehave.

use crate::support::{self, eventually};

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HEADER_TIMEOUT: u64 = 2;
const BODY_TIMEOUT: u64 = 2;
const MAX_CONNECTIONS: usize = 12;
/// Leeway for the server's timers and a busy test machine.
const LEEWAY: Duration = Duration::from_secs(3);
/// Well under the default header timeout (10 s), which a connection that
/// was taken rather than refused would wait out.
const REFUSED_AT_ONCE: Duration = Duration::from_secs(3);

async fn connect(url: &str) -> TcpStream {
    TcpStream::connect(url.trim_start_matches("http://")).await.unwrap()
}

/// Sends `bytes` one at a time, every `gap`, until the server closes the
/// connection; what it answered and how long it took.
async fn trickle(stream: &mut TcpStream, bytes: &[u8], gap: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut answer = Vec::new();
    for byte in bytes.iter().cycle() {
        let mut buffer = [0u8; 1024];
        tokio::select! {
            read = stream.read(&mut buffer) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            },
            () = tokio::time::sleep(gap) => {
                if stream.write_all(&[*byte]).await.is_err() {
                    break;
                }
            }
        }
        assert!(started.elapsed() < Duration::from_secs(30), "never closed");
    }
    (String::from_utf8_lossy(&answer).into_owned(), started.elapsed())
}

async fn healthy(url: &str) -> bool {
    reqwest::get(format!("{url}/healthz")).await.is_ok_and(|r| r.status().is_success())
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_and_idle_clients_are_dropped_in_time() {
    let server =
        support::start(&["--header-timeout", &HEADER_TIMEOUT.to_string(), "--body-timeout", &BODY_TIMEOUT.to_string()]);
    let url = server.url.clone();
    // Each client says when it is connected and under way.
    let (under_way, mut started) = tokio::sync::mpsc::channel::<()>(3);

    // Headers a byte at a time: disconnected, answered with nothing.
    let slow_headers = tokio::spawn({
        let (url, under_way) = (url.clone(), under_way.clone());
        async move {
            let mut stream = connect(&url).await;
            stream.write_all(b"GET /v1/feed.json HTTP/1.1\r\nHost: x\r\n").await.unwrap();
            under_way.send(()).await.unwrap();
            trickle(&mut stream, b"X-Slow: a\r\n", Duration::from_millis(300)).await
        }
    });
    // A body a byte at a time: 408 once the body's time is up.
    let slow_body = tokio::spawn({
        let (url, under_way) = (url.clone(), under_way.clone());
        async move {
            let mut stream = connect(&url).await;
            let head = "POST /v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n";
            stream.write_all(head.as_bytes()).await.unwrap();
            under_way.send(()).await.unwrap();
            trickle(&mut stream, b"{\"message\":", Duration::from_millis(300)).await
        }
    });
    // A whole request, then silence on the kept-alive connection.
    let idle = tokio::spawn({
        let url = url.clone();
        async move {
            let mut stream = connect(&url).await;
            stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
            under_way.send(()).await.unwrap();
            let mut answer = Vec::new();
            let started = Instant::now();
            let _ = stream.read_to_end(&mut answer).await;
            (String::from_utf8_lossy(&answer).into_owned(), started.elapsed())
        }
    });

    // Meanwhile the server answers everyone else.
    for _ in 0..3 {
        started.recv().await.unwrap();
    }
    assert!(healthy(&url).await, "a normal request while slow clients are connected");

    let (answer, took) = slow_headers.await.unwrap();
    assert_eq!(answer, "", "slow headers get no answer");
    assert!(took < Duration::from_secs(HEADER_TIMEOUT) + LEEWAY, "slow headers held for {took:?}");
    let (answer, took) = slow_body.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "slow body: {answer}");
    assert!(took < Duration::from_secs(BODY_TIMEOUT) + LEEWAY, "slow body held for {took:?}");
    let (answer, took) = idle.await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "the kept-alive request was answered: {answer}");
    assert!(took < Duration::from_secs(HEADER_TIMEOUT) + LEEWAY, "an idle connection held for {took:?}");
}

/// A kept-alive connection the server has taken (`HEAD /healthz` answered),
/// or `None` when the server refused it for want of room.
async fn taken(url: &str) -> Option<TcpStream> {
    let mut stream = connect(url).await;
    stream.write_all(b"HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut answer = Vec::new();
    while !answer.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8];
        if stream.read(&mut byte).await.unwrap() == 0 {
            break;
        }
        answer.push(byte[0]);
    }
    answer.starts_with(b"HTTP/1.1 200").then_some(stream)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_server_refuses_a_new_connection_at_once_and_cleanly() {
    let server = support::start(&["--max-connections", &MAX_CONNECTIONS.to_string()]);
    let url = server.url.clone();
    // Every slot held by a connection the server has answered and keeps open.
    let mut held = Vec::new();
    while held.len() < MAX_CONNECTIONS {
        held.push(eventually("a free slot", || taken(&url)).await);
    }
    let mut refused = connect(&url).await;
    let mut answer = String::new();
    let started = Instant::now();
    refused.read_to_string(&mut answer).await.unwrap();
    assert!(started.elapsed() < REFUSED_AT_ONCE, "refused at once, not after the header timeout");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("Retry-After: 5"), "{answer}");
    let body: serde_json::Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(body["errors"][0]["code"], "unavailable");

    // Once they go, the server is there again.
    drop(held);
    eventually("the server to answer once the slots are free", || async { healthy(&url).await.then_some(()) }).await;
}

/// Sends a request's head and half its body, and leaves it under way.
async fn half_sent(url: &str, path: &str, extra: &str) -> TcpStream {
    let mut stream = connect(url).await;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{extra}Content-Length: 100\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
}

/// A resident's feedback, sent from the server's own page.
async fn feedback(url: &str, key: &str) -> reqwest::Response {
    let body = serde_json::json!({ "message": "Busy evening", "lang": "en", "page": url, "key": key, "contact_consent": false });
    let request = reqwest::Client::new().post(format!("{url}/v1/feedback")).header("Origin", url).json(&body);
    request.send().await.unwrap()
}

async fn inbox(url: &str) -> reqwest::StatusCode {
    let request = reqwest::Client::new().get(format!("{url}/v1/inbox")).bearer_auth(support::ADMIN_TOKEN);
    request.send().await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_bodies_hold_no_permit_so_residents_and_staff_are_still_served() {
    let limits = ["--max-feedback-in-flight", "1", "--max-console-in-flight", "1", "--max-sign-ins-in-flight", "1"];
    let server = support::start(&limits);
    let url = server.url.clone();
    let origin = format!("Origin: {url}\r\n");
    let mut held = Vec::new();
    for path in ["/v1/feedback", "/v1/session", "/v1/feedback", "/v1/session", "/v1/inbox/bulk"] {
        held.push(half_sent(&url, path, &origin).await);
    }
    eventually("the server to take the half-sent requests", || async {
        (server.logs().matches("started processing request").count() == held.len()).then_some(())
    })
    .await;
    assert_eq!(feedback(&url, "slow-bodies-00001").await.status(), 201, "a resident's feedback is taken");
    assert_eq!(inbox(&url).await, 200, "the console is answered");
    let sign_in = reqwest::Client::new()
        .post(format!("{url}/v1/session"))
        .header("Origin", url.as_str())
        .json(&serde_json::json!({ "email": "nobody@force.example", "password": "not a password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(sign_in.status(), 401, "a sign-in is tried, not refused as busy");
    drop(held);
}

#[tokio::test(flavor = "multi_thread")]
async fn past_the_limit_feedback_and_console_requests_are_refused_at_once_and_the_feed_is_served() {
    let server = support::start(&["--max-feedback-in-flight", "1", "--max-console-in-flight", "1"]);
    let url = server.url.clone();
    // Whatever writes waits for this transaction: the requests below hold their permits meanwhile.
    let db = police_engage_server::db::open(&server.database).await.unwrap();
    let mut lock = police_engage_server::db::begin_write(&db).await.unwrap();
    if support::on_postgres() {
        sqlx::query("LOCK TABLE feedback IN EXCLUSIVE MODE").execute(&mut *lock).await.unwrap();
    }
    let first = tokio::spawn(feedback_owned(url.clone(), "busy-evening-0001"));
    let token = support::ADMIN_TOKEN;
    let erase = reqwest::Client::new().delete(format!("{url}/v1/inbox/FB-NONE")).bearer_auth(token).send();
    let erasing = tokio::spawn(erase);
    eventually("both to be under way", || async {
        (server.logs().matches("started processing request").count() >= 2).then_some(())
    })
    .await;

    let started = Instant::now();
    let refused = feedback(&url, "busy-evening-0002").await;
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "2");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], "unavailable");
    assert_eq!(inbox(&url).await, 503, "the console's requests too");
    assert!(started.elapsed() < Duration::from_secs(1), "refused at once, not queued");
    let feed = reqwest::get(format!("{url}/v1/feed.json")).await.unwrap();
    assert_eq!(feed.status(), 200, "the feed is served");

    lock.rollback().await.unwrap();
    assert_eq!(first.await.unwrap().status(), 201, "the held feedback is stored");
    erasing.await.unwrap().unwrap();
    assert_eq!(feedback(&url, "busy-evening-0002").await.status(), 201);
    assert_eq!(inbox(&url).await, 200);
}

async fn feedback_owned(url: String, key: &'static str) -> reqwest::Response {
    feedback(&url, key).await
}

//! Stopping with SIGTERM: the server takes no new connections but finishes
//! the request it is in the middle of, stores it, and exits cleanly.

use crate::support::{cli, eventually, start};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn sigterm_finishes_the_request_in_flight_then_exits() {
    let server = start(&["--no-samples"]);
    let address = server.url.trim_start_matches("http://").to_owned();
    let body = r#"{"message":"Sent as the server was stopping","lang":"en","page":"https://council.example/","key":"shutdown-key-0001"}"#;
    let mut stream = TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /v1/feedback HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..20]).await.unwrap();
    eventually("the server to start on the request", || async {
        server.logs().contains("started processing request").then_some(())
    })
    .await;

    server.terminate();
    eventually("a stopping server to take no new connections", || async {
        TcpStream::connect(&address).await.is_err().then_some(())
    })
    .await;

    stream.write_all(&body.as_bytes()[20..]).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let database = server.database.clone();
    let (clean, _dir) = server.wait();
    assert!(clean, "exit status after SIGTERM");

    let (ok, csv) = cli(&database, &["export-feedback", "--output", "-"]).await;
    assert!(ok, "{csv}");
    assert!(csv.contains("Sent as the server was stopping"), "{csv}");
}

//! A console user's side of the API: people made with the `user add`
//! command, and a client that signs in, keeps the session cookie and sends
//! the console's `Origin`, as the browser does for the console's pages.

use std::io::Write;
use std::process::{Command, Stdio};

use reqwest::header::{COOKIE, ORIGIN, SET_COOKIE};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{json, Value};

use super::{binary, Server};

pub const PASSWORD: &str = "correct horse battery staple";

/// `police-engage-server user add EMAIL --role ROLE`, the password piped in.
pub fn add_person(database: &str, email: &str, role: &str) -> String {
    let mut child = Command::new(binary())
        .args(["user", "add", email, "--role", role, "--database", database, "--no-samples"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "user add failed: {text}");
    text
}

/// POSTs feedback from `origin`, as a partner page would: its reference.
pub async fn send_feedback(server: &Server, origin: &str, body: &Value) -> String {
    let response = Client::new()
        .post(format!("{}/v1/feedback", server.url))
        .header(ORIGIN, origin)
        .json(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
}

/// One person signed in to the console.
pub struct Console {
    pub url: String,
    pub cookie: String,
    pub origin: String,
    http: Client,
}

pub async fn sign_in_raw(server: &Server, origin: &str, email: &str, password: &str) -> Response {
    Client::new()
        .post(format!("{}/v1/session", server.url))
        .header(ORIGIN, origin)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

impl Console {
    pub async fn sign_in(server: &Server, email: &str) -> Console {
        let response = sign_in_raw(server, &server.url, email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in as {email}");
        let cookie = response.headers()[SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
        Console { url: server.url.clone(), cookie, origin: server.url.clone(), http: Client::new() }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.url))
            .header(COOKIE, &self.cookie)
            .header(ORIGIN, &self.origin);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap()
    }

    /// The status and JSON answer (`null` when the answer is not JSON).
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let response = self.send(method, path, body).await;
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> Value {
        let (status, body) = self.call(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }
}

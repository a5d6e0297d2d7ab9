//! Partner sites: admins add and remove them over the API (the console's
//! way in); a partner's origins may send feedback at once, on every server
//! sharing the database, and not a moment after it is removed.

use crate::support::console::{add_person, Console};
use crate::support::{admin_get, database, preflight, start_with, Server, ADMIN_TOKEN};
use reqwest::header::ACCESS_CONTROL_ALLOW_ORIGIN;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

const COUNCIL: &str = "https://www.glanyrafon.gov.example";

async fn admin(server: &Server, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut request = Client::new().request(method, format!("{}{path}", server.url)).bearer_auth(ADMIN_TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A resident's feedback from a page on `origin`: the status, and whether
/// the answer let that page read it.
async fn post_from(server: &Server, origin: &str, key: &str) -> (StatusCode, bool) {
    let body = json!({"message": "The new streetlights on Heol Las help.", "lang": "en", "contact_consent": false,
                      "page": format!("{origin}/community-safety"), "key": key});
    let response = Client::new()
        .post(format!("{}/v1/feedback", server.url))
        .header("Origin", origin)
        .json(&body)
        .send()
        .await
        .unwrap();
    let readable = response.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_some_and(|v| v == origin);
    (response.status(), readable)
}

async fn preflight_allows(server: &Server, origin: &str) -> bool {
    preflight(server, origin).await.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_some_and(|v| v == origin)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_added_on_one_server_may_send_feedback_to_every_server_at_once() {
    let (dir, db) = database();
    let first = start_with(dir, db.clone(), &["--no-samples", "--feedback-rate", "0"]);
    let second = start_with(tempfile::tempdir().unwrap(), db, &["--no-samples", "--feedback-rate", "0"]);
    assert_eq!(post_from(&second, COUNCIL, "partner-key-0001").await.0, StatusCode::FORBIDDEN);
    assert!(!preflight_allows(&second, COUNCIL).await);

    let (status, partner) = admin(
        &first,
        Method::POST,
        "/v1/partners",
        Some(json!({"name": "Glanyrafon County Council", "origins": [format!("{COUNCIL}/"), "https://housing.example:8443"],
                    "contact": "web team, web@glanyrafon.gov.example"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{partner}");
    assert_eq!(partner["origins"], json!([COUNCIL, "https://housing.example:8443"]), "kept as browsers send them");
    let id = partner["id"].as_str().unwrap().to_owned();

    for server in [&first, &second] {
        assert!(preflight_allows(server, COUNCIL).await);
    }
    assert_eq!(post_from(&second, COUNCIL, "partner-key-0002").await, (StatusCode::CREATED, true), "no restart");
    assert_eq!(post_from(&first, "https://housing.example:8443", "partner-key-0003").await.0, StatusCode::CREATED);
    let listed = admin_get(&format!("{}/v1/partners", second.url)).await;
    assert_eq!(listed[0]["name"], "Glanyrafon County Council");

    let (status, _) = admin(&first, Method::DELETE, &format!("/v1/partners/{id}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        post_from(&second, COUNCIL, "partner-key-0004").await,
        (StatusCode::FORBIDDEN, false),
        "refused at once"
    );
    assert!(!preflight_allows(&first, COUNCIL).await);
    assert_eq!(admin(&first, Method::DELETE, &format!("/v1/partners/{id}"), None).await.0, StatusCode::NOT_FOUND);

    let audit = admin_get(&format!("{}/v1/audit", first.url)).await;
    let actions: Vec<&str> =
        audit["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["partner_removed", "partner_added"]);
}

#[tokio::test]
async fn origins_are_checked_and_only_admins_manage_partners() {
    let (dir, db) = database();
    let server = start_with(dir, db, &["--no-samples"]);
    for (origin, why) in [
        ("https://*.council.example", "wildcards"),
        ("https://council.example/community-safety", "no path"),
        ("council.example", "scheme"),
        ("ftp://council.example", "https"),
    ] {
        let (status, body) =
            admin(&server, Method::POST, "/v1/partners", Some(json!({"name": "Council", "origins": [origin]}))).await;
        assert_eq!(
            (status, body["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("origins")),
            "{why}"
        );
        assert!(body["errors"][0]["message"].as_str().unwrap().starts_with(origin), "names the origin: {body}");
        assert_eq!(body["errors"][0]["value"], origin, "and says which, for the console to show in its words");
    }
    let (status, body) = admin(&server, Method::POST, "/v1/partners", Some(json!({"name": " ", "origins": []}))).await;
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["name", "origins"]));
    let first = json!({"name": "Council", "origins": [COUNCIL]});
    assert_eq!(admin(&server, Method::POST, "/v1/partners", Some(first.clone())).await.0, StatusCode::CREATED);
    let (status, taken) = admin(&server, Method::POST, "/v1/partners", Some(first)).await;
    assert_eq!((status, taken["errors"][0]["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")));
    assert_eq!(taken["errors"][0]["value"], COUNCIL);
    // Ten at once for one origin (on PostgreSQL they race past the check): one
    // takes it, the rest are told it is taken, none is a server error.
    let racing = (0..10).map(|n| {
        let body = json!({"name": format!("Racer {n}"), "origins": ["https://race.example"]});
        admin(&server, Method::POST, "/v1/partners", Some(body))
    });
    let mut answers: Vec<StatusCode> = futures_util::future::join_all(racing).await.into_iter().map(|a| a.0).collect();
    answers.sort();
    assert_eq!(answers, [vec![StatusCode::CREATED], vec![StatusCode::CONFLICT; 9]].concat());

    add_person(&server.database, "editor@force.example", "editor");
    add_person(&server.database, "responder@force.example", "responder");
    for email in ["editor@force.example", "responder@force.example"] {
        let console = Console::sign_in(&server, email).await;
        assert_eq!(console.call(Method::GET, "/v1/partners", None).await.0, StatusCode::FORBIDDEN, "{email}");
        let body = json!({"name": "Mine", "origins": ["https://mine.example"]});
        assert_eq!(console.call(Method::POST, "/v1/partners", Some(body)).await.0, StatusCode::FORBIDDEN, "{email}");
    }
    assert_eq!(
        Client::new().get(format!("{}/v1/partners", server.url)).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_inbox_filters_by_partner() {
    let (dir, db) = database();
    let server = start_with(dir, db, &["--no-samples", "--feedback-rate", "0"]);
    let (_, council) = admin(
        &server,
        Method::POST,
        "/v1/partners",
        Some(json!({"name": "Council", "origins": [COUNCIL, "https://news.council.example"]})),
    )
    .await;
    admin(
        &server,
        Method::POST,
        "/v1/partners",
        Some(json!({"name": "Housing", "origins": ["https://housing.example"]})),
    )
    .await;
    for (n, origin) in [COUNCIL, "https://news.council.example", "https://housing.example"].into_iter().enumerate() {
        assert_eq!(post_from(&server, origin, &format!("filter-key-{n:04}")).await.0, StatusCode::CREATED);
    }
    let page = admin_get(&format!("{}/v1/inbox?partner={}", server.url, council["id"].as_str().unwrap())).await;
    let sites: Vec<&str> = page["items"].as_array().unwrap().iter().map(|i| i["site"].as_str().unwrap()).collect();
    assert_eq!(sites, ["https://news.council.example", COUNCIL]);
    let names: Vec<&str> = page["partners"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Council", "Housing"]);
}

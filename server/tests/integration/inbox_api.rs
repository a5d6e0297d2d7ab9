//! The inbox, insight, audit log and data protection, over real HTTP
//! against the real binary (SQLite, and PostgreSQL under scripts/postgres.sh).

use crate::support;

use crate::support::console::{add_person, send_feedback, Console};
use crate::support::{start, start_with, Server};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

const PARTNER: &str = "https://council.example";
const HOUSING: &str = "https://housing.example";

struct Sent {
    message: &'static str,
    rating: Option<u8>,
    area: Option<&'static str>,
    about: Option<&'static str>,
    origin: &'static str,
}

async fn send(server: &Server, n: usize, s: &Sent) -> String {
    let mut body = json!({
        "message": s.message, "contact_consent": false, "lang": "en",
        "page": format!("{}/safety", s.origin), "key": format!("key-inbox-{n:06}"),
    });
    for (field, value) in
        [("rating", s.rating.map(Value::from)), ("area", s.area.map(Value::from)), ("about", s.about.map(Value::from))]
    {
        if let Some(value) = value {
            body[field] = value;
        }
    }
    send_feedback(server, s.origin, &body).await
}

fn ids(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect()
}

async fn server_with_feedback() -> (Server, Vec<String>) {
    let server = start(&["--no-samples", "--allow-origin", PARTNER, "--allow-origin", HOUSING, "--feedback-rate", "0"]);
    for (id, title) in [
        ("sample-bike-marking", "Free bike marking at Abermor Library"),
        ("sample-meet-the-team", "Meet your neighbourhood team"),
    ] {
        let response = Client::new()
            .post(format!("{}/v1/updates", server.url))
            .bearer_auth(support::ADMIN_TOKEN)
            .json(&json!({ "id": id, "title": title }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    add_person(&server.database, "resp@force.example", "responder");
    add_person(&server.database, "admin@force.example", "admin");
    let mut sent = Vec::new();
    let cases = [
        Sent {
            message: "Thank you for finding my bike",
            rating: Some(5),
            area: Some("Abermor"),
            about: Some("sample-bike-marking"),
            origin: PARTNER,
        },
        Sent {
            message: "Nobody answered 101 for forty minutes",
            rating: Some(1),
            area: Some("abermor"),
            about: None,
            origin: HOUSING,
        },
        Sent {
            message: "Is the Llanfor surgery still on?",
            rating: None,
            area: Some("Llanfor"),
            about: Some("sample-meet-the-team"),
            origin: PARTNER,
        },
        Sent { message: "100% better than last year", rating: Some(4), area: None, about: None, origin: HOUSING },
    ];
    for (n, case) in cases.iter().enumerate() {
        sent.push(send(&server, n, case).await);
    }
    (server, sent)
}

#[tokio::test]
async fn one_queue_newest_first_with_filters_counts_and_pages() {
    let (server, sent) = server_with_feedback().await;
    let console = Console::sign_in(&server, "resp@force.example").await;
    let all = console.get("/v1/inbox").await;
    assert_eq!(ids(&all), sent.iter().rev().cloned().collect::<Vec<_>>(), "newest first");
    assert_eq!(all["counts"], json!({ "new": 4, "in_progress": 0, "closed": 0, "overdue": 0 }));
    assert_eq!(all["sites"], json!([PARTNER, HOUSING]));
    assert_eq!(all["items"][3]["about_title"], "Free bike marking at Abermor Library");
    let filtered = |query: &'static str| {
        let console = &console;
        async move { ids(&console.get(&format!("/v1/inbox?{query}")).await) }
    };
    assert_eq!(filtered("area=ABERMOR").await, [sent[1].clone(), sent[0].clone()], "areas without case");
    assert_eq!(filtered("rating=1").await, [sent[1].clone()]);
    assert_eq!(filtered("about=sample-meet-the-team").await, [sent[2].clone()]);
    assert_eq!(
        filtered(Box::leak(format!("site={}", urlencode(PARTNER)).into_boxed_str())).await,
        [sent[2].clone(), sent[0].clone()]
    );
    assert_eq!(filtered("q=FORTY").await, [sent[1].clone()], "search without case");
    assert_eq!(filtered("q=100%25").await, [sent[3].clone()], "a % is searched for, not a wildcard");
    assert_eq!(
        filtered(Box::leak(format!("q={}", sent[2].to_lowercase()).into_boxed_str())).await,
        [sent[2].clone()],
        "by reference"
    );
    let today = &console.get("/v1/inbox").await["items"][0]["received_at"].as_str().unwrap()[..10].to_owned();
    assert_eq!(filtered(Box::leak(format!("from={today}&to={today}").into_boxed_str())).await.len(), 4);
    assert_eq!(filtered("to=2000-01-01").await.len(), 0);
    let (status, body) = console.call(Method::GET, "/v1/inbox?from=last%20week", None).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("from")));

    // Pages of 25, each after the last.
    for n in 10..40 {
        send(&server, n, &Sent { message: "More", rating: None, area: None, about: None, origin: PARTNER }).await;
    }
    let first = console.get("/v1/inbox").await;
    assert_eq!(first["items"].as_array().unwrap().len(), 25);
    let next = first["next"].as_str().unwrap();
    let second = console.get(&format!("/v1/inbox?before={}", urlencode(next))).await;
    assert_eq!(second["items"].as_array().unwrap().len(), 9);
    assert!(second["next"].is_null());
    assert!(ids(&second).iter().all(|id| !ids(&first).contains(id)));
    // A search pages the same way, with its own counts.
    let found = console.get("/v1/inbox?q=more").await;
    assert_eq!((found["items"].as_array().unwrap().len(), found["counts"]["new"].as_u64()), (25, Some(30)));
    let rest = console.get(&format!("/v1/inbox?q=more&before={}", urlencode(found["next"].as_str().unwrap()))).await;
    assert_eq!(rest["items"].as_array().unwrap().len(), 5);
    assert!(ids(&rest).iter().all(|id| !ids(&found).contains(id)));
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap()[2..].to_owned()
}

#[tokio::test]
async fn a_responder_triages_and_everything_is_in_the_audit_log() {
    let (server, sent) = server_with_feedback().await;
    let responder = Console::sign_in(&server, "resp@force.example").await;
    let id = &sent[1];
    let path = format!("/v1/inbox/{id}");
    let me = responder.get("/v1/me").await;
    let (status, detail) = responder.call(Method::PATCH, &path, Some(json!({ "status": "in_progress" }))).await;
    assert_eq!((status, detail["status"].as_str()), (StatusCode::OK, Some("in_progress")));
    let (_, detail) = responder.call(Method::PATCH, &path, Some(json!({ "assignee": me["id"] }))).await;
    assert_eq!(detail["assignee"], "resp@force.example");
    let (status, detail) = responder
        .call(Method::POST, &format!("{path}/notes"), Some(json!({ "body": "Rang back; apologised for the wait." })))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["notes"][0]["body"], "Rang back; apologised for the wait.");
    assert_eq!(detail["notes"][0]["author"], "resp@force.example");
    let (status, body) = responder.call(Method::POST, &format!("{path}/notes"), Some(json!({ "body": "  " }))).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("required")));
    let (_, detail) = responder.call(Method::PATCH, &path, Some(json!({ "status": "closed" }))).await;
    let history: Vec<(&str, &str)> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["action"].as_str().unwrap(), h["detail"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        history,
        [
            ("status", "new → in_progress"),
            ("assign", "assigned to resp@force.example"),
            ("note", ""),
            ("status", "in_progress → closed")
        ]
    );
    assert_eq!(responder.get("/v1/inbox?assignee=me").await["items"][0]["id"], json!(id));
    assert_eq!(
        responder.get("/v1/inbox").await["counts"],
        json!({ "new": 3, "in_progress": 0, "closed": 1, "overdue": 0 })
    );

    // Bulk: two at once; export of a selection.
    let (status, body) = responder
        .call(Method::POST, "/v1/inbox/bulk", Some(json!({ "ids": [sent[0], sent[2]], "status": "in_progress" })))
        .await;
    assert_eq!((status, body["changed"].as_u64()), (StatusCode::OK, Some(2)));
    let csv = responder.send(Method::GET, &format!("/v1/inbox.csv?ids={},{}", sent[0], sent[2]), None).await;
    assert_eq!(csv.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains("Thank you for finding my bike") && csv.contains(",in_progress,"));
    let filtered = responder.send(Method::GET, "/v1/inbox.csv?status=closed", None).await.text().await.unwrap();
    assert_eq!(filtered.lines().count(), 2, "what the filters show: {filtered}");

    // The log, as an admin reads it: newest first, with who and from where.
    let admin = Console::sign_in(&server, "admin@force.example").await;
    let log = admin.get("/v1/audit").await;
    let entries: Vec<(&str, &str)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["actor"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    for expected in [
        ("resp@force.example", "sign_in"),
        ("resp@force.example", "status"),
        ("resp@force.example", "assign"),
        ("resp@force.example", "note"),
        ("resp@force.example", "export"),
        ("admin@force.example", "sign_in"),
        ("command line", "person_added"),
    ] {
        assert!(entries.contains(&expected), "{expected:?} in {entries:?}");
    }
    assert_eq!(log["entries"][0]["address"], "127.0.0.1");
    assert!(!log.to_string().contains("Rang back"), "the note's words are not in the log");
    let audit_csv = admin.send(Method::GET, "/v1/audit?format=csv", None).await.text().await.unwrap();
    assert!(audit_csv.starts_with("at,actor,action,target,detail,address\n"));
    assert_eq!(admin.get("/v1/audit").await["entries"][0]["action"], "export", "exporting the log is logged");
}

#[tokio::test]
async fn failed_sign_ins_and_people_changes_are_logged() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "admin@force.example", "admin");
    let wrong = support::console::sign_in_raw(&server, &server.url, "admin@force.example", "not it at all").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let admin = Console::sign_in(&server, "admin@force.example").await;
    let new = json!({ "email": "Ed@Force.Example", "role": "editor", "password": "a long enough password" });
    let (status, person) = admin.call(Method::POST, "/v1/people", Some(new.clone())).await;
    assert_eq!((status, person["email"].as_str()), (StatusCode::CREATED, Some("ed@force.example")));
    let (status, body) = admin.call(Method::POST, "/v1/people", Some(new)).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::CONFLICT, Some("email")));
    let path = format!("/v1/people/{}", person["id"].as_str().unwrap());
    admin.call(Method::PATCH, &path, Some(json!({ "role": "responder" }))).await;
    let (_, changed) = admin.call(Method::PATCH, &path, Some(json!({ "disabled": true }))).await;
    assert_eq!((changed["role"].as_str(), changed["disabled"].as_bool()), (Some("responder"), Some(true)));
    let me = admin.get("/v1/me").await;
    let (status, refused) = admin
        .call(Method::PATCH, &format!("/v1/people/{}", me["id"].as_str().unwrap()), Some(json!({ "disabled": true })))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "an admin cannot lock themselves out");
    assert_eq!(refused["errors"][0]["code"], "invalid", "`conflict` means a taken value");
    let log = admin.get("/v1/audit").await.to_string();
    for action in ["sign_in_failed", "person_added", "person_role", "person_disabled"] {
        assert!(log.contains(action), "{action} in {log}");
    }
    assert!(log.contains("editor → responder"));
}

#[tokio::test]
async fn erasure_on_request_and_retention_leave_a_record_without_the_words() {
    let (server, sent) = server_with_feedback().await;
    let admin = Console::sign_in(&server, "admin@force.example").await;
    let (status, _) = admin.call(Method::DELETE, &format!("/v1/inbox/{}", sent[0]), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(admin.call(Method::GET, &format!("/v1/inbox/{}", sent[0]), None).await.0, StatusCode::NOT_FOUND);
    let log = admin.get("/v1/audit").await;
    assert_eq!(
        (log["entries"][0]["action"].as_str(), log["entries"][0]["target"].as_str()),
        (Some("erase"), Some(sent[0].as_str()))
    );
    assert!(!log.to_string().contains("finding my bike"));
    if !support::on_postgres() {
        // Not in the search index, the write-ahead log or a free page of the file either.
        let file = server.database.trim_start_matches("sqlite://").split('?').next().unwrap().to_owned();
        for path in [file.clone(), format!("{file}-wal")] {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let needle = b"finding my bike";
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{path} still holds the erased words");
        }
    }

    // Closed long ago: the daily job (which runs at start) deletes it and logs how many.
    admin.call(Method::PATCH, &format!("/v1/inbox/{}", sent[1]), Some(json!({ "status": "closed" }))).await;
    admin.call(Method::PATCH, &format!("/v1/inbox/{}", sent[2]), Some(json!({ "status": "closed" }))).await;
    let db = police_engage_server::db::open(&server.database).await.unwrap();
    sqlx::query("UPDATE feedback SET closed_at = '2024-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(&sent[1])
        .execute(&db)
        .await
        .unwrap();
    // Never closed, and came in three years ago; and a sign-in logged as long ago.
    sqlx::query("UPDATE feedback SET received_at = '2023-11-01T00:00:00.000Z' WHERE id = $1")
        .bind(&sent[3])
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE audit SET at = '2023-11-01T00:00:00.000Z' WHERE action = 'sign_in'")
        .execute(&db)
        .await
        .unwrap();
    let database = server.database.clone();
    let server = start_with(server.crash(), database, &["--no-samples"]);
    let admin = Console::sign_in(&server, "admin@force.example").await;
    let remaining = ids(&admin.get("/v1/inbox").await);
    assert!(!remaining.contains(&sent[1]), "closed in 2024: deleted");
    assert!(remaining.contains(&sent[2]), "closed today: kept");
    assert!(!remaining.contains(&sent[3]), "open since 2023: deleted");
    let log = admin.get("/v1/audit").await.to_string();
    assert!(log.contains("1 closed submissions closed more than 365 days ago deleted"), "{log}");
    assert!(log.contains("1 submissions never closed, received more than 730 days ago, deleted"), "{log}");
    assert!(log.contains("audit log entries older than 730 days deleted"), "{log}");
}

#[tokio::test]
async fn insight_counts_what_was_sent() {
    let (server, _) = server_with_feedback().await;
    let console = Console::sign_in(&server, "resp@force.example").await;
    let insight = console.get("/v1/insight").await;
    let weeks = insight["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    let this = weeks.last().unwrap();
    assert_eq!(this["counts"]["new"], 4);
    assert_eq!((this["ratings"].as_u64(), this["average_rating"].as_f64()), (Some(3), Some(10.0 / 3.0)));
    assert_eq!(insight["ratings"], json!([1, 0, 0, 1, 1]));
    assert_eq!(
        (insight["areas"][0]["count"].as_u64(), insight["areas"][0]["average_rating"].as_f64()),
        (Some(2), Some(3.0))
    );
    let updates: Vec<&str> = insight["updates"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(updates, ["sample-bike-marking", "sample-meet-the-team"]);
}

#[tokio::test]
async fn a_bulk_change_the_database_refuses_is_an_error_not_nothing_changed() {
    let server = start(&["--no-samples", "--allow-origin", PARTNER]);
    add_person(&server.database, "resp@force.example", "responder");
    let sent =
        Sent { message: "Parking on the pavement again", rating: None, area: None, about: None, origin: PARTNER };
    let id = send(&server, 1, &sent).await;
    let db = police_engage_server::db::open(&server.database).await.unwrap();
    let refuse = if support::on_postgres() {
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER refuse BEFORE UPDATE ON feedback FOR EACH ROW EXECUTE FUNCTION refuse();"
    } else {
        "CREATE TRIGGER refuse BEFORE UPDATE ON feedback BEGIN SELECT RAISE(ABORT, 'refused'); END;"
    };
    sqlx::raw_sql(refuse).execute(&db).await.unwrap();
    let responder = Console::sign_in(&server, "resp@force.example").await;
    let (status, body) =
        responder.call(Method::POST, "/v1/inbox/bulk", Some(json!({ "ids": [id], "status": "closed" }))).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::INTERNAL_SERVER_ERROR, Some("internal")));
}

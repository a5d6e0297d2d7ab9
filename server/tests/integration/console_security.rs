//! The console's security, over real HTTP against the real binary: people
//! made with `user add`, sessions, cookie flags, the `Origin` check,
//! sign-in slowing and lockout, roles enforced on the server, and a
//! disabled person's sessions ending.

use crate::support;

use crate::support::console::{add_person, send_feedback, sign_in_raw, Console, PASSWORD};
use crate::support::{admin_get, cli, start, Server, ADMIN_TOKEN};
use reqwest::header::{RETRY_AFTER, SET_COOKIE};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

async fn feedback(server: &Server, key: &str, contact: bool) -> String {
    let mut body = json!({
        "message": "The PCSO at the market was kind and helpful.",
        "contact_consent": contact,
        "lang": "en",
        "page": format!("{}/community-safety", server.url),
        "key": key,
        "rating": 5,
    });
    if contact {
        body["name"] = json!("Siân Evans");
        body["email"] = json!("sian@example.org");
    }
    send_feedback(server, &server.url, &body).await
}

#[tokio::test]
async fn people_are_added_listed_and_disabled_from_the_command_line() {
    let server = start(&["--no-samples"]);
    let said = add_person(&server.database, "Sam.Jones@Force.Example", "responder");
    assert!(said.contains("Added sam.jones@force.example (responder)"), "{said}");
    let (ok, listed) = cli(&server.database, &["user", "list"]).await;
    assert!(ok && listed.contains("sam.jones@force.example") && listed.contains("responder"), "{listed}");
    // A password too short is refused, and no account is made.
    let mut child = std::process::Command::new(support::binary())
        .args(["user", "add", "short@force.example", "--role", "editor", "--database", &server.database])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"tooshort\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("12 to 256 characters"));
    let (_, listed) = cli(&server.database, &["user", "list"]).await;
    assert!(!listed.contains("short@force.example"));
}

#[tokio::test]
async fn no_session_no_console() {
    let server = start(&["--no-samples"]);
    for path in ["/v1/me", "/v1/inbox", "/v1/insight", "/v1/audit", "/v1/people"] {
        let response = Client::new().get(format!("{}{path}", server.url)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let forged = Client::new()
        .get(format!("{}/v1/inbox", server.url))
        .header(reqwest::header::COOKIE, "pe_session=00112233445566778899aabbccddeeff")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_session_cookie_is_httponly_strict_and_host_only_on_https() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    let response = sign_in_raw(&server, &server.url, "sam@force.example", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("pe_session="), "{cookie}");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http: a Secure cookie would never come back");
    let id = cookie.split(';').next().unwrap().split('=').nth(1).unwrap();
    assert_eq!(id.len(), 64, "256 random bits");
    assert!(!server.logs().contains(id), "the session id is not logged");

    // Behind TLS: the __Host- prefix and Secure.
    let tls = start(&["--no-samples", "--public-url", "https://updates.force.example"]);
    add_person(&tls.database, "sam@force.example", "responder");
    let response = sign_in_raw(&tls, "https://updates.force.example", "sam@force.example", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-pe_session=") && cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"));
}

#[tokio::test]
async fn requests_from_another_origin_are_refused() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    let response = sign_in_raw(&server, "https://evil.example", "sam@force.example", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get(SET_COOKIE).is_none(), "no cookie for another origin");
    let missing = Client::new()
        .post(format!("{}/v1/session", server.url))
        .json(&json!({ "email": "sam@force.example", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::FORBIDDEN, "no Origin at all");

    let id = feedback(&server, "key-origin-0001", false).await;
    let mut console = Console::sign_in(&server, "sam@force.example").await;
    console.origin = "https://evil.example".into();
    let patch = json!({ "status": "closed" });
    let (status, body) = console.call(Method::PATCH, &format!("/v1/inbox/{id}"), Some(patch.clone())).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    let (status, _) = console.call(Method::DELETE, "/v1/session", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not even sign-out");
    console.origin = server.url.clone();
    assert_eq!(console.get(&format!("/v1/inbox/{id}")).await["status"], "new", "nothing changed");
    assert_eq!(console.call(Method::PATCH, &format!("/v1/inbox/{id}"), Some(patch)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_get_the_same_answer() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    let wrong = sign_in_raw(&server, &server.url, "sam@force.example", "not the password at all").await;
    let (wrong_status, wrong_body) = (wrong.status(), wrong.text().await.unwrap());
    let unknown = sign_in_raw(&server, &server.url, "nobody@force.example", "not the password at all").await;
    assert_eq!((unknown.status(), unknown.text().await.unwrap()), (wrong_status, wrong_body.clone()));
    assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
    assert!(wrong_body.contains("Enter a correct email address and password."));
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_even_against_the_right_one() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    let started = std::time::Instant::now();
    for _ in 0..10 {
        let response = sign_in_raw(&server, &server.url, "sam@force.example", "guess guess guess").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    assert!(started.elapsed() >= std::time::Duration::from_millis(1000), "failures are slowed");
    let locked = sign_in_raw(&server, &server.url, "sam@force.example", PASSWORD).await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS, "the right password is refused too");
    let wait: u64 = locked.headers()[RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((60..=900).contains(&wait), "Retry-After {wait}");
    let body: Value = locked.json().await.unwrap();
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("Try again in 15 minutes"), "{body}");
    // Someone else, from the same address, is not locked out by it.
    add_person(&server.database, "alex@force.example", "editor");
    assert_eq!(sign_in_raw(&server, &server.url, "alex@force.example", PASSWORD).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn one_client_guessing_across_many_accounts_is_refused() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    for n in 0..30 {
        let email = format!("guess{n}@force.example");
        assert_eq!(
            sign_in_raw(&server, &server.url, &email, "guess guess guess").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let refused = sign_in_raw(&server, &server.url, "sam@force.example", PASSWORD).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key(RETRY_AFTER));
}

/// Signs in as a browser behind the test's trusted proxy at `client` would.
async fn sign_in_from(server: &Server, client: &str, email: &str, password: &str) -> StatusCode {
    Client::new()
        .post(format!("{}/v1/session", server.url))
        .header("origin", &server.url)
        .header("x-forwarded-for", client)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn forty_guesses_sent_at_once_try_at_most_the_limit() {
    // Room for all forty at once, so none is shed before the guard sees it.
    let server = start(&["--no-samples", "--max-sign-ins-in-flight", "40"]);
    add_person(&server.database, "sam@force.example", "responder");
    let guesses = (0..40).map(|n| {
        let server = &server;
        async move { sign_in_raw(server, &server.url, "sam@force.example", &format!("guess number {n}")).await.status() }
    });
    let answers = futures_util::future::join_all(guesses).await;
    let tried = answers.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = answers.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((tried, refused), (10, 30), "{answers:?}");
}

#[tokio::test]
async fn a_guesser_elsewhere_cannot_lock_out_a_known_client_and_an_admin_can_unlock() {
    let server = start(&["--no-samples", "--trusted-proxy", "127.0.0.1"]);
    add_person(&server.database, "sam@force.example", "responder");
    add_person(&server.database, "admin@force.example", "admin");
    let (desk, laptop) = ("198.51.100.7", "192.0.2.44");
    assert_eq!(sign_in_from(&server, desk, "sam@force.example", PASSWORD).await, StatusCode::OK);
    // Someone guesses from one IPv6 /64, a new address each time: it is one client.
    for n in 1..=10 {
        let guesser = format!("2001:db8:bad:1::{n:x}");
        assert_eq!(sign_in_from(&server, &guesser, "sam@force.example", "guess guess").await, StatusCode::UNAUTHORIZED);
    }
    let next = sign_in_from(&server, "2001:db8:bad:1:ffff::1", "sam@force.example", "guess guess").await;
    assert_eq!(next, StatusCode::TOO_MANY_REQUESTS, "the /64 has used its ten");
    // The account is now refused to clients new to it, but not to Sam's desk.
    assert_eq!(sign_in_from(&server, laptop, "sam@force.example", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sign_in_from(&server, desk, "sam@force.example", PASSWORD).await, StatusCode::OK);
    let (_, listed) = cli(&server.database, &["user", "list"]).await;
    assert!(listed.lines().any(|l| l.starts_with("sam@force.example") && l.contains("locked")), "{listed}");

    // An admin sees it in the console and unlocks; the laptop signs in.
    let admin = Console::sign_in(&server, "admin@force.example").await;
    let people = admin.get("/v1/people").await;
    let sam = people.as_array().unwrap().iter().find(|p| p["email"] == "sam@force.example").unwrap().clone();
    assert_eq!(sam["locked"], true);
    let path = format!("/v1/people/{}", sam["id"].as_str().unwrap());
    let (status, unlocked) = admin.call(Method::PATCH, &path, Some(json!({ "locked": false }))).await;
    assert_eq!((status, unlocked["locked"].clone()), (StatusCode::OK, json!(false)));
    assert_eq!(sign_in_from(&server, laptop, "sam@force.example", PASSWORD).await, StatusCode::OK);
    let audit = admin.get("/v1/audit").await.to_string();
    assert!(audit.contains("person_unlocked"), "{audit}");

    // And from the command line.
    for n in 0..11 {
        let guesser = format!("203.0.113.{}", 100 + n % 3);
        sign_in_from(&server, &guesser, "sam@force.example", "guess").await;
    }
    assert_eq!(sign_in_from(&server, "192.0.2.99", "sam@force.example", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    let (ok, said) = cli(&server.database, &["user", "unlock", "sam@force.example"]).await;
    assert!(ok && said.contains("Unlocked sam@force.example"), "{said}");
    assert_eq!(sign_in_from(&server, "192.0.2.99", "sam@force.example", PASSWORD).await, StatusCode::OK);
    // The log names an unknown account by its domain only, never what was typed.
    sign_in_from(&server, "192.0.2.99", "my-secret-pass@force.example", "x").await;
    assert!(!admin.get("/v1/audit").await.to_string().contains("my-secret-pass"));
}

#[tokio::test]
async fn contact_details_given_without_consent_reach_no_one() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "admin@force.example", "admin");
    let body = json!({
        "message": "Please fix the streetlight on Mill Lane.",
        "name": "Sam Private",
        "contact_consent": false,
        "lang": "en",
        "page": format!("{}/streets", server.url),
        "key": "key-consent-0001",
    });
    let id = send_feedback(&server, &server.url, &body).await;
    let admin = Console::sign_in(&server, "admin@force.example").await;
    let token_csv = Client::new()
        .get(format!("{}/v1/feedback?format=csv", server.url))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (_, exported) = cli(&server.database, &["export-feedback", "--output", "-"]).await;
    let seen = [
        admin_get(&format!("{}/v1/feedback", server.url)).await.to_string(),
        token_csv,
        admin.send(Method::GET, "/v1/feedback?format=csv", None).await.text().await.unwrap(),
        admin.send(Method::GET, "/v1/inbox.csv", None).await.text().await.unwrap(),
        admin.send(Method::GET, &format!("/v1/inbox.csv?ids={id}"), None).await.text().await.unwrap(),
        admin.get(&format!("/v1/inbox/{id}")).await.to_string(),
        exported,
    ];
    for (n, answer) in seen.iter().enumerate() {
        assert!(answer.contains("Mill Lane"), "answer {n} holds the feedback: {answer}");
        assert!(!answer.contains("Sam Private"), "answer {n} shows the name: {answer}");
    }
}

#[tokio::test]
async fn roles_are_enforced_by_the_server() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "resp@force.example", "responder");
    add_person(&server.database, "ed@force.example", "editor");
    let id = feedback(&server, "key-roles-00001", true).await;
    let responder = Console::sign_in(&server, "resp@force.example").await;
    let editor = Console::sign_in(&server, "ed@force.example").await;

    // A responder cannot publish or manage people.
    let update = json!({ "title": "Appeal", "category": "appeal" });
    assert_eq!(responder.call(Method::POST, "/v1/updates", Some(update.clone())).await.0, StatusCode::FORBIDDEN);
    assert_eq!(responder.call(Method::GET, "/v1/people", None).await.0, StatusCode::FORBIDDEN);
    let person = json!({ "email": "new@force.example", "password": PASSWORD, "role": "admin" });
    assert_eq!(responder.call(Method::POST, "/v1/people", Some(person)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(responder.call(Method::GET, "/v1/audit", None).await.0, StatusCode::FORBIDDEN);
    assert_eq!(responder.call(Method::DELETE, &format!("/v1/inbox/{id}"), None).await.0, StatusCode::FORBIDDEN);
    // ...but handles feedback, and sees the contact details the resident gave with consent.
    let detail = responder.get(&format!("/v1/inbox/{id}")).await;
    assert_eq!(detail["contact"]["email"], "sian@example.org");

    // An editor publishes, reads feedback without contact details, and cannot handle it.
    assert_eq!(editor.call(Method::POST, "/v1/updates", Some(update)).await.0, StatusCode::CREATED);
    let detail = editor.get(&format!("/v1/inbox/{id}")).await;
    assert_eq!((detail["contact"].clone(), detail["contact_withheld"].clone()), (Value::Null, json!(true)));
    assert!(!detail.to_string().contains("sian@example.org") && !detail.to_string().contains("Siân"));
    let patch = json!({ "status": "closed" });
    assert_eq!(editor.call(Method::PATCH, &format!("/v1/inbox/{id}"), Some(patch)).await.0, StatusCode::FORBIDDEN);
    let note = json!({ "body": "called back" });
    assert_eq!(editor.call(Method::POST, &format!("/v1/inbox/{id}/notes"), Some(note)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(editor.send(Method::GET, "/v1/inbox.csv", None).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(editor.send(Method::GET, "/v1/feedback?format=csv", None).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn disabling_a_person_ends_their_sessions_at_once() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    let console = Console::sign_in(&server, "sam@force.example").await;
    assert_eq!(console.get("/v1/me").await["email"], "sam@force.example");
    let (ok, said) = cli(&server.database, &["user", "disable", "sam@force.example"]).await;
    assert!(ok, "{said}");
    assert_eq!(console.call(Method::GET, "/v1/me", None).await.0, StatusCode::UNAUTHORIZED);
    let again = sign_in_raw(&server, &server.url, "sam@force.example", PASSWORD).await;
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED, "a disabled account signs in no more");
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    let console = Console::sign_in(&server, "sam@force.example").await;
    let response = console.send(Method::DELETE, "/v1/session", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(console.call(Method::GET, "/v1/inbox", None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn idle_and_old_sessions_end() {
    let server = start(&["--no-samples", "--session-idle-minutes", "30", "--session-hours", "12"]);
    add_person(&server.database, "sam@force.example", "responder");
    let idle = Console::sign_in(&server, "sam@force.example").await;
    let old = Console::sign_in(&server, "sam@force.example").await;
    let db = police_engage_server::db::open(&server.database).await.unwrap();
    let now = police_engage_server::identity::sessions::now_ms();
    let hash = |c: &Console| police_engage_server::identity::admin_token::hash(c.cookie.split('=').nth(1).unwrap());
    sqlx::query("UPDATE sessions SET seen_ms = $2 WHERE id_hash = $1")
        .bind(hash(&idle))
        .bind(now - 31 * 60_000)
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE sessions SET created_ms = $2, seen_ms = $3 WHERE id_hash = $1")
        .bind(hash(&old))
        .bind(now - 13 * 3_600_000)
        .bind(now - 60_000)
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(idle.call(Method::GET, "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "idle 31 minutes");
    assert_eq!(old.call(Method::GET, "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "13 hours old");
    let fresh = Console::sign_in(&server, "sam@force.example").await;
    assert_eq!(fresh.get("/v1/me").await["email"], "sam@force.example");
}

/// Your account: a new password needs the current one (a wrong one is
/// counted as a guess), follows the same rules, keeps this session and ends
/// the others; the old password no longer signs in. Both changes audited.
#[tokio::test]
async fn a_password_change_asks_for_the_current_one_and_ends_other_sessions() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "pat@force.example", "responder");
    let (here, elsewhere) =
        (Console::sign_in(&server, "pat@force.example").await, Console::sign_in(&server, "pat@force.example").await);
    let change = |current: &str, new: &str| json!({ "current": current, "new": new });
    let (status, wrong) =
        here.call(Method::POST, "/v1/me/password", Some(change("not it at all", "a brand new passphrase"))).await;
    assert_eq!((status, wrong["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("current")));
    let (status, weak) = here.call(Method::POST, "/v1/me/password", Some(change(PASSWORD, "short"))).await;
    assert_eq!((status, weak["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("new")));
    assert_eq!(elsewhere.call(Method::GET, "/v1/me", None).await.0, StatusCode::OK, "nothing changed yet");
    let (status, _) =
        here.call(Method::POST, "/v1/me/password", Some(change(PASSWORD, "a brand new passphrase"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(here.call(Method::GET, "/v1/me", None).await.0, StatusCode::OK, "this session stays");
    assert_eq!(elsewhere.call(Method::GET, "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "the others end");
    let old = sign_in_raw(&server, &server.url, "pat@force.example", PASSWORD).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = sign_in_raw(&server, &server.url, "pat@force.example", "a brand new passphrase").await;
    assert_eq!(new.status(), StatusCode::OK);
    // Another origin cannot change it for them, even with the cookie.
    let forged = Client::new()
        .post(format!("{}/v1/me/password", server.url))
        .header(reqwest::header::COOKIE, &here.cookie)
        .header(reqwest::header::ORIGIN, "https://evil.example")
        .json(&change("a brand new passphrase", "attacker's choice here"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    assert_eq!(here.call(Method::POST, "/v1/me/sign-out-everywhere", None).await.0, StatusCode::OK);
    assert_eq!(here.call(Method::GET, "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "this one too");
    add_person(&server.database, "admin@force.example", "admin");
    let admin = Console::sign_in(&server, "admin@force.example").await;
    let log = admin.get("/v1/audit").await.to_string();
    assert!(log.contains("password_changed") && log.contains("signed_out_everywhere"), "{log}");
}

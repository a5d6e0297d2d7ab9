//! Second factors without a browser, on SQLite and PostgreSQL: the rule
//! that sends covered people to set one up, the half sign-in that is not a
//! session, an authenticator's codes accepted once, recovery codes once,
//! wrong codes counted like wrong passwords, and changes only by the owner
//! with the password asked again.

use reqwest::header::{COOKIE, ORIGIN, SET_COOKIE};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{json, Value};
use totp_rs::{Builder, Secret};

use crate::support::console::{add_person, sign_in_raw, Console, PASSWORD};
use crate::support::{cli, start, Server, ADMIN_TOKEN};

fn cookies(response: &Response) -> Vec<String> {
    response.headers().get_all(SET_COOKIE).iter().map(|c| c.to_str().unwrap().to_owned()).collect()
}

/// The `name=value` of the cookie called `name`, as set.
fn cookie(response: &Response, name: &str) -> Option<String> {
    cookies(response)
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

fn code(secret: &str, at: u64) -> String {
    let app = Builder::new().with_secret(Secret::try_from_base32(secret).unwrap()).build().unwrap();
    app.generate(at).to_string()
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()
}

async fn send_code(server: &Server, half: &str, code: &str) -> Response {
    Client::new()
        .post(format!("{}/v1/session/security-code", server.url))
        .header(ORIGIN, &server.url)
        .header(COOKIE, half)
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap()
}

/// An authenticator set up for the person signed in as `console`; its key
/// and the recovery codes.
async fn set_up_authenticator(console: &Console) -> (String, Vec<String>) {
    let (status, wrong) = console.call(Method::POST, "/v1/me/authenticator", Some(json!({"password": "not it"}))).await;
    assert_eq!((status, wrong["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("password")));
    let (status, setup) = console.call(Method::POST, "/v1/me/authenticator", Some(json!({"password": PASSWORD}))).await;
    assert_eq!(status, StatusCode::OK, "{setup}");
    let secret = setup["secret"].as_str().unwrap().to_owned();
    assert!(setup["uri"].as_str().unwrap().starts_with("otpauth://totp/"));
    assert!(setup["qr"].as_array().unwrap().len() > 20, "a QR code to scan");
    let (status, _) = console.call(Method::POST, "/v1/me/authenticator/confirm", Some(json!({"code": "000000"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, codes) =
        console.call(Method::POST, "/v1/me/authenticator/confirm", Some(json!({"code": code(&secret, now())}))).await;
    assert_eq!(status, StatusCode::OK, "{codes}");
    let codes: Vec<String> = serde_json::from_value(codes["codes"].clone()).unwrap();
    (secret, codes)
}

#[tokio::test]
async fn an_admin_sets_up_a_factor_before_anything_else_and_then_signs_in_with_it() {
    let server = start(&["--no-samples", "--require-second-factor", "admins"]);
    add_person(&server.database, "root@force.example", "admin");
    let console = Console::sign_in(&server, "root@force.example").await;
    let me = console.get("/v1/me").await;
    assert_eq!((me["method"].as_str(), me["needs_second_factor"].as_bool()), (Some("password"), Some(true)));
    let (status, body) = console.call(Method::GET, "/v1/inbox", None).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::FORBIDDEN, Some("second_factor")));

    let (secret, codes) = set_up_authenticator(&console).await;
    assert_eq!(codes.len(), 10);
    assert_eq!(console.call(Method::GET, "/v1/inbox", None).await.0, StatusCode::OK, "set up: the console opens");
    let factors = console.get("/v1/me/second-factors").await;
    assert_eq!(
        (factors["factors"][0]["kind"].as_str(), factors["recovery_codes_left"].as_u64()),
        (Some("authenticator"), Some(10))
    );

    // A right password now starts a half sign-in: no session, one cookie
    // for the sign-in routes only, and nothing else it opens.
    let answer = sign_in_raw(&server, &server.url, "root@force.example", PASSWORD).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let half = cookie(&answer, "pe_half_sign_in").expect("a half sign-in");
    assert!(cookies(&answer).iter().all(|c| !c.starts_with("pe_session=")), "no session yet");
    assert!(cookies(&answer)[0].contains("Path=/v1/session; HttpOnly; SameSite=Strict"));
    assert_eq!(answer.json::<Value>().await.unwrap(), json!({"second_factor": {"code": true, "passkey": false}}));
    let me = Client::new().get(format!("{}/v1/me", server.url)).header(COOKIE, &half).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);

    // The code used to confirm the app is spent; a recovery code works once.
    assert_eq!(send_code(&server, &half, &code(&secret, now())).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(send_code(&server, "pe_half_sign_in=forged", &codes[0]).await.status(), StatusCode::UNAUTHORIZED);
    let signed_in = send_code(&server, &half, &codes[0].to_uppercase()).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    assert!(cookie(&signed_in, "pe_session").is_some());
    assert_eq!(
        send_code(&server, &half, &codes[1]).await.status(),
        StatusCode::UNAUTHORIZED,
        "the half sign-in is used up"
    );

    let again = sign_in_raw(&server, &server.url, "root@force.example", PASSWORD).await;
    let half = cookie(&again, "pe_half_sign_in").unwrap();
    assert_eq!(send_code(&server, &half, &codes[0]).await.status(), StatusCode::UNPROCESSABLE_ENTITY, "used once");
    let next = code(&secret, now() + 30);
    assert_eq!(send_code(&server, &half, &next).await.status(), StatusCode::OK, "the app's next code");
    let audit = Client::new().get(format!("{}/v1/audit", server.url)).bearer_auth(ADMIN_TOKEN).send().await.unwrap();
    let actions: Vec<String> = audit.json::<Value>().await.unwrap()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    for action in ["second_factor_added", "recovery_code_used", "sign_in_failed", "sign_in"] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
}

#[tokio::test]
async fn wrong_security_codes_are_limited_per_account_whatever_the_password_does() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    let (secret, _) = set_up_authenticator(&Console::sign_in(&server, "sam@force.example").await).await;
    let half = || async {
        let answer = sign_in_raw(&server, &server.url, "sam@force.example", PASSWORD).await;
        cookie(&answer, "pe_half_sign_in").unwrap()
    };
    let wrong = |n: u32| format!("{:06}", (n * 7919 + 13) % 1_000_000);
    // Three wrong codes end a half sign-in: the password again.
    let first = half().await;
    for n in 0..3 {
        assert_eq!(send_code(&server, &first, &wrong(n)).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(send_code(&server, &first, &wrong(3)).await.status(), StatusCode::UNAUTHORIZED);
    // The right password again does not take wrong codes back: past five,
    // codes are refused for a while, the right one too.
    let second = half().await;
    for n in 4..6 {
        assert_eq!(send_code(&server, &second, &wrong(n)).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let third = half().await;
    assert_eq!(send_code(&server, &third, &wrong(6)).await.status(), StatusCode::TOO_MANY_REQUESTS);
    let right = send_code(&server, &third, &code(&secret, now() + 30)).await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS, "refused for a while, the right code too");
    // An admin's unlock lets them in at once.
    let (ok, _) = cli(&server.database, &["user", "unlock", "sam@force.example"]).await;
    assert!(ok);
    assert_eq!(send_code(&server, &third, &code(&secret, now() + 30)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn factors_are_changed_only_by_their_owner_with_the_password_and_an_admin_can_reset_them() {
    let server = start(&["--no-samples"]);
    add_person(&server.database, "sam@force.example", "responder");
    add_person(&server.database, "kim@force.example", "responder");
    let sam = Console::sign_in(&server, "sam@force.example").await;
    set_up_authenticator(&sam).await;
    let id = sam.get("/v1/me/second-factors").await["factors"][0]["id"].as_str().unwrap().to_owned();
    let kim = Console::sign_in(&server, "kim@force.example").await;
    let rename = format!("/v1/me/second-factors/{id}/rename");
    let (status, _) = kim.call(Method::POST, &rename, Some(json!({"name": "Mine now", "password": PASSWORD}))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "someone else's factor");
    let (status, _) = sam.call(Method::POST, &rename, Some(json!({"name": "Phone", "password": "wrong"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = sam.call(Method::POST, &rename, Some(json!({"name": "", "password": PASSWORD}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, list) = sam.call(Method::POST, &rename, Some(json!({"name": "Phone", "password": PASSWORD}))).await;
    assert_eq!((status, list["factors"][0]["name"].as_str()), (StatusCode::OK, Some("Phone")));
    let token = Client::new().get(format!("{}/v1/me/second-factors", server.url)).bearer_auth(ADMIN_TOKEN).send().await;
    assert_eq!(token.unwrap().status(), StatusCode::FORBIDDEN, "the token has no factors");

    let people = crate::support::admin_get(&format!("{}/v1/people", server.url)).await;
    let person = people.as_array().unwrap().iter().find(|p| p["email"] == "sam@force.example").unwrap().clone();
    assert_eq!(person["second_factors"], 1);
    let reset = Client::new()
        .patch(format!("{}/v1/people/{}", server.url, person["id"].as_str().unwrap()))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "second_factors": 0 }))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.json::<Value>().await.unwrap()["second_factors"], 0);
    assert_eq!(sam.call(Method::GET, "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "their sessions ended");
    let answer = sign_in_raw(&server, &server.url, "sam@force.example", PASSWORD).await;
    assert!(cookie(&answer, "pe_session").is_some(), "a password alone again");

    // Break-glass, from the command line: the same reset, audited.
    set_up_authenticator(&Console::sign_in(&server, "sam@force.example").await).await;
    let (ok, said) = cli(&server.database, &["user", "reset-second-factors", "sam@force.example"]).await;
    assert!(ok && said.contains("Reset sam@force.example's second factors"), "{said}");
    let answer = sign_in_raw(&server, &server.url, "sam@force.example", PASSWORD).await;
    assert!(cookie(&answer, "pe_session").is_some(), "a password alone again");
}

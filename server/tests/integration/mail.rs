//! Mail on SQLite and PostgreSQL alike, written as `.eml` files
//! (`--smtp-url file:DIR`): a reply queued with its answer and delivered,
//! an alert sign-up confirmed, an urgent appeal alerted once, the one-click
//! stop, and erasure taking a submission's answers with it.

use std::path::Path;

use reqwest::header::ORIGIN;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use crate::support::console::{add_person, send_feedback, Console};
use crate::support::{eventually, start, ADMIN_TOKEN};

/// Every message written so far, as text.
fn messages(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn replies_and_alerts_go_through_the_outbox_and_erasure_takes_them_away() {
    let mail = tempfile::tempdir().unwrap();
    let smtp = format!("file:{}", mail.path().display());
    let server = start(&["--no-samples", "--smtp-url", &smtp]);
    add_person(&server.database, "sam@force.example", "responder");

    // A reply: queued with the answer, then delivered, in Welsh.
    let body = json!({"message": "Ble mae'r swyddfa?", "email": "rhian@example.org", "contact_consent": true,
        "lang": "cy", "page": format!("{}/", server.url), "key": "key-mail-test-1"});
    let id = send_feedback(&server, &server.url, &body).await;
    let sam = Console::sign_in(&server, "sam@force.example").await;
    let (status, detail) =
        sam.call(Method::POST, &format!("/v1/inbox/{id}/reply"), Some(json!({"body": "Yn y dref."}))).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let reply = eventually("the reply written", || async {
        messages(mail.path()).into_iter().find(|m| m.contains("To: rhian@example.org"))
    })
    .await;
    assert!(reply.contains("Content-Language: cy") && reply.contains("Subject: Eich neges i"), "{reply}");
    eventually("the reply marked sent", || async {
        let detail = sam.get(&format!("/v1/inbox/{id}")).await;
        (detail["answers"][0]["delivery"] == "sent").then_some(())
    })
    .await;

    // An alert sign-up, confirmed from its mail; an urgent appeal alerted once.
    let form = Client::new()
        .post(format!("{}/alerts", server.url))
        .header(ORIGIN, &server.url)
        .form(&[
            ("email", "alerts@example.org"),
            ("area", "Abermor"),
            ("what", "urgent"),
            ("language", "en"),
            ("lang", "en"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let confirmation = eventually("the confirmation written", || async {
        messages(mail.path()).into_iter().find(|m| m.contains("To: alerts@example.org"))
    })
    .await;
    // Quoted-printable: soft line breaks, and `=` written `=3D`.
    let decoded = confirmation.replace("=\r\n", "").replace("=3D", "=");
    let token = decoded.split("token=").nth(1).unwrap().chars().take(64).collect::<String>();
    let confirmed = Client::new()
        .post(format!("{}/alerts/confirm", server.url))
        .header(ORIGIN, &server.url)
        .form(&[("token", token.as_str()), ("lang", "en")])
        .send()
        .await
        .unwrap();
    assert!(confirmed.text().await.unwrap().contains("Your alerts have started"));
    let appeal = json!({"id": "appeal", "title": "Appeal for witnesses", "category": "appeal", "priority": "urgent", "area": "Abermor"});
    for method in [Method::POST, Method::PUT] {
        let path = if method == Method::POST { "/v1/updates".to_owned() } else { "/v1/updates/appeal".to_owned() };
        let published = Client::new()
            .request(method, format!("{}{path}", server.url))
            .bearer_auth(ADMIN_TOKEN)
            .json(&appeal)
            .send()
            .await
            .unwrap();
        assert!(published.status().is_success());
    }
    let alert = eventually("the alert written", || async {
        messages(mail.path()).into_iter().find(|m| m.contains("Subject: Appeal for witnesses"))
    })
    .await;
    assert!(alert.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{alert}");
    // The file is written before the alert is marked sent: wait for the mark.
    let summary = eventually("the alert marked sent", || async {
        let summary: Value = crate::support::admin_get(&format!("{}/v1/alerts", server.url)).await;
        (summary["runs"][0]["sent"] == 1).then_some(summary)
    })
    .await;
    let alerts = messages(mail.path()).into_iter().filter(|m| m.contains("Subject: Appeal for witnesses")).count();
    assert_eq!((summary["runs"].as_array().map(Vec::len), alerts), (Some(1), 1), "the edit sent nothing: {summary}");

    // The one click stops them and forgets the address.
    let stop = Client::new()
        .post(format!("{}/alerts/unsubscribe?token={token}", server.url))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(stop.status(), StatusCode::OK);
    let summary: Value = crate::support::admin_get(&format!("{}/v1/alerts", server.url)).await;
    assert_eq!(summary["areas"], json!([]));

    // Erasing the submission erases its answers too.
    let erased =
        Client::new().delete(format!("{}/v1/inbox/{id}", server.url)).bearer_auth(ADMIN_TOKEN).send().await.unwrap();
    assert_eq!(erased.status(), StatusCode::OK);
    assert_eq!(sam.call(Method::GET, &format!("/v1/inbox/{id}"), None).await.0, StatusCode::NOT_FOUND);
}

//! The force writes updates (admin API and `publish` CLI), and what comes
//! out is a JSON Feed a standard reader (feed-rs) reads back intact.

use crate::support::{cli, database, start, start_with, Server, ADMIN_TOKEN};
use reqwest::header::{AUTHORIZATION, CACHE_CONTROL, ETAG, IF_NONE_MATCH, LOCATION};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

async fn admin(server: &Server, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut request = Client::new()
        .request(method, format!("{}{path}", server.url))
        .header(AUTHORIZATION, format!("Bearer {ADMIN_TOKEN}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn feed(server: &Server) -> (String, Vec<Value>) {
    let response = Client::new().get(format!("{}/v1/feed.json?limit=100", server.url)).send().await.unwrap();
    let etag = response.headers()[ETAG].to_str().unwrap().to_owned();
    let feed: Value = response.json().await.unwrap();
    (etag, feed["items"].as_array().unwrap().clone())
}

fn appeal() -> Value {
    json!({
        "id": "appeal-heol-las",
        "title": "Appeal after burglary on Heol Las",
        "summary": "A house on Heol Las was broken into between 2pm and 5pm on Tuesday.",
        "content_text": "A house on Heol Las was broken into between 2pm and 5pm on Tuesday. Jewellery was taken.",
        "url": "/news/appeal-heol-las",
        "image": "https://glanyrafon-police.example/media/heol-las.jpg",
        "image_alt": "A terraced street",
        "category": "appeal",
        "priority": "high",
        "area": "Pen-y-bryn",
        "reference": "GLP-20261124-0101",
        "tags": ["burglary"],
        "expires": "2030-01-01T00:00:00Z",
        "event": null
    })
}

#[tokio::test]
async fn create_edit_and_withdraw_show_in_the_feed_at_once() {
    let server = start(&["--no-samples"]);
    let (etag_before, items) = feed(&server).await;
    assert!(items.is_empty());

    let response = Client::new()
        .post(format!("{}/v1/updates", server.url))
        .header(AUTHORIZATION, format!("Bearer {ADMIN_TOKEN}"))
        .json(&appeal())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()[LOCATION], "/v1/updates/appeal-heol-las");
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["item"]["url"], format!("{}/news/appeal-heol-las", server.url), "paths are made absolute");

    let (etag_created, items) = feed(&server).await;
    assert_ne!(etag_created, etag_before, "a new ETag at once");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["_police"]["priority"], "high");
    assert_eq!(item["_police"]["reference"], "GLP-20261124-0101");
    assert_eq!(item["_police"]["image_alt"], "A terraced street");
    assert_eq!(item["_police"]["expires"], "2030-01-01T00:00:00Z");

    let mut edited = appeal();
    edited["title"] = json!("Appeal after burglary on Heol Las: jewellery taken");
    edited["priority"] = json!("urgent");
    let (status, body) = admin(&server, Method::PUT, "/v1/updates/appeal-heol-las", Some(edited)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (etag_edited, items) = feed(&server).await;
    assert_ne!(etag_edited, etag_created);
    assert_eq!(items[0]["title"], "Appeal after burglary on Heol Las: jewellery taken");
    assert_eq!(items[0]["date_published"], item["date_published"], "editing keeps the publication time");

    let (status, _) = admin(&server, Method::DELETE, "/v1/updates/appeal-heol-las", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(feed(&server).await.1.is_empty(), "withdrawn updates leave the feed");
    let (status, shown) = admin(&server, Method::GET, "/v1/updates/appeal-heol-las", None).await;
    assert_eq!((status, shown["withdrawn"].as_bool()), (StatusCode::OK, Some(true)));
}

#[tokio::test]
async fn bad_updates_get_field_level_errors() {
    let server = start(&["--no-samples"]);
    let (status, body) = admin(
        &server,
        Method::POST,
        "/v1/updates",
        Some(json!({"title": "", "category": "gossip", "url": "javascript:alert(1)", "event": {"start": "soon"}})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "url", "category", "event.start"]);

    let (status, body) = admin(&server, Method::POST, "/v1/updates", Some(json!({"title": ["not", "text"]}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "title");
    assert_eq!(body["errors"][0]["code"], "wrong_type");

    assert_eq!(admin(&server, Method::POST, "/v1/updates", Some(appeal())).await.0, StatusCode::CREATED);
    assert_eq!(admin(&server, Method::POST, "/v1/updates", Some(appeal())).await.0, StatusCode::CONFLICT);
    assert_eq!(admin(&server, Method::PUT, "/v1/updates/nope", Some(appeal())).await.0, StatusCode::NOT_FOUND);
    assert_eq!(admin(&server, Method::DELETE, "/v1/updates/nope", None).await.0, StatusCode::NOT_FOUND);
    let (status, body) =
        admin(&server, Method::PUT, "/v1/updates/appeal-heol-las", Some(json!({"id": "other", "title": "x"}))).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("id")));
}

#[tokio::test]
async fn writing_needs_the_admin_token() {
    let server = start(&["--no-samples"]);
    let client = Client::new();
    let url = format!("{}/v1/updates", server.url);
    assert_eq!(client.post(&url).json(&appeal()).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let wrong = client.post(&url).header(AUTHORIZATION, "Bearer guess").json(&appeal()).send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let delete = client.delete(format!("{url}/sample-courier-fraud")).send().await.unwrap();
    assert_eq!(delete.status(), StatusCode::UNAUTHORIZED);
    assert!(feed(&server).await.1.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn publish_from_a_file() {
    let (dir, db) = database();
    let file = dir.path().join("updates.json");
    let mut second = appeal();
    second["id"] = json!("event-surgery");
    second["title"] = json!("PCSO surgery");
    second["category"] = json!("event");
    second["event"] = json!({"start": "2030-03-01T18:00:00Z", "end": "2030-03-01T19:00:00Z", "address": "Library"});
    std::fs::write(&file, serde_json::to_vec(&json!([appeal(), second])).unwrap()).unwrap();
    let (ok, out) = cli(&db, &["publish", "--file", file.to_str().unwrap()]).await;
    assert!(ok, "{out}");
    assert!(out.contains("Published appeal-heol-las") && out.contains("Published event-surgery"), "{out}");

    std::fs::write(&file, br#"{"title": "", "priority": "whenever"}"#).unwrap();
    let (ok, out) = cli(&db, &["publish", "--file", file.to_str().unwrap()]).await;
    assert!(!ok);
    assert!(out.contains("title: title is required.") && out.contains("priority: priority must be one of"), "{out}");

    let server = start_with(dir, db, &["--no-samples"]);
    let (_, items) = feed(&server).await;
    let titles: Vec<&str> = items.iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"PCSO surgery"));
}

#[tokio::test]
async fn a_standard_reader_reads_the_feed_back_intact() {
    let server = start(&[]);
    let response = Client::new().get(format!("{}/v1/feed.json?limit=100", server.url)).send().await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/feed+json; charset=utf-8");
    let bytes = response.bytes().await.unwrap();
    let ours: Value = serde_json::from_slice(&bytes).unwrap();
    let parsed = feed_rs::parser::parse(bytes.as_ref()).expect("feed-rs reads our JSON Feed");
    let items = ours["items"].as_array().unwrap();
    assert_eq!(parsed.entries.len(), items.len());
    assert_eq!(parsed.title.unwrap().content, "Glanyrafon Police: latest updates");
    for (entry, item) in parsed.entries.iter().zip(items) {
        assert_eq!(entry.id, item["id"].as_str().unwrap());
        assert_eq!(entry.title.as_ref().unwrap().content, item["title"].as_str().unwrap());
        assert_eq!(entry.links[0].href, item["url"].as_str().unwrap());
        assert_eq!(entry.summary.as_ref().unwrap().content, item["summary"].as_str().unwrap());
        assert_eq!(entry.content.as_ref().unwrap().body.as_deref(), item["content_text"].as_str());
        let published = entry.published.unwrap().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        assert_eq!(published, item["date_published"].as_str().unwrap());
        let tags: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
        let ours: Vec<&str> = item["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert_eq!(tags, ours);
    }
    for key in ours.as_object().unwrap().keys().chain(items.iter().flat_map(|i| i.as_object().unwrap().keys())) {
        let standard = [
            "version",
            "title",
            "home_page_url",
            "feed_url",
            "next_url",
            "language",
            "items",
            "id",
            "url",
            "summary",
            "content_text",
            "image",
            "date_published",
            "date_modified",
            "tags",
        ];
        assert!(
            standard.contains(&key.as_str()) || key.starts_with('_'),
            "{key} is neither JSON Feed nor an extension"
        );
    }
}

async fn feed_in(server: &Server, query: &str) -> (StatusCode, String, Value) {
    let response = Client::new().get(format!("{}/v1/feed.json?{query}", server.url)).send().await.unwrap();
    let status = response.status();
    let etag = response.headers().get(ETAG).map(|e| e.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, etag, response.json().await.unwrap())
}

#[tokio::test]
async fn welsh_words_where_an_update_has_them_english_marked_where_not() {
    let server = start(&["--no-samples"]);
    let mut bilingual = appeal();
    bilingual["cy"] = json!({"title": "Apêl ar ôl byrgleriaeth ar Heol Las", "summary": "Torrwyd i mewn i dŷ ar Heol Las.",
                             "image_alt": "Stryd o dai teras"});
    assert_eq!(admin(&server, Method::POST, "/v1/updates", Some(bilingual)).await.0, StatusCode::CREATED);
    let english = json!({"id": "road-closed", "title": "Road closed after a collision", "date_published": "2026-01-01T00:00:00Z"});
    assert_eq!(admin(&server, Method::POST, "/v1/updates", Some(english)).await.0, StatusCode::CREATED);

    let (_, en_tag, en) = feed_in(&server, "").await;
    assert_eq!((en["language"].as_str(), en["_police"]["languages"].clone()), (Some("en-GB"), json!(["en-GB", "cy"])));
    assert!(en["items"].as_array().unwrap().iter().all(|i| i["language"] == "en-GB"));
    assert_eq!(en["items"][0]["title"], "Appeal after burglary on Heol Las");
    assert_eq!(feed_in(&server, "lang=en").await.1, en_tag, "lang=en is the English feed");

    let (status, cy_tag, cy) = feed_in(&server, "lang=cy").await;
    assert_eq!((status, cy["language"].as_str()), (StatusCode::OK, Some("cy")));
    assert_ne!(cy_tag, en_tag, "each language is its own page, with its own ETag");
    let (welsh, untranslated) = (&cy["items"][0], &cy["items"][1]);
    assert_eq!(
        (welsh["language"].as_str(), welsh["title"].as_str()),
        (Some("cy"), Some("Apêl ar ôl byrgleriaeth ar Heol Las"))
    );
    assert_eq!(welsh["summary"], "Torrwyd i mewn i dŷ ar Heol Las.");
    assert_eq!(welsh["_police"]["image_alt"], "Stryd o dai teras");
    assert_eq!(
        (untranslated["language"].as_str(), untranslated["title"].as_str()),
        (Some("en-GB"), Some("Road closed after a collision"))
    );

    let (_, _, paged) = feed_in(&server, "lang=cy&limit=1").await;
    assert!(paged["next_url"].as_str().unwrap().contains("lang=cy"), "the next page is Welsh too");
    let (status, _, refused) = feed_in(&server, "lang=fr").await;
    assert_eq!((status, refused["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("lang")));

    // An edit without `cy` keeps the Welsh; `"cy": {}` removes it.
    let mut edited = appeal();
    edited["priority"] = json!("urgent");
    assert_eq!(
        admin(&server, Method::PUT, "/v1/updates/appeal-heol-las", Some(edited.clone())).await.0,
        StatusCode::OK
    );
    assert_eq!(feed_in(&server, "lang=cy").await.2["items"][0]["language"], "cy");
    edited["cy"] = json!({});
    assert_eq!(admin(&server, Method::PUT, "/v1/updates/appeal-heol-las", Some(edited)).await.0, StatusCode::OK);
    assert_eq!(feed_in(&server, "lang=cy").await.2["items"][0]["language"], "en-GB");
}

#[tokio::test]
async fn a_scheduled_update_waits_and_the_console_lists_each_state() {
    let server = start(&["--no-samples"]);
    let later = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let scheduled = json!({"id": "surgery", "title": "PCSO surgery", "date_published": later});
    let expired = json!({"id": "old", "title": "Carnival closures", "expires": "2026-01-01T00:00:00Z"});
    let live = json!({"id": "live", "title": "Winter driving"});
    for update in [scheduled, expired, live.clone()] {
        assert_eq!(admin(&server, Method::POST, "/v1/updates", Some(update)).await.0, StatusCode::CREATED);
    }
    let ids = |items: &[Value]| items.iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(&feed(&server).await.1), ["live"], "not before its time, not after its expiry");

    let list = |state: &'static str| {
        let server = &server;
        async move { admin(server, Method::GET, &format!("/v1/updates?state={state}"), None).await.1 }
    };
    let scheduled = list("scheduled").await;
    assert_eq!(ids(scheduled["items"].as_array().unwrap()), ["surgery"]);
    assert_eq!(scheduled["items"][0]["channel"], "api");
    assert_eq!(scheduled["counts"], json!({"live": 1, "scheduled": 1, "expired": 1, "withdrawn": 0}));
    assert_eq!(ids(list("expired").await["items"].as_array().unwrap()), ["old"]);
    assert_eq!(admin(&server, Method::DELETE, "/v1/updates/live", None).await.0, StatusCode::NO_CONTENT);
    let withdrawn = list("withdrawn").await;
    assert_eq!(
        (ids(withdrawn["items"].as_array().unwrap()), withdrawn["counts"]["live"].as_u64()),
        (vec!["live".to_owned()], Some(0))
    );

    let (_, shown) = admin(&server, Method::GET, "/v1/updates/surgery", None).await;
    assert_eq!(
        (shown["state"].as_str(), shown["input"]["date_published"].as_str()),
        (Some("scheduled"), Some(later.as_str()))
    );
    let (status, bad) = admin(&server, Method::GET, "/v1/updates?state=lost", None).await;
    assert_eq!((status, bad["errors"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("state")));
}

#[tokio::test]
async fn a_preview_is_the_feed_the_draft_would_make_and_stores_nothing() {
    let server = start(&["--no-samples"]);
    let mut draft = appeal();
    draft["cy"] = json!({"title": "Apêl ar ôl byrgleriaeth"});
    let response = Client::new()
        .post(format!("{}/v1/updates/preview?lang=cy", server.url))
        .bearer_auth(ADMIN_TOKEN)
        .json(&draft)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/feed+json; charset=utf-8");
    let preview: Value = response.json().await.unwrap();
    assert_eq!(
        (preview["items"][0]["title"].as_str(), preview["language"].as_str()),
        (Some("Apêl ar ôl byrgleriaeth"), Some("cy"))
    );
    assert!(preview["_police"].get("feedback_url").is_none(), "a preview sends no feedback");
    assert!(feed(&server).await.1.is_empty(), "nothing was published");

    draft["image_alt"] = json!("");
    let (status, body) = admin(&server, Method::POST, "/v1/updates/preview", Some(draft)).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("image_alt")));
}

/// The embed builder's facts are kept like the feed's pages, so the areas it
/// offers follow a publication at once, and a builder asking again gets 304.
#[tokio::test]
async fn the_embed_builders_areas_follow_what_is_published() {
    let server = start(&["--no-samples"]);
    let url = format!("{}/v1/embed", server.url);
    let first = Client::new().get(&url).send().await.unwrap();
    assert_eq!(first.headers()[CACHE_CONTROL], "no-cache");
    let etag = first.headers()[ETAG].clone();
    let info: Value = first.json().await.unwrap();
    assert_eq!(info["areas"], json!([]));
    assert_eq!(info["pinned"], Value::Null, "the repository's loader is a development build");
    let again = Client::new().get(&url).header(IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    assert_eq!(admin(&server, Method::POST, "/v1/updates", Some(appeal())).await.0, StatusCode::CREATED);
    let after = Client::new().get(&url).header(IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::OK, "a publication changes the facts");
    assert_eq!(after.json::<Value>().await.unwrap()["areas"], json!(["Pen-y-bryn"]));
}

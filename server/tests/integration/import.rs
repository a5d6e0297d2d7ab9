//! Importing the force's own feeds: each format from a local HTTP server,
//! re-imports, edits, and sources that fail, hang or flood.

use std::time::{Duration, Instant};

use crate::support::sources::{self, fixture};
use crate::support::{cli, database, eventually, start_with};
use reqwest::Client;
use serde_json::Value;

async fn feed(url: &str) -> Vec<Value> {
    let feed: Value =
        Client::new().get(format!("{url}/v1/feed.json?limit=100")).send().await.unwrap().json().await.unwrap();
    feed["items"].as_array().unwrap().clone()
}

fn by_title<'a>(items: &'a [Value], title: &str) -> &'a Value {
    items.iter().find(|i| i["title"] == title).unwrap_or_else(|| panic!("no {title:?} in {items:#?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn each_format_imports_into_the_feed() {
    let src = sources::start().await;
    let (dir, db) = database();
    for path in [
        "/news.rss",
        "/news.atom",
        "/news.json",
        "/api/glanyrafon/riverside/events",
        "/api/glanyrafon/riverside/priorities#area=Riverside",
    ] {
        let (ok, out) = cli(&db, &["import", &format!("{}{path}", src.url)]).await;
        assert!(ok, "{path}: {out}");
        assert!(out.contains("created, 0 updated"), "{path}: {out}");
    }
    let server = start_with(dir, db, &["--no-samples"]);
    let items = feed(&server.url).await;
    assert_eq!(items.len(), 3 + 2 + 2 + 2 + 2);

    let appeal = by_title(&items, "Appeal for witnesses after collision on the A4067");
    assert_eq!(appeal["_police"]["category"], "appeal");
    assert_eq!(appeal["url"], "https://glanyrafon-police.example/news/appeal-a4067-collision");
    assert_eq!(appeal["image"], "https://glanyrafon-police.example/media/a4067.jpg");
    assert_eq!(appeal["date_published"], "2026-11-22T09:12:00Z");
    assert!(appeal["summary"]
        .as_str()
        .unwrap()
        .starts_with("Officers are appealing for witnesses after a two-vehicle collision"));
    assert!(appeal["summary"].as_str().unwrap().contains("quoting reference GLP-20261121-0555."));
    let seized = by_title(&items, "Drugs seized after warrant in Riverside");
    assert_eq!(seized["_police"]["category"], "success");
    assert_eq!(seized["summary"], "Cannabis worth an estimated £20,000 was seized & two people arrested.");
    assert_eq!(by_title(&items, "Station front counter opening hours over Christmas")["_police"]["category"], "news");

    let scam = by_title(&items, "Beware of online marketplace scams");
    assert_eq!(scam["_police"]["category"], "warning");
    assert_eq!(scam["content_text"], "Residents in Abermor have lost money to sellers who ask for payment by bank transfer. Pay with a card Meet in a public place");

    let missing = by_title(&items, "Missing: Dylan, 16, from Riverside");
    assert_eq!(missing["_police"]["priority"], "urgent");
    assert_eq!(missing["_police"]["reference"], "GLP-20261123-0999");
    assert_eq!(missing["_police"]["image_alt"], "Dylan smiling, wearing a blue football shirt");
    assert_eq!(by_title(&items, "Christmas drink-drive campaign results")["_police"]["category"], "success");

    let surgery = by_title(&items, "Riverside beat surgery");
    assert_eq!(surgery["_police"]["category"], "event");
    assert_eq!(surgery["_police"]["event"]["start"], "2030-07-14T17:30:00Z", "BST is UTC+1");
    assert_eq!(surgery["_police"]["event"]["address"], "Riverside Community Hub, Quay Road");
    assert_eq!(surgery["content_text"], "Come along and meet your local neighbourhood team.");
    assert_eq!(by_title(&items, "Bike marking")["_police"]["event"]["start"], "2030-12-05T10:00:00Z", "GMT in winter");

    let priority =
        items.iter().find(|i| i["title"].as_str().unwrap().starts_with("Neighbourhood priority: Antisocial")).unwrap();
    assert_eq!(priority["_police"]["area"], "Riverside", "the source's default area");
    assert!(priority["content_text"].as_str().unwrap().contains("What we are doing: High-visibility patrols"));
    assert!(!priority["content_text"].as_str().unwrap().contains('<'));
}

#[tokio::test(flavor = "multi_thread")]
async fn re_import_changes_nothing_and_an_edit_updates_its_update() {
    let src = sources::start().await;
    let (dir, db) = database();
    let url = format!("{}/editable.rss#category=news&area=Abermor", src.url);
    let (ok, out) = cli(&db, &["import", &url]).await;
    assert!(ok && out.contains("3 created"), "{out}");
    let (ok, out) = cli(&db, &["import", &url]).await;
    assert!(ok && out.contains("0 created, 0 updated, 3 unchanged"), "{out}");

    let (_etag_dir, etag_db) = database();
    let with_etag = format!("{}/news.rss", src.url);
    assert!(cli(&etag_db, &["import", &with_etag]).await.0);
    let (ok, out) = cli(&etag_db, &["import", &with_etag]).await;
    assert!(ok && out.contains("(not modified)"), "conditional GET: {out}");

    let edited = fixture("force-news.rss")
        .replace("Drugs seized after warrant in Riverside", "Drugs and cash seized after warrant in Riverside");
    *src.editable.lock().unwrap() = edited;
    let (ok, out) = cli(&db, &["import", &url]).await;
    assert!(ok && out.contains("0 created, 1 updated, 2 unchanged"), "{out}");

    let server = start_with(dir, db, &["--no-samples"]);
    let items = feed(&server.url).await;
    assert_eq!(items.len(), 3, "one update per source item");
    let edited = by_title(&items, "Drugs and cash seized after warrant in Riverside");
    assert_eq!(edited["_police"]["area"], "Abermor");
    assert!(items.iter().all(|i| i["title"] != "Drugs seized after warrant in Riverside"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_welsh_source_gives_its_english_twins_their_welsh_words() {
    let src = sources::start().await;
    let (dir, db) = database();
    let english = format!("{}/editable.rss", src.url);
    let welsh = format!("{}/news-cy.rss#welsh-of={english}", src.url);
    let (ok, out) = cli(&db, &["import", &welsh]).await;
    assert!(ok && out.contains("0 updated, 0 unchanged, 0 skipped, 3 without an English twin yet"), "{out}");
    assert!(cli(&db, &["import", &english]).await.0);
    let (ok, out) = cli(&db, &["import", &welsh]).await;
    assert!(ok && out.contains("0 created, 2 updated, 0 unchanged, 0 skipped, 1 without an English twin yet"), "{out}");
    let (ok, out) = cli(&db, &["import", &welsh]).await;
    assert!(ok && out.contains("0 updated, 2 unchanged"), "a re-import changes nothing: {out}");
    // An edit to the English source keeps the Welsh words.
    *src.editable.lock().unwrap() =
        fixture("force-news.rss").replace("Drugs seized after", "Drugs and cash seized after");
    assert!(cli(&db, &["import", &english]).await.1.contains("1 updated"));

    let server = start_with(dir, db, &["--no-samples"]);
    let welsh_feed: Value = Client::new()
        .get(format!("{}/v1/feed.json?lang=cy&limit=100", server.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = welsh_feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "no update of its own for a Welsh item");
    let by_id = |n: usize| (items[n]["language"].as_str().unwrap(), items[n]["title"].as_str().unwrap());
    assert_eq!(by_id(0), ("cy", "Apêl am dystion ar ôl gwrthdrawiad ar yr A4067"), "joined by id");
    assert_eq!(by_id(1), ("cy", "Cyffuriau wedi'u cymryd ar ôl gwarant yn Riverside"), "joined by link");
    assert_eq!(by_id(2), ("en-GB", "Station front counter opening hours over Christmas"));
    assert_eq!(
        by_title(&feed(&server.url).await, "Drugs and cash seized after warrant in Riverside")["language"],
        "en-GB"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn script_tracking_pixels_and_bad_links_never_get_through() {
    let src = sources::start().await;
    let (dir, db) = database();
    assert!(cli(&db, &["import", &format!("{}/hostile.rss", src.url)]).await.0);
    let server = start_with(dir, db, &["--no-samples"]);
    let items = feed(&server.url).await;
    assert_eq!(items.len(), 1);
    let text = serde_json::to_string(&items[0]).unwrap();
    assert_eq!(items[0]["title"], "Road closure update");
    assert_eq!(items[0]["summary"], "The road is closed. Diversion map");
    assert!(items[0].get("url").is_none(), "a javascript: link is dropped");
    for bad in ["alert", "script", "tracker", "pixel", "iframe", "evil.example", "javascript", "display:none", "<"] {
        assert!(!text.contains(bad), "{bad:?} got through: {text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn failing_sources_get_clear_errors_quickly() {
    let src = sources::start().await;
    let (_dir, db) = database();
    for (path, expected) in [
        ("/broken", "the source answered 500 Internal Server Error"),
        ("/hang", "the source did not answer in time"),
        ("/huge", "larger than"),
        ("/huge-chunked", "larger than"),
        ("/nowhere", "the source answered 404 Not Found"),
        ("/to-metadata", "refused a redirect to http://169.254.169.254/latest/meta-data/"),
    ] {
        let started = Instant::now();
        let (ok, out) = cli(&db, &["import", &format!("{}{path}", src.url)]).await;
        assert!(!ok, "{path} should fail");
        assert!(out.contains(expected), "{path}: {out}");
        assert!(started.elapsed() < Duration::from_secs(8), "{path} took {:?}", started.elapsed());
    }
    let (ok, out) = cli(&db, &["import", "http://127.0.0.1:9/feed.rss"]).await;
    assert!(!ok && out.contains("could not be reached"), "{out}");
}

#[tokio::test(flavor = "multi_thread")]
async fn scheduled_polling_keeps_the_feed_current_and_reports_broken_sources() {
    let src = sources::start().await;
    let (dir, db) = database();
    let good = format!("{}/editable.rss#area=Riverside", src.url);
    let broken = format!("{}/broken", src.url);
    let hanging = format!("{}/hang", src.url);
    let server = start_with(
        dir,
        db,
        &[
            "--no-samples",
            "--import-every",
            "1",
            "--import-timeout",
            "2",
            "--import-source",
            &good,
            "--import-source",
            &broken,
            "--import-source",
            &hanging,
        ],
    );
    let client = Client::new();
    eventually("the good source imported despite the broken ones", || async {
        (feed(&server.url).await.len() == 3).then_some(())
    })
    .await;

    *src.editable.lock().unwrap() =
        fixture("force-news.rss").replace("Station front counter", "Police station front counter");
    eventually("the edit to reach the feed by polling", || async {
        let items = feed(&server.url).await;
        items.iter().any(|i| i["title"] == "Police station front counter opening hours over Christmas").then_some(())
    })
    .await;

    let token = crate::support::ADMIN_TOKEN;
    let health: Value =
        client.get(format!("{}/healthz", server.url)).bearer_auth(token).send().await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    let sources = health["sources"].as_array().unwrap();
    let find = |url: &str| sources.iter().find(|s| s["url"] == url).unwrap().clone();
    assert_eq!(find(&good.replace("#area=Riverside", ""))["ok"], true);
    let broken_health = find(&broken);
    assert_eq!(broken_health["ok"], false);
    assert_eq!(broken_health["last_error"], "the source answered 500 Internal Server Error");

    let metrics = client.get(format!("{}/metrics", server.url)).bearer_auth(token).send().await.unwrap();
    let metrics = metrics.text().await.unwrap();
    assert!(
        metrics.contains(&format!("police_engage_import_runs_total{{source=\"{broken}\",result=\"error\"}}")),
        "{metrics}"
    );
    assert!(metrics.contains("change=\"created\"} 3"), "{metrics}");
}

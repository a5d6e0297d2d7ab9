//! The server's HTTP API, over real HTTP on loopback, against the real binary
//! with its own SQLite file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::start;
use reqwest::header::{
    ACCEPT_ENCODING, ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, HOST,
    IF_NONE_MATCH,
};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn get_json(client: &Client, url: &str) -> (StatusCode, Value) {
    let response = client.get(url).send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn feed_is_json_feed_with_police_extension_and_sample_updates() {
    let server = start(&[]);
    let client = Client::new();
    let response = client.get(format!("{}/v1/feed.json", server.url)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/feed+json; charset=utf-8");
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert_eq!(
        response.headers()[CACHE_CONTROL],
        "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400"
    );
    let feed: Value = response.json().await.unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["_police"]["feedback_url"], format!("{}/v1/feedback", server.url));
    assert!(feed["_police"].get("alerts_url").is_none(), "no alerts from a server that sends no mail");
    assert_eq!(feed["_police"]["force"]["name"], "Glanyrafon Police");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 11, "a dozen samples, one of them expired");
    for category in ["news", "appeal", "warning", "success", "event"] {
        assert!(items.iter().any(|i| i["_police"]["category"] == category), "no {category}");
    }
    let urgent = items.iter().find(|i| i["_police"]["priority"] == "urgent").unwrap();
    assert!(urgent["_police"]["reference"].is_string());
    let event = items.iter().find(|i| i["_police"]["category"] == "event").unwrap();
    assert!(event["_police"]["event"]["start"].is_string() && event["_police"]["event"]["address"].is_string());
    for item in items {
        assert!(item["id"].is_string() && item["title"].is_string() && item["content_text"].is_string());
        assert!(item["date_published"].as_str().unwrap().ends_with('Z'));
    }
}

#[tokio::test]
async fn etag_and_304() {
    let server = start(&[]);
    let client = Client::new();
    let url = format!("{}/v1/feed.json", server.url);
    let first = client.get(&url).send().await.unwrap();
    let etag = first.headers()[ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'));
    let again = client.get(&url).header(IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[ETAG], etag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());
    let other = client.get(&url).header(IF_NONE_MATCH, "\"something-else\"").send().await.unwrap();
    assert_eq!(other.status(), StatusCode::OK);
    let filtered = client.get(format!("{url}?category=event")).header(IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(filtered.status(), StatusCode::OK, "another query is another document");
    let tracked = client.get(format!("{url}?utm_source=newsletter")).header(IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(tracked.status(), StatusCode::NOT_MODIFIED, "a parameter the feed does not know is the same page");
}

/// A page already in the cache is answered before the router: it must carry
/// all that the router and its layers give one rendered now, in every coding,
/// and be counted as they count it.
#[tokio::test]
async fn a_cached_feed_page_is_answered_as_a_rendered_one_is() {
    let server = start(&["--public-url", "https://updates.force.example"]);
    let client = Client::new();
    let answer = |query: String, header: Option<(reqwest::header::HeaderName, String)>| {
        let mut request =
            client.get(format!("{}/v1/feed.json?{query}", server.url)).header("Origin", "https://council.example");
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        async move {
            let response = request.send().await.unwrap();
            let mut headers = response.headers().clone();
            headers.remove("date");
            (response.status(), headers, response.bytes().await.unwrap())
        }
    };
    let mut asked = 0;
    for (n, coding) in ["", "gzip", "br", "gzip, deflate, br, zstd"].into_iter().enumerate() {
        let query = format!("limit={}", n + 2);
        let accept = Some((ACCEPT_ENCODING, coding.to_owned()));
        let rendered = answer(query.clone(), accept.clone()).await;
        let cached = answer(query.clone(), accept).await;
        assert_eq!(rendered.0, StatusCode::OK);
        assert_eq!(rendered, cached, "{coding:?}");
        let etag = rendered.1[ETAG].to_str().unwrap().to_owned();
        let unchanged = answer(query, Some((IF_NONE_MATCH, etag))).await;
        assert_eq!(unchanged.0, StatusCode::NOT_MODIFIED);
        asked += 3;
        for name in [
            "strict-transport-security",
            "x-content-type-options",
            "referrer-policy",
            "vary",
            "access-control-expose-headers",
        ] {
            assert!(unchanged.1.contains_key(name) && cached.1.contains_key(name), "{name}");
        }
    }
    let metrics = client.get(format!("{}/metrics", server.url)).bearer_auth(crate::support::ADMIN_TOKEN).send();
    let metrics = metrics.await.unwrap().text().await.unwrap();
    let counted = |status: &str| {
        let line = metrics
            .lines()
            .find(|l| l.contains("route=\"/v1/feed.json\"") && l.contains(&format!("status=\"{status}\"")));
        line.and_then(|l| l.rsplit(' ').next()?.parse::<u32>().ok()).unwrap_or(0)
    };
    assert_eq!(counted("200") + counted("304"), asked, "{metrics}");
}

#[tokio::test]
async fn cors_preflight_allows_conditional_requests_from_any_page() {
    let server = start(&[]);
    let response = Client::new()
        .request(reqwest::Method::OPTIONS, format!("{}/v1/feed.json", server.url))
        .header("Origin", "https://council.example")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let allowed = response.headers()["access-control-allow-headers"].to_str().unwrap().to_lowercase();
    assert!(allowed.contains("if-none-match"), "{allowed}");
    let get = Client::new()
        .get(format!("{}/v1/feed.json", server.url))
        .header("Origin", "https://council.example")
        .send()
        .await
        .unwrap();
    assert_eq!(get.headers()["access-control-expose-headers"].to_str().unwrap().to_lowercase(), "etag");
}

#[tokio::test]
async fn filters_and_pages() {
    let server = start(&[]);
    let client = Client::new();
    let (_, appeals) = get_json(&client, &format!("{}/v1/feed.json?category=appeal", server.url)).await;
    let appeals = appeals["items"].as_array().unwrap();
    assert_eq!(appeals.len(), 3);
    assert!(appeals.iter().all(|i| i["_police"]["category"] == "appeal"));

    let (_, area) = get_json(&client, &format!("{}/v1/feed.json?area=riverside", server.url)).await;
    let areas: Vec<&str> =
        area["items"].as_array().unwrap().iter().map(|i| i["_police"]["area"].as_str().unwrap_or("")).collect();
    assert!(areas.iter().all(|a| *a == "Riverside" || a.is_empty()), "{areas:?}");
    assert!(areas.contains(&"Riverside") && areas.contains(&""), "force-wide updates belong to every area");

    let mut url = format!("{}/v1/feed.json?limit=4", server.url);
    let mut ids = Vec::new();
    let mut pages = 0;
    loop {
        let (status, page) = get_json(&client, &url).await;
        assert_eq!(status, StatusCode::OK);
        pages += 1;
        ids.extend(page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        match page["next_url"].as_str() {
            Some(next) => url = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((ids.len(), unique.len()), (11, 11), "every update once across pages");
}

#[tokio::test]
async fn bad_queries_get_400_with_a_json_reason() {
    let server = start(&[]);
    let client = Client::new();
    for (query, field) in
        [("category=gossip", "category"), ("limit=0", "limit"), ("limit=lots", "limit"), ("before=yesterday", "before")]
    {
        let (status, body) = get_json(&client, &format!("{}/v1/feed.json?{query}", server.url)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(body["errors"][0]["field"], field, "{query}");
        assert!(body["errors"][0]["message"].as_str().unwrap().len() > 10);
    }
}

#[tokio::test]
async fn the_first_view_is_the_widget_rendered_for_a_page_of_this_servers_feed() {
    let server = start(&[]);
    let client = Client::new();
    let first_view = |query: &str| client.get(format!("{}/v1/first-view?{query}", server.url));
    let response = first_view("src=v1/feed.json%3Flang%3Dcy&lang=cy&categories=appeal&limit=2&heading-level=3")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "text/html; charset=utf-8");
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert_eq!(response.headers()["content-security-policy"], "default-src 'none'");
    assert!(response.headers().contains_key(ETAG));
    let html = response.text().await.unwrap();
    assert!(html.starts_with("<section") && html.contains("lang=\"cy\""), "{html}");
    assert!(
        html.contains("<h3 id=\"pe-heading\"") && html.contains("Y diweddariadau diweddaraf gan yr heddlu"),
        "{html}"
    );
    assert_eq!(html.matches("class=\"pe-card ").count(), 2, "{html}");
    assert!(!html.contains("pe-badge-news"), "appeals only: {html}");
    assert!(html.contains("Dywedwch wrthym beth yw eich barn"), "the feed offers the form: {html}");

    for query in [
        "src=https%3A%2F%2Felsewhere.example%2Fv1%2Ffeed.json",
        "src=v1/feedback",
        "",
        "src=v1/feed.json%3Flimit%3Dlots",
    ] {
        let response = first_view(query).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let body: Value = response.json().await.unwrap();
        assert!(body["errors"][0]["message"].as_str().unwrap().len() > 10, "{query}");
    }
}

#[tokio::test]
async fn health_and_widget_files() {
    let server = start(&[]);
    let client = Client::new();
    let (status, health) = get_json(&client, &format!("{}/healthz", server.url)).await;
    assert_eq!((status, health), (StatusCode::OK, json!({ "status": "ok" })));

    let page = client.get(format!("{}/", server.url)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'") && csp.contains("style-src 'self';"), "{csp}");
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert_eq!(page.headers()["referrer-policy"], "strict-origin-when-cross-origin");
    assert!(page.text().await.unwrap().contains("<police-engage"));

    let loader = client.get(format!("{}/widget/police-engage.js", server.url)).send().await.unwrap();
    assert_eq!(loader.status(), StatusCode::OK);
    assert_eq!(loader.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(loader.headers()[CONTENT_TYPE].to_str().unwrap().contains("javascript"));

    let secret = client.get(format!("{}/widget/../Cargo.toml", server.url)).send().await.unwrap();
    assert_eq!(secret.status(), StatusCode::NOT_FOUND);
    let outside = client.get(format!("{}/widget/Makefile", server.url)).send().await.unwrap();
    assert_eq!(outside.status(), StatusCode::NOT_FOUND);

    // `make test` builds the widget before this runs.
    let wasm = client
        .get(format!("{}/widget/pkg/police_engage_bg.wasm", server.url))
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), StatusCode::OK, "no wasm: run `make widget` first");
    assert_eq!(wasm.headers()[CONTENT_TYPE], "application/wasm");
    assert_eq!(wasm.headers()[CONTENT_ENCODING], "br");
    assert_eq!(wasm.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}

#[tokio::test]
async fn settings_come_from_the_environment_too() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_police-engage-server")).arg("--help").output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for (flag, env) in [
        ("--listen", "POLICE_ENGAGE_LISTEN"),
        ("--database", "DATABASE_URL"),
        ("--allow-origin", "POLICE_ENGAGE_ALLOW_ORIGINS"),
        ("--admin-token", "POLICE_ENGAGE_ADMIN_TOKEN"),
        ("--feedback-rate", "POLICE_ENGAGE_FEEDBACK_RATE"),
    ] {
        assert!(help.contains(flag) && help.contains(env), "{flag} / {env} missing from --help");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_police-engage-server"))
        .env("POLICE_ENGAGE_LISTEN", "127.0.0.1:0")
        .env("DATABASE_URL", format!("sqlite://{}/env.db", dir.path().display()))
        .env("POLICE_ENGAGE_NO_SAMPLES", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines: Vec<String> =
        BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok).take(2).collect();
    assert!(lines[0].starts_with("Admin token (shown once, keep it safe): "), "{lines:?}");
    let url = lines[1].strip_prefix("Serving the demo on ").unwrap().trim_end_matches('/').to_owned();
    let (_, feed) = get_json(&Client::new(), &format!("{url}/v1/feed.json")).await;
    assert_eq!(feed["items"].as_array().unwrap().len(), 0, "no samples when asked");
    let _ = child.kill();
    let _ = child.wait();
    assert!(dir.path().join("env.db").exists());
}

#[tokio::test]
async fn what_the_public_sees_of_the_server() {
    // Reachable from other machines with no public URL: refused at start.
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/t.db", dir.path().display());
    let refused = Command::new(crate::support::binary())
        .args(["--listen", "0.0.0.0:0", "--database", &database, "--no-samples"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("give --public-url too"));

    let internal = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let secret_source = "http://127.0.0.1:9/news.rss?key=SECRET-KEY-123";
    let server = start(&[
        "--public-url",
        "https://updates.force.example",
        "--metrics-listen",
        &internal,
        "--import-source",
        secret_source,
    ]);
    let client = Client::new();
    let get = |path: &str| client.get(format!("{}{path}", server.url)).header(HOST, "evil.example").send();

    let health = get("/healthz").await.unwrap();
    assert_eq!(health.headers()["strict-transport-security"], "max-age=31536000");
    assert_eq!(health.json::<Value>().await.unwrap(), json!({ "status": "ok" }), "the status alone");
    assert_eq!(get("/metrics").await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let detail = client.get(format!("{}/healthz", server.url)).bearer_auth(crate::support::ADMIN_TOKEN).send();
    assert!(detail.await.unwrap().text().await.unwrap().contains("SECRET-KEY-123"), "the token sees the sources");
    let monitoring = client.get(format!("http://{internal}/healthz")).send().await.unwrap().text().await.unwrap();
    assert!(monitoring.contains("SECRET-KEY-123"), "{monitoring}");
    let metrics = client.get(format!("http://{internal}/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("police_engage_http_requests_total"), "{metrics}");

    // Links come from the public URL, whatever Host a request names.
    let feed: Value = get("/v1/feed.json").await.unwrap().json().await.unwrap();
    assert_eq!(feed["feed_url"], "https://updates.force.example/v1/feed.json");

    for path in ["/console/", "/embed"] {
        let page = get(path).await.unwrap();
        let header = |name: &str| page.headers()[name].to_str().unwrap().to_owned();
        assert!(header("permissions-policy").contains("camera=()"), "{path}");
        assert_eq!(header("cross-origin-opener-policy"), "same-origin", "{path}");
    }
    let builder = get("/embed").await.unwrap();
    let csp = builder.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("connect-src 'self' https://glanyrafon-police.example;"), "{csp}");

    let wrong_method = client.put(format!("{}/v1/feed.json", server.url)).send().await.unwrap();
    assert_eq!(wrong_method.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.json::<Value>().await.unwrap()["errors"][0]["field"], "method");
}

#[tokio::test]
async fn only_a_trusted_proxy_says_the_public_address_is_https() {
    let server = start(&["--no-samples"]);
    let feed = |proto: &'static str| {
        let request = Client::new().get(format!("{}/v1/feed.json", server.url)).header("x-forwarded-proto", proto);
        async move { request.send().await.unwrap().json::<Value>().await.unwrap()["feed_url"].as_str().unwrap().to_owned() }
    };
    let behind = start(&["--no-samples", "--trusted-proxy", "127.0.0.1"]);
    let from_proxy = |proto: &'static str| {
        let request = Client::new().get(format!("{}/v1/feed.json", behind.url)).header("x-forwarded-proto", proto);
        async move { request.send().await.unwrap().json::<Value>().await.unwrap()["feed_url"].as_str().unwrap().to_owned() }
    };
    // Twice each: once rendered, once from the cache.
    for _ in 0..2 {
        assert!(feed("https").await.starts_with("http://127.0.0.1:"), "a client's own header is ignored");
        assert!(from_proxy("https").await.starts_with("https://127.0.0.1:"));
        assert!(from_proxy("http").await.starts_with("http://127.0.0.1:"));
    }
}

/// A release's loader is offered at its own content-hashed address, cached
/// for good, with the integrity hash of exactly those bytes: a snippet that
/// pins it keeps working after the next release.
#[tokio::test]
async fn a_release_is_pinned_by_its_own_address() {
    use base64::Engine;
    use sha2::{Digest, Sha256, Sha384};
    let site = tempfile::tempdir().unwrap();
    let loader = b"const FILES = { glue: 'pkg/g.1a2b3c4d.js', integrity: { glue: 'sha384-abc' } };";
    let hashed: String = Sha256::digest(loader)[..4].iter().map(|b| format!("{b:02x}")).collect();
    let name = format!("police-engage.{hashed}.js");
    std::fs::create_dir(site.path().join("www")).unwrap();
    std::fs::write(site.path().join("www/police-engage.js"), loader).unwrap();
    std::fs::write(site.path().join("www").join(&name), loader).unwrap();
    let server = start(&["--site-dir", site.path().to_str().unwrap()]);

    let info: Value = Client::new().get(format!("{}/v1/embed", server.url)).send().await.unwrap().json().await.unwrap();
    assert_eq!(info["loader_url"], format!("{}/widget/police-engage.js", server.url));
    assert_eq!(info["pinned"]["url"], format!("{}/widget/{name}", server.url));
    let sri = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(loader)));
    assert_eq!(info["pinned"]["integrity"], sri);
    let pinned = Client::new().get(format!("{}/widget/{name}", server.url)).send().await.unwrap();
    assert_eq!(pinned.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert_eq!(&pinned.bytes().await.unwrap()[..], loader);
}

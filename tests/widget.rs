//! The widget's components in each state, in headless Chromium
//! (`wasm-pack test --headless --chrome`). Feeds are real bytes fetched by
//! the browser from blob: URLs; nothing is mocked.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, BlobPropertyBag, Element, HtmlButtonElement, HtmlElement, ShadowRootInit, ShadowRootMode, Url};

use police_engage::i18n::Lang;
use police_engage::mount::{mount, Widget};

wasm_bindgen_test_configure!(run_in_browser);

const FEED: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Test force",
  "items": [
    {"id": "old", "title": "Older news", "date_published": "2020-01-01T09:00:00Z", "content_text": "Old."},
    {"id": "urgent", "title": "Missing: Sam, 12", "url": "https://police.example/sam",
     "date_published": "2019-06-01T09:00:00Z", "summary": "Sam was last seen in the park.",
     "_police": {"category": "appeal", "priority": "urgent", "reference": "TP-123", "area": "Parkside"}},
    {"id": "hostile", "title": "<script>window.pwned = 1</script>", "url": "javascript:window.pwned = 2",
     "content_html": "<p>Visit <b>our</b> page</p><script>window.pwned = 3</script><img src=x onerror=\"window.pwned = 4\">",
     "date_published": "2021-01-01T09:00:00Z", "tags": ["warning"]},
    {"id": "gone", "title": "Expired", "_police": {"expires": "2000-01-01T00:00:00Z"}}
  ]
}"#;

struct Mounted {
    host: HtmlElement,
    root: Element,
    widget: Widget,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.widget.destroy();
        self.host.remove();
    }
}

fn blob_url(body: &str) -> String {
    let parts = Array::of1(&JsValue::from_str(body));
    let options = BlobPropertyBag::new();
    options.set_type("application/feed+json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    Url::create_object_url_with_blob(&blob).unwrap()
}

fn attributes(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (k, v) in pairs {
        Reflect::set(&object, &(*k).into(), &(*v).into()).unwrap();
    }
    object.into()
}

fn start(pairs: &[(&str, &str)]) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("police-engage-test").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).unwrap();
    let root = document.create_element("div").unwrap();
    shadow.append_child(&root).unwrap();
    let widget = mount(host.clone(), root.clone(), &attributes(pairs));
    Mounted { host, root, widget }
}

/// Waits (up to 5 s) until `selector` matches inside the widget.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..250 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("{selector} never appeared; widget shows: {}", root.inner_html());
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length()).map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shows_updates_urgent_first_without_expired_ones() {
    let w = start(&[("src", &blob_url(FEED))]);
    wait_for(&w.root, ".pe-title").await;
    assert_eq!(texts(&w.root, ".pe-title"), ["Missing: Sam, 12", "<script>window.pwned = 1</script>", "Older news"]);
    assert_eq!(texts(&w.root, ".pe-badge"), ["Appeal", "Urgent", "Warning", "News"]);
    let first = w.root.query_selector(".pe-card").unwrap().unwrap();
    assert!(text(&first).contains("TP-123") && text(&first).contains("Quote this reference if you call 101."));
    assert!(text(&first).contains("Parkside"));
    let link = first.query_selector("a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://police.example/sam"));
    let time = first.query_selector("time").unwrap().unwrap();
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2019-06-01T09:00:00Z"));
    assert!(time.text_content().unwrap().contains("years ago"));
}

#[wasm_bindgen_test]
async fn hostile_text_stays_text_and_bad_links_are_not_links() {
    let w = start(&[("src", &blob_url(FEED))]);
    wait_for(&w.root, ".pe-title").await;
    let hostile = w.root.query_selector(".pe-warning").unwrap().unwrap();
    assert!(hostile.query_selector("a, script, img, b").unwrap().is_none(), "{}", hostile.inner_html());
    assert_eq!(texts(&hostile, ".pe-body"), ["Visit our page"]);
    TimeoutFuture::new(100).await;
    let pwned = Reflect::get(&web_sys::window().unwrap(), &"pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "feed script ran");
}

#[wasm_bindgen_test]
async fn loading_shows_a_skeleton_that_reserves_space() {
    let w = start(&[("src", &blob_url(FEED)), ("limit", "2")]);
    // Yew renders in a microtask; the fetch cannot finish before the next task.
    let mut skeleton = None;
    for _ in 0..50 {
        skeleton = w.root.query_selector(".pe-skeleton").unwrap();
        if skeleton.is_some() {
            break;
        }
        JsFuture::from(Promise::resolve(&JsValue::NULL)).await.unwrap();
    }
    let skeleton = skeleton.expect("a skeleton while loading");
    let section = w.root.query_selector("section").unwrap().unwrap();
    assert_eq!(section.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(skeleton.query_selector_all(".pe-placeholder").unwrap().length(), 2);
    assert_eq!(texts(&w.root, ".pe-skeleton .pe-visually-hidden"), ["Loading the latest updates…"]);
    wait_for(&w.root, ".pe-title").await;
    assert!(w.root.query_selector(".pe-skeleton").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn filters_and_limit_apply() {
    let w = start(&[("src", &blob_url(FEED)), ("categories", "news,warning"), ("limit", "1")]);
    wait_for(&w.root, ".pe-title").await;
    assert_eq!(texts(&w.root, ".pe-title"), ["<script>window.pwned = 1</script>"]);
}

#[wasm_bindgen_test]
async fn speaks_welsh() {
    let w = start(&[("src", &blob_url(FEED)), ("lang", "cy")]);
    wait_for(&w.root, ".pe-title").await;
    assert_eq!(texts(&w.root, ".pe-heading"), ["Y diweddariadau diweddaraf gan yr heddlu"]);
    assert_eq!(texts(&w.root, ".pe-badge")[..2], ["Apêl", "Brys"]);
    let section = w.root.query_selector("section").unwrap().unwrap();
    assert_eq!(section.get_attribute("lang").as_deref(), Some("cy"));
    let when = texts(&w.root, "time");
    assert!(when.iter().all(|t| t.contains("yn ôl")), "{when:?}");
    assert!(text(&w.root).contains("Dyfynnwch y cyfeirnod hwn"));
}

#[wasm_bindgen_test]
async fn empty_feed_says_so() {
    let w = start(&[("src", &blob_url(r#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#))]);
    let notice = wait_for(&w.root, ".pe-notice").await;
    assert_eq!(text(&notice), "There are no updates to show right now.");
}

#[wasm_bindgen_test]
async fn bad_feeds_show_an_error_with_retry() {
    let cases = [
        ("<html>oops</html>", "The updates feed is not in a format that can be read."),
        (r#"{"items":[]}"#, "The address given is not an updates feed."),
        (
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"title":1}]}"#,
            "The updates feed contains information that cannot be read.",
        ),
    ];
    for (body, message) in cases {
        let w = start(&[("src", &blob_url(body))]);
        let error = wait_for(&w.root, ".pe-error").await;
        assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
        assert!(text(&error).contains("We could not load the latest updates."));
        assert!(text(&error).contains(message), "{}", text(&error));
        assert_eq!(texts(&error, "button"), ["Try again"]);
    }
}

#[wasm_bindgen_test]
async fn retry_after_a_network_failure_shows_the_feed() {
    // Revoked blob URLs fail like a network error; a new attribute value retries.
    let url = blob_url(FEED);
    Url::revoke_object_url(&url).unwrap();
    let mut w = start(&[("src", &url)]);
    let error = wait_for(&w.root, ".pe-error").await;
    assert!(text(&error).contains("could not be reached"), "{}", text(&error));
    w.widget.update(&attributes(&[("src", &blob_url(FEED))]));
    wait_for(&w.root, ".pe-title").await;
    assert!(w.root.query_selector(".pe-error").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn offline_shows_the_saved_feed_as_stale() {
    let url = blob_url(FEED);
    {
        let w = start(&[("src", &url)]);
        wait_for(&w.root, ".pe-title").await;
    }
    Url::revoke_object_url(&url).unwrap();
    let w = start(&[("src", &url)]);
    let stale = wait_for(&w.root, ".pe-stale").await;
    assert!(text(&stale).starts_with("Showing updates saved"), "{}", text(&stale));
    assert_eq!(texts(&stale, "button"), ["Try again"]);
    assert_eq!(w.root.query_selector_all(".pe-card").unwrap().length(), 3);
}

#[wasm_bindgen_test]
async fn no_src_says_what_is_missing() {
    let w = start(&[]);
    let notice = wait_for(&w.root, ".pe-notice").await;
    assert_eq!(text(&notice), "No updates feed address has been set for this page.");
}

#[wasm_bindgen_test]
async fn attribute_changes_apply_live() {
    let mut w = start(&[("src", &blob_url(FEED))]);
    wait_for(&w.root, ".pe-title").await;
    w.widget.update(&attributes(&[("src", &blob_url(FEED)), ("lang", "cy"), ("categories", "news")]));
    for _ in 0..100 {
        if texts(&w.root, ".pe-title") == ["Older news"] {
            break;
        }
        TimeoutFuture::new(20).await;
    }
    assert_eq!(texts(&w.root, ".pe-title"), ["Older news"]);
    assert_eq!(texts(&w.root, ".pe-badge"), ["Newyddion"]);
}

#[wasm_bindgen_test]
fn crash_notice_offers_recovery() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    police_engage::crash::show(&root, Lang::Cy).unwrap();
    assert!(text(&root).contains("Aeth rhywbeth o'i le"));
    let button: HtmlButtonElement = root.query_selector("button[data-pe-recover]").unwrap().unwrap().unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Rhowch gynnig arall arni"));
}

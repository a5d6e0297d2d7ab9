//! The widget's first view, rendered on the server by Yew's server renderer
//! from the same components as the live app, so a resident on a phone reads
//! the updates before the wasm has arrived. The live app renders afresh and
//! the loader swaps it in when it shows the same: no hydration, so nothing
//! can mismatch.

use yew::prelude::*;
use yew::ServerRenderer;

use crate::components::{alerts_link, frame, open_button, updates_body};
use crate::config::Config;
use crate::feed::{decode, FeedError};
use crate::updates::{areas, select, Update};

#[derive(Properties, PartialEq)]
struct FirstViewProps {
    config: Config,
    updates: Vec<Update>,
    areas: Vec<String>,
    /// Whether the feedback form is on offer (the button shows).
    feedback: bool,
    /// The feed's `alerts_url`.
    alerts: Option<String>,
    now: f64,
}

#[function_component]
fn FirstView(props: &FirstViewProps) -> Html {
    let FirstViewProps { config, updates, areas, feedback, alerts, now } = props;
    let lang = config.lang;
    let on_feedback = feedback.then(Callback::noop);
    let body = updates_body(updates.clone(), areas, config, *now, on_feedback);
    let feedback = feedback.then(|| open_button(lang, Callback::noop()));
    let alerts = alerts_link(alerts.as_deref(), config);
    frame(config, false, body, feedback, alerts, String::new())
}

/// The HTML of the widget with `config` showing `feed` (a JSON Feed body) at
/// `now` (Unix milliseconds), or why the feed cannot be shown.
pub async fn render(feed: &str, config: Config, now: f64) -> Result<String, FeedError> {
    let feed = decode(feed)?;
    let updates = select(&feed, &config.filter, now);
    let areas = areas(&feed, &config.filter, now);
    let police = feed.police.unwrap_or_default();
    let feedback = config.feedback.is_some() || police.feedback_url.is_some();
    let alerts = police.alerts_url;
    let props = move || FirstViewProps { config, updates, areas, feedback, alerts, now };
    Ok(ServerRenderer::<FirstView>::with_props(props).hydratable(false).render().await)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::YOUR_AREA;

    const NOW: f64 = 1_795_000_000_000.0;

    fn feed(items: &str) -> String {
        format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Force",
                "_police":{{"feedback_url":"https://police.example/v1/feedback"}},"items":[{items}]}}"#
        )
    }

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config::from_attributes(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[tokio::test]
    async fn renders_the_updates_the_live_app_would_show() {
        let items = r#"{"id":"1","title":"<script>alert(1)</script> Appeal","content_text":"Call 101",
            "date_published":"2026-11-18T11:00:00Z","_police":{"category":"appeal","area":"Canton"}},
            {"id":"2","title":"Elsewhere","content_text":"x","date_published":"2026-11-18T10:00:00Z","_police":{"area":"Splott"}}"#;
        let html =
            render(&feed(items), config(&[("src", "/v1/feed.json"), ("area", "Canton"), ("heading-level", "3")]), NOW)
                .await
                .unwrap();
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Appeal"), "{html}");
        assert!(!html.contains("<script>") && !html.contains("Elsewhere"), "{html}");
        assert!(html.contains("<h3 id=\"pe-heading\""), "{html}");
        assert!(html.contains("Tell us what you think"), "{html}");
        assert!(html.contains("datetime=\"2026-11-18T11:00:00Z\""), "{html}");
    }

    #[tokio::test]
    async fn the_residents_area_is_chosen_in_the_first_view() {
        let items = r#"{"id":"1","title":"In Canton","_police":{"area":"Canton"}},
            {"id":"2","title":"In Splott","_police":{"area":"Splott"}}"#;
        let html =
            render(&feed(items), config(&[("src", "/v1/feed.json"), ("area", "Canton"), (YOUR_AREA, "splott")]), NOW)
                .await
                .unwrap();
        assert!(html.contains("In Splott") && !html.contains("In Canton"), "{html}");
        assert!(html.contains(r#"<option value="Splott" selected="selected">"#), "{html}");
        assert!(html.contains("Reset area"), "{html}");
        let html = render(&feed(items), config(&[("src", "/v1/feed.json"), ("area", "Canton")]), NOW).await.unwrap();
        assert!(
            html.contains(r#"<option value="Canton" selected="selected">"#) && !html.contains("Reset area"),
            "{html}"
        );
    }

    #[tokio::test]
    async fn alerts_are_offered_for_the_widgets_area_and_language_unless_turned_off() {
        let offered = r#"{"version":"https://jsonfeed.org/version/1.1","items":[],
            "_police":{"alerts_url":"https://police.example/alerts"}}"#;
        let html = render(offered, config(&[("src", "/v1/feed.json"), ("area", "Tŷ Du"), ("lang", "cy")]), NOW);
        let html = html.await.unwrap();
        let link = r#"<a href="https://police.example/alerts?lang=cy&amp;area=T%C5%B7%20Du">"#;
        assert!(html.contains(&format!("{link}Cael rhybuddion drwy e-bost</a>")), "{html}");
        let off = render(offered, config(&[("src", "/v1/feed.json"), ("alerts", "off")]), NOW).await.unwrap();
        assert!(!off.contains("pe-alerts"), "{off}");
        let hostile = offered.replace("https://police.example/alerts", "javascript:alert(1)");
        let html = render(&hostile, config(&[("src", "/v1/feed.json")]), NOW).await.unwrap();
        assert!(!html.contains("pe-alerts"), "{html}");
        let none = render(&feed(""), config(&[("src", "/v1/feed.json")]), NOW).await.unwrap();
        assert!(!none.contains("pe-alerts"), "{none}");
    }

    #[tokio::test]
    async fn welsh_words_and_a_clear_refusal_of_a_broken_feed() {
        let html = render(&feed(""), config(&[("src", "/v1/feed.json"), ("lang", "cy")]), NOW).await.unwrap();
        assert!(html.contains("lang=\"cy\"") && html.contains("Dywedwch wrthym"), "{html}");
        assert_eq!(render("{", config(&[]), NOW).await, Err(FeedError::NotJson));
    }
}

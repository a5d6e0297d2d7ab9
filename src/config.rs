//! The element's attributes, read leniently: a bad value falls back to its
//! default rather than breaking the widget.

use police_engage_contract::{HEADING_LEVELS, HEADING_LEVEL_DEFAULT, LIMIT_DEFAULT, LIMIT_MAX};

use crate::i18n::Lang;
use crate::updates::{Category, Filter};

pub const DEFAULT_REFRESH_SECS: u32 = 300;
pub const MIN_REFRESH_SECS: u32 = 30;
/// Not an attribute: the area the resident chose on this device, which the
/// loader keeps and passes with the attributes (empty: every area).
pub const YOUR_AREA: &str = "your-area";

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub src: Option<String>,
    pub feedback: Option<String>,
    /// The force's privacy notice, linked from the feedback form.
    pub privacy: Option<String>,
    /// What to show: the resident's own area, if chosen, in place of the page's.
    pub filter: Filter,
    /// Whether the area is the resident's choice rather than the page's.
    pub area_chosen: bool,
    pub lang: Lang,
    /// The level of the widget's heading (2 to 6), to fit the host page's outline.
    pub heading_level: u8,
    /// Seconds between polls; `None` when polling is off.
    pub refresh: Option<u32>,
    /// Whether the link to alerts by email shows when the feed offers them.
    pub alerts: bool,
}

impl Config {
    /// Builds the config from an attribute lookup (`None` = attribute absent).
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>) -> Config {
        let trimmed = |name: &str| attr(name).map(|v| v.trim().to_owned());
        let nonempty = |name: &str| trimmed(name).filter(|v| !v.is_empty());
        let chosen = trimmed(YOUR_AREA);
        Config {
            src: nonempty("src"),
            feedback: nonempty("feedback"),
            privacy: nonempty("privacy"),
            filter: Filter {
                limit: nonempty("limit")
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n > 0)
                    .map_or(LIMIT_DEFAULT, |n: usize| n.min(LIMIT_MAX)),
                categories: nonempty("categories")
                    .map(|v| v.split(',').filter_map(Category::parse).collect())
                    .unwrap_or_default(),
                area: if chosen.is_some() { chosen.clone().filter(|a| !a.is_empty()) } else { nonempty("area") },
            },
            area_chosen: chosen.is_some(),
            lang: nonempty("lang").map_or(Lang::En, |v| Lang::from_tag(&v)),
            refresh: refresh_secs(nonempty("refresh").as_deref()),
            heading_level: nonempty("heading-level")
                .and_then(|v| v.parse().ok())
                .filter(|l| HEADING_LEVELS.contains(l))
                .unwrap_or(HEADING_LEVEL_DEFAULT),
            alerts: trimmed("alerts").as_deref() != Some("off"),
        }
    }
}

fn refresh_secs(value: Option<&str>) -> Option<u32> {
    match value.map(str::parse::<u32>) {
        Some(Ok(0)) => None,
        Some(Ok(secs)) => Some(secs.max(MIN_REFRESH_SECS)),
        _ => Some(DEFAULT_REFRESH_SECS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config::from_attributes(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn defaults() {
        let c = config(&[("src", "https://police.example/v1/feed.json")]);
        assert_eq!(c.src.as_deref(), Some("https://police.example/v1/feed.json"));
        assert_eq!(c.filter, Filter { limit: 5, categories: vec![], area: None });
        assert_eq!((c.lang, c.refresh, c.feedback, c.heading_level), (Lang::En, Some(300), None, 2));
        assert!(c.alerts);
    }

    #[test]
    fn reads_every_attribute() {
        let c = config(&[
            ("src", "/v1/feed.json"),
            ("feedback", "/v1/feedback"),
            ("limit", "3"),
            ("categories", "appeal, warning,bogus"),
            ("area", "Canton"),
            ("lang", "cy"),
            ("refresh", "60"),
            ("heading-level", "3"),
            ("alerts", " off"),
        ]);
        assert!(!c.alerts);
        assert_eq!(c.heading_level, 3);
        assert_eq!(c.filter.limit, 3);
        assert_eq!(c.filter.categories, [Category::Appeal, Category::Warning]);
        assert_eq!((c.filter.area.as_deref(), c.area_chosen), (Some("Canton"), false));
        assert_eq!((c.lang, c.refresh, c.feedback.as_deref()), (Lang::Cy, Some(60), Some("/v1/feedback")));
    }

    #[test]
    fn the_residents_area_wins_over_the_pages() {
        let c = config(&[("area", "Canton"), (YOUR_AREA, " Splott ")]);
        assert_eq!((c.filter.area.as_deref(), c.area_chosen), (Some("Splott"), true));
        let c = config(&[("area", "Canton"), (YOUR_AREA, "")]);
        assert_eq!((c.filter.area, c.area_chosen), (None, true), "every area");
    }

    #[test]
    fn bad_values_fall_back() {
        let c = config(&[("src", "  "), ("limit", "-2"), ("refresh", "soon")]);
        assert_eq!((c.src, c.filter.limit, c.refresh), (None, 5, Some(300)));
        assert_eq!(config(&[("limit", "0")]).filter.limit, 5);
        assert_eq!(config(&[("limit", "9999")]).filter.limit, LIMIT_MAX);
        assert_eq!(config(&[("refresh", "5")]).refresh, Some(30));
        assert_eq!(config(&[("refresh", "0")]).refresh, None);
        assert_eq!(config(&[("heading-level", "9")]).heading_level, 2);
        assert_eq!(config(&[("heading-level", "1")]).heading_level, 2, "the page keeps its own h1");
    }
}

//! From a decoded feed to the updates a resident sees: categories, priority,
//! expiry, filters and order. Pure, so it is tested natively.

use police_engage_contract::{parse_millis, shorten, web_url, Lang, TITLE_MAX};
pub use police_engage_contract::{Category, Priority};

use crate::feed::{Feed, Item};

/// Longest body shown on a card; the full text is one click away.
pub const MAX_BODY_CHARS: usize = 280;

/// Card text: plain text is shown as is; HTML is reduced to its text by the
/// browser at render time, never inserted as markup.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    None,
    Text(String),
    Html(String),
}

/// A timestamp as written in the feed (for `<time datetime>`) and as parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Stamp {
    pub raw: String,
    pub millis: f64,
}

impl Stamp {
    fn parse(raw: Option<&String>) -> Option<Stamp> {
        let raw = raw?;
        parse_millis(raw).map(|millis| Stamp { raw: raw.trim().to_owned(), millis })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub src: String,
    /// `None` means decorative: rendered with an empty `alt`.
    pub alt: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub start: Option<Stamp>,
    pub end: Option<Stamp>,
    pub address: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub id: String,
    pub title: Option<String>,
    pub link: Option<String>,
    pub body: Body,
    pub image: Option<Image>,
    pub published: Option<Stamp>,
    pub category: Category,
    pub priority: Priority,
    pub area: Option<String>,
    pub reference: Option<String>,
    pub event: Option<Event>,
    /// The language of its words, when the feed says and it is one of ours.
    pub lang: Option<Lang>,
}

/// What the partner asked to see, from the element's attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub limit: usize,
    /// Empty means every category.
    pub categories: Vec<Category>,
    pub area: Option<String>,
}

/// The updates to show: unexpired, matching the filter, urgent pinned first,
/// then newest first, at most `limit`, each id once.
pub fn select(feed: &Feed, filter: &Filter, now_millis: f64) -> Vec<Update> {
    let mut seen = Vec::new();
    let mut updates: Vec<Update> = feed
        .items
        .iter()
        .flatten()
        .filter(|item| !expired(item, now_millis))
        .map(|item| to_update(item, feed.language.as_deref()))
        .filter(|u| filter.matches(u))
        .filter(|u| {
            let fresh = !seen.contains(&u.id);
            seen.push(u.id.clone());
            fresh
        })
        .collect();
    updates.sort_by(|a, b| {
        let urgent = |u: &Update| u.priority == Priority::Urgent;
        let when = |u: &Update| u.published.as_ref().map_or(f64::MIN, |s| s.millis);
        urgent(b).cmp(&urgent(a)).then(when(b).total_cmp(&when(a)))
    });
    updates.truncate(filter.limit);
    updates
}

/// The areas a resident may choose from: those of the unexpired updates in
/// the partner's categories, and the area chosen now, each once, in
/// alphabetical order (by ASCII case, as areas are matched).
pub fn areas(feed: &Feed, filter: &Filter, now_millis: f64) -> Vec<String> {
    let mut areas = Vec::new();
    let in_feed =
        feed.items.iter().flatten().filter(|item| !expired(item, now_millis) && filter.shows(category_of(item)));
    let named = in_feed.filter_map(|item| item.police.as_ref()?.area.as_deref().map(clean));
    // The chosen area last, so the feed's spelling of it wins.
    for area in named.chain(filter.area.clone()).filter(|a| !a.is_empty()) {
        // Inserted in place rather than sorted after: no sort routine in the wasm for it.
        match areas.iter().position(|a: &String| folded(a).ge(folded(&area))) {
            Some(at) if same_area(&areas[at], &area) => {}
            Some(at) => areas.insert(at, area),
            None => areas.push(area),
        }
    }
    areas
}

impl Filter {
    fn shows(&self, category: Category) -> bool {
        self.categories.is_empty() || self.categories.contains(&category)
    }

    fn matches(&self, update: &Update) -> bool {
        // Updates with no area are force-wide, so they belong on every area's page.
        let area = match (&self.area, &update.area) {
            (Some(want), Some(have)) => same_area(want, have),
            _ => true,
        };
        self.shows(update.category) && area
    }
}

/// Area names match whatever their case and surrounding spaces.
pub fn same_area(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A name as compared for order: ASCII letters in one case (a Unicode-aware
/// order would bring Unicode's case tables into the wasm).
fn folded(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.bytes().map(|b| b.to_ascii_lowercase())
}

fn expired(item: &Item, now_millis: f64) -> bool {
    let expires = item.police.as_ref().and_then(|p| p.expires.as_deref());
    expires.and_then(parse_millis).is_some_and(|at| at <= now_millis)
}

/// English or Welsh from a language tag (`en-GB`, `cy`); `None` for any other.
fn language(tag: &str) -> Option<Lang> {
    Lang::parse(tag.split(['-', '_']).next().unwrap_or_default())
}

fn to_update(item: &Item, feed_language: Option<&str>) -> Update {
    let police = item.police.as_ref();
    let text = |s: &Option<String>| s.as_deref().map(clean).filter(|s| !s.is_empty());
    let body = match (text(&item.summary), text(&item.content_text), text(&item.content_html)) {
        (Some(s), _, _) | (None, Some(s), _) => Body::Text(shorten(&s, MAX_BODY_CHARS)),
        (None, None, Some(html)) => Body::Html(html),
        _ => Body::None,
    };
    let published = Stamp::parse(item.date_published.as_ref()).or_else(|| Stamp::parse(item.date_modified.as_ref()));
    Update {
        id: item.id.clone().unwrap_or_default(),
        title: text(&item.title).map(|t| shorten(&t, TITLE_MAX)),
        link: item.url.as_deref().and_then(web_url).map(str::to_owned),
        body,
        image: item
            .image
            .as_deref()
            .and_then(web_url)
            .map(|src| Image { src: src.to_owned(), alt: police.and_then(|p| text(&p.image_alt)) }),
        published,
        category: category_of(item),
        priority: police.and_then(|p| p.priority.as_deref()).and_then(Priority::parse).unwrap_or_default(),
        area: police.and_then(|p| text(&p.area)),
        reference: police.and_then(|p| text(&p.reference)),
        event: police.and_then(|p| p.event.as_ref()).map(|e| Event {
            start: Stamp::parse(e.start.as_ref()),
            end: Stamp::parse(e.end.as_ref()),
            address: text(&e.address),
        }),
        lang: item.language.as_deref().or(feed_language).and_then(language),
    }
}

/// `_police.category`, else the first tag that names a category, else news.
fn category_of(item: &Item) -> Category {
    let declared = item.police.as_ref().and_then(|p| p.category.as_deref()).and_then(Category::parse);
    let tagged = || Category::from_tags(item.tags.iter().flatten().map(String::as_str));
    declared.or_else(tagged).unwrap_or(Category::News)
}

/// Feed text made safe to show: trimmed, and without the invisible
/// characters that can disguise it — bidirectional overrides, embeddings and
/// isolates (which reorder what a resident reads) and zero-width spaces.
/// Joiners stay: emoji and some scripts need them.
pub fn clean(s: &str) -> String {
    let hidden = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}');
    s.chars().filter(|c| !hidden(*c)).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::decode;

    const NOW: f64 = 1_795_512_600_000.0; // 2026-11-24T09:30:00Z

    fn feed(items: &str) -> Feed {
        decode(&format!(r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{items}]}}"#)).unwrap()
    }

    fn all(limit: usize) -> Filter {
        Filter { limit, categories: vec![], area: None }
    }

    fn ids(updates: &[Update]) -> Vec<&str> {
        updates.iter().map(|u| u.id.as_str()).collect()
    }

    #[test]
    fn urgent_first_then_newest_first() {
        let f = feed(
            r#"{"id":"old","date_published":"2026-11-20T09:00:00Z"},
               {"id":"new","date_published":"2026-11-24T09:00:00Z"},
               {"id":"undated"},
               {"id":"urgent-old","date_published":"2026-11-01T09:00:00Z","_police":{"priority":"urgent"}},
               {"id":"high","date_published":"2026-11-22T09:00:00Z","_police":{"priority":"high"}}"#,
        );
        assert_eq!(ids(&select(&f, &all(10), NOW)), ["urgent-old", "new", "high", "old", "undated"]);
        assert_eq!(ids(&select(&f, &all(2), NOW)), ["urgent-old", "new"]);
    }

    #[test]
    fn expired_items_are_hidden() {
        let f = feed(
            r#"{"id":"gone","_police":{"expires":"2026-11-24T09:29:59Z"}},
               {"id":"now","_police":{"expires":"2026-11-24T09:30:00Z"}},
               {"id":"later","_police":{"expires":"2026-11-24T10:00:00+00:00"}},
               {"id":"bad-date","_police":{"expires":"soon"}}"#,
        );
        assert_eq!(ids(&select(&f, &all(10), NOW)), ["later", "bad-date"]);
    }

    #[test]
    fn category_from_extension_then_tags_then_news() {
        let f = feed(
            r#"{"id":"a","_police":{"category":"Appeal"}},
               {"id":"b","tags":["Llanelli","warning"]},
               {"id":"c","tags":["community"]},
               {"id":"d","_police":{"category":"gossip"},"tags":["success"]}"#,
        );
        let cats: Vec<_> = select(&f, &all(10), NOW).iter().map(|u| u.category).collect();
        assert_eq!(cats, [Category::Appeal, Category::Warning, Category::News, Category::Success]);
    }

    #[test]
    fn filters_by_category_and_area() {
        let f = feed(
            r#"{"id":"a","_police":{"category":"appeal","area":"Cardiff North"}},
               {"id":"b","_police":{"category":"appeal","area":"Swansea"}},
               {"id":"c","_police":{"category":"news","area":"cardiff north"}},
               {"id":"d","_police":{"category":"appeal"}}"#,
        );
        let appeals = Filter { limit: 10, categories: vec![Category::Appeal], area: None };
        assert_eq!(ids(&select(&f, &appeals, NOW)), ["a", "b", "d"]);
        let area = Filter { limit: 10, categories: vec![], area: Some("Cardiff North ".into()) };
        assert_eq!(ids(&select(&f, &area, NOW)), ["a", "c", "d"]);
    }

    #[test]
    fn areas_to_choose_from_are_the_feeds_in_order_each_once() {
        let f = feed(
            r#"{"id":"a","_police":{"category":"appeal","area":"splott"}},
               {"id":"b","_police":{"category":"news","area":"Canton"}},
               {"id":"c","_police":{"category":"appeal","area":" Splott "}},
               {"id":"d","_police":{"category":"appeal","area":"Butetown","expires":"2026-11-01T00:00:00Z"}},
               {"id":"e","_police":{"category":"appeal","area":"Adamsdown"}},
               {"id":"f","_police":{"category":"appeal"}}"#,
        );
        assert_eq!(areas(&f, &all(10), NOW), ["Adamsdown", "Canton", "splott"]);
        let appeals = Filter { limit: 10, categories: vec![Category::Appeal], area: Some("Roath".into()) };
        assert_eq!(
            areas(&f, &appeals, NOW),
            ["Adamsdown", "Roath", "splott"],
            "the chosen area, though nothing is in it now"
        );
        assert!(areas(&feed(r#"{"id":"x"}"#), &all(10), NOW).is_empty());
    }

    #[test]
    fn duplicate_ids_show_once() {
        let f = feed(r#"{"id":"x","title":"first"},{"id":"x","title":"second"}"#);
        let shown = select(&f, &all(10), NOW);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].title.as_deref(), Some("first"));
    }

    #[test]
    fn unsafe_links_and_images_are_dropped() {
        let f = feed(
            r#"{"id":"a","url":"javascript:alert(1)","image":"data:image/png;base64,AA"},
               {"id":"b","url":"https://police.example/a","image":"https://police.example/a.jpg",
                "_police":{"image_alt":"Officers at the scene"}}"#,
        );
        let shown = select(&f, &all(10), NOW);
        assert_eq!((shown[0].link.as_deref(), shown[0].image.as_ref()), (None, None));
        assert_eq!(shown[1].link.as_deref(), Some("https://police.example/a"));
        assert_eq!(shown[1].image.as_ref().unwrap().alt.as_deref(), Some("Officers at the scene"));
    }

    #[test]
    fn body_prefers_summary_then_text_then_html() {
        let f = feed(
            r#"{"id":"a","summary":"Short","content_text":"Long"},
               {"id":"b","content_text":"  Plain  ","content_html":"<p>x</p>"},
               {"id":"c","content_html":"<p>Only <b>html</b></p>"},
               {"id":"d","summary":"  "}"#,
        );
        let bodies: Vec<_> = select(&f, &all(10), NOW).into_iter().map(|u| u.body).collect();
        assert_eq!(
            bodies,
            [
                Body::Text("Short".into()),
                Body::Text("Plain".into()),
                Body::Html("<p>Only <b>html</b></p>".into()),
                Body::None
            ]
        );
    }

    #[test]
    fn markup_in_text_fields_stays_text() {
        let f = feed(r#"{"id":"a","title":"<script>alert(1)</script>","summary":"<img src=x onerror=alert(1)>"}"#);
        let shown = &select(&f, &all(10), NOW)[0];
        assert_eq!(shown.title.as_deref(), Some("<script>alert(1)</script>"));
        assert_eq!(shown.body, Body::Text("<img src=x onerror=alert(1)>".into()));
    }

    #[test]
    fn event_details_are_read() {
        let f = feed(
            r#"{"id":"e","_police":{"category":"event","event":{"start":"2026-12-01T18:00:00Z","address":"Canton Library"}}}"#,
        );
        let event = select(&f, &all(10), NOW).remove(0).event.unwrap();
        assert_eq!(event.start.unwrap().raw, "2026-12-01T18:00:00Z");
        assert_eq!(event.address.as_deref(), Some("Canton Library"));
    }

    #[test]
    fn each_item_knows_its_language() {
        let f = decode(
            r#"{"version":"https://jsonfeed.org/version/1.1","language":"cy","items":[
               {"id":"a","language":"en-GB"},{"id":"b"},{"id":"c","language":"fr"}]}"#,
        )
        .unwrap();
        let langs: Vec<_> = select(&f, &all(10), NOW).into_iter().map(|u| u.lang).collect();
        assert_eq!(langs, [Some(Lang::En), Some(Lang::Cy), None]);
        assert_eq!(select(&feed(r#"{"id":"a"}"#), &all(1), NOW)[0].lang, None, "a feed that does not say");
    }

    #[test]
    fn hostile_text_is_defused() {
        let f = feed(&format!(
            r#"{{"id":"a","title":"Pay \u202egnp.exe\u202c now\u200b!","summary":"\ufeffHi \u2066there\u2069"}},
               {{"id":"b","title":"{}"}},
               {{"id":"c","title":"👨‍👩‍👧 family day"}}"#,
            "x".repeat(5000)
        ));
        let shown = select(&f, &all(10), NOW);
        assert_eq!(shown[0].title.as_deref(), Some("Pay gnp.exe now!"));
        assert_eq!(shown[0].body, Body::Text("Hi there".into()));
        assert!(shown[1].title.as_ref().unwrap().chars().count() <= TITLE_MAX);
        assert_eq!(shown[2].title.as_deref(), Some("👨‍👩‍👧 family day"), "joiners stay");
    }
}

//! The embed builder at `/embed`, public: a partner's web officer picks
//! what to show and how it looks, sees the real widget change at phone and
//! desktop widths, is warned of colours residents could not read, and
//! copies the snippet. Forgiving of what is typed: a page's address where
//! the feed's belongs is explained, a number with words around it is read.

use police_engage_contract::{
    Category, EmbedInfo, Lang, HEADING_LEVELS, HEADING_LEVEL_DEFAULT, LIMIT_DEFAULT, LIMIT_MAX,
};
use serde_json::Value;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::fields::{checkboxes, input, radios, select, setter, Field};
use crate::components::layout::Layout;
use crate::components::widget_preview::{Attributes, WidgetPreview};
use crate::contrast;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{fill, Text, Words};
use crate::session::use_session;
use crate::snippet::{Choices, Colour};

/// The options as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Typed {
    feed: String,
    categories: Vec<String>,
    area: String,
    limit: String,
    lang: String,
    theme: String,
    heading: String,
    colours: [String; 4],
}

/// What the feed address turned out to be.
#[derive(Clone, Debug, PartialEq)]
enum FeedCheck {
    Fine,
    NotUrl,
    /// A page on the force's own site: here is its feed.
    Page,
    /// Neither on this server nor on the force's site: the page's policy
    /// lets the builder read no other.
    Elsewhere,
    Unreadable,
}

#[function_component]
pub fn EmbedPage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let (info, _) = use_load::<EmbedInfo>("/v1/embed".to_owned());
    html! {
        <Layout title={text.embed_title} public=true>
            <h1 class="pe-h1">{ text.embed_title }</h1>
            <p class="pe-lead">{ text.embed_intro }</p>
            if let Load::Loaded(info) = &info {
                <Builder info={info.clone()} />
            } else {
                { unloaded(&info, lang) }
            }
        </Layout>
    }
}

#[derive(Properties, PartialEq)]
struct BuilderProps {
    info: EmbedInfo,
}

#[function_component]
fn Builder(props: &BuilderProps) -> Html {
    let text = use_session().lang.text();
    let info = &props.info;
    let typed = use_state(|| Typed {
        feed: info.feed_url.clone(),
        limit: LIMIT_DEFAULT.to_string(),
        heading: HEADING_LEVEL_DEFAULT.to_string(),
        ..Typed::default()
    });
    let feed = feed_address(&typed.feed, &info.feed_url);
    let check = use_state(|| FeedCheck::Fine);
    let good_feed = use_state(|| info.feed_url.clone());
    {
        let (check, good_feed) = (check.clone(), good_feed.clone());
        let (own, home) = (info.feed_url.clone(), info.home_url.clone());
        use_effect_with(feed.clone(), move |feed| {
            let feed = feed.clone();
            spawn_local(async move {
                let found = match &feed {
                    None => FeedCheck::NotUrl,
                    Some(url) if *url == own => FeedCheck::Fine,
                    Some(url) if page_on_site(url, &own) => FeedCheck::Page,
                    Some(url) if !same_origin(url, &own) && !same_origin(url, &home) => FeedCheck::Elsewhere,
                    Some(url) if reads_as_feed(url).await => FeedCheck::Fine,
                    Some(_) => FeedCheck::Unreadable,
                };
                if let (FeedCheck::Fine, Some(url)) = (&found, feed) {
                    good_feed.set(url);
                }
                check.set(found);
            });
        });
    }
    let (limit, kept) = limit(&typed.limit);
    let limit_note = kept.map(|n| fill(text.limit_fixed, &n.to_string()));
    let colours: Vec<(Colour, Option<String>)> = Colour::ALL
        .iter()
        .zip(typed.colours.iter())
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(c, v)| (*c, contrast::hex(v)))
        .collect();
    let choices = Choices {
        feed: (*good_feed).clone(),
        categories: typed.categories.iter().filter_map(|c| Category::parse(c)).collect(),
        area: Some(typed.area.clone()).filter(|a| !a.is_empty()),
        limit,
        lang: Lang::parse(&typed.lang),
        theme: ["light", "dark"].into_iter().find(|t| *t == typed.theme),
        heading_level: typed.heading.parse().unwrap_or(HEADING_LEVEL_DEFAULT),
        colours: colours.iter().filter_map(|(c, v)| Some((*c, v.clone()?))).collect(),
    };
    let link_words = choices.lang.unwrap_or_default().text().fallback_link;
    let html_code = choices.html(info, link_words);
    let css_code = choices.css();
    let attributes = Attributes {
        src: choices.feed.clone(),
        lang: choices.lang.map(|l| l.name().to_owned()),
        theme: choices.theme.map(str::to_owned),
        limit: Some(choices.limit.to_string()),
        categories: Some(typed.categories.join(",")).filter(|c| !c.is_empty()),
        area: choices.area.clone(),
        heading_level: Some(choices.heading_level.to_string()),
        refresh: None,
    };
    let preview_colours: Vec<(&'static str, String)> =
        choices.colours.iter().map(|(c, v)| (c.property(), v.clone())).collect();
    let feed_error = match *check {
        FeedCheck::Fine => None,
        FeedCheck::NotUrl => Some(text.feed_not_url.to_owned()),
        FeedCheck::Page => Some(fill(text.feed_is_page, &info.feed_url)),
        FeedCheck::Elsewhere => Some(fill(text.feed_elsewhere, &info.home_url)),
        FeedCheck::Unreadable => Some(text.feed_unreadable.to_owned()),
    };
    html! {
        <div class="pe-editor">
            <form novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <h2 class="pe-section-title">{ text.embed_options }</h2>
                { feed_field(&typed, text, feed_error.as_deref(), &info.feed_url) }
                { options(&typed, text, info, limit_note.as_deref()) }
                { colour_fields(&typed, text, &colours) }
                { contrast_report(&choices, text) }
            </form>
            <div class="pe-editor-preview">
                <h2 class="pe-h2">{ text.preview }</h2>
                <WidgetPreview {attributes} colours={preview_colours} />
                <h2 class="pe-h2">{ text.your_code }</h2>
                <Code id="code-html" label={text.code_html} code={html_code} />
                if info.pinned.is_some() {
                    <p class="pe-hint">{ fill(text.pinned_note, &info.loader_url) }</p>
                }
                if let Some(css) = css_code {
                    <Code id="code-css" label={text.code_css} code={css} />
                }
            </div>
        </div>
    }
}

fn feed_field(typed: &UseStateHandle<Typed>, text: &Text, error: Option<&str>, own: &str) -> Html {
    let use_own = {
        let (typed, own) = (typed.clone(), own.to_owned());
        Callback::from(move |_: MouseEvent| typed.set(Typed { feed: own.clone(), ..(*typed).clone() }))
    };
    let field = Field::new("feed", text.f_feed, text).hint(text.f_feed_hint).error(error);
    html! {
        <>
            { input(field, "url", Some("off"), &typed.feed, setter(typed, |t, v| t.feed = v)) }
            if error.is_some() {
                <p><button type="button" class="pe-button pe-button-secondary" onclick={use_own}>{ text.use_feed }</button></p>
            }
        </>
    }
}

fn options(typed: &UseStateHandle<Typed>, text: &Text, info: &EmbedInfo, limit_note: Option<&str>) -> Html {
    let categories: Vec<(String, String)> =
        Category::ALL.iter().map(|c| (c.name().to_owned(), text.category(*c).to_owned())).collect();
    let toggle = {
        let typed = typed.clone();
        Callback::from(move |(value, on): (String, bool)| {
            let mut next = (*typed).clone();
            next.categories.retain(|c| *c != value);
            if on {
                next.categories.push(value);
            }
            next.categories.sort_by_key(|c| Category::parse(c).map(|c| Category::ALL.iter().position(|a| *a == c)));
            typed.set(next);
        })
    };
    let mut areas = vec![(String::new(), text.whole_area.to_owned())];
    areas.extend(info.areas.iter().map(|a| (a.clone(), a.clone())));
    let mut langs = vec![(String::new(), text.lang_page.to_owned())];
    langs.extend(Lang::ALL.iter().map(|l| (l.name().to_owned(), l.text().language_name.to_owned())));
    let themes = [
        (String::new(), text.theme_auto.to_owned()),
        ("light".to_owned(), text.theme_light.to_owned()),
        ("dark".to_owned(), text.theme_dark.to_owned()),
    ];
    let levels: Vec<(String, String)> = HEADING_LEVELS.map(|n| (n.to_string(), format!("h{n}"))).collect();
    html! {
        <>
            { checkboxes(Field::new("categories", text.f_categories, text).hint(text.f_categories_hint), &categories, &typed.categories, toggle) }
            { select(Field::new("area", text.f_area, text), &areas, &typed.area, setter(typed, |t, v| t.area = v)) }
            { input(Field::new("limit", text.f_limit, text).hint(limit_note.unwrap_or(text.f_limit_hint)), "text", Some("off"), &typed.limit, setter(typed, |t, v| t.limit = v)) }
            <div class="pe-compact pe-choices-across">
                { radios(Field::new("lang", text.preview_language, text), &langs, &typed.lang, setter(typed, |t, v| t.lang = v)) }
                { radios(Field::new("theme", text.preview_theme, text), &themes, &typed.theme, setter(typed, |t, v| t.theme = v)) }
            </div>
            { select(Field::new("heading", text.f_heading, text).hint(text.f_heading_hint), &levels, &typed.heading, setter(typed, |t, v| t.heading = v)) }
        </>
    }
}

fn colour_fields(typed: &UseStateHandle<Typed>, text: &Text, given: &[(Colour, Option<String>)]) -> Html {
    let fields = Colour::ALL.iter().enumerate().map(|(n, colour)| {
        let unreadable = given.iter().any(|(c, v)| c == colour && v.is_none());
        let set = {
            let typed = typed.clone();
            Callback::from(move |value: String| {
                let mut next = (*typed).clone();
                next.colours[n] = value;
                typed.set(next);
            })
        };
        let field = Field::new(colour_id(*colour), colour_label(*colour, text), text)
            .error(unreadable.then_some(text.colour_unreadable));
        input(field, "text", Some("off"), &typed.colours[n], set)
    });
    html! {
        <>
            <h2 class="pe-section-title">{ text.section_colours }</h2>
            <p class="pe-hint">{ text.colours_hint }</p>
            { for fields }
        </>
    }
}

fn contrast_report(choices: &Choices, text: &Text) -> Html {
    if choices.colours.is_empty() {
        return Html::default();
    }
    let low = choices.low_contrast();
    html! {
        <div role="status">
            if low.is_empty() {
                <p class="pe-notice">{ text.contrast_ok }</p>
            } else {
                { for low.iter().map(|(fore, back, ratio)| html! {
                    <p class="pe-warning pe-contrast-warning">
                        { fill(&fill(&fill(text.contrast_low, colour_label(*fore, text)), colour_label(*back, text)), &contrast::shown(*ratio)) }
                    </p>
                }) }
            }
        </div>
    }
}

fn colour_id(colour: Colour) -> &'static str {
    match colour {
        Colour::Accent => "colour-accent",
        Colour::AccentText => "colour-accent-text",
        Colour::Text => "colour-text",
        Colour::Background => "colour-background",
    }
}

fn colour_label(colour: Colour, text: &Text) -> &'static str {
    match colour {
        Colour::Accent => text.c_accent,
        Colour::AccentText => text.c_accent_text,
        Colour::Text => text.c_text,
        Colour::Background => text.c_background,
    }
}

/// The number of updates from what was typed ("3", "3 updates"), within
/// what the widget takes; and that number again when it was not as typed.
fn limit(typed: &str) -> (usize, Option<usize>) {
    let digits: String = typed.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    match digits.parse::<usize>() {
        Ok(n) if (1..=LIMIT_MAX).contains(&n) => (n, None),
        Ok(n) => (n.clamp(1, LIMIT_MAX), Some(n.clamp(1, LIMIT_MAX))),
        Err(_) => (LIMIT_DEFAULT, Some(LIMIT_DEFAULT)),
    }
}

/// The feed address from what was typed: blank is this force's feed; a
/// pasted snippet gives its `src`; anything else must be an http(s) URL.
fn feed_address(typed: &str, own: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Some(own.to_owned());
    }
    let typed = typed.split_once("src=\"").and_then(|(_, rest)| rest.split_once('"')).map_or(typed, |(src, _)| src);
    let url = web_sys::Url::new(typed).ok()?;
    matches!(url.protocol().as_str(), "https:" | "http:").then(|| url.href())
}

/// Whether `url` is another page on the site of the force's own feed.
fn page_on_site(url: &str, own: &str) -> bool {
    let path = |u: &str| origin_and_path(u).map(|(_, path)| path);
    same_origin(url, own) && path(url) != path(own)
}

fn same_origin(url: &str, other: &str) -> bool {
    let origin = |u: &str| origin_and_path(u).map(|(origin, _)| origin);
    origin(url).is_some() && origin(url) == origin(other)
}

fn origin_and_path(url: &str) -> Option<(String, String)> {
    web_sys::Url::new(url).ok().map(|u| (u.origin(), u.pathname()))
}

/// Whether `url` answers with a JSON Feed this page may read.
async fn reads_as_feed(url: &str) -> bool {
    let Ok(response) = gloo_net::http::Request::get(url).send().await else { return false };
    let Ok(body) = response.json::<Value>().await else { return false };
    response.ok() && body["version"].as_str().is_some_and(|v| v.starts_with("https://jsonfeed.org/version/1"))
}

#[derive(Properties, PartialEq)]
struct CodeProps {
    id: AttrValue,
    label: AttrValue,
    code: AttrValue,
}

/// A block of code to copy, and a Copy button that says whether it did.
#[function_component]
fn Code(props: &CodeProps) -> Html {
    let text = use_session().lang.text();
    let said = use_state(|| None::<&'static str>);
    {
        let said = said.clone();
        use_effect_with(props.code.clone(), move |_| said.set(None));
    }
    let copy = {
        let (code, said) = (props.code.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            let (code, said) = (code.clone(), said.clone());
            spawn_local(async move {
                let copied = match web_sys::window().map(|w| w.navigator().clipboard()) {
                    Some(clipboard) => wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&code)).await.is_ok(),
                    None => false,
                };
                said.set(Some(if copied { text.copied } else { text.copy_failed }));
            });
        })
    };
    html! {
        <div class="pe-field">
            <p class="pe-label" id={format!("{}-label", props.id)}>{ &props.label }</p>
            <pre class="pe-code" id={props.id.clone()} aria-labelledby={format!("{}-label", props.id)} tabindex="0"><code>{ &props.code }</code></pre>
            <div class="pe-actions">
                <button type="button" class="pe-button pe-button-secondary" onclick={copy}>
                    { if said.is_some_and(|s| s == text.copied) { text.copied } else { text.copy } }
                    <span class="pe-visually-hidden">{ format!(": {}", props.label) }</span>
                </button>
                <span role="status" class="pe-hint">{ said.unwrap_or_default() }</span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_read_from_what_was_typed() {
        assert_eq!(limit("3"), (3, None));
        assert_eq!(limit(" 8 updates"), (8, None));
        assert_eq!(limit("100"), (LIMIT_MAX, Some(LIMIT_MAX)));
        assert_eq!(limit("0"), (1, Some(1)));
        assert_eq!(limit("some"), (LIMIT_DEFAULT, Some(LIMIT_DEFAULT)));
    }
}

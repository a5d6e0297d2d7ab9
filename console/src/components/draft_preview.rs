//! The draft in the real widget: the server renders it as the feed would
//! carry it (same rules, stored nowhere), and the widget reads that feed
//! from a `data:` address, in either language and theme.

use police_engage_contract::{Lang, UpdateInput};
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use super::fields::{radios, Field};
use super::widget_preview::{Attributes, WidgetPreview};
use crate::api;
use crate::hooks::use_latest;
use crate::i18n::Words;
use crate::session::use_session;

/// Typing pauses this long before the preview asks the server again.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

#[derive(Properties, PartialEq)]
pub struct DraftPreviewProps {
    pub input: UpdateInput,
}

/// What the preview shows.
#[derive(Clone, PartialEq)]
enum Shown {
    /// Nothing yet: the draft has no title.
    Waiting,
    /// The draft's feed, at this `data:` address.
    Feed(String),
    /// The last good feed, while the draft has a problem.
    Stale(String),
}

#[function_component]
pub fn DraftPreview(props: &DraftPreviewProps) -> Html {
    let text = use_session().lang.text();
    let lang = use_state(|| Lang::En);
    let theme = use_state(|| "light".to_owned());
    let shown = use_state(|| Shown::Waiting);
    let current = use_mut_ref(|| None::<String>);
    let latest = use_latest();
    {
        let shown = shown.clone();
        use_effect_with((props.input.clone(), *lang), move |(input, lang)| {
            let (turn, input, lang) = (latest.ask(), input.clone(), *lang);
            spawn_local(async move {
                sleep(SETTLE).await;
                if !turn.is_latest() {
                    return;
                }
                let path = format!("/v1/updates/preview?lang={}", lang.name());
                let fresh = api::post_for_text(&path, &input).await.ok().map(|feed| data_url(&feed));
                if !turn.is_latest() {
                    return;
                }
                match fresh {
                    Some(url) => {
                        current.replace(Some(url.clone()));
                        shown.set(Shown::Feed(url));
                    }
                    None => shown.set(current.borrow().clone().map_or(Shown::Waiting, Shown::Stale)),
                }
            });
        });
    }
    let langs: Vec<(String, String)> =
        Lang::ALL.iter().map(|l| (l.name().to_owned(), l.text().language_name.to_owned())).collect();
    let themes = [("light".to_owned(), text.theme_light.to_owned()), ("dark".to_owned(), text.theme_dark.to_owned())];
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |v: String| lang.set(Lang::parse(&v).unwrap_or_default()))
    };
    let set_theme = {
        let theme = theme.clone();
        Callback::from(move |v: String| theme.set(v))
    };
    let (src, stale) = match &*shown {
        Shown::Waiting => (None, false),
        Shown::Feed(url) => (Some(url.clone()), false),
        Shown::Stale(url) => (Some(url.clone()), true),
    };
    html! {
        <>
            <div class="pe-compact pe-choices-across">
                { radios(Field::new("preview-lang", text.preview_language, text), &langs, lang.name(), set_lang) }
                { radios(Field::new("preview-theme", text.preview_theme, text), &themes, &theme, set_theme) }
            </div>
            <p class="pe-hint" role="status">
                { match (&src, stale) {
                    (None, _) => text.preview_waiting,
                    (Some(_), true) => text.preview_stale,
                    (Some(_), false) => "",
                } }
            </p>
            if let Some(src) = src {
                <WidgetPreview attributes={Attributes {
                    src,
                    lang: Some(lang.name().to_owned()),
                    theme: Some((*theme).clone()),
                    limit: Some("1".into()),
                    heading_level: Some("3".into()),
                    refresh: Some("0".into()),
                    ..Attributes::default()
                }} />
            }
        </>
    }
}

/// A `data:` address holding `feed`, for the widget to fetch.
fn data_url(feed: &str) -> String {
    format!("data:application/feed+json;charset=utf-8,{}", js_sys::encode_uri_component(feed))
}

use wasm_bindgen::JsValue;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::alerts_link::alerts_link;
use super::area_choice::area_choice;
use super::feed_error::FeedErrorNotice;
use super::feedback_panel::FeedbackPanel;
use super::heading::{Heading, HeadingBase};
use super::skeleton::Skeleton;
use super::stale_notice::StaleNotice;
use super::update_list::UpdateList;
use crate::config::Config;
use crate::events;
use crate::form_state::{About, FormAction, FormState};
use crate::hooks::{use_announcement, use_clock, use_feed};
use crate::i18n::Words;
use crate::updates::{areas, select, Update};
use crate::urls::{feedback_endpoint, resolve_on_page};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: Config,
    /// The `<police-engage>` element, where events are dispatched.
    pub host: HtmlElement,
}

/// One widget: heading, then the updates or whichever state stands in for them.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let config = &props.config;
    let text = config.lang.text();
    let (state, retry) = use_feed(config.src.clone(), config.refresh);
    let now = use_clock();
    // Chosen again only when the feed, the filter or the minute changes, not on
    // every render (typing in the form re-renders the app).
    let chosen = {
        let feed = state.feed.clone();
        use_memo((state.loads, state.loading, config.filter.clone(), now), move |(_, _, filter, now)| {
            feed.as_ref().map(|feed| (select(feed, filter, *now), areas(feed, filter, *now)))
        })
    };
    let (shown, areas) = (*chosen).clone().unzip();
    let count = shown.as_ref().map(Vec::len);
    let announcement = use_announcement(shown.clone(), config.filter.area.clone(), config.lang);
    let form = use_reducer(FormState::default);
    let open_form = use_callback(form.dispatcher(), |about: About, form| form.dispatch(FormAction::Open(Some(about))));
    let police = state.feed.as_ref().and_then(|f| f.police.as_ref());
    let from_feed = police.and_then(|p| p.feedback_url.as_deref());
    let alerts = alerts_link(police.and_then(|p| p.alerts_url.as_deref()), config);
    let feedback_url = feedback_endpoint(config.feedback.as_deref(), from_feed, config.src.as_deref());
    let privacy = config.privacy.as_deref().and_then(resolve_on_page).map(AttrValue::from);
    let on_feedback = feedback_url.as_ref().map(|_| open_form.clone());
    {
        let host = props.host.clone();
        use_effect_with((state.loads, count), move |(loads, count)| {
            if let (1.., Some(count)) = (loads, count) {
                events::dispatch(&host, events::UPDATES, &JsValue::from(*count as u32));
            }
        });
    }
    let body = match (&config.src, shown) {
        (None, _) => html! { <p class="pe-notice" part="notice">{ text.no_source }</p> },
        (Some(_), Some(updates)) => html! {
            <>
                if let (true, Some(at), Some(error)) = (state.is_stale(), state.fetched_at, state.error) {
                    <StaleNotice lang={config.lang} {at} {now} {error} retry={retry.clone()} busy={state.loading} />
                }
                { updates_body(updates, &areas.unwrap_or_default(), config, now, on_feedback.clone()) }
            </>
        },
        (Some(_), None) => match state.error {
            Some(error) => {
                html! { <FeedErrorNotice lang={config.lang} {error} {retry} busy={state.loading} /> }
            }
            None => html! { <Skeleton lang={config.lang} rows={config.filter.limit.min(3)} /> },
        },
    };
    let feedback = feedback_url.map(|url| {
        html! { <FeedbackPanel lang={config.lang} {url} {privacy} form={form.clone()} host={props.host.clone()} /> }
    });
    frame(config, state.loading, body, feedback, alerts, announcement)
}

/// The choice of area when the feed has areas, then the updates, or a
/// sentence saying there are none.
pub fn updates_body(
    updates: Vec<Update>,
    areas: &[String],
    config: &Config,
    now: f64,
    on_feedback: Option<Callback<About>>,
) -> Html {
    let lang = config.lang;
    html! {
        <>
            if !areas.is_empty() {
                { area_choice(config, areas) }
            }
            if updates.is_empty() {
                <p class="pe-notice" part="notice">{ lang.text().empty }</p>
            } else {
                <UpdateList {updates} {lang} {now} {on_feedback} />
            }
        </>
    }
}

/// What every view of the widget shares, live or rendered on the server:
/// the labelled section, its heading, the body, the feedback panel, the link
/// to alerts and the polite live region.
pub fn frame(
    config: &Config,
    busy: bool,
    body: Html,
    feedback: Option<Html>,
    alerts: Option<Html>,
    announcement: String,
) -> Html {
    html! {
        <ContextProvider<HeadingBase> context={HeadingBase(config.heading_level)}>
        <section class="pe" part="widget" lang={config.lang.tag()} aria-labelledby="pe-heading" aria-busy={busy.to_string()}>
            <Heading depth={0} class="pe-heading" id="pe-heading" part="heading">{ config.lang.text().heading }</Heading>
            { body }
            if let Some(feedback) = feedback {
                <div class="pe-feedback" part="feedback">{ feedback }</div>
            }
            { alerts }
            <div class="pe-visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ announcement }</div>
        </section>
        </ContextProvider<HeadingBase>>
    }
}

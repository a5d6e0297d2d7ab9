use yew::prelude::*;

use super::appeal_info::AppealInfo;
use super::heading::Heading;
use super::share_button::share_button;
use super::time_ago::TimeAgo;
use crate::form_state::About;
use crate::i18n::{Lang, Words};
use crate::text::html_to_text;
use police_engage_contract::shorten;

use crate::updates::{Body, Category, Event, Priority, Update, MAX_BODY_CHARS};
use crate::when;

#[derive(Properties, PartialEq)]
pub struct UpdateCardProps {
    pub update: Update,
    pub lang: Lang,
    pub now: f64,
    #[prop_or_default]
    pub on_feedback: Option<Callback<About>>,
}

/// One update. Every feed string goes in as a text node, never as markup.
#[function_component]
pub fn UpdateCard(props: &UpdateCardProps) -> Html {
    let UpdateCardProps { update, lang, now, on_feedback } = props;
    let text = lang.text();
    let category = update.category.name();
    let urgent = update.priority == Priority::Urgent;
    let title = update.title.clone().unwrap_or_else(|| text.category(update.category).to_owned());
    // Words in the other language say so, for screen readers (WCAG 3.1.2).
    let other_lang = update.lang.filter(|l| l != lang).map(Lang::name);
    let item_lang = other_lang.map(AttrValue::from);
    let body = match &update.body {
        Body::None => None,
        Body::Text(s) => Some(s.clone()),
        Body::Html(html) => Some(shorten(&html_to_text(html), MAX_BODY_CHARS)).filter(|s| !s.is_empty()),
    };
    html! {
        <li class={classes!("pe-card", format!("pe-{category}"), urgent.then_some("pe-urgent"))} part={format!("update update-{category}")}>
            <article class="pe-article">
                if let Some(image) = &update.image {
                    <img class="pe-image" part="image" src={image.src.clone()} alt={image.alt.clone().unwrap_or_default()} lang={item_lang.clone()} loading="lazy" decoding="async" />
                }
                <Heading depth={1} class="pe-title" part="title" lang={item_lang.clone()}>
                    if let Some(link) = &update.link {
                        <a href={link.clone()}>{ &title }</a>
                    } else {
                        { &title }
                    }
                </Heading>
                <p class="pe-meta">
                    <span class={classes!("pe-badge", format!("pe-badge-{category}"))} part="badge">{ text.category(update.category) }</span>
                    if urgent {
                        <span class="pe-badge pe-badge-urgent" part="badge urgent">{ text.urgent }</span>
                    }
                    if let Some(stamp) = &update.published {
                        <TimeAgo lang={*lang} stamp={stamp.clone()} now={*now} />
                    }
                </p>
                if let Some(body) = body {
                    <p class="pe-body" part="body" lang={item_lang.clone()}>{ body }</p>
                }
                if update.event.is_some() || update.area.is_some() || update.reference.is_some() {
                <dl class="pe-facts">
                    if let Some(event) = &update.event {
                        { event_facts(event, *lang) }
                    }
                    if let Some(area) = &update.area {
                        <div><dt>{ text.area }</dt><dd>{ area }</dd></div>
                    }
                    if let Some(reference) = &update.reference {
                        <div class="pe-reference" part="reference">
                            <dt>{ text.reference }</dt>
                            <dd><strong>{ reference }</strong>{" "}<span class="pe-hint">{ text.reference_hint }</span></dd>
                        </div>
                    }
                </dl>
                }
                if update.category == Category::Appeal {
                    <AppealInfo lang={*lang} reference={update.reference.clone().map(AttrValue::from)} />
                }
                if let Some(on_feedback) = on_feedback {
                    { feedback_button(on_feedback, About { id: update.id.clone(), title: title.clone(), lang: other_lang }, *lang) }
                }
                if let Some(link) = &update.link {
                    { share_button(*lang, &title, other_lang, link) }
                }
            </article>
        </li>
    }
}

fn event_facts(event: &Event, lang: Lang) -> Html {
    let text = lang.text();
    let time =
        |s: &crate::updates::Stamp| html! { <time datetime={s.raw.clone()}>{ when::absolute(lang, s.millis) }</time> };
    html! {
        <>
            if let Some(start) = &event.start {
                <div>
                    <dt>{ text.when }</dt>
                    <dd>
                        { time(start) }
                        if let Some(end) = &event.end { {" – "}{ time(end) } }
                    </dd>
                </div>
            }
            if let Some(address) = &event.address {
                <div><dt>{ text.place }</dt><dd>{ address }</dd></div>
            }
        </>
    }
}

/// "Tell us what you think", naming the update for screen readers, since every card has one.
fn feedback_button(on_feedback: &Callback<About>, about: About, lang: Lang) -> Html {
    let (title, title_lang) = (about.title.clone(), about.lang);
    let onclick = on_feedback.reform(move |_: MouseEvent| about.clone());
    html! {
        <button type="button" class="pe-link-button" part="feedback-button" {onclick}>
            { lang.form().open }<span class="pe-visually-hidden">{": "}<span lang={title_lang}>{ title }</span></span>
        </button>
    }
}

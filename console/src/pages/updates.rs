//! "Updates": what partner pages show, by state (live, scheduled, expired,
//! withdrawn), with where each came from; a new one, or any one to edit.

use police_engage_contract::{UpdateRow, UpdateState, UpdatesPage as Page, UpdatesQuery};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::layout::Layout;
use crate::components::tabs::{tabs, Tab};
use crate::format;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{Lang, Words};
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn UpdatesPage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let location = use_location();
    let query: UpdatesQuery = location.as_ref().and_then(|l| l.query::<UpdatesQuery>().ok()).unwrap_or_default();
    let (page, _) = use_load::<Page>(api::with_query("/v1/updates", &query));
    html! {
        <Layout title={text.updates_title} current={Route::Updates}>
            <h1 class="pe-h1">{ text.updates_title }</h1>
            <p class="pe-lead">{ text.updates_intro }</p>
            <Link<Route> to={Route::NewUpdate} classes="pe-button">{ text.new_update }</Link<Route>>
            if let Load::Loaded(page) = &page {
                { state_tabs(&query, page, lang) }
                { list(&query, page, lang) }
            } else {
                { unloaded(&page, lang) }
            }
            <super::alerts::AlertsSection />
        </Layout>
    }
}

fn state_tabs(query: &UpdatesQuery, page: &Page, lang: Lang) -> Html {
    let text = lang.text();
    let shown = query.state.unwrap_or(UpdateState::Live);
    let tab = |state: UpdateState| Tab {
        words: text.state(state),
        count: page.counts.of(state),
        query: UpdatesQuery { state: Some(state), before: None },
        current: state == shown,
    };
    tabs(Route::Updates, UpdateState::ALL.into_iter().map(tab).collect())
}

fn list(query: &UpdatesQuery, page: &Page, lang: Lang) -> Html {
    let text = lang.text();
    if page.items.is_empty() {
        return html! { <p class="pe-empty">{ text.no_updates }</p> };
    }
    html! {
        <>
            <div class="pe-table-wrap">
            <table class="pe-table">
                <caption class="pe-visually-hidden">{ text.state(query.state.unwrap_or(UpdateState::Live)) }</caption>
                <thead><tr>
                    <th scope="col">{ text.col_title }</th>
                    <th scope="col">{ text.col_category }</th>
                    <th scope="col">{ text.col_area }</th>
                    <th scope="col">{ text.col_publish_time }</th>
                    <th scope="col">{ text.col_welsh }</th>
                    <th scope="col">{ text.col_came_from }</th>
                </tr></thead>
                <tbody>{ for page.items.iter().map(|u| row(u, lang)) }</tbody>
            </table>
            </div>
            if let Some(next) = &page.next {
                <nav class="pe-pagination" aria-label={text.updates_title}>
                    <Link<Route, UpdatesQuery> to={Route::Updates} query={Some(UpdatesQuery { before: Some(next.clone()), ..query.clone() })}>
                        { text.older }
                    </Link<Route, UpdatesQuery>>
                </nav>
            }
        </>
    }
}

fn row(u: &UpdateRow, lang: Lang) -> Html {
    let text = lang.text();
    let priority = (u.priority != Default::default()).then(|| text.priority(u.priority));
    html! {
        <tr>
            <th scope="row" class="pe-break">
                <Link<Route> to={Route::EditUpdate { id: u.id.clone() }}>{ &u.title }</Link<Route>>
                if let Some(priority) = priority {
                    {" "}<strong class="pe-tag pe-tag-in_progress">{ priority }</strong>
                }
            </th>
            <td>{ text.category(u.category) }</td>
            <td>{ u.area.clone().unwrap_or_default() }</td>
            <td class="pe-nowrap">{ format::when(&u.published_at, lang) }</td>
            <td>
                if let Some(cy) = &u.cy_title {
                    <span lang="cy">{ cy }</span>
                } else {
                    { text.no }
                }
            </td>
            <td class="pe-break">
                { text.channel(u.channel) }
                if let Some(source) = &u.source {
                    <br /><span class="pe-hint">{ source }</span>
                }
            </td>
        </tr>
    }
}

//! "Feedback": one queue across every page and update, newest first, with
//! counts by status, filters kept in the address (so Back and shared links
//! work), pages, a selection to change or export, and CSV of what shows.

use std::collections::BTreeSet;

use police_engage_contract::{Bulk, Changed, InboxPage as Page, InboxQuery, Me, Status};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::error_summary::failure;
use crate::components::fields::{input, select, Field};
use crate::components::layout::Layout;
use crate::components::status_tag::status_tag;
use crate::components::tabs::{tabs, Tab};
use crate::format;
use crate::hooks::use_submit;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{fill, Lang, Words};
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn InboxPage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let me = session.signed_in().cloned().expect("signed in");
    let location = use_location();
    let query: InboxQuery = location.as_ref().and_then(|l| l.query::<InboxQuery>().ok()).unwrap_or_default();
    let (page, reload) = use_load::<Page>(api::with_query("/v1/inbox", &query));
    let selected = use_state(BTreeSet::<String>::new);
    let notice = use_state(|| None::<String>);
    {
        let selected = selected.clone();
        use_effect_with(query.clone(), move |_| selected.set(BTreeSet::new()));
    }
    html! {
        <Layout title={text.feedback_title} current={Route::Inbox}>
            <h1 class="pe-h1">{ text.feedback_title }</h1>
            if let Some(notice) = &*notice {
                <div class="pe-notice" role="status">{ notice }</div>
            }
            <Filters query={query.clone()} page={page.clone()} />
            if let Load::Loaded(page) = &page {
                { status_tabs(&query, page, lang) }
                if me.role.can_handle_feedback() && !page.items.is_empty() {
                    <BulkActions selected={selected.clone()} {reload} notice={notice.clone()} />
                }
                { results(&query, page, &me, lang, &selected) }
            } else {
                { unloaded(&page, lang) }
            }
        </Layout>
    }
}

/// Status tabs with their counts; each keeps the other filters.
fn status_tabs(query: &InboxQuery, page: &Page, lang: Lang) -> Html {
    let text = lang.text();
    let counts = page.counts;
    let all = counts.new + counts.in_progress + counts.closed;
    let overdue = query.overdue == Some(true);
    let tab = |status: Option<Status>, words: &'static str, count: u64| Tab {
        words,
        count,
        query: InboxQuery { status, overdue: None, before: None, ..query.clone() },
        current: query.status == status && !overdue,
    };
    let overdue_tab = Tab {
        words: text.overdue,
        count: counts.overdue,
        query: InboxQuery { status: None, overdue: Some(true), before: None, ..query.clone() },
        current: overdue,
    };
    tabs(
        Route::Inbox,
        vec![
            tab(Some(Status::New), text.status_new, counts.new),
            tab(Some(Status::InProgress), text.status_in_progress, counts.in_progress),
            tab(Some(Status::Closed), text.status_closed, counts.closed),
            tab(None, text.all_statuses, all),
            overdue_tab,
        ],
    )
}

fn results(query: &InboxQuery, page: &Page, me: &Me, lang: Lang, selected: &UseStateHandle<BTreeSet<String>>) -> Html {
    let text = lang.text();
    if page.items.is_empty() {
        return html! { <p class="pe-empty">{ text.none_match }</p> };
    }
    let handles = me.role.can_handle_feedback();
    let toggle = |id: &str| {
        let (selected, id) = (selected.clone(), id.to_owned());
        Callback::from(move |e: Event| {
            let mut next = (*selected).clone();
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                next.insert(id.clone());
            } else {
                next.remove(&id);
            }
            selected.set(next);
        })
    };
    let first_page = InboxQuery { before: None, ..query.clone() };
    html! {
        <>
            <p class="pe-hint">{ fill(text.showing, &page.items.len().to_string()) }</p>
            <div class="pe-table-wrap">
            <table class="pe-table">
                <caption class="pe-visually-hidden">{ text.feedback_title }</caption>
                <thead>
                    <tr>
                        if handles { <th scope="col"><span class="pe-visually-hidden">{ text.col_select }</span></th> }
                        <th scope="col">{ text.col_reference }</th>
                        <th scope="col">{ text.col_received }</th>
                        <th scope="col">{ text.col_message }</th>
                        <th scope="col">{ text.col_rating }</th>
                        <th scope="col">{ text.col_area }</th>
                        <th scope="col">{ text.col_about }</th>
                        <th scope="col">{ text.col_status }</th>
                        <th scope="col">{ text.col_assignee }</th>
                    </tr>
                </thead>
                <tbody>
                    { for page.items.iter().map(|item| html! {
                        <tr>
                            if handles {
                                <td>
                                    <input type="checkbox" class="pe-checkbox" id={format!("select-{}", item.id)}
                                        checked={selected.contains(&item.id)} onchange={toggle(&item.id)}
                                        aria-label={fill(text.select_one, &item.id)} />
                                </td>
                            }
                            <td class="pe-nowrap"><Link<Route> to={Route::Feedback { id: item.id.clone() }}>{ &item.id }</Link<Route>></td>
                            <td class="pe-nowrap">{ format::when(&item.received_at, lang) }</td>
                            <td class="pe-message-cell">{ &item.message }</td>
                            <td>{ item.rating.map(|r| r.to_string()).unwrap_or_default() }</td>
                            <td>{ item.area.clone().unwrap_or_default() }</td>
                            <td>{ item.about_title.clone().or_else(|| item.about.clone()).unwrap_or_default() }</td>
                            <td>
                                { status_tag(item.status, lang) }
                                if let Some(due) = item.due_at.as_deref().filter(|_| item.overdue) {
                                    {" "}<strong class="pe-tag pe-tag-overdue" title={fill(text.overdue_since, &format::when(due, lang))}>{ text.overdue }</strong>
                                }
                            </td>
                            <td>{ item.assignee.clone().unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            <nav class="pe-pagination" aria-label={text.feedback_title}>
                if query.before.is_some() {
                    <Link<Route, InboxQuery> to={Route::Inbox} query={Some(first_page)}>{ text.first_page }</Link<Route, InboxQuery>>
                }
                if let Some(next) = &page.next {
                    <Link<Route, InboxQuery> to={Route::Inbox} query={Some(InboxQuery { before: Some(next.clone()), ..query.clone() })}>
                        { text.next_page }
                    </Link<Route, InboxQuery>>
                }
            </nav>
            if handles {
                <p><a class="pe-link" href={api::with_query("/v1/inbox.csv", &first_page_filters(query))} download="feedback.csv">{ text.export_all }</a></p>
            }
        </>
    }
}

fn first_page_filters(query: &InboxQuery) -> InboxQuery {
    InboxQuery { before: None, ..query.clone() }
}

#[derive(Properties, PartialEq)]
struct FiltersProps {
    query: InboxQuery,
    page: Load<Page>,
}

/// The filter form. Applying it writes the filters into the address.
#[function_component]
fn Filters(props: &FiltersProps) -> Html {
    let session = use_session();
    let text = session.lang.text();
    let draft = use_state(|| props.query.clone());
    {
        let draft = draft.clone();
        use_effect_with(props.query.clone(), move |query| draft.set(query.clone()));
    }
    let navigator = use_navigator();
    let onsubmit = {
        let draft = draft.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let query = tidy(InboxQuery { before: None, ..(*draft).clone() });
            if let Some(navigator) = &navigator {
                let _ = navigator.push_with_query(&Route::Inbox, &query);
            }
        })
    };
    let set = |apply: fn(&mut InboxQuery, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            apply(&mut next, value);
            draft.set(next);
        })
    };
    let field = |id: &'static str, label: &'static str, hint: Option<&'static str>| match hint {
        Some(hint) => Field::new(id, label, text).hint(hint),
        None => Field::new(id, label, text),
    };
    let any = || vec![(String::new(), text.any.to_owned())];
    let page = match &props.page {
        Load::Loaded(page) => Some(page),
        _ => None,
    };
    let mut updates = any();
    updates.extend(page.iter().flat_map(|p| p.updates.iter().map(|u| (u.id.clone(), u.title.clone()))));
    let mut sites = any();
    sites.extend(page.iter().flat_map(|p| p.sites.iter().map(|s| (s.clone(), s.clone()))));
    let mut partners = any();
    partners.extend(page.iter().flat_map(|p| p.partners.iter().map(|p| (p.id.clone(), p.name.clone()))));
    let mut ratings = any();
    ratings.extend((1..=5).map(|n| (n.to_string(), n.to_string())));
    let mut assignees = any();
    if session.signed_in().is_some_and(|me| me.role.can_handle_feedback()) {
        assignees.push(("me".into(), text.me.into()));
        assignees.extend(page.iter().flat_map(|p| p.people.iter().map(|p| (p.id.clone(), p.email.clone()))));
    }
    let d = &*draft;
    html! {
        <details class="pe-filters" open={filtered(&props.query)}>
            <summary>{ text.filters }</summary>
            <form class="pe-filter-form" {onsubmit}>
                { input(field("q", text.filter_search, Some(text.filter_search_hint)), "search", None, d.q.as_deref().unwrap_or_default(), set(|q, v| q.q = Some(v))) }
                { select(field("about", text.filter_update, None), &updates, d.about.as_deref().unwrap_or_default(), set(|q, v| q.about = Some(v))) }
                { input(field("area", text.filter_area, None), "text", None, d.area.as_deref().unwrap_or_default(), set(|q, v| q.area = Some(v))) }
                { select(field("rating", text.filter_rating, None), &ratings, &d.rating.map(|r| r.to_string()).unwrap_or_default(), set(|q, v| q.rating = v.parse().ok())) }
                { input(field("from", text.filter_from, Some(text.date_hint)), "date", None, d.from.as_deref().unwrap_or_default(), set(|q, v| q.from = Some(v))) }
                { input(field("to", text.filter_to, Some(text.date_hint)), "date", None, d.to.as_deref().unwrap_or_default(), set(|q, v| q.to = Some(v))) }
                if partners.len() > 1 {
                    { select(field("partner", text.filter_partner, None), &partners, d.partner.as_deref().unwrap_or_default(), set(|q, v| q.partner = Some(v))) }
                }
                { select(field("site", text.filter_site, None), &sites, d.site.as_deref().unwrap_or_default(), set(|q, v| q.site = Some(v))) }
                if assignees.len() > 1 {
                    { select(field("assignee", text.filter_assignee, None), &assignees, d.assignee.as_deref().unwrap_or_default(), set(|q, v| q.assignee = Some(v))) }
                }
                <div class="pe-actions">
                    <button type="submit" class="pe-button">{ text.apply_filters }</button>
                    <Link<Route, InboxQuery> to={Route::Inbox} query={Some(InboxQuery { status: props.query.status, ..InboxQuery::default() })} classes="pe-link">
                        { text.clear_filters }
                    </Link<Route, InboxQuery>>
                </div>
            </form>
        </details>
    }
}

/// Empty fields are no filter at all.
fn tidy(q: InboxQuery) -> InboxQuery {
    let keep = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    InboxQuery {
        about: keep(q.about),
        area: keep(q.area),
        from: keep(q.from),
        to: keep(q.to),
        site: keep(q.site),
        partner: keep(q.partner),
        assignee: keep(q.assignee),
        q: keep(q.q),
        ..q
    }
}

fn filtered(q: &InboxQuery) -> bool {
    let InboxQuery { status: _, about, area, rating, from, to, site, partner, assignee, q, overdue: _, before: _ } = q;
    about.is_some()
        || area.is_some()
        || rating.is_some()
        || from.is_some()
        || to.is_some()
        || site.is_some()
        || partner.is_some()
        || assignee.is_some()
        || q.is_some()
}

#[derive(Properties, PartialEq)]
struct BulkProps {
    selected: UseStateHandle<BTreeSet<String>>,
    reload: Callback<()>,
    notice: UseStateHandle<Option<String>>,
}

/// "With the selected feedback": set a status, or export.
#[function_component]
fn BulkActions(props: &BulkProps) -> Html {
    let session = use_session();
    let text = session.lang.text();
    let status = use_state(|| Status::InProgress.name().to_owned());
    let ids: Vec<String> = props.selected.iter().cloned().collect();
    let done = {
        let (reload, notice, selected) = (props.reload.clone(), props.notice.clone(), props.selected.clone());
        Callback::from(move |answer: Changed| {
            notice.set(Some(fill(text.changed_count, &answer.changed.to_string())));
            selected.set(BTreeSet::new());
            reload.emit(());
        })
    };
    let submit = use_submit(|body: Bulk| async move { api::post("/v1/inbox/bulk", &body).await }, done);
    let apply = {
        let (ids, status, send) = (ids.clone(), status.clone(), submit.send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let (Some(status), false) = (Status::parse(&status), ids.is_empty()) {
                send.emit(Bulk { ids: ids.clone(), status });
            }
        })
    };
    let options: Vec<(String, String)> =
        Status::ALL.iter().map(|s| (s.name().to_owned(), text.status(*s).to_owned())).collect();
    let set_status = {
        let status = status.clone();
        Callback::from(move |v: String| status.set(v))
    };
    let field = Field::new("bulk-status", text.set_status, text);
    html! {
        <form class="pe-bulk" onsubmit={apply}>
            <h2 class="pe-h3">{ text.with_selected }</h2>
            <p class="pe-hint" role="status">{ fill(text.selected_count, &ids.len().to_string()) }</p>
            <div class="pe-inline">
                { select(field, &options, &status, set_status) }
                <button type="submit" class="pe-button pe-button-secondary" aria-disabled={(ids.is_empty() || submit.busy).then_some("true")}>{ text.apply }</button>
            </div>
            if let Some(error) = &submit.error {
                <p class="pe-error-message" role="alert">{ failure(error, text) }</p>
            }
            if !ids.is_empty() {
                <p><a class="pe-link" href={format!("/v1/inbox.csv?ids={}", ids.join(","))} download="feedback-selected.csv">{ text.export_selected }</a></p>
            }
        </form>
    }
}

//! Tabs that are links: each names a view of one list (a status, a state)
//! with its count, keeps the page's other filters in its address, and marks
//! the one shown with `aria-current`.

use serde::Serialize;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::Route;

/// One tab: its words, its count, and the query it shows.
pub struct Tab<Q> {
    pub words: &'static str,
    pub count: u64,
    pub query: Q,
    pub current: bool,
}

pub fn tabs<Q: Serialize + Clone + PartialEq + 'static>(route: Route, tabs: Vec<Tab<Q>>) -> Html {
    html! {
        <ul class="pe-tabs">
            { for tabs.into_iter().map(|tab| html! {
                <li class={classes!("pe-tab", tab.current.then_some("pe-tab-current"))}>
                    <Link<Route, Q> to={route.clone()} query={Some(tab.query)}>
                        <span aria-current={tab.current.then_some("page")}>
                            { tab.words }{" "}<span class="pe-count">{ format!("({})", tab.count) }</span>
                        </span>
                    </Link<Route, Q>>
                </li>
            }) }
        </ul>
    }
}

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::feed::{decode, FeedError};
use crate::fetch::{fetch_feed, Fetched};
use crate::saved;
use crate::state::{Action, FeedState};

/// The `ETag` of the last body, with the URL it belongs to.
type LastTag = Rc<RefCell<Option<(String, String)>>>;

/// Loads the feed at `src`, then polls it every `refresh` seconds.
/// Returns the state and a callback that fetches again now (Retry).
#[hook]
pub fn use_feed(src: Option<String>, refresh: Option<u32>) -> (UseReducerHandle<FeedState>, Callback<()>) {
    let state = use_reducer(FeedState::default);
    let last_tag: LastTag = use_mut_ref(|| None);
    let load = {
        let dispatcher = state.dispatcher();
        let last_tag = last_tag.clone();
        use_callback(src.clone(), move |(), src| {
            if let Some(src) = src.clone() {
                spawn_local(load_feed(src, last_tag.clone(), dispatcher.clone()));
            }
        })
    };
    {
        let dispatcher = state.dispatcher();
        let load = load.clone();
        use_effect_with(src.clone(), move |src| {
            // A fresh start has nothing to show, so it must not ask "only if
            // changed": back on an earlier feed, a 304 would leave it empty.
            last_tag.replace(None);
            dispatcher.dispatch(Action::Reset(src.clone()));
            load.emit(());
        });
    }
    {
        let load = load.clone();
        use_effect_with((src, refresh), move |(_, refresh)| {
            let poll = refresh.map(|secs| Interval::new(secs.saturating_mul(1000), move || load.emit(())));
            move || drop(poll)
        });
    }
    (state, load)
}

async fn load_feed(src: String, last_tag: LastTag, dispatcher: UseReducerDispatcher<FeedState>) {
    dispatcher.dispatch(Action::Fetching(src.clone()));
    let tag = last_tag.borrow().as_ref().filter(|(url, _)| *url == src).map(|(_, tag)| tag.clone());
    let at = js_sys::Date::now();
    let action = match fetch_feed(&src, tag.as_deref()).await {
        Ok(Fetched::NotModified) => Action::Unchanged { src, at },
        Ok(Fetched::Body { text, etag }) => match decode(&text) {
            Ok(feed) => {
                saved::save(&src, &text, at);
                *last_tag.borrow_mut() = etag.map(|tag| (src.clone(), tag));
                Action::Loaded { src, feed: Rc::new(feed), at }
            }
            Err(error) => failed(src, error),
        },
        Err(error) => failed(src, error),
    };
    dispatcher.dispatch(action);
}

/// A failure carries the saved copy, in case nothing is shown yet.
fn failed(src: String, error: FeedError) -> Action {
    let saved = saved::load(&src).and_then(|(text, at)| Some((Rc::new(decode(&text).ok()?), at)));
    Action::Failed { src, error, saved }
}

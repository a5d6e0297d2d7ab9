//! Loading what a page shows: one GET per address, a reload on request, and
//! only the answer to the latest request kept (a slow answer for filters
//! the reader has since changed must not replace the newer one).

use std::cell::Cell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::{Lang, Words};
use crate::session::use_session;

/// What a page asked the server for.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Loaded(T),
    Failed(ApiError),
}

/// Numbers requests, so an answer can tell whether a newer one was made
/// since it was asked for.
#[derive(Clone, Default)]
pub struct Latest(Rc<Cell<u32>>);

impl Latest {
    /// A new request: every earlier one is out of date from now on.
    pub fn ask(&self) -> Turn {
        self.0.set(self.0.get().wrapping_add(1));
        Turn { latest: self.clone(), n: self.0.get() }
    }
}

/// One request's place in the order.
pub struct Turn {
    latest: Latest,
    n: u32,
}

impl Turn {
    /// Whether no request was made after this one.
    pub fn is_latest(&self) -> bool {
        self.latest.0.get() == self.n
    }
}

/// A [`Latest`] that lasts as long as the component.
#[hook]
pub fn use_latest() -> Latest {
    (*use_memo((), |()| Latest::default())).clone()
}

/// GETs `path` whenever it changes; `reload` asks again. A lapsed session
/// signs the console out, which sends the page to Sign in.
#[hook]
pub fn use_load<T: DeserializeOwned + Clone + PartialEq + 'static>(path: String) -> (Load<T>, Callback<()>) {
    let state = use_state(|| Load::Loading);
    let generation = use_state(|| 0u32);
    let last_path = use_mut_ref(String::new);
    let latest = use_latest();
    let session = use_session();
    {
        let state = state.clone();
        let set_me = session.set_me.clone();
        use_effect_with((path, *generation), move |(path, _)| {
            // Another thing asked for: show nothing of the last one meanwhile.
            if *last_path.borrow() != *path {
                state.set(Load::Loading);
                *last_path.borrow_mut() = path.clone();
            }
            let (path, turn) = (path.clone(), latest.ask());
            spawn_local(async move {
                let answer = api::get::<T>(&path).await;
                if !turn.is_latest() {
                    return;
                }
                match answer {
                    Ok(found) => state.set(Load::Loaded(found)),
                    Err(ApiError::SignedOut) => set_me.emit(None),
                    Err(error) => state.set(Load::Failed(error)),
                }
            });
        });
    }
    let reload = Callback::from(move |()| generation.set(*generation + 1));
    ((*state).clone(), reload)
}

/// What a page shows while loading or after a failure.
pub fn unloaded<T>(load: &Load<T>, lang: Lang) -> Html {
    let text = lang.text();
    match load {
        Load::Loading => html! { <p class="pe-hint" role="status">{ text.loading }</p> },
        Load::Failed(ApiError::NotAllowed) => html! { <p class="pe-warning">{ text.not_allowed }</p> },
        Load::Failed(ApiError::NotFound) => html! { <p class="pe-warning">{ text.not_found_title }</p> },
        Load::Failed(_) => html! { <p class="pe-warning" role="alert">{ text.network }</p> },
        Load::Loaded(_) => Html::default(),
    }
}

//! One module per page; `switch` picks the page for an address, and pages
//! that need someone signed in are wrapped so that no one else sees them.

mod audit;
mod editor;
pub mod embed;
mod feedback;
mod inbox;
mod insight;
mod not_found;
mod partners;
mod people;
mod sign_in;
mod updates;

use serde::de::DeserializeOwned;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::layout::Layout;
use crate::i18n::Words;
use crate::route::Route;
use crate::session::use_session;

pub fn switch(route: Route) -> Html {
    match route {
        Route::SignIn => html! { <sign_in::SignInPage /> },
        Route::Inbox => html! { <SignedIn><inbox::InboxPage /></SignedIn> },
        Route::Feedback { id } => html! { <SignedIn><feedback::FeedbackPage {id} /></SignedIn> },
        Route::Insight => html! { <SignedIn><insight::InsightPage /></SignedIn> },
        Route::Audit => html! { <SignedIn><audit::AuditPage /></SignedIn> },
        Route::People => html! { <SignedIn><people::PeoplePage /></SignedIn> },
        Route::Updates => html! { <SignedIn><updates::UpdatesPage /></SignedIn> },
        Route::NewUpdate => html! { <SignedIn><editor::NewUpdatePage /></SignedIn> },
        Route::EditUpdate { id } => html! { <SignedIn><editor::StoredUpdatePage {id} copy={false} /></SignedIn> },
        Route::CopyUpdate { id } => html! { <SignedIn><editor::StoredUpdatePage {id} copy={true} /></SignedIn> },
        Route::Partners => html! { <SignedIn><partners::PartnersPage /></SignedIn> },
        Route::NotFound => html! { <not_found::NotFoundPage /> },
    }
}

#[derive(Properties, PartialEq)]
struct SignedInProps {
    children: Html,
}

/// Shows its page only to someone signed in; sends anyone else to sign in.
#[function_component]
fn SignedIn(props: &SignedInProps) -> Html {
    let session = use_session();
    match &session.me {
        None => html! { <Layout title={session.lang.text().loading}><p>{ session.lang.text().loading }</p></Layout> },
        Some(None) => html! { <Redirect<Route> to={Route::SignIn} /> },
        Some(Some(_)) => props.children.clone(),
    }
}

/// What a page asked the server for.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Loaded(T),
    Failed(ApiError),
}

/// GETs `path` whenever it changes; `reload` asks again. A lapsed session
/// signs the console out, which sends the page to Sign in.
#[hook]
pub fn use_load<T: DeserializeOwned + Clone + PartialEq + 'static>(path: String) -> (Load<T>, Callback<()>) {
    let state = use_state(|| Load::Loading);
    let generation = use_state(|| 0u32);
    let last_path = use_mut_ref(String::new);
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
            let path = path.clone();
            spawn_local(async move {
                match api::get::<T>(&path).await {
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
pub fn unloaded<T>(load: &Load<T>, lang: crate::i18n::Lang) -> Html {
    let text = lang.text();
    match load {
        Load::Loading => html! { <p class="pe-hint" role="status">{ text.loading }</p> },
        Load::Failed(ApiError::NotAllowed) => html! { <p class="pe-warning">{ text.not_allowed }</p> },
        Load::Failed(ApiError::NotFound) => html! { <p class="pe-warning">{ text.not_found_title }</p> },
        Load::Failed(_) => html! { <p class="pe-warning" role="alert">{ text.network }</p> },
        Load::Loaded(_) => Html::default(),
    }
}

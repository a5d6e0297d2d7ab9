//! One module per page; `switch` picks the page for an address, and pages
//! that need someone signed in are wrapped so that no one else sees them.

mod account;
mod alerts;
mod answers;
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

use yew::prelude::*;
use yew_router::prelude::*;

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
        Route::Account => html! { <SignedIn><account::AccountPage /></SignedIn> },
        Route::NotFound => html! { <not_found::NotFoundPage /> },
    }
}

#[derive(Properties, PartialEq)]
struct SignedInProps {
    children: Html,
}

/// Shows its page only to someone signed in; sends anyone else to sign
/// in, and someone who must set up a second factor to Your account.
#[function_component]
fn SignedIn(props: &SignedInProps) -> Html {
    let session = use_session();
    let route = use_route::<Route>();
    match &session.me {
        None => html! { <Layout title={session.lang.text().loading}><p>{ session.lang.text().loading }</p></Layout> },
        Some(None) => html! { <Redirect<Route> to={Route::SignIn} /> },
        Some(Some(me)) if me.needs_second_factor && route != Some(Route::Account) => {
            html! { <Redirect<Route> to={Route::Account} /> }
        }
        Some(Some(_)) => props.children.clone(),
    }
}

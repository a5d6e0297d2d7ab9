//! The console's pages and their addresses under `/console/`.

use yew_router::prelude::*;

#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Inbox,
    #[at("/sign-in")]
    SignIn,
    #[at("/feedback/:id")]
    Feedback { id: String },
    #[at("/insight")]
    Insight,
    #[at("/audit")]
    Audit,
    #[at("/people")]
    People,
    #[at("/updates")]
    Updates,
    #[at("/updates/new")]
    NewUpdate,
    #[at("/updates/:id/edit")]
    EditUpdate { id: String },
    #[at("/updates/:id/copy")]
    CopyUpdate { id: String },
    #[at("/partners")]
    Partners,
    #[at("/account")]
    Account,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

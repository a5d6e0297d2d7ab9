//! The force's console: a Yew app of its own, served at `/console/` by the
//! server and never loaded by partner pages. Responders read and handle
//! residents' feedback and see what it says over time; editors publish
//! updates in English and Welsh; admins also manage partners and people and
//! read the audit log. Everything it shows comes from the server's `/v1/`
//! API, where roles are enforced. The same app serves the public embed
//! builder at `/embed`.

mod api;
mod components;
mod contrast;
mod draft;
mod format;
mod hooks;
mod i18n;
mod pages;
mod passkey;
mod route;
mod session;
mod snippet;

use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew_router::prelude::*;

use route::Route;
use session::SessionProvider;

#[function_component]
fn App() -> Html {
    html! {
        <BrowserRouter basename="/console">
            <SessionProvider>
                <Switch<Route> render={pages::switch} />
            </SessionProvider>
        </BrowserRouter>
    }
}

/// The public embed builder at `/embed`: no router, no sign-in.
#[function_component]
fn EmbedApp() -> Html {
    html! { <SessionProvider><pages::embed::EmbedPage /></SessionProvider> }
}

/// Renders the console (or, at `/embed`, the embed builder) into
/// `#console` once the wasm has loaded.
#[wasm_bindgen(start)]
pub fn start() {
    let window = web_sys::window();
    let root = window.as_ref().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("console"));
    let path = window.and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    if let Some(root) = root {
        root.set_inner_html("");
        if path.starts_with("/embed") {
            yew::Renderer::<EmbedApp>::with_root(root).render();
        } else {
            yew::Renderer::<App>::with_root(root).render();
        }
    }
}

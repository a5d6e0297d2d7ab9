//! The force's console: a Yew app of its own, served at `/console/` by the
//! server and never loaded by partner pages. Responders read and handle
//! residents' feedback and see what it says over time; admins also read
//! the audit log and manage people. Everything it shows comes from the
//! server's `/v1/` API, where roles are enforced.

mod api;
mod components;
mod format;
mod i18n;
mod pages;
mod route;
mod session;

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

/// Renders the console into `#console` once the wasm has loaded.
#[wasm_bindgen(start)]
pub fn start() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("console"));
    if let Some(root) = root {
        root.set_inner_html("");
        yew::Renderer::<App>::with_root(root).render();
    }
}

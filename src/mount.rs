//! The JavaScript-facing surface: the loader mounts one widget per element
//! and tells it when attributes change or the element goes away.

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;

use crate::components::{App, AppProps};
use crate::config::Config;
use crate::crash;
use crate::fetch;

/// A mounted widget, owned by the loader's custom element.
#[wasm_bindgen]
pub struct Widget {
    app: Option<AppHandle<App>>,
    host: HtmlElement,
    root: Element,
}

/// Renders a widget for `host` into `root` (inside its shadow root).
/// `attributes` is a plain object of attribute name → string or null.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: Element, attributes: &JsValue) -> Widget {
    crash::install();
    let props = props(&host, attributes);
    crash::register(&root, props.config.lang);
    let early =
        Reflect::get(attributes, &JsValue::from_str("prefetch")).ok().and_then(|p| p.dyn_into::<Promise>().ok());
    if let (Some(src), Some(early)) = (&props.config.src, early) {
        fetch::offer_early(src, early);
    }
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    Widget { app: Some(app), host, root }
}

#[wasm_bindgen]
impl Widget {
    /// Applies changed attributes live.
    pub fn update(&mut self, attributes: &JsValue) {
        let props = props(&self.host, attributes);
        crash::register(&self.root, props.config.lang);
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }

    /// Stops polling and frees the app; the root is left empty.
    pub fn destroy(&mut self) {
        crash::forget(&self.root);
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn props(host: &HtmlElement, attributes: &JsValue) -> AppProps {
    let config = Config::from_attributes(|name| Reflect::get(attributes, &JsValue::from_str(name)).ok()?.as_string());
    AppProps { config, host: host.clone() }
}

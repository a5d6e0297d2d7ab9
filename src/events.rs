//! The DOM events the widget dispatches on its element for the host page.
//! Details carry counts and ids only, never anything a resident typed.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

pub const UPDATES: &str = "police-engage:updates";
pub const FEEDBACK_SENT: &str = "police-engage:feedback-sent";

/// Dispatches `name` on `host`, bubbling and crossing shadow boundaries.
pub fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

use gloo_timers::callback::Interval;
use yew::prelude::*;

const MINUTE_MS: u32 = 60_000;

/// The time now (Unix ms), moved on every minute while the page is shown,
/// so "3 minutes ago" stays true whether or not the feed is polled.
#[hook]
pub fn use_clock() -> f64 {
    let now = use_state(js_sys::Date::now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = Interval::new(MINUTE_MS, move || {
                if !page_hidden() {
                    now.set(js_sys::Date::now());
                }
            });
            move || drop(tick)
        });
    }
    *now
}

/// A background tab has no one to read it: no need to re-render.
fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

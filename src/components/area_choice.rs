//! Your area: the resident picks one of the feed's areas, or every area, in
//! place of the page's own. The loader (`www/police-engage.js`) keeps the
//! choice on this device and hands it back with the attributes, so the wasm
//! only draws the control, and the server's first view draws the same.

use yew::prelude::*;

use crate::config::Config;
use crate::i18n::Words;
use crate::updates::same_area;

/// The chooser; `areas` are the feed's (see `updates::areas`).
pub fn area_choice(config: &Config, areas: &[String]) -> Html {
    let text = config.lang.text();
    let chosen = config.filter.area.as_deref();
    html! {
        <div class="pe-area-choice" part="area-choice">
            <label class="pe-label" for="pe-your-area">{ text.your_area }</label>
            <select class="pe-input" id="pe-your-area" data-pe-area="">
                <option value="" selected={chosen.is_none()}>{ text.all_areas }</option>
                // Keyed, so a poll that brings a new area moves the options
                // rather than relabelling the one the browser shows as chosen.
                { for areas.iter().map(|area| html! {
                    <option key={area.clone()} value={area.clone()} selected={chosen.is_some_and(|c| same_area(c, area))}>{ area }</option>
                }) }
            </select>
            if config.area_chosen {
                <button type="button" class="pe-link-button" part="area-reset" data-pe-area-reset="">{ text.reset_area }</button>
            }
        </div>
    }
}

//! The real `<police-engage>` element (the loader from this server's
//! `/widget/`), at phone or desktop width: what the publishing preview and
//! the embed builder show.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::fields::{radios, Field};
use crate::i18n::Words;
use crate::session::use_session;

/// The element's attributes; `None` leaves one out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attributes {
    pub src: String,
    pub lang: Option<String>,
    pub theme: Option<String>,
    pub limit: Option<String>,
    pub categories: Option<String>,
    pub area: Option<String>,
    pub heading_level: Option<String>,
    pub refresh: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct WidgetPreviewProps {
    pub attributes: Attributes,
    /// Custom properties set on the element, such as `("--pe-accent", "#00594f")`.
    #[prop_or_default]
    pub colours: Vec<(&'static str, String)>,
}

/// Every custom property a preview may set, so a colour taken away is undone.
pub const COLOUR_PROPERTIES: [&str; 4] = ["--pe-accent", "--pe-accent-text", "--pe-text", "--pe-background"];

#[function_component]
pub fn WidgetPreview(props: &WidgetPreviewProps) -> Html {
    let text = use_session().lang.text();
    let width = use_state(|| "phone".to_owned());
    let node = use_node_ref();
    {
        // Through the element's style object: the page's policy allows no style attribute.
        let node = node.clone();
        use_effect_with(props.colours.clone(), move |colours| {
            if let Some(element) = node.cast::<HtmlElement>() {
                let style = element.style();
                for name in COLOUR_PROPERTIES {
                    let _ = style.remove_property(name);
                }
                for (name, value) in colours {
                    let _ = style.set_property(name, value);
                }
            }
        });
    }
    let widths =
        [("phone".to_owned(), text.width_phone.to_owned()), ("desktop".to_owned(), text.width_desktop.to_owned())];
    let set_width = {
        let width = width.clone();
        Callback::from(move |w: String| width.set(w))
    };
    let a = &props.attributes;
    html! {
        <div class="pe-preview">
            <div class="pe-compact pe-choices-across">
                { radios(Field::new("preview-width", text.preview_width, text), &widths, &width, set_width) }
            </div>
            <div class={classes!("pe-preview-frame", format!("pe-preview-{}", *width))}>
                <police-engage ref={node} src={a.src.clone()} lang={a.lang.clone()} theme={a.theme.clone()}
                    limit={a.limit.clone()} categories={a.categories.clone()} area={a.area.clone()}
                    heading-level={a.heading_level.clone()} refresh={a.refresh.clone()}>
                </police-engage>
            </div>
        </div>
    }
}

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// One thing to fix, and the control it is about (to link and focus).
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorItem {
    pub message: String,
    pub target: Option<&'static str>,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    pub items: Vec<ErrorItem>,
}

/// GOV.UK's "There is a problem": takes focus when it appears, and each
/// link moves focus to its field.
#[function_component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.items.clone(), move |_| {
            if let Some(element) = node.cast::<HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    html! {
        <div class="pe-error-summary" role="alert" tabindex="-1" ref={node}>
            <h2 class="pe-error-summary-title">{ &props.title }</h2>
            <ul class="pe-error-summary-list">
                { for props.items.iter().map(|item| match item.target {
                    Some(target) => html! {
                        <li><a href={format!("#{target}")} onclick={focus(target)}>{ &item.message }</a></li>
                    },
                    None => html! { <li>{ &item.message }</li> },
                }) }
            </ul>
        </div>
    }
}

fn focus(target: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let field = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(target));
        if let Some(field) = field.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
            let _ = field.focus();
        }
    })
}

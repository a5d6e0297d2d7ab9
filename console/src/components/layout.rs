use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::i18n::{fill, Words};
use crate::route::Route;
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page's own title: the window's title and, in the page, its heading.
    pub title: AttrValue,
    /// The navigation item to mark as the current page.
    #[prop_or_default]
    pub current: Option<Route>,
    /// A public page (the embed builder): no sign-in, no console navigation.
    #[prop_or_default]
    pub public: bool,
    #[prop_or_default]
    pub children: Html,
}

/// GOV.UK-style page: skip link, header with the service name, the
/// navigation a role may use, the language switch and Sign out; the page's
/// main content; a footer.
#[function_component]
pub fn Layout(props: &LayoutProps) -> Html {
    let session = use_session();
    let text = session.lang.text();
    let service = if props.public { text.embed_service } else { text.service };
    let title = format!("{} – {service}", props.title);
    use_effect_with(title, |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(title);
        }
    });
    let other = session.lang.other();
    let switch = session.set_lang.reform(move |_: MouseEvent| other);
    let navigator = use_navigator();
    let sign_out = {
        let set_me = session.set_me.clone();
        Callback::from(move |_: MouseEvent| {
            let (set_me, navigator) = (set_me.clone(), navigator.clone());
            spawn_local(async move {
                let _ = api::delete("/v1/session").await;
                set_me.emit(None);
                if let Some(navigator) = navigator {
                    navigator.push(&Route::SignIn);
                }
            });
        })
    };
    let nav = session.signed_in().filter(|_| !props.public).map(|me| {
        let mut items = vec![(Route::Inbox, text.nav_feedback), (Route::Insight, text.nav_insight)];
        if me.role.can_publish() {
            items.push((Route::Updates, text.nav_updates));
        }
        if me.role.can_administer() {
            items.extend([
                (Route::Partners, text.nav_partners),
                (Route::Audit, text.nav_audit),
                (Route::People, text.nav_people),
            ]);
        }
        items.push((Route::Account, text.nav_account));
        html! {
            <nav class="pe-nav" aria-label={text.nav_label}>
                <ul class="pe-wrap">
                    { for items.into_iter().map(|(route, label)| {
                        let current = props.current.as_ref() == Some(&route);
                        html! {
                            <li class={classes!(current.then_some("pe-nav-current"))}>
                                <Link<Route> to={route}>
                                    <span aria-current={current.then_some("page")}>{ label }</span>
                                </Link<Route>>
                            </li>
                        }
                    }) }
                </ul>
            </nav>
        }
    });
    html! {
        <>
            <a href="#main" class="pe-skip" onclick={Callback::from(focus_main)}>{ text.skip }</a>
            <header class="pe-header">
                <div class="pe-wrap pe-header-row">
                    if props.public {
                        <a href="/embed" class="pe-service">{ service }</a>
                    } else {
                        <Link<Route> to={Route::Inbox} classes="pe-service">{ service }</Link<Route>>
                    }
                    <div class="pe-account">
                        <button type="button" class="pe-header-button" lang={other.tag()} onclick={switch}>
                            { other.text().language_name }
                        </button>
                        if let Some(me) = session.signed_in().filter(|_| !props.public) {
                            <span class="pe-who">{ fill(text.signed_in_as, &me.email) }</span>
                            <button type="button" class="pe-header-button" onclick={sign_out}>{ text.sign_out }</button>
                        }
                    </div>
                </div>
                { nav.unwrap_or_default() }
            </header>
            <main id="main" class="pe-wrap pe-main" tabindex="-1">{ props.children.clone() }</main>
            <footer class="pe-footer"><div class="pe-wrap">
                if props.public {
                    <p><a class="pe-link" href="/console/">{ text.console_link }</a></p>
                } else {
                    <p>{ text.footer }</p>
                }
            </div></footer>
        </>
    }
}

/// The skip link moves focus as well as scrolling, for every browser.
fn focus_main(event: MouseEvent) {
    event.prevent_default();
    let main = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main"));
    if let Some(main) = main.and_then(|m| m.dyn_into::<HtmlElement>().ok()) {
        let _ = main.focus();
    }
}

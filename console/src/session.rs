//! Who is signed in and which language the console speaks, for every page.

use police_engage_contract::Me;
use web_sys::Storage;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::Lang;

const LANG_KEY: &str = "police-engage-console:lang";

#[derive(Clone, PartialEq)]
pub struct Session {
    /// `None` until the server has said; then `Some(None)` when signed out.
    pub me: Option<Option<Me>>,
    pub lang: Lang,
    pub set_me: Callback<Option<Me>>,
    pub set_lang: Callback<Lang>,
}

impl Session {
    pub fn signed_in(&self) -> Option<&Me> {
        self.me.as_ref().and_then(Option::as_ref)
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    pub children: Html,
}

#[function_component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let me = use_state(|| None::<Option<Me>>);
    let lang = use_state(stored_lang);
    {
        let me = me.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let found = match api::get::<Me>("/v1/me").await {
                    Ok(found) => Some(found),
                    Err(ApiError::SignedOut | ApiError::NotAllowed | ApiError::NotFound) => None,
                    Err(_) => None,
                };
                me.set(Some(found));
            });
        });
    }
    use_effect_with(*lang, |lang| {
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", lang.tag());
        }
    });
    let session = Session {
        me: (*me).clone(),
        lang: *lang,
        set_me: {
            let me = me.clone();
            Callback::from(move |found| me.set(Some(found)))
        },
        set_lang: {
            let lang = lang.clone();
            Callback::from(move |chosen: Lang| {
                if let Some(storage) = storage() {
                    let _ = storage.set_item(LANG_KEY, chosen.name());
                }
                lang.set(chosen)
            })
        },
    };
    html! { <ContextProvider<Session> context={session}>{ props.children.clone() }</ContextProvider<Session>> }
}

#[hook]
pub fn use_session() -> Session {
    use_context::<Session>().expect("pages are inside the SessionProvider")
}

fn stored_lang() -> Lang {
    storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).and_then(|v| Lang::parse(&v)).unwrap_or_default()
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

use yew::prelude::*;

use crate::i18n::{fill, Lang, Words};
use crate::updates::Update;

/// Text for the polite live region when a poll brings updates that were not
/// shown before; empty on the first load, so arriving is not announced.
#[hook]
pub fn use_announcement(shown: Option<Vec<Update>>, lang: Lang) -> String {
    let seen = use_mut_ref(|| None::<Vec<String>>);
    let message = use_state(String::new);
    {
        let message = message.clone();
        use_effect_with(shown, move |shown| {
            let Some(shown) = shown else { return };
            let mut seen = seen.borrow_mut();
            if let Some(before) = seen.as_ref() {
                let new: Vec<&Update> = shown.iter().filter(|u| !before.contains(&u.id)).collect();
                let text = lang.text();
                match new.as_slice() {
                    [] => {}
                    [one] => {
                        message.set(fill(text.new_one, one.title.as_deref().unwrap_or(text.category(one.category))))
                    }
                    many => message.set(fill(text.new_many, &many.len().to_string())),
                }
            }
            *seen = Some(shown.iter().map(|u| u.id.clone()).collect());
        });
    }
    (*message).clone()
}

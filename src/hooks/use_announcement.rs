use yew::prelude::*;

use crate::i18n::{fill, Lang, Words};
use crate::updates::Update;

/// What was shown last: for which area, and the updates' ids.
type Seen = (Option<String>, Vec<String>);

/// Text for the polite live region: the area now shown when it changes, or
/// the updates a poll brought that were not shown before. Empty on the first
/// load, so arriving is not announced.
#[hook]
pub fn use_announcement(shown: Option<Vec<Update>>, area: Option<String>, lang: Lang) -> String {
    let seen = use_mut_ref(|| None::<Seen>);
    let message = use_state(String::new);
    {
        let message = message.clone();
        use_effect_with((shown, area), move |(shown, area)| {
            let Some(shown) = shown else { return };
            let mut seen = seen.borrow_mut();
            let text = lang.text();
            match seen.as_ref() {
                Some((before, _)) if before != area => message.set(match area {
                    Some(area) => fill(text.area_shown, area),
                    None => text.all_areas_shown.into(),
                }),
                Some((_, before)) => {
                    let new: Vec<&Update> = shown.iter().filter(|u| !before.contains(&u.id)).collect();
                    match new.as_slice() {
                        [] => {}
                        [one] => {
                            message.set(fill(text.new_one, one.title.as_deref().unwrap_or(text.category(one.category))))
                        }
                        many => message.set(fill(text.new_many, &many.len().to_string())),
                    }
                }
                None => {}
            }
            *seen = Some((area.clone(), shown.iter().map(|u| u.id.clone()).collect()));
        });
    }
    (*message).clone()
}

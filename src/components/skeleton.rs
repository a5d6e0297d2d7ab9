use yew::prelude::*;

use crate::i18n::{Lang, Words};

#[derive(Properties, PartialEq)]
pub struct SkeletonProps {
    pub lang: Lang,
    pub rows: usize,
}

/// Grey cards the size of real ones, so the page does not jump when the
/// updates arrive; screen readers hear one "loading" sentence instead.
#[function_component]
pub fn Skeleton(props: &SkeletonProps) -> Html {
    html! {
        <div class="pe-skeleton" part="skeleton">
            <p class="pe-visually-hidden">{ props.lang.text().loading }</p>
            <ul class="pe-list" aria-hidden="true">
                { for (0..props.rows).map(|_| html! {
                    <li class="pe-placeholder">
                        <span class="pe-bone pe-bone-title"></span>
                        <span class="pe-bone"></span>
                        <span class="pe-bone pe-bone-short"></span>
                    </li>
                }) }
            </ul>
        </div>
    }
}

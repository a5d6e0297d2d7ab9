use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::layout::Layout;
use crate::i18n::Words;
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn NotFoundPage() -> Html {
    let text = use_session().lang.text();
    html! {
        <Layout title={text.not_found_title}>
            <h1 class="pe-h1">{ text.not_found_title }</h1>
            <p>{ text.not_found_body }</p>
            <p><Link<Route> to={Route::Inbox}>{ text.back_to_feedback }</Link<Route>></p>
        </Layout>
    }
}

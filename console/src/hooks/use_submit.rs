//! Sending a form: one sending at a time, the answer handed to the page,
//! and a failure kept for the form to show (each of the server's problems by
//! the field it names: `components::error_summary::field_errors`).

use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;

/// A form's sender and where its last sending stands.
pub struct Submit<B> {
    /// Sends a body, unless a sending is under way.
    pub send: Callback<B>,
    pub busy: bool,
    /// Why the last sending failed, until one succeeds.
    pub error: Option<ApiError>,
}

/// `request` makes the call for a body; `done` gets its answer. A lapsed
/// session is a failure like any other, said on the page, so what was typed
/// is not lost to a redirect.
#[hook]
pub fn use_submit<B, R, F, Fut>(request: F, done: Callback<R>) -> Submit<B>
where
    B: 'static,
    R: 'static,
    F: Fn(B) -> Fut + 'static,
    Fut: Future<Output = Result<R, ApiError>> + 'static,
{
    let busy = use_state(|| false);
    let sending = use_mut_ref(|| false);
    let error = use_state(|| None::<ApiError>);
    let request = Rc::new(request);
    let send = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |body: B| {
            if sending.replace(true) {
                return;
            }
            busy.set(true);
            let answer = request(body);
            let (sending, busy, error, done) = (sending.clone(), busy.clone(), error.clone(), done.clone());
            spawn_local(async move {
                let answer = answer.await;
                sending.replace(false);
                busy.set(false);
                match answer {
                    Ok(answer) => {
                        error.set(None);
                        done.emit(answer);
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        })
    };
    Submit { send, busy: *busy, error: (*error).clone() }
}

//! Sending a form: one sending at a time, the answer handed to the page,
//! and a failure kept for the form to show (each of the server's problems by
//! the field it names: `components::error_summary::field_errors`).

use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;
use crate::session::use_session;

/// A form's sender and where its last sending stands.
pub struct Submit<B> {
    /// Sends a body, unless a sending is under way.
    pub send: Callback<B>,
    pub busy: bool,
    /// Why the last sending failed, until one succeeds.
    pub error: Option<ApiError>,
}

/// `request` makes the call for a body; `done` gets its answer. A lapsed
/// session (for someone signed in) signs the console out.
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
    let session = use_session();
    let signed_in = session.signed_in().is_some();
    let request = Rc::new(request);
    let send = {
        let (busy, error, set_me) = (busy.clone(), error.clone(), session.set_me.clone());
        Callback::from(move |body: B| {
            if sending.replace(true) {
                return;
            }
            busy.set(true);
            let answer = request(body);
            let (sending, busy, error, done, set_me) =
                (sending.clone(), busy.clone(), error.clone(), done.clone(), set_me.clone());
            spawn_local(async move {
                let answer = answer.await;
                sending.replace(false);
                busy.set(false);
                match answer {
                    Ok(answer) => {
                        error.set(None);
                        done.emit(answer);
                    }
                    Err(ApiError::SignedOut) if signed_in => set_me.emit(None),
                    Err(failure) => error.set(Some(failure)),
                }
            });
        })
    };
    Submit { send, busy: *busy, error: (*error).clone() }
}

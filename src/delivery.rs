//! The one sender of feedback. A submission goes into the outbox and this
//! loop sends what the outbox holds until the server answers for it: with
//! back-off, honouring `Retry-After`, and at once when the browser comes
//! back online. One loop per page, however many widgets; each widget hears
//! every outcome and keeps the ones for its own keys.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use police_engage_contract::FieldError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;

use crate::feedback_client::{post, Outcome};
use crate::outbox::{self, Pending};

const FIRST_WAIT_SECS: u32 = 2;
const MAX_WAIT_SECS: u32 = 300;

/// What became of a submission, by its idempotency key.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivered {
    /// Stored by the server: the resident's reference.
    Sent { key: String, id: String },
    /// Refused as it is: what to fix. It has left the outbox.
    Rejected { key: String, errors: Vec<FieldError> },
    /// Not stored yet; kept on this device and tried again later.
    Kept { key: String },
}

type Listener = Rc<dyn Fn(Delivered)>;

#[derive(Default)]
struct Loop {
    running: bool,
    /// Something was added while a pass was running: run another.
    again: bool,
    failures: u32,
    timer: Option<Timeout>,
    listeners: Vec<(u32, Listener)>,
    next_listener: u32,
    online_hooked: bool,
}

thread_local! {
    static LOOP: RefCell<Loop> = RefCell::new(Loop::default());
}

/// Hears every outcome until dropped.
pub struct Subscription(u32);

impl Drop for Subscription {
    fn drop(&mut self) {
        LOOP.with(|l| l.borrow_mut().listeners.retain(|(id, _)| *id != self.0));
    }
}

pub fn subscribe(listener: impl Fn(Delivered) + 'static) -> Subscription {
    LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.next_listener += 1;
        let id = l.next_listener;
        l.listeners.push((id, Rc::new(listener)));
        Subscription(id)
    })
}

/// Keeps `pending` on this device, then sends it. The same key again (a
/// second click) replaces it, so it is sent once.
pub fn deliver(pending: Pending) {
    outbox::add(pending);
    start();
}

/// Sends what is saved (from now or an earlier visit), and watches for the
/// browser coming back online.
pub fn start() {
    hook_online();
    flush();
}

/// Sends everything in the outbox now; if a pass is running, once it ends.
fn flush() {
    let busy = LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.again = l.running;
        std::mem::replace(&mut l.running, true)
    });
    if !busy {
        spawn_local(send_all());
    }
}

async fn send_all() {
    loop {
        let retry = send_pass().await;
        let again = LOOP.with(|l| {
            let mut l = l.borrow_mut();
            let again = std::mem::take(&mut l.again);
            l.running = again;
            if retry.is_none() {
                l.failures = 0;
            }
            again
        });
        if !again {
            if let Some(after) = retry {
                schedule(after);
            }
            return;
        }
    }
}

/// One pass over the outbox; `Some(retry_after)` when something must wait.
async fn send_pass() -> Option<Option<u32>> {
    let mut retry: Option<Option<u32>> = None;
    for Pending { url, submission } in outbox::all() {
        let key = submission.key.clone();
        let delivered = match post(&url, &submission).await {
            Outcome::Sent(id) => Delivered::Sent { key, id },
            Outcome::Rejected(errors) => Delivered::Rejected { key, errors },
            Outcome::Retry(after) => {
                retry = Some(retry.flatten().max(after));
                tell(Delivered::Kept { key });
                continue;
            }
        };
        outbox::remove(&submission.key);
        tell(delivered);
    }
    retry
}

/// Tries again after `retry_after` seconds, or after the current back-off.
fn schedule(retry_after: Option<u32>) {
    let wait = LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.failures += 1;
        let backoff = FIRST_WAIT_SECS.saturating_mul(1 << l.failures.min(8)).min(MAX_WAIT_SECS);
        retry_after.unwrap_or(backoff).clamp(1, MAX_WAIT_SECS)
    });
    let timer = Timeout::new(wait * 1000, flush);
    LOOP.with(|l| l.borrow_mut().timer = Some(timer));
}

fn tell(delivered: Delivered) {
    let listeners: Vec<Listener> = LOOP.with(|l| l.borrow().listeners.iter().map(|(_, f)| f.clone()).collect());
    for listener in listeners {
        listener(delivered.clone());
    }
}

fn hook_online() {
    let hooked = LOOP.with(|l| std::mem::replace(&mut l.borrow_mut().online_hooked, true));
    if hooked {
        return;
    }
    if let Some(window) = web_sys::window() {
        let on_online = Closure::<dyn Fn()>::new(flush);
        let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        // Lives as long as the page: one listener for every widget.
        on_online.forget();
    }
}

//! Sends what the outbox holds until the server confirms it: with back-off,
//! honouring `Retry-After`, and at once when the browser comes back online.
//! One loop per page, however many widgets; each widget hears every result.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use police_engage_contract::FieldError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;

use crate::feedback_client::{post, Outcome};
use crate::outbox;

const FIRST_WAIT_SECS: u32 = 2;
const MAX_WAIT_SECS: u32 = 300;

/// What became of a saved submission, by its key.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivered {
    Sent { key: String, id: String },
    Rejected { key: String, errors: Vec<FieldError> },
}

type Listener = Rc<dyn Fn(Delivered)>;

#[derive(Default)]
struct Loop {
    running: bool,
    failures: u32,
    timer: Option<Timeout>,
    listeners: Vec<(u32, Listener)>,
    next_listener: u32,
    online_hooked: bool,
}

thread_local! {
    static LOOP: RefCell<Loop> = RefCell::new(Loop::default());
}

/// Hears every delivery until dropped.
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

/// Starts delivering what is saved (e.g. from an earlier visit), and watches
/// for the browser coming back online.
pub fn start() {
    hook_online();
    flush();
}

/// Tries again after `retry_after` seconds, or after the current back-off.
pub fn schedule(retry_after: Option<u32>) {
    hook_online();
    let wait = LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.failures += 1;
        let backoff = FIRST_WAIT_SECS.saturating_mul(1 << l.failures.min(8)).min(MAX_WAIT_SECS);
        retry_after.unwrap_or(backoff).clamp(1, MAX_WAIT_SECS)
    });
    let timer = Timeout::new(wait * 1000, flush);
    LOOP.with(|l| l.borrow_mut().timer = Some(timer));
}

/// Sends everything in the outbox now, unless a pass is already running.
pub fn flush() {
    let busy = LOOP.with(|l| std::mem::replace(&mut l.borrow_mut().running, true));
    if !busy {
        spawn_local(send_all());
    }
}

async fn send_all() {
    let mut retry: Option<Option<u32>> = None;
    for pending in outbox::all() {
        let key = pending.submission.key.clone();
        let delivered = match post(&pending.url, &pending.submission).await {
            Outcome::Sent(id) => Delivered::Sent { key: key.clone(), id },
            Outcome::Rejected(errors) => Delivered::Rejected { key: key.clone(), errors },
            Outcome::Retry(after) => {
                retry = Some(retry.flatten().max(after));
                continue;
            }
        };
        outbox::remove(&key);
        tell(delivered);
    }
    LOOP.with(|l| {
        let mut l = l.borrow_mut();
        l.running = false;
        if retry.is_none() {
            l.failures = 0;
        }
    });
    if let Some(after) = retry {
        schedule(after);
    }
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

//! police-engage: the force's latest updates on any partner page, as a Yew
//! component inside a `<police-engage>` element's shadow root.
//!
//! Pure modules (`feed`, `updates`, `config`, `i18n`,
//! `state`, `form_state`) hold the rules and are tested natively; the rest
//! talks to the browser and is tested in headless Chromium.

pub mod components;
pub mod config;
pub mod crash;
pub mod delivery;
pub mod events;
pub mod feed;
pub mod feedback_client;
pub mod fetch;
#[cfg(feature = "ssr")]
pub mod first_view;
pub mod form_state;
pub mod hooks;
pub mod i18n;
pub mod json;
pub mod keys;
pub mod mount;
pub mod outbox;
pub mod saved;
pub mod state;
pub mod text;
pub mod updates;
pub mod urls;
pub mod when;
pub mod wire;

// SAFETY: the widget runs on the page's one thread; it starts no workers.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

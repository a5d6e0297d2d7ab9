//! The console's hooks, one per file: loading what a page shows, and
//! sending a form.

mod use_load;
mod use_submit;

pub use use_load::{unloaded, use_latest, use_load, Load};
pub use use_submit::use_submit;

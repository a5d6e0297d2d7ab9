//! Who is asking: the console's people and their passwords, sessions, the
//! guard against guessing, and the admin token for automation.

pub mod admin_token;
pub mod people;
pub mod sessions;
pub mod sign_in_guard;

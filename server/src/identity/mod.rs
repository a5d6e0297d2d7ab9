//! Who is asking: the console's people and their passwords, sessions, the
//! guard against guessing, the force's identity provider, second factors
//! and the admin token for automation.

pub mod admin_token;
pub mod half_sign_ins;
pub mod passkeys;
pub mod people;
pub mod provider;
pub mod second_factors;
pub mod sessions;
pub mod sign_in_guard;

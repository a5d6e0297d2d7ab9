//! police-engage-server as a library: the binary (`main.rs`) and the fuzz
//! targets (`fuzz/`) drive the same modules.

pub mod admin_token;
pub mod audit;
pub mod body;
pub mod cli;
pub mod client_ip;
pub mod config;
pub mod connections;
pub mod db;
pub mod error;
pub mod feed_cache;
pub mod feedback;
pub mod generation;
pub mod http;
pub mod import;
pub mod inbox;
pub mod insight;
pub mod json_feed;
pub mod metrics;
pub mod paging;
pub mod partners;
pub mod people;
pub mod publish;
pub mod random;
pub mod rate_limit;
pub mod retention;
pub mod search;
pub mod seed;
pub mod sessions;
pub mod sign_in_guard;
pub mod stamp;
pub mod text;
pub mod updates;

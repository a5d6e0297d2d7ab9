//! police-engage-server as a library: the binary (`main.rs`) and the fuzz
//! targets (`fuzz/`) drive the same modules.

pub mod alerts;
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
pub mod identity;
pub mod import;
pub mod json_feed;
pub mod mail;
pub mod metrics;
pub mod paging;
pub mod partners;
pub mod publish;
pub mod random;
pub mod retention;
pub mod seed;
pub mod stamp;
pub mod text;
pub mod updates;

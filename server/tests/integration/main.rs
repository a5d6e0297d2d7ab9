//! The server's integration tests: the real binary on loopback, with its own
//! SQLite file, or a database on the PostgreSQL server that
//! `scripts/postgres.sh` starts. One test binary with a module per area, so
//! the server's code is linked once for all of them.

mod support;

mod api;
mod console_security;
mod crash;
mod feedback_api;
mod hostile_requests;
mod hostile_traffic;
mod import;
mod inbox_api;
mod mail;
mod partners_api;
mod publish_api;
mod second_factors;
mod several_servers;
mod shutdown;

//! police-engage-server: publishes a force's updates feed, receives
//! residents' feedback, serves the widget files and the demo partner page.

/// mimalloc: requests are mostly small allocations freed on another worker
/// thread, where it is faster than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use police_engage_server::cli;
use police_engage_server::config::Cli;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        // Colour for a person at a terminal; plain text for a log file or a collector.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    cli::run(Cli::parse()).await
}

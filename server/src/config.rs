//! Settings, each a flag or an environment variable (`--help` lists them).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "police-engage-server",
    version,
    about = "Publishes a police force's updates feed and serves the police-engage widget"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the feed, the widget files and the demo page (the default).
    Serve,
    /// Write stored feedback to a CSV file, oldest first.
    ExportFeedback {
        /// Where to write the CSV (`-` for standard output).
        #[arg(long, short)]
        output: PathBuf,
        /// Only feedback received at or after this RFC 3339 time.
        #[arg(long)]
        since: Option<String>,
        /// Only feedback about this update id.
        #[arg(long)]
        about: Option<String>,
    },
}

#[derive(Args, Debug, Clone)]
pub struct Settings {
    /// Address and port to listen on.
    #[arg(long, env = "POLICE_ENGAGE_LISTEN", default_value = "127.0.0.1:8080", global = true)]
    pub listen: SocketAddr,

    /// Database URL; the SQLite file is created if missing.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/police-engage.db", global = true)]
    pub database: String,

    /// A partner origin allowed to send feedback (repeatable); default: this server's own origin.
    #[arg(long = "allow-origin", env = "POLICE_ENGAGE_ALLOW_ORIGINS", value_delimiter = ',', global = true)]
    pub allow_origins: Vec<String>,

    /// Bearer token for the admin API; generated on first start and printed once if not given.
    #[arg(long, env = "POLICE_ENGAGE_ADMIN_TOKEN", hide_env_values = true, global = true)]
    pub admin_token: Option<String>,

    /// Feedback posts accepted per client per minute; 0 for no limit.
    #[arg(long, env = "POLICE_ENGAGE_FEEDBACK_RATE", default_value_t = 10, global = true)]
    pub feedback_rate: u32,

    /// Public base URL (e.g. https://updates.force.police.uk) used in absolute links
    /// in the feed; default: taken from each request's Host header.
    #[arg(long, env = "POLICE_ENGAGE_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Folder holding index.html, www/ (the loader and theme) and pkg/ (the wasm build).
    #[arg(long, env = "POLICE_ENGAGE_SITE_DIR", default_value = ".", global = true)]
    pub site_dir: PathBuf,

    /// The force's name, shown in the feed.
    #[arg(long, env = "POLICE_ENGAGE_FORCE_NAME", default_value = "Glanyrafon Police", global = true)]
    pub force_name: String,

    /// The force's website.
    #[arg(long, env = "POLICE_ENGAGE_FORCE_URL", default_value = "https://glanyrafon-police.example/", global = true)]
    pub force_url: String,

    /// Do not seed sample updates into a new database.
    #[arg(long, env = "POLICE_ENGAGE_NO_SAMPLES", global = true)]
    pub no_samples: bool,
}

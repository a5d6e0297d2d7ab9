//! Settings, each a flag or an environment variable (`--help` lists them).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use police_engage_contract::Role;

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
    /// Import updates once from a feed URL or file: RSS, Atom, JSON Feed, or
    /// data.police.uk neighbourhood events or priorities.
    Import {
        /// URL or file path, optionally with `#category=C&area=A` defaults for its items.
        source: String,
        /// Default category for items that do not say (overrides the source's).
        #[arg(long)]
        category: Option<String>,
        /// Default area for items that do not say (overrides the source's).
        #[arg(long)]
        area: Option<String>,
    },
    /// Create or replace updates from a JSON file (one update object, or an array of them).
    Publish {
        /// The JSON file.
        #[arg(long, short)]
        file: PathBuf,
    },
    /// Manage the people who sign in to the console.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
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

#[derive(Subcommand, Debug)]
pub enum UserAction {
    /// Create an account. The password is read from standard input when it
    /// is not a terminal (one line), else asked for twice.
    Add {
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// List everyone with an account.
    List,
    /// Stop someone signing in, ending their sessions at once.
    Disable { email: String },
    /// Let a disabled person sign in again.
    Enable { email: String },
    /// Let someone locked out by failed sign-ins try again at once.
    Unlock { email: String },
    /// Remove someone's passkeys, authenticator app and recovery codes (a
    /// lost phone), ending their sessions: they set one up again.
    ResetSecondFactors { email: String },
}

fn parse_public_url(s: &str) -> Result<String, String> {
    let url = url::Url::parse(s.trim()).map_err(|e| format!("{s:?} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() || url.path() != "/" {
        return Err(format!("{s:?} must be an http(s) address with no path, like https://updates.force.police.uk"));
    }
    Ok(url.origin().ascii_serialization())
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "the role must be editor, responder or admin".into())
}

#[derive(Args, Debug, Clone)]
pub struct Settings {
    /// Address and port to listen on.
    #[arg(long, env = "POLICE_ENGAGE_LISTEN", default_value = "127.0.0.1:8080", global = true)]
    pub listen: SocketAddr,

    /// Database URL: `sqlite://FILE` (created if missing) or `postgres://USER:PASSWORD@HOST/DB`.
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

    /// A load balancer or reverse proxy (address or network, repeatable) whose
    /// `X-Forwarded-For` names the client, for the feedback rate limit.
    #[arg(long = "trusted-proxy", env = "POLICE_ENGAGE_TRUSTED_PROXIES", value_delimiter = ',',
          value_parser = crate::client_ip::parse_proxy, global = true)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Public base URL (e.g. https://updates.force.police.uk) used in absolute
    /// links in the feed and for the console's origin. Required when listening
    /// on an address other machines can reach; on loopback, taken from each
    /// request's Host header when not given. An https URL adds
    /// Strict-Transport-Security to every answer.
    #[arg(long, env = "POLICE_ENGAGE_PUBLIC_URL", value_parser = parse_public_url, global = true)]
    pub public_url: Option<String>,

    /// A second address serving /healthz in full and /metrics with no token,
    /// for monitoring inside the force's network (e.g. 127.0.0.1:9090).
    #[arg(long, env = "POLICE_ENGAGE_METRICS_LISTEN", global = true)]
    pub metrics_listen: Option<SocketAddr>,

    /// Folder holding index.html, www/ (the loader and theme) and pkg/ (the wasm build).
    #[arg(long, env = "POLICE_ENGAGE_SITE_DIR", default_value = ".", global = true)]
    pub site_dir: PathBuf,

    /// The force's name, shown in the feed.
    #[arg(long, env = "POLICE_ENGAGE_FORCE_NAME", default_value = "Glanyrafon Police", global = true)]
    pub force_name: String,

    /// The force's website.
    #[arg(long, env = "POLICE_ENGAGE_FORCE_URL", default_value = "https://glanyrafon-police.example/", global = true)]
    pub force_url: String,

    /// A source to import from on a schedule (repeatable; environment: space-separated):
    /// `URL[#category=C&area=A]`.
    #[arg(long = "import-source", env = "POLICE_ENGAGE_IMPORT_SOURCES", value_delimiter = ' ', global = true)]
    pub import_sources: Vec<String>,

    /// Seconds between polls of each import source (a failing source backs off from this).
    #[arg(long, env = "POLICE_ENGAGE_IMPORT_EVERY", default_value_t = 300, global = true)]
    pub import_every: u64,

    /// Seconds an import source has to answer.
    #[arg(long, env = "POLICE_ENGAGE_IMPORT_TIMEOUT", default_value_t = 10, global = true)]
    pub import_timeout: u64,

    /// Largest import source body accepted, in bytes.
    #[arg(long, env = "POLICE_ENGAGE_IMPORT_MAX_BYTES", default_value_t = 5 * 1024 * 1024, global = true)]
    pub import_max_bytes: usize,

    /// Minutes a console session may go unused before it ends.
    #[arg(long, env = "POLICE_ENGAGE_SESSION_IDLE_MINUTES", default_value_t = 30, global = true)]
    pub session_idle_minutes: u64,

    /// Hours after signing in that a console session ends, however busy.
    #[arg(long, env = "POLICE_ENGAGE_SESSION_HOURS", default_value_t = 12, global = true)]
    pub session_hours: u64,

    /// Days closed feedback is kept before the daily job deletes it.
    #[arg(long, env = "POLICE_ENGAGE_FEEDBACK_RETENTION_DAYS", default_value_t = 365, global = true)]
    pub feedback_retention_days: u32,

    /// Days feedback never closed is kept, from when it came in, before the
    /// daily job deletes it.
    #[arg(long, env = "POLICE_ENGAGE_OPEN_FEEDBACK_RETENTION_DAYS", default_value_t = 730, global = true)]
    pub open_feedback_retention_days: u32,

    /// Days the audit log keeps an entry.
    #[arg(long, env = "POLICE_ENGAGE_AUDIT_RETENTION_DAYS", default_value_t = 730, global = true)]
    pub audit_retention_days: u32,

    /// Seconds a client has to send a request's headers, counted from when
    /// the connection waits for them: a new one, or a kept-alive one idle
    /// between requests. Slower clients are disconnected.
    #[arg(long, env = "POLICE_ENGAGE_HEADER_TIMEOUT", default_value_t = 10, global = true)]
    pub header_timeout: u64,

    /// Seconds a client has to send a request's body (`408` past it); with
    /// bodies of at most 16 KiB, that is also a minimum rate.
    #[arg(long, env = "POLICE_ENGAGE_BODY_TIMEOUT", default_value_t = 10, global = true)]
    pub body_timeout: u64,

    /// Open connections at most; one more gets `503` with `Retry-After` and is
    /// closed. Keep it under the process's file-descriptor limit.
    #[arg(long, env = "POLICE_ENGAGE_MAX_CONNECTIONS", default_value_t = 4096, global = true)]
    pub max_connections: usize,

    /// Feedback posts under way at most; more are answered `503` with `Retry-After`
    /// (the widget keeps them and sends them again).
    #[arg(long, env = "POLICE_ENGAGE_MAX_FEEDBACK_IN_FLIGHT", default_value_t = 512, global = true)]
    pub max_feedback_in_flight: usize,

    /// Requests from signed-in people and the admin token under way at most
    /// (counted once their body has arrived); more are answered `503` with
    /// `Retry-After`. The feed is never limited.
    #[arg(long, env = "POLICE_ENGAGE_MAX_CONSOLE_IN_FLIGHT", default_value_t = 64, global = true)]
    pub max_console_in_flight: usize,

    /// Anonymous requests that reach the database under way at most: sign-in
    /// attempts and session lookups. Kept apart, so guessing cannot crowd out
    /// the people already signed in.
    #[arg(long, env = "POLICE_ENGAGE_MAX_SIGN_INS_IN_FLIGHT", default_value_t = 16, global = true)]
    pub max_sign_ins_in_flight: usize,

    /// The force's OpenID Connect provider (its issuer URL, for discovery),
    /// offered on the sign-in page as "Sign in with NAME". The callback is
    /// `PUBLIC_URL/v1/session/oidc/callback`.
    #[arg(long, env = "POLICE_ENGAGE_OIDC_ISSUER", requires_all = ["oidc_client_id", "oidc_client_secret"], global = true)]
    pub oidc_issuer: Option<String>,

    /// The console's client id at the provider.
    #[arg(long, env = "POLICE_ENGAGE_OIDC_CLIENT_ID", global = true)]
    pub oidc_client_id: Option<String>,

    /// The console's client secret at the provider.
    #[arg(long, env = "POLICE_ENGAGE_OIDC_CLIENT_SECRET", hide_env_values = true, global = true)]
    pub oidc_client_secret: Option<String>,

    /// The provider's name on the sign-in button.
    #[arg(long, env = "POLICE_ENGAGE_OIDC_NAME", default_value = "your force account", global = true)]
    pub oidc_name: String,

    /// Who must have a second factor when signing in with a password:
    /// `admins`, `all` or `none`.
    #[arg(long, env = "POLICE_ENGAGE_REQUIRE_SECOND_FACTOR", value_enum, default_value = "admins", global = true)]
    pub require_second_factor: crate::identity::second_factors::Required,

    /// Where mail goes: `smtp://HOST:PORT` (STARTTLS required, but on this
    /// machine; `?tls=opportunistic` or `?tls=none` to say otherwise),
    /// `smtps://HOST:PORT`, with `USER:PASSWORD@` or the password in
    /// POLICE_ENGAGE_SMTP_PASSWORD; or `file:DIR`, each message written to
    /// DIR as an `.eml` file. Without it nothing is sent.
    #[arg(long, env = "POLICE_ENGAGE_SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// SMTP connections the outbox sends over at once (each message waits
    /// for the relay's answer, so this is what sets the pace of a large
    /// alert run). Ask the relay's owner what it allows.
    #[arg(long, env = "POLICE_ENGAGE_SMTP_CONNECTIONS", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=100), global = true)]
    pub smtp_connections: u32,

    /// The SMTP password, when it is not in the URL.
    #[arg(long, env = "POLICE_ENGAGE_SMTP_PASSWORD", hide_env_values = true, global = true)]
    pub smtp_password: Option<String>,

    /// Who mail comes from: `Name <address>`.
    #[arg(
        long,
        env = "POLICE_ENGAGE_MAIL_FROM",
        default_value = "Glanyrafon Police <engage@glanyrafon-police.example>",
        global = true
    )]
    pub mail_from: String,

    /// The force's monitored mailbox, where residents' answers to mail go.
    #[arg(long, env = "POLICE_ENGAGE_REPLY_TO", global = true)]
    pub reply_to: Option<String>,

    /// The force's privacy notice, linked from the alerts sign-up page.
    #[arg(long, env = "POLICE_ENGAGE_PRIVACY_URL", global = true)]
    pub privacy_url: Option<String>,

    /// Hours within which a resident who asked to be contacted is due an
    /// answer (the Neighbourhood Policing Guarantee's 72).
    #[arg(long, env = "POLICE_ENGAGE_RESPONSE_HOURS", default_value_t = 72, value_parser = clap::value_parser!(u64).range(1..=8760), global = true)]
    pub response_hours: u64,

    /// Do not seed sample updates into a new database.
    #[arg(long, env = "POLICE_ENGAGE_NO_SAMPLES", global = true)]
    pub no_samples: bool,
}

impl Settings {
    pub fn retention(&self) -> crate::retention::Retention {
        crate::retention::Retention {
            closed: self.feedback_retention_days,
            open: self.open_feedback_retention_days,
            audit: self.audit_retention_days,
        }
    }

    /// How long someone who asked to be contacted may wait for an answer.
    pub fn response_within(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.response_hours.max(1) * 3600)
    }

    pub fn session_lifetimes(&self) -> crate::identity::sessions::Lifetimes {
        crate::identity::sessions::Lifetimes {
            idle: std::time::Duration::from_secs(self.session_idle_minutes.max(1) * 60),
            absolute: std::time::Duration::from_secs(self.session_hours.max(1) * 3600),
        }
    }

    pub fn connection_limits(&self) -> crate::connections::Limits {
        crate::connections::Limits {
            header_timeout: std::time::Duration::from_secs(self.header_timeout.max(1)),
            body_timeout: std::time::Duration::from_secs(self.body_timeout.max(1)),
            max_connections: self.max_connections.max(1),
        }
    }

    pub fn import_limits(&self) -> crate::import::Limits {
        crate::import::Limits {
            timeout: std::time::Duration::from_secs(self.import_timeout.max(1)),
            max_bytes: self.import_max_bytes,
        }
    }
}

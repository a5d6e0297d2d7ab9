//! Runs the real server binary on a free loopback port with its own
//! database: an SQLite file, or, when `POLICE_ENGAGE_TEST_POSTGRES` names a
//! PostgreSQL server (see scripts/postgres.sh), a new database there.

pub mod console;
pub mod sources;

use std::future::Future;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ADMIN_TOKEN: &str = "test-admin-token-123";

pub struct Server {
    child: Child,
    pub url: String,
    pub database: String,
    logs: Arc<Mutex<String>>,
    dir: Option<tempfile::TempDir>,
}

impl Server {
    /// Everything the server has logged so far.
    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().clone()
    }

    /// Kills the process at once (SIGKILL: no graceful shutdown) and hands
    /// back its database folder, to start it again.
    pub fn crash(mut self) -> tempfile::TempDir {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.dir.take().unwrap()
    }

    /// Sends SIGTERM, as a service manager does to stop the server.
    pub fn terminate(&self) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    }

    /// Waits for the process to end (after `terminate`): whether it exited
    /// cleanly, and its database folder.
    pub fn wait(mut self) -> (bool, tempfile::TempDir) {
        (self.child.wait().unwrap().success(), self.dir.take().unwrap())
    }

    pub fn port(&self) -> u16 {
        self.url.rsplit(':').next().unwrap().parse().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long `eventually` waits for a condition: ample for a slow machine,
/// and a test that passes waits only as long as the condition takes.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Asks `check` again every 20 ms until it answers `Some`, and gives that
/// answer; panics, naming `what` was waited for, after `PATIENCE`. For what
/// a test cannot be told directly: a server that has taken a request, a
/// log line written, a poll that has run.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(answer) = check().await {
            return answer;
        }
        assert!(started.elapsed() < PATIENCE, "waited {PATIENCE:?} for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_police-engage-server"))
}

pub fn start(extra: &[&str]) -> Server {
    let (dir, database) = database();
    start_with(dir, database, extra)
}

/// A fresh, empty database (and a folder that holds it when it is SQLite),
/// for CLI runs before `start_with`.
pub fn database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let database = match std::env::var("POLICE_ENGAGE_TEST_POSTGRES") {
        Ok(server) => postgres_database(&server),
        Err(_) => format!("sqlite://{}/test.db", dir.path().display()),
    };
    (dir, database)
}

/// Whether this run is against PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var_os("POLICE_ENGAGE_TEST_POSTGRES").is_some()
}

fn postgres_database(server: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("pe_test_{}_{n}", std::process::id());
    let status = Command::new("psql")
        .args([&format!("{server}/postgres"), "-q", "-c", &format!("CREATE DATABASE {name}")])
        .status()
        .expect("psql runs");
    assert!(status.success(), "cannot create the test database {name}");
    format!("{server}/{name}")
}

/// Serves `database` (whose folder `dir` lives as long as the server).
pub fn start_with(dir: tempfile::TempDir, database: String, extra: &[&str]) -> Server {
    start_on(dir, database, "127.0.0.1:0", extra)
}

/// As `start_with`, on a given address (to restart on the same port).
pub fn start_on(dir: tempfile::TempDir, database: String, listen: &str, extra: &[&str]) -> Server {
    // The repository's own files, unless the test gives a site of its own.
    let site = ["--site-dir", concat!(env!("CARGO_MANIFEST_DIR"), "/..")];
    let site = if extra.contains(&"--site-dir") { &[][..] } else { &site[..] };
    let mut child = Command::new(binary())
        .args(["--listen", listen, "--database", &database])
        .args(site)
        .args(["--admin-token", ADMIN_TOKEN])
        .args(extra)
        .env("RUST_LOG", "debug")
        // Second factors are not required unless a test says so.
        .env("POLICE_ENGAGE_REQUIRE_SECOND_FACTOR", "none")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let logs = Arc::new(Mutex::new(String::new()));
    let mut stderr = child.stderr.take().unwrap();
    let sink = logs.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = stderr.read(&mut buf) {
            sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let url = stdout
        .lines()
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("Serving the demo on ").map(|u| u.trim_end_matches('/').to_owned()))
        .expect("the server prints its address");
    Server { child, url, database, logs, dir: Some(dir) }
}

/// GETs `url` with the admin token; the JSON answer.
pub async fn admin_get(url: &str) -> serde_json::Value {
    let response = reqwest::Client::new().get(url).bearer_auth(ADMIN_TOKEN).send().await.unwrap();
    assert!(response.status().is_success(), "GET {url}: {}", response.status());
    response.json().await.unwrap()
}

/// A browser's CORS preflight for a feedback POST from `origin`.
pub async fn preflight(server: &Server, origin: &str) -> reqwest::Response {
    reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, format!("{}/v1/feedback", server.url))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .unwrap()
}

/// Runs a CLI subcommand against `database`; its exit status and output.
pub async fn cli(database: &str, args: &[&str]) -> (bool, String) {
    let output = tokio::process::Command::new(binary())
        .args(args)
        .args(["--database", database, "--no-samples", "--import-timeout", "2"])
        .output()
        .await
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

//! Counters in the Prometheus text format, for `/metrics`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock};

/// Each counter's help text; a name not listed here is not exported.
const REQUESTS: &str = "police_engage_http_requests_total";
/// Mail through the outbox, by event and kind.
pub const MAIL: &str = "police_engage_mail_total";
const HELP: [(&str, &str); 4] = [
    ("police_engage_feedback_total", "Feedback submissions, by result (accepted, rejected, rate_limited)."),
    ("police_engage_import_runs_total", "Imports run, by source and result (ok, not_modified, error)."),
    (
        "police_engage_import_items_total",
        "Imported items, by source and change (created, updated, unchanged, skipped).",
    ),
    (
        MAIL,
        "Mail through the outbox, by event (queued, sent, retried, failed; not_sent: an alert whose update was \
         withdrawn, or whose subscriber stopped, before its turn).",
    ),
];

#[derive(Default)]
pub struct Metrics {
    /// (name, rendered labels) → value
    counters: Mutex<BTreeMap<(String, String), u64>>,
    /// HTTP answers by (route, status): counted on every request, so kept
    /// apart, with a key that costs no formatting and counters that need
    /// only a shared lock once a pair has been seen.
    requests: RwLock<HashMap<Box<str>, BTreeMap<u16, AtomicU64>>>,
}

impl Metrics {
    pub fn add(&self, name: &str, labels: &[(&str, &str)], n: u64) {
        let labels: Vec<String> = labels.iter().map(|(k, v)| format!("{k}=\"{}\"", escape(v))).collect();
        let mut counters = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        *counters.entry((name.to_owned(), labels.join(","))).or_default() += n;
    }

    pub fn request(&self, route: &str, status: u16) {
        let requests = self.requests.read().unwrap_or_else(|p| p.into_inner());
        if let Some(counter) = requests.get(route).and_then(|statuses| statuses.get(&status)) {
            counter.fetch_add(1, Ordering::Relaxed);
            return;
        }
        drop(requests);
        let mut requests = self.requests.write().unwrap_or_else(|p| p.into_inner());
        let statuses = requests.entry(route.into()).or_default();
        statuses.entry(status).or_default().fetch_add(1, Ordering::Relaxed);
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ =
            writeln!(out, "# HELP {REQUESTS} HTTP requests answered, by route and status.\n# TYPE {REQUESTS} counter");
        let requests = self.requests.read().unwrap_or_else(|p| p.into_inner());
        let mut routes: Vec<_> = requests.iter().collect();
        routes.sort_by_key(|(route, _)| *route);
        for (route, statuses) in routes {
            for (status, value) in statuses {
                let value = value.load(Ordering::Relaxed);
                let _ = writeln!(out, "{REQUESTS}{{route=\"{}\",status=\"{status}\"}} {value}", escape(route));
            }
        }
        let counters = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        for (name, help) in HELP {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter");
            for ((_, labels), value) in
                counters.range((name.to_owned(), String::new())..).take_while(|((n, _), _)| n == name)
            {
                let _ = writeln!(out, "{name}{{{labels}}} {value}");
            }
        }
        out
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        m.add("police_engage_import_runs_total", &[("source", "https://a.example/\"x\""), ("result", "ok")], 1);
        m.add("police_engage_import_runs_total", &[("source", "https://a.example/\"x\""), ("result", "ok")], 2);
        let text = m.render();
        assert!(text.contains("# TYPE police_engage_import_runs_total counter"));
        assert!(
            text.contains("police_engage_import_runs_total{source=\"https://a.example/\\\"x\\\"\",result=\"ok\"} 3"),
            "{text}"
        );
    }
}

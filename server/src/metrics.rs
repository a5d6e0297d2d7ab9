//! Counters in the Prometheus text format, for `/metrics`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::Mutex;

/// Each counter's help text; a name not listed here is not exported.
const REQUESTS: &str = "police_engage_http_requests_total";
const HELP: [(&str, &str); 3] = [
    ("police_engage_feedback_total", "Feedback submissions, by result (accepted, rejected, rate_limited)."),
    ("police_engage_import_runs_total", "Imports run, by source and result (ok, not_modified, error)."),
    (
        "police_engage_import_items_total",
        "Imported items, by source and change (created, updated, unchanged, skipped).",
    ),
];

#[derive(Default)]
pub struct Metrics {
    /// (name, rendered labels) → value
    counters: Mutex<BTreeMap<(String, String), u64>>,
    /// HTTP answers by (route, status): counted on every request, so kept
    /// apart with a key that costs no formatting.
    requests: Mutex<HashMap<Box<str>, BTreeMap<u16, u64>>>,
}

impl Metrics {
    pub fn add(&self, name: &str, labels: &[(&str, &str)], n: u64) {
        let labels: Vec<String> = labels.iter().map(|(k, v)| format!("{k}=\"{}\"", escape(v))).collect();
        let mut counters = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        *counters.entry((name.to_owned(), labels.join(","))).or_default() += n;
    }

    pub fn request(&self, route: &str, status: u16) {
        let mut requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        let statuses = match requests.get_mut(route) {
            Some(statuses) => statuses,
            None => requests.entry(route.into()).or_default(),
        };
        *statuses.entry(status).or_default() += 1;
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ =
            writeln!(out, "# HELP {REQUESTS} HTTP requests answered, by route and status.\n# TYPE {REQUESTS} counter");
        let requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        let mut routes: Vec<_> = requests.iter().collect();
        routes.sort();
        for (route, statuses) in routes {
            for (status, value) in statuses {
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

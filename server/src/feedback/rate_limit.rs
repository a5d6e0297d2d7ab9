//! Per-client limit on feedback posts: a fixed one-minute window per address.
//! One server on SQLite counts in memory; servers sharing a PostgreSQL
//! database count in it, so a client cannot multiply its allowance by the
//! number of servers behind the load balancer.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::db::Db;

const WINDOW_MS: i64 = 60_000;
/// Forget idle clients once this many checks have been made.
const PRUNE_EVERY: u64 = 10_000;

pub struct RateLimiter {
    per_minute: u32,
    store: Store,
    checks: AtomicU64,
}

enum Store {
    /// client → (window start, posts in it)
    Memory(Mutex<HashMap<String, (i64, i64)>>),
    Database(Db),
}

impl RateLimiter {
    /// Counts in memory; `per_minute == 0` means no limit.
    pub fn in_memory(per_minute: u32) -> RateLimiter {
        RateLimiter { per_minute, store: Store::Memory(Mutex::default()), checks: AtomicU64::new(0) }
    }

    /// Counts in the database, shared with every server that uses it.
    pub fn shared(per_minute: u32, db: Db) -> RateLimiter {
        RateLimiter { per_minute, store: Store::Database(db), checks: AtomicU64::new(0) }
    }

    /// Counts one post from `client`; when over the limit, how long until it may post again.
    pub async fn check(&self, client: IpAddr) -> anyhow::Result<Result<(), Duration>> {
        self.check_at(client, now_ms()).await
    }

    async fn check_at(&self, client: IpAddr, now: i64) -> anyhow::Result<Result<(), Duration>> {
        if self.per_minute == 0 {
            return Ok(Ok(()));
        }
        let client = crate::client_ip::group(client);
        let prune = self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1;
        let (start, count) = match &self.store {
            Store::Memory(windows) => {
                let mut windows = windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if prune {
                    windows.retain(|_, (start, _)| *start > now - WINDOW_MS);
                }
                let window = windows.entry(client).or_insert((now, 0));
                if window.0 <= now - WINDOW_MS {
                    *window = (now, 0);
                }
                window.1 += 1;
                *window
            }
            Store::Database(db) => {
                if prune {
                    sqlx::query("DELETE FROM rate_limits WHERE window_start <= $1")
                        .bind(now - WINDOW_MS)
                        .execute(db)
                        .await?;
                }
                count_in_database(db, &client, now).await?
            }
        };
        Ok(if count > i64::from(self.per_minute) {
            Err(Duration::from_millis((start + WINDOW_MS - now).max(0) as u64))
        } else {
            Ok(())
        })
    }
}

/// One more post in the client's window (a new window if the last has
/// ended), in one statement so concurrent servers cannot both miss a post.
async fn count_in_database(db: &Db, client: &str, now: i64) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "INSERT INTO rate_limits (client, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (client) DO UPDATE SET
             window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END,
             count = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.count + 1 END
         RETURNING window_start, count",
    )
    .bind(client)
    .bind(now)
    .bind(now - WINDOW_MS)
    .fetch_one(db)
    .await
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn limits_each_client_per_minute(limiter: RateLimiter) {
        let (a, b) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let t0 = 1_800_000_000_000;
        assert!(limiter.check_at(a, t0).await.unwrap().is_ok());
        assert!(limiter.check_at(a, t0).await.unwrap().is_ok());
        let wait = limiter.check_at(a, t0 + 20_000).await.unwrap().unwrap_err();
        assert_eq!(wait, Duration::from_secs(40));
        assert!(limiter.check_at(b, t0).await.unwrap().is_ok(), "another client is not affected");
        // One IPv6 subscriber holds a whole /64: its addresses share one allowance.
        let (home, same_home) = ("2001:db8:1:2::10".parse().unwrap(), "2001:db8:1:2:ffff::1".parse().unwrap());
        assert!(limiter.check_at(home, t0).await.unwrap().is_ok());
        assert!(limiter.check_at(same_home, t0).await.unwrap().is_ok());
        assert!(limiter.check_at(same_home, t0).await.unwrap().is_err(), "the /64 is one client");
        assert!(limiter.check_at(a, t0 + WINDOW_MS).await.unwrap().is_ok(), "a new minute, a new allowance");
    }

    #[tokio::test]
    async fn in_memory() {
        limits_each_client_per_minute(RateLimiter::in_memory(2)).await;
    }

    #[tokio::test]
    async fn in_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&format!("sqlite://{}/t.db", dir.path().display())).await.unwrap();
        limits_each_client_per_minute(RateLimiter::shared(2, db)).await;
    }

    #[tokio::test]
    async fn zero_means_no_limit() {
        let limiter = RateLimiter::in_memory(0);
        let ip = "::1".parse().unwrap();
        for _ in 0..1000 {
            assert!(limiter.check(ip).await.unwrap().is_ok());
        }
    }
}

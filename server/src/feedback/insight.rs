//! What residents are telling the force, over the last twelve weeks:
//! feedback and ratings per week, by area, by update, and the spread of
//! ratings. Grouped in SQL both engines read alike (by day; weeks are made
//! from days here, since the engines name weeks differently).

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use police_engage_contract::{Counts, Insight, Status, Tally, Week, INSIGHT_TOP, INSIGHT_WEEKS};
use tokio::sync::Mutex;

use crate::db::Db;
use crate::feedback::CHANGES;

const WEEKS: i64 = INSIGHT_WEEKS as i64;
const TOP: i64 = INSIGHT_TOP as i64;

/// How long insight is kept when nothing changes in this process; writes
/// from other servers sharing the database show within it.
const FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// The last insight made: a dozen weeks of figures change slowly, and
/// making them reads tens of thousands of rows. Feedback stored, triaged or
/// erased here makes it stale at once.
#[derive(Default)]
pub struct InsightCache(Mutex<Option<(Instant, u64, Arc<Insight>)>>);

impl InsightCache {
    /// One request makes it while any others wait for that one. `within`:
    /// how long an answer may take (the response promise).
    pub async fn get(&self, db: &Db, within: std::time::Duration) -> sqlx::Result<Arc<Insight>> {
        let mut kept = self.0.lock().await;
        let generation = CHANGES.get();
        if let Some((at, made_at, insight)) = kept.as_ref() {
            if at.elapsed() < FRESH_FOR && *made_at == generation {
                return Ok(insight.clone());
            }
        }
        let insight = Arc::new(last_weeks_to(db, Utc::now(), within).await?);
        *kept = Some((Instant::now(), generation, insight.clone()));
        Ok(insight)
    }
}

async fn last_weeks_to(db: &Db, now: DateTime<Utc>, within: std::time::Duration) -> sqlx::Result<Insight> {
    let today = now.date_naive();
    let first_monday =
        today - Duration::days(i64::from(today.weekday().num_days_from_monday())) - Duration::weeks(WEEKS - 1);
    let since = first_monday.to_string();
    let mut weeks: Vec<Week> = (0..WEEKS)
        .map(|n| Week { start: (first_monday + Duration::weeks(n)).to_string(), ..Week::default() })
        .collect();
    // Four groupings, each over an index of its own, two at a time.
    let (days, spread, areas, updates, asked) = tokio::try_join!(
        by_day(db, &since),
        spread(db, &since),
        by_area(db, &since),
        by_update(db, &since),
        asked_for_contact(db, &since)
    )?;
    promise(&mut weeks, first_monday, asked, now, within);
    let mut sums = vec![(0i64, 0i64); weeks.len()];
    for (day, status, count, rating_sum, rated) in days {
        let Some(n) = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok().map(|d| (d - first_monday).num_weeks() as usize)
        else {
            continue;
        };
        let Some(week) = weeks.get_mut(n) else { continue };
        let count = count as u64;
        match Status::parse(&status) {
            Some(Status::New) => week.counts.new += count,
            Some(Status::InProgress) => week.counts.in_progress += count,
            Some(Status::Closed) => week.counts.closed += count,
            None => {}
        }
        sums[n].0 += rating_sum;
        sums[n].1 += rated;
    }
    for (week, (sum, rated)) in weeks.iter_mut().zip(sums) {
        week.ratings = rated as u64;
        week.average_rating = average(sum, rated);
    }
    let mut ratings = [0u64; 5];
    for (rating, count) in spread {
        if let Some(slot) = usize::try_from(rating - 1).ok().and_then(|i| ratings.get_mut(i)) {
            *slot = count as u64;
        }
    }
    Ok(Insight { weeks, ratings, areas, updates })
}

/// Feedback by day and status, with the ratings' sum and count.
async fn by_day(db: &Db, since: &str) -> sqlx::Result<Vec<(String, String, i64, i64, i64)>> {
    sqlx::query_as(
        "SELECT substr(received_at, 1, 10), status, COUNT(*), COALESCE(SUM(rating), 0), COUNT(rating)
         FROM feedback WHERE received_at >= $1
         GROUP BY substr(received_at, 1, 10), status",
    )
    .bind(since)
    .fetch_all(db)
    .await
}

/// When each resident who asked to be contacted wrote, and was first answered.
async fn asked_for_contact(db: &Db, since: &str) -> sqlx::Result<Vec<(String, Option<String>)>> {
    sqlx::query_as(
        "SELECT received_at, answered_at FROM feedback
         WHERE received_at >= $1 AND email IS NOT NULL AND contact_consent = 1",
    )
    .bind(since)
    .fetch_all(db)
    .await
}

/// The response promise week by week: of those due an answer by now, how
/// many were answered in time, and the median time to a first answer.
fn promise(
    weeks: &mut [Week],
    first_monday: NaiveDate,
    asked: Vec<(String, Option<String>)>,
    now: DateTime<Utc>,
    within: std::time::Duration,
) {
    let within = Duration::from_std(within).unwrap_or_default();
    let mut hours: Vec<Vec<f64>> = vec![Vec::new(); weeks.len()];
    for (received, answered) in asked {
        let Ok(received) = DateTime::parse_from_rfc3339(&received).map(|t| t.with_timezone(&Utc)) else { continue };
        let n = (received.date_naive() - first_monday).num_weeks() as usize;
        let Some(week) = weeks.get_mut(n) else { continue };
        let answered = answered.and_then(|a| DateTime::parse_from_rfc3339(&a).ok()).map(|t| t.with_timezone(&Utc));
        if let Some(took) = answered.map(|a| a - received) {
            hours[n].push(took.num_minutes() as f64 / 60.0);
        }
        if received + within <= now || answered.is_some() {
            week.due += 1;
            week.answered_in_time += u64::from(answered.is_some_and(|a| a - received <= within));
        }
    }
    for (week, mut hours) in weeks.iter_mut().zip(hours) {
        week.median_hours_to_answer = median(&mut hours);
    }
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[mid]),
        _ => Some((values[mid - 1] + values[mid]) / 2.0),
    }
}

/// How many gave each rating.
async fn spread(db: &Db, since: &str) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "SELECT rating, COUNT(*) FROM feedback WHERE received_at >= $1 AND rating IS NOT NULL GROUP BY rating",
    )
    .bind(since)
    .fetch_all(db)
    .await
}

type TallyRow = (Option<String>, Option<String>, i64, i64, i64);

fn tally((label, id, count, sum, rated): TallyRow) -> Tally {
    Tally { label: label.unwrap_or_default(), id, count: count as u64, average_rating: average(sum, rated) }
}

/// Areas as residents write them, grouped without case.
async fn by_area(db: &Db, since: &str) -> sqlx::Result<Vec<Tally>> {
    let rows: Vec<TallyRow> = sqlx::query_as(
        "SELECT MIN(area), NULL, COUNT(*), COALESCE(SUM(rating), 0), COUNT(rating)
         FROM feedback WHERE received_at >= $1 AND area IS NOT NULL
         GROUP BY lower(area) ORDER BY COUNT(*) DESC, MIN(area) LIMIT $2",
    )
    .bind(since)
    .bind(TOP)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(tally).collect())
}

async fn by_update(db: &Db, since: &str) -> sqlx::Result<Vec<Tally>> {
    let rows: Vec<TallyRow> = sqlx::query_as(
        "SELECT COALESCE(MIN(u.title), f.about), f.about, COUNT(*), COALESCE(SUM(f.rating), 0), COUNT(f.rating)
         FROM feedback f LEFT JOIN updates u ON u.id = f.about
         WHERE f.received_at >= $1 AND f.about IS NOT NULL
         GROUP BY f.about ORDER BY COUNT(*) DESC, f.about LIMIT $2",
    )
    .bind(since)
    .bind(TOP)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(tally).collect())
}

fn average(sum: i64, count: i64) -> Option<f64> {
    (count > 0).then(|| sum as f64 / count as f64)
}

/// A total across statuses, for a week or the whole inbox.
pub fn total(c: &Counts) -> u64 {
    c.new + c.in_progress + c.closed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn weeks_start_on_monday_and_count_by_status() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&format!("sqlite://{}/t.db", dir.path().display())).await.unwrap();
        let rows = [
            ("a", "2026-11-23T10:00:00.000Z", "new", Some(5), Some("Abermor")),
            ("b", "2026-11-24T10:00:00.000Z", "closed", Some(2), Some("abermor")),
            ("c", "2026-11-16T10:00:00.000Z", "in_progress", None, Some("Llanfor")),
            ("d", "2026-08-01T10:00:00.000Z", "new", Some(1), None),
        ];
        for (id, at, status, rating, area) in rows {
            sqlx::query(
                "INSERT INTO feedback (id, idempotency_key, message, rating, area, contact_consent, lang, page, received_at, status)
                 VALUES ($1, $1, 'm', $2, $3, 0, 'en', 'p', $4, $5)",
            )
            .bind(id)
            .bind(rating)
            .bind(area)
            .bind(at)
            .bind(status)
            .execute(&db)
            .await
            .unwrap();
        }
        let now = "2026-11-25T12:00:00Z".parse().unwrap();
        let insight = last_weeks_to(&db, now, std::time::Duration::from_secs(72 * 3600)).await.unwrap();
        assert_eq!(insight.weeks.len(), 12);
        assert_eq!(insight.weeks[0].start, "2026-09-07");
        let this = insight.weeks.last().unwrap();
        assert_eq!((this.start.as_str(), total(&this.counts), this.counts.closed), ("2026-11-23", 2, 1));
        assert_eq!(this.average_rating, Some(3.5));
        let before = &insight.weeks[10];
        assert_eq!((before.counts.in_progress, before.average_rating), (1, None));
        assert_eq!(insight.ratings, [0, 1, 0, 0, 1], "the August one is older than twelve weeks");
        assert_eq!(insight.areas[0].count, 2, "areas group without case");
        assert_eq!(insight.areas[1].label, "Llanfor");
    }

    #[test]
    fn the_promise_counts_those_due_and_the_median_time_to_an_answer() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        let mut weeks: Vec<Week> = (0..2).map(|_| Week::default()).collect();
        let at = |s: &str| s.to_owned();
        let asked = vec![
            (at("2026-11-16T10:00:00.000Z"), Some(at("2026-11-17T10:00:00.000Z"))), // 24 hours: in time
            (at("2026-11-16T12:00:00.000Z"), Some(at("2026-11-20T12:00:00.000Z"))), // 96 hours: late
            (at("2026-11-17T09:00:00.000Z"), None),                                 // due, not answered
            (at("2026-11-24T10:00:00.000Z"), None),                                 // not due yet
        ];
        let now = "2026-11-25T12:00:00Z".parse().unwrap();
        promise(&mut weeks, monday, asked, now, std::time::Duration::from_secs(72 * 3600));
        assert_eq!((weeks[0].due, weeks[0].answered_in_time, weeks[0].median_hours_to_answer), (3, 1, Some(60.0)));
        assert_eq!((weeks[1].due, weeks[1].answered_in_time, weeks[1].median_hours_to_answer), (0, 0, None));
    }
}

//! Fills a database with many realistic-looking submissions, for the
//! console benchmark (bench/console.sh); not part of the server.
//!   cargo run --release -p police-engage-server --example seed_feedback -- DATABASE_URL COUNT

use police_engage_contract::Status;
use police_engage_server::{db, feedback, stamp};

const AREAS: [&str; 12] = [
    "Abermor",
    "Pen-y-bryn",
    "Riverside",
    "Llanfor",
    "Glanyrafon town centre",
    "Cwm Hyfryd",
    "Heol Las",
    "Maes y Dderwen",
    "Trefach",
    "Brynteg",
    "Nant y Coed",
    "Porth Isaf",
];
const ABOUT: [&str; 6] = [
    "sample-missing-megan",
    "sample-courier-fraud",
    "sample-station-road-appeal",
    "sample-bike-marking",
    "sample-red-lion-cctv",
    "sample-meet-the-team",
];
const SITES: [&str; 3] =
    ["https://www.glanyrafon.gov.uk", "https://www.glanyrafon-csp.org.uk", "https://www.cartrefi-glanyrafon.co.uk"];
const WORDS: [&str; 16] = [
    "officer",
    "bus station",
    "parking",
    "speeding",
    "thank you",
    "burglary",
    "101 wait",
    "skate park",
    "fireworks",
    "school",
    "scam call",
    "bike",
    "shed",
    "neighbour",
    "street lights",
    "drugs",
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (url, count) = match args.as_slice() {
        [_, url, count] => (url.clone(), count.parse::<u64>()?),
        _ => anyhow::bail!("usage: seed_feedback DATABASE_URL COUNT"),
    };
    let db = db::open(&url).await?;
    let now = chrono::Utc::now();
    // A fixed sequence, so every run makes the same rows.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    for chunk in 0..count.div_ceil(1000) {
        let mut tx = db.begin().await?;
        for i in chunk * 1000..((chunk + 1) * 1000).min(count) {
            // Sixteen weeks back, newer ones more often.
            let minutes = (next(112) * next(1440) + next(1440)) as i64;
            let at = stamp::format(now - chrono::Duration::minutes(minutes), stamp::Millis);
            let status = match next(10) {
                0..=1 => Status::New,
                2..=4 => Status::InProgress,
                _ => Status::Closed,
            };
            let consent = next(4) == 0;
            sqlx::query(
                "INSERT INTO feedback (id, idempotency_key, message, about, rating, name, email, area, contact_consent,
                                       lang, page, origin, received_at, status, closed_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
            )
            .bind(feedback::new_reference())
            .bind(format!("bench-{i:09}"))
            .bind(format!(
                "About the {} near {}: {}",
                WORDS[next(16) as usize],
                AREAS[next(12) as usize],
                "something a resident wrote about it. ".repeat(1 + next(4) as usize)
            ))
            .bind((next(3) > 0).then(|| ABOUT[next(6) as usize]))
            .bind((next(4) > 0).then(|| 1 + next(5) as i64))
            .bind(consent.then_some("A Resident"))
            .bind(consent.then_some("resident@example.org"))
            .bind((next(5) > 0).then(|| AREAS[next(12) as usize]))
            .bind(i64::from(consent))
            .bind(if next(8) == 0 { "cy" } else { "en" })
            .bind(format!("{}/community-safety", SITES[next(3) as usize]))
            .bind(SITES[next(3) as usize])
            .bind(&at)
            .bind(status.name())
            .bind((status == Status::Closed).then(|| at.clone()))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    println!("seeded {count} submissions");
    Ok(())
}

//! Fills a database with confirmed alert subscribers, for the alerts
//! benchmark (bench/alerts.sh) and the outbox's crash test; not part of
//! the server. Every one has asked for urgent appeals and warnings, for
//! AREA or for every area, in English, Welsh or both.
//!   cargo run --release -p police-engage-server --example seed_subscribers -- DATABASE_URL COUNT AREA

use police_engage_server::{db, random, stamp};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (url, count, area) = match args.as_slice() {
        [_, url, count, area] => (url.clone(), count.parse::<u64>()?, area.clone()),
        _ => anyhow::bail!("usage: seed_subscribers DATABASE_URL COUNT AREA"),
    };
    let db = db::open(&url).await?;
    let now = stamp::now(stamp::Secs);
    for chunk in 0..count.div_ceil(1000) {
        let mut tx = db.begin().await?;
        for i in chunk * 1000..((chunk + 1) * 1000).min(count) {
            sqlx::query(
                "INSERT INTO subscribers (id, email, area, urgent_only, lang, token, confirmed_at, created_at)
                 VALUES ($1, $2, $3, 1, $4, $5, $6, $6)",
            )
            .bind(random::id("s"))
            .bind(format!("resident-{i}@example.org"))
            .bind((i % 4 != 0).then_some(area.as_str()))
            .bind(["en", "cy", "both", "en"][(i % 4) as usize])
            .bind(random::token())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    println!("seeded {count} subscribers");
    Ok(())
}

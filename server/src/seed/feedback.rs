//! Three dozen realistic submissions over the past ten weeks — praise,
//! criticism and questions, in English and Welsh, across areas, updates
//! and partner sites — so the demo console's inbox and charts are not empty.

use chrono::{Duration, Utc};
use police_engage_contract::Status;

use crate::db::Db;
use crate::feedback::new_reference;
use crate::stamp;

const COUNCIL: &str = "https://www.glanyrafon.gov.uk";
const PARTNERSHIP: &str = "https://www.glanyrafon-csp.org.uk";
const HOUSING: &str = "https://www.cartrefi-glanyrafon.co.uk";

struct Sample {
    days_ago: i64,
    message: &'static str,
    rating: Option<i64>,
    area: Option<&'static str>,
    about: Option<&'static str>,
    lang: &'static str,
    /// Name and email, given with consent to be contacted.
    contact: Option<(&'static str, &'static str)>,
    status: Status,
    site: &'static str,
}

const fn s(
    days_ago: i64,
    message: &'static str,
    rating: Option<i64>,
    area: Option<&'static str>,
    about: Option<&'static str>,
    status: Status,
    site: &'static str,
) -> Sample {
    Sample { days_ago, message, rating, area, about, lang: "en", contact: None, status, site }
}

impl Sample {
    /// The same, written in Welsh.
    const fn cy(self) -> Sample {
        Sample { lang: "cy", ..self }
    }
}

const SAMPLES: &[Sample] = &[
    s(0, "I think I saw the girl from the appeal near the bus station at about 8 this morning. Should I ring 999 or 101?", None, Some("Abermor"), Some("sample-missing-megan"), Status::New, COUNCIL),
    s(0, "My mum got one of those courier calls yesterday. She hung up thanks to your warning. Please keep posting these.", Some(5), Some("Pen-y-bryn"), Some("sample-courier-fraud"), Status::New, HOUSING),
    s(1, "Two of the cars on our street were done the same night. We reported it but nobody came to take statements for three days.", Some(1), Some("Abermor"), Some("sample-station-road-appeal"), Status::New, COUNCIL),
    s(1, "Great result on the county lines case. It has been much quieter around the flats since.", Some(5), Some("Riverside"), Some("sample-county-lines-sentenced"), Status::New, HOUSING),
    s(2, "Is the bike marking on again before Christmas? I missed the last one.", None, Some("Abermor"), Some("sample-bike-marking"), Status::InProgress, PARTNERSHIP),
    s(2, "The 101 wait time was 47 minutes tonight. I gave up. That is not good enough.", Some(1), Some("Glanyrafon town centre"), None, Status::New, COUNCIL),
    s(3, "Roedd y swyddog yn y cyfarfod yn Pen-y-bryn yn wych ac yn gwrando go iawn. Diolch.", Some(5), Some("Pen-y-bryn"), Some("sample-meet-the-team"), Status::Closed, COUNCIL).cy(),
    s(4, "The roofers the article warned about knocked on my door an hour after I read it. I did not answer. Thank you.", Some(4), Some("Pen-y-bryn"), Some("sample-rogue-traders"), Status::Closed, HOUSING),
    s(5, "Why is the CCTV appeal only online? Many older people here do not use the internet. Put posters up in the shop.", Some(2), Some("Glanyrafon town centre"), Some("sample-red-lion-cctv"), Status::InProgress, PARTNERSHIP),
    s(6, "Anti-social behaviour by the skate park every Friday night. Fireworks, shouting, bottles. Nobody patrols any more.", Some(2), Some("Riverside"), None, Status::New, COUNCIL),
    s(7, "Thank you to the PCSO who found my dad when he wandered off. He was kind and patient with him.", Some(5), Some("Llanfor"), None, Status::Closed, COUNCIL),
    s(8, "Welcome to the new inspector. Will there be a chance to meet her in Llanfor, not just the town centre?", None, Some("Llanfor"), Some("sample-new-inspector"), Status::InProgress, PARTNERSHIP),
    s(9, "Got my tools back thanks to your operation. I run a small business and they are my living. Brilliant work.", Some(5), Some("Riverside"), Some("sample-tools-returned"), Status::Closed, HOUSING),
    s(10, "Parking on the pavement outside the school makes it dangerous for the children. Can you do something at pick-up time?", Some(3), Some("Abermor"), None, Status::InProgress, COUNCIL),
    s(12, "A fyddai modd cael y rhybuddion hyn yn Gymraeg hefyd, os gwelwch yn dda? Mae'n bwysig i'm rhieni.", Some(3), Some("Llanfor"), Some("sample-courier-fraud"), Status::InProgress, COUNCIL).cy(),
    s(13, "The drink-drive campaign is good but the checkpoints are always in the same place. Everybody knows where they are.", Some(3), Some("Glanyrafon town centre"), Some("sample-drink-drive"), Status::New, PARTNERSHIP),
    s(15, "I reported a stolen bike online and never heard anything back. Not even an email to say it was received.", Some(1), Some("Abermor"), None, Status::Closed, COUNCIL),
    s(17, "Officers at the carnival were friendly and the road closures were well signed. A good day.", Some(4), Some("Riverside"), Some("sample-carnival-closure"), Status::Closed, PARTNERSHIP),
    s(19, "Drug dealing in the lane behind the chip shop again, most evenings after 9. Please keep an eye on it.", Some(2), Some("Glanyrafon town centre"), None, Status::InProgress, HOUSING),
    s(21, "Your website says call 101 but my phone plan charges for it. Is there another way to report?", Some(3), None, None, Status::Closed, COUNCIL),
    s(24, "The neighbourhood team came to our residents' meeting. Felt listened to for the first time in years.", Some(5), Some("Pen-y-bryn"), Some("sample-meet-the-team"), Status::Closed, HOUSING),
    s(26, "Speeding on the Llanfor road is terrible. Someone will be killed. Please put a camera or officers there.", Some(2), Some("Llanfor"), None, Status::InProgress, COUNCIL),
    s(28, "Diolch am yr apêl am Megan. Rhannais hi ar Facebook y pentref.", Some(4), Some("Abermor"), Some("sample-missing-megan"), Status::Closed, PARTNERSHIP).cy(),
    s(31, "Good to see the sentences in the county lines case. Please tell us more about how to spot exploitation of children.", Some(4), Some("Riverside"), Some("sample-county-lines-sentenced"), Status::Closed, HOUSING),
    s(34, "Officer was rude to my son when he was stopped and searched. He had done nothing wrong. I want to complain.", Some(1), Some("Riverside"), None, Status::InProgress, COUNCIL),
    s(37, "Very quick response when our shed was broken into. The officer gave us good advice on locks.", Some(5), Some("Pen-y-bryn"), None, Status::Closed, COUNCIL),
    s(40, "Can you publish the outcomes of the neighbourhood priorities? We hear what you will do but not what happened.", Some(3), Some("Glanyrafon town centre"), None, Status::Closed, PARTNERSHIP),
    s(44, "Scam texts pretending to be from the bank are going round the estate. Worth a warning like the courier one.", Some(4), Some("Pen-y-bryn"), None, Status::Closed, HOUSING),
    s(48, "Nobody came when the neighbours' party went on until 4am for the third weekend running.", Some(1), Some("Abermor"), None, Status::Closed, COUNCIL),
    s(52, "The PCSOs on bikes in the park are a great idea. More of that please.", Some(5), Some("Riverside"), None, Status::Closed, PARTNERSHIP),
    s(56, "Sut ydw i'n rhoi gwybod am dipio anghyfreithlon? Ai chi neu'r cyngor?", None, Some("Llanfor"), None, Status::Closed, COUNCIL).cy(),
    s(60, "Thank you for the talk at the school about online safety. My daughter came home and told us all about it.", Some(5), Some("Abermor"), None, Status::Closed, COUNCIL),
    s(63, "Street lights out on Heol Las for weeks and two burglaries since. Have you told the council?", Some(2), Some("Abermor"), None, Status::Closed, COUNCIL),
    s(66, "Updates like these on the council website are really useful. I never look at the police site.", Some(4), None, None, Status::Closed, COUNCIL),
];

pub async fn add(db: &Db) -> anyhow::Result<()> {
    let now = Utc::now();
    for (n, sample) in SAMPLES.iter().chain(WITH_CONTACT).enumerate() {
        // Spread through the day, so the inbox does not look machine-made.
        let received = now - Duration::days(sample.days_ago) - Duration::minutes(37 * (n as i64 % 17) + 5);
        let received_at = stamp::format(received, stamp::Millis);
        let closed_at = (sample.status == Status::Closed).then(|| received_at.clone());
        let (name, email) = sample.contact.unzip();
        sqlx::query(
            "INSERT INTO feedback (id, idempotency_key, message, about, rating, name, email, area, contact_consent,
                                   lang, page, origin, received_at, status, closed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
             ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(new_reference())
        .bind(format!("sample-feedback-{n:03}"))
        .bind(sample.message)
        .bind(sample.about)
        .bind(sample.rating)
        .bind(name)
        .bind(email)
        .bind(sample.area)
        .bind(i64::from(sample.contact.is_some()))
        .bind(sample.lang)
        .bind(format!("{}/community-safety", sample.site))
        .bind(sample.site)
        .bind(&received_at)
        .bind(sample.status.name())
        .bind(closed_at)
        .execute(db)
        .await?;
    }
    Ok(())
}

/// A few who asked for a reply, so the console's contact details and
/// "Reply by email" have something to show.
const WITH_CONTACT: &[Sample] = &[
    Sample {
        days_ago: 0,
        message: "Someone has been trying car door handles on Maes y Dderwen around 2am. I have doorbell footage if it helps.",
        rating: None,
        area: Some("Pen-y-bryn"),
        about: Some("sample-station-road-appeal"),
        lang: "en",
        contact: Some(("Gareth Morgan", "gareth.morgan@example.org")),
        status: Status::New,
        site: COUNCIL,
    },
    Sample {
        days_ago: 3,
        message: "Hoffwn wybod a oes unrhyw newyddion am yr ymchwiliad i'r ymosodiad tu allan i'r Llew Coch. Roeddwn i yno.",
        rating: None,
        area: Some("Glanyrafon town centre"),
        about: Some("sample-red-lion-cctv"),
        lang: "cy",
        contact: Some(("Eleri Jones", "eleri.jones@example.org")),
        status: Status::New,
        site: PARTNERSHIP,
    },
    Sample {
        days_ago: 11,
        message: "I was the victim of the tool theft. The officer in charge kept me updated every week. Please pass on my thanks.",
        rating: Some(5),
        area: Some("Riverside"),
        about: Some("sample-tools-returned"),
        lang: "en",
        contact: Some(("Dave Price", "dave.price@example.org")),
        status: Status::InProgress,
        site: HOUSING,
    },
];

//! A dozen realistic sample updates, so the demo page shows every
//! category, priority and field on first start, some with a Welsh version.

use chrono::{DateTime, Duration, Utc};
use police_engage_contract::{Category, Channel, Priority};

use crate::db::Db;
use crate::updates::{self, Update, Welsh};

const SITE: &str = "https://glanyrafon-police.example/news/";

struct Sample {
    id: &'static str,
    hours_ago: i64,
    category: Category,
    priority: Priority,
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    area: Option<&'static str>,
    reference: Option<&'static str>,
    /// Days from today, starting hour (UTC), length in hours, address.
    event: Option<(i64, u32, i64, &'static str)>,
    /// Hours from now (negative: already expired, so never shown).
    expires_in: Option<i64>,
    tags: &'static [&'static str],
    /// The Welsh title and summary, for those with a Welsh version.
    cy: Option<(&'static str, &'static str)>,
}

const SAMPLES: &[Sample] = &[
    Sample {
        id: "sample-missing-megan",
        hours_ago: 1,
        category: Category::Appeal,
        priority: Priority::Urgent,
        title: "Missing: have you seen Megan, 14, from Abermor?",
        summary: "Megan was last seen at 4.30pm yesterday near Abermor bus station. She is 5ft 3in, slim, with long dark hair, and was wearing a grey school coat and white trainers.",
        body: "Megan was last seen at 4.30pm yesterday near Abermor bus station. She is 5ft 3in, slim, with long dark hair, and was wearing a grey school coat and white trainers. We are growing increasingly concerned for her welfare. If you see Megan, call 999 straight away. Megan, if you see this, please get in touch: you are not in any trouble.",
        area: Some("Abermor"),
        reference: Some("GLP-20261123-0417"),
        event: None,
        expires_in: Some(24 * 14),
        tags: &["missing person"],
        cy: Some((
            "Ar goll: ydych chi wedi gweld Megan, 14, o Abermor?",
            "Cafodd Megan ei gweld ddiwethaf am 4.30pm ddoe ger gorsaf fysiau Abermor. Mae hi'n 5 troedfedd 3 modfedd, yn fain, gyda gwallt hir tywyll, ac roedd hi'n gwisgo cot ysgol lwyd ac esgidiau ymarfer gwyn.",
        )),
    },
    Sample {
        id: "sample-courier-fraud",
        hours_ago: 5,
        category: Category::Warning,
        priority: Priority::High,
        title: "Courier fraud: callers pretending to be police officers",
        summary: "We have had reports of callers claiming to be detectives and asking older residents to withdraw cash or hand over bank cards. The police will never ask you to do this.",
        body: "We have had reports of callers claiming to be detectives and asking older residents to withdraw cash or hand over bank cards for 'evidence'. The police will never ask you to do this, and will never send a courier to collect money. If you get a call like this, hang up, wait five minutes, and call 101 from another phone.",
        area: None,
        reference: None,
        event: None,
        expires_in: None,
        tags: &["fraud", "scam"],
        cy: Some((
            "Twyll negesydd: galwyr yn esgus bod yn swyddogion heddlu",
            "Rydym wedi cael adroddiadau am alwyr sy'n honni eu bod yn dditectifs ac yn gofyn i drigolion hŷn dynnu arian parod allan neu roi eu cardiau banc. Ni fydd yr heddlu byth yn gofyn i chi wneud hyn.",
        )),
    },
    Sample {
        id: "sample-station-road-appeal",
        hours_ago: 9,
        category: Category::Appeal,
        priority: Priority::Normal,
        title: "Car windows smashed on Station Road: can you help?",
        summary: "Six parked cars had their windows smashed on Station Road, Riverside, between 1am and 3am on Saturday. We would like to hear from anyone with doorbell or dashcam footage.",
        body: "Six parked cars had their windows smashed on Station Road, Riverside, between 1am and 3am on Saturday. Nothing was taken from most of them. We would like to hear from anyone who saw people in the area, or who has doorbell or dashcam footage from those hours.",
        area: Some("Riverside"),
        reference: Some("GLP-20261121-0342"),
        event: None,
        expires_in: None,
        tags: &["criminal damage"],
        cy: Some((
            "Ffenestri ceir wedi'u malu ar Ffordd yr Orsaf: allwch chi helpu?",
            "Cafodd ffenestri chwe char oedd wedi'u parcio eu malu ar Ffordd yr Orsaf, Riverside, rhwng 1am a 3am ddydd Sadwrn. Hoffem glywed gan unrhyw un sydd â lluniau o gamera cloch drws neu gamera car.",
        )),
    },
    Sample {
        id: "sample-county-lines-sentenced",
        hours_ago: 20,
        category: Category::Success,
        priority: Priority::Normal,
        title: "Three jailed after county lines investigation",
        summary: "Three men who ran a drugs line between Glanyrafon and the north west have been jailed for a total of 19 years after a year-long investigation prompted by residents' reports.",
        body: "Three men who ran a drugs line between Glanyrafon and the north west have been jailed for a total of 19 years. The investigation began with information from residents of Pen-y-bryn, and we want to thank everyone who came forward. Information you give us makes a difference.",
        area: Some("Pen-y-bryn"),
        reference: None,
        event: None,
        expires_in: None,
        tags: &["drugs", "court"],
        cy: None,
    },
    Sample {
        id: "sample-bike-marking",
        hours_ago: 26,
        category: Category::Event,
        priority: Priority::Normal,
        title: "Free bike marking at Abermor Library",
        summary: "Bring your bike and proof of ownership: our neighbourhood team will security-mark it and register it for free, so it can be returned to you if it is ever stolen.",
        body: "Bring your bike and proof of ownership: our neighbourhood team will security-mark it and register it for free, so it can be returned to you if it is ever stolen. No booking needed.",
        area: Some("Abermor"),
        reference: None,
        event: Some((4, 10, 3, "Abermor Library, Heol y Môr, Abermor GL4 2PQ")),
        expires_in: Some(24 * 5),
        tags: &["bike theft"],
        cy: None,
    },
    Sample {
        id: "sample-red-lion-cctv",
        hours_ago: 30,
        category: Category::Appeal,
        priority: Priority::High,
        title: "CCTV appeal after assault outside the Red Lion",
        summary: "We are releasing images of a man we would like to speak to after a man in his 40s was seriously hurt outside the Red Lion on High Street, Glanyrafon, at about 11.15pm on Friday.",
        body: "We are releasing images of a man we would like to speak to after a man in his 40s was seriously hurt outside the Red Lion on High Street, Glanyrafon, at about 11.15pm on Friday. If you recognise him, or saw what happened, please get in touch.",
        area: Some("Glanyrafon town centre"),
        reference: Some("GLP-20261120-1188"),
        event: None,
        expires_in: None,
        tags: &["assault", "CCTV"],
        cy: None,
    },
    Sample {
        id: "sample-rogue-traders",
        hours_ago: 44,
        category: Category::Warning,
        priority: Priority::Normal,
        title: "Rogue traders offering roof repairs in Pen-y-bryn",
        summary: "Men knocking on doors in Pen-y-bryn are offering cheap roof and gutter repairs, then demanding large cash payments. Do not agree to work on the doorstep.",
        body: "Men knocking on doors in Pen-y-bryn are offering cheap roof and gutter repairs, then demanding large cash payments for poor or unfinished work. Do not agree to work on the doorstep, do not pay cash up front, and check on older neighbours.",
        area: Some("Pen-y-bryn"),
        reference: None,
        event: None,
        expires_in: None,
        tags: &["doorstep crime"],
        cy: None,
    },
    Sample {
        id: "sample-new-inspector",
        hours_ago: 52,
        category: Category::News,
        priority: Priority::Normal,
        title: "New neighbourhood inspector for Glanyrafon town centre",
        summary: "Inspector Rhian Morgan has taken charge of the town centre neighbourhood team. Her first priorities are antisocial behaviour around the bus station and shop theft.",
        body: "Inspector Rhian Morgan has taken charge of the town centre neighbourhood team. Her first priorities, set after listening to residents and businesses, are antisocial behaviour around the bus station and shop theft.",
        area: Some("Glanyrafon town centre"),
        reference: None,
        event: None,
        expires_in: None,
        tags: &["neighbourhood policing"],
        cy: None,
    },
    Sample {
        id: "sample-tools-returned",
        hours_ago: 70,
        category: Category::Success,
        priority: Priority::Normal,
        title: "Stolen tools returned to tradespeople after Riverside operation",
        summary: "More than £30,000 of power tools stolen from vans have been returned to their owners after officers searched a lock-up in Riverside.",
        body: "More than £30,000 of power tools stolen from vans have been returned to their owners after officers searched a lock-up in Riverside. Two people have been charged. Marking your tools helped us trace their owners.",
        area: Some("Riverside"),
        reference: None,
        event: None,
        expires_in: None,
        tags: &["theft"],
        cy: None,
    },
    Sample {
        id: "sample-meet-the-team",
        hours_ago: 96,
        category: Category::Event,
        priority: Priority::Normal,
        title: "Meet your neighbourhood team in Pen-y-bryn",
        summary: "Come and talk to your local officers about what matters to you. Tea and biscuits provided.",
        body: "Come and talk to your local officers about what matters to you: speeding, antisocial behaviour, anything else. Tea and biscuits provided. Welsh speakers welcome.",
        area: Some("Pen-y-bryn"),
        reference: None,
        event: Some((9, 18, 2, "Pen-y-bryn Community Centre, Ffordd yr Eglwys, Pen-y-bryn GL7 1AB")),
        expires_in: Some(24 * 10),
        tags: &["community"],
        cy: None,
    },
    Sample {
        id: "sample-drink-drive",
        hours_ago: 120,
        category: Category::News,
        priority: Priority::Normal,
        title: "Winter drink and drug-drive campaign starts",
        summary: "Officers will be running extra roadside checks across the force area throughout December. Plan how you will get home before you go out.",
        body: "Officers will be running extra roadside checks across the force area throughout December, day and night, including the morning after. Plan how you will get home before you go out.",
        area: None,
        reference: None,
        event: None,
        expires_in: None,
        tags: &["roads"],
        cy: None,
    },
    Sample {
        id: "sample-carnival-closure",
        hours_ago: 200,
        category: Category::News,
        priority: Priority::Normal,
        title: "Road closures for the Riverside carnival",
        summary: "Bridge Street and Quay Road were closed for the carnival procession.",
        body: "Bridge Street and Quay Road were closed for the carnival procession. This update has expired and is never shown.",
        area: Some("Riverside"),
        reference: None,
        event: None,
        expires_in: Some(-24),
        tags: &["roads"],
        cy: None,
    },
];

pub async fn add(db: &Db) -> anyhow::Result<()> {
    let now = Utc::now();
    let stamp = |t: DateTime<Utc>| crate::stamp::format(t, crate::stamp::Secs);
    let at = |hours: i64| stamp(now + Duration::hours(hours));
    let day_at = |days: i64, hour: u32| {
        let day = (now + Duration::days(days)).date_naive();
        day.and_hms_opt(hour, 0, 0).map(|t| stamp(t.and_utc()))
    };
    for s in SAMPLES {
        let published = at(-s.hours_ago);
        let update = Update {
            id: s.id.into(),
            title: s.title.into(),
            summary: Some(s.summary.into()),
            content_text: Some(s.body.into()),
            url: Some(format!("{SITE}{}", s.id.trim_start_matches("sample-"))),
            image: None,
            image_alt: None,
            category: s.category,
            priority: s.priority,
            area: s.area.map(Into::into),
            reference: s.reference.map(Into::into),
            tags: serde_json::to_string(s.tags)?,
            event_start: s.event.and_then(|(days, hour, _, _)| day_at(days, hour)),
            event_end: s.event.and_then(|(days, hour, length, _)| day_at(days, hour + length as u32)),
            event_address: s.event.map(|(_, _, _, address)| address.into()),
            expires_at: s.expires_in.map(at),
            modified_at: published.clone(),
            published_at: published,
            cy: Welsh {
                title: s.cy.map(|(title, _)| title.into()),
                summary: s.cy.map(|(_, summary)| summary.into()),
                ..Welsh::default()
            },
            channel: Channel::Sample,
            import_source: None,
            withdrawn_at: None,
        };
        updates::insert(db, &update).await?;
    }
    Ok(())
}

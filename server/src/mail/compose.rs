//! Messages as residents receive them: in their language (`Content-Language`,
//! the words around what a person wrote from this catalogue), as plain text
//! and simple HTML, with a Message-ID made from the outbox id so a retry
//! is the same message.

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;
use police_engage_contract::{parse_millis, uk_time, Lang};

use super::Mail;
use crate::random;
use crate::text::escape_html as escape;

/// A message ready for the outbox.
pub struct Composed {
    pub id: String,
    pub sender: String,
    pub recipient: String,
    /// The whole formatted message.
    pub body: String,
}

/// The words around a reply, in one language.
struct ReplyWords {
    subject: &'static str,
    wrote: &'static str,
    answer: &'static str,
}

const REPLY_EN: ReplyWords = ReplyWords {
    subject: "Your message to {force}, reference {reference}",
    wrote: "You wrote to us on {date} (reference {reference}):",
    answer: "To answer, reply to this email.",
};

const REPLY_CY: ReplyWords = ReplyWords {
    subject: "Eich neges i {force}, cyfeirnod {reference}",
    wrote: "Ysgrifennoch atom ar {date} (cyfeirnod {reference}):",
    answer: "I ateb, atebwch yr e-bost hwn.",
};

/// What a resident wrote, for the reply to quote.
pub struct Written<'a> {
    pub reference: &'a str,
    pub message: &'a str,
    /// When it was received (RFC 3339).
    pub received_at: &'a str,
    pub lang: Lang,
}

/// A responder's reply to a resident, quoting what they wrote.
pub fn reply(mail: &Mail, to: &str, written: &Written, reply: &str) -> anyhow::Result<Composed> {
    let force = &mail.force;
    let words = match written.lang {
        Lang::Cy => &REPLY_CY,
        Lang::En => &REPLY_EN,
    };
    let fill = |t: &str| {
        t.replace("{force}", force)
            .replace("{reference}", written.reference)
            .replace("{date}", &uk_date(written.received_at))
    };
    let quoted: String = written.message.lines().map(|l| format!("> {l}\n")).collect();
    let text = format!("{reply}\n\n{force}\n\n---\n{}\n\n{quoted}\n{}\n", fill(words.wrote), words.answer);
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><body><div style=\"white-space:pre-wrap\">{}</div><p>{}</p><hr>\
         <p>{}</p><blockquote style=\"white-space:pre-wrap\">{}</blockquote><p>{}</p></body></html>",
        escape(reply),
        escape(force),
        escape(&fill(words.wrote)),
        escape(written.message),
        escape(words.answer),
        lang = written.lang.tag(),
    );
    let body = MultiPart::alternative_plain_html(text, html);
    compose(mail, random::id("m"), to, &fill(words.subject), written.lang.tag(), body, &[])
}

/// Which language(s) a resident reads alerts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    One(Lang),
    /// Both, Welsh first.
    Both,
}

impl Reading {
    fn langs(self) -> Vec<Lang> {
        match self {
            Reading::One(lang) => vec![lang],
            Reading::Both => vec![Lang::Cy, Lang::En],
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Reading::One(lang) => lang.tag(),
            Reading::Both => "cy, en",
        }
    }
}

/// Words of the alert mails, in one language.
struct AlertWords {
    confirm_subject: &'static str,
    confirm_body: &'static str,
    already_subject: &'static str,
    already_body: &'static str,
    reference: &'static str,
    read_more: &'static str,
    why: &'static str,
}

const ALERT_EN: AlertWords = AlertWords {
    confirm_subject: "Confirm your alerts from {force}",
    confirm_body: "Someone, we hope you, asked for alerts from {force} to be sent to this address. To start them, follow this link within 7 days:\n\n{link}\n\nIf it was not you, do nothing: without confirmation we send nothing more, and we forget this address after 7 days.",
    already_subject: "Your alerts from {force}",
    already_body: "Someone, we hope you, asked for alerts from {force} to be sent to this address, which already receives them. To change what you get, or to stop them, follow this link:\n\n{link}\n\nIf it was not you, do nothing: nothing has changed.",
    reference: "Reference: {}",
    read_more: "Read more: {}",
    why: "You asked {force} for these alerts. To change them or stop them: {link}",
};

const ALERT_CY: AlertWords = AlertWords {
    confirm_subject: "Cadarnhewch eich rhybuddion gan {force}",
    confirm_body: "Gofynnodd rhywun, chi gobeithio, am anfon rhybuddion gan {force} i'r cyfeiriad hwn. I'w dechrau, dilynwch y ddolen hon o fewn 7 diwrnod:\n\n{link}\n\nOs nad chi oedd hyn, peidiwch â gwneud dim: heb gadarnhad ni fyddwn yn anfon dim mwy, a byddwn yn anghofio'r cyfeiriad hwn ar ôl 7 diwrnod.",
    already_subject: "Eich rhybuddion gan {force}",
    already_body: "Gofynnodd rhywun, chi gobeithio, am anfon rhybuddion gan {force} i'r cyfeiriad hwn, sydd eisoes yn eu derbyn. I newid yr hyn a gewch, neu i'w hatal, dilynwch y ddolen hon:\n\n{link}\n\nOs nad chi oedd hyn, peidiwch â gwneud dim: does dim wedi newid.",
    reference: "Cyfeirnod: {}",
    read_more: "Darllen mwy: {}",
    why: "Gofynnoch i {force} am y rhybuddion hyn. I'w newid neu eu hatal: {link}",
};

fn alert_words(lang: Lang) -> &'static AlertWords {
    match lang {
        Lang::Cy => &ALERT_CY,
        Lang::En => &ALERT_EN,
    }
}

/// The mail that asks an address to confirm its alerts (`confirmed`: it
/// already has them, and is told how to change them instead).
pub fn sign_up(mail: &Mail, to: &str, reading: Reading, link: &str, confirmed: bool) -> anyhow::Result<Composed> {
    let force = &mail.force;
    let (subject, body) = in_each(reading, |lang| {
        let words = alert_words(lang);
        let (subject, body) = if confirmed {
            (words.already_subject, words.already_body)
        } else {
            (words.confirm_subject, words.confirm_body)
        };
        let fill = |t: &str| t.replace("{force}", force).replace("{link}", link);
        (fill(subject), fill(body))
    });
    compose(mail, random::id("m"), to, &subject, reading.tag(), body, &[])
}

/// A mail in each language the reader reads, Welsh first: the subjects
/// joined, the words one after the other, as text and as simple HTML.
fn in_each(reading: Reading, part: impl Fn(Lang) -> (String, String)) -> (String, MultiPart) {
    let parts: Vec<(String, String)> = reading.langs().into_iter().map(part).collect();
    let subject = parts.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(" / ");
    let text = parts.iter().map(|(_, b)| b.as_str()).collect::<Vec<_>>().join("\n\n---\n\n");
    let html = plain_html(&text, reading);
    (subject, MultiPart::alternative_plain_html(text, html))
}

/// An update as an alert shows it, in each language it has.
pub struct Alerted<'a> {
    /// Title and summary in English, and in Welsh where there is a Welsh version.
    pub en: (&'a str, Option<&'a str>),
    pub cy: (Option<&'a str>, Option<&'a str>),
    pub reference: Option<&'a str>,
    pub link: &'a str,
}

/// One alert, to one subscriber, with the one-click unsubscribe headers
/// of RFC 8058 (`unsubscribe` is the https address they POST to).
pub fn alert(
    mail: &Mail,
    id: String,
    to: &str,
    reading: Reading,
    update: &Alerted,
    manage: &str,
    unsubscribe: &str,
) -> anyhow::Result<Composed> {
    let (subject, body) = in_each(reading, |lang| {
        let words = alert_words(lang);
        let (title, summary) = match lang {
            Lang::Cy => (update.cy.0.unwrap_or(update.en.0), update.cy.1.or(update.en.1)),
            Lang::En => update.en,
        };
        let mut body = vec![title.to_owned()];
        body.extend(summary.map(str::to_owned));
        body.extend(update.reference.map(|r| words.reference.replace("{}", r)));
        body.push(words.read_more.replace("{}", update.link));
        body.push(format!("--\n{}", words.why.replace("{force}", &mail.force).replace("{link}", manage)));
        (title.to_owned(), body.join("\n\n"))
    });
    let headers = [
        ("List-Unsubscribe", format!("<{unsubscribe}>")),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".to_owned()),
    ];
    compose(mail, id, to, &subject, reading.tag(), body, &headers)
}

/// Plain text as simple HTML: paragraphs, escaped.
fn plain_html(text: &str, reading: Reading) -> String {
    let lang = reading.langs()[0].tag();
    let paragraphs: String =
        text.split("\n\n").map(|p| format!("<p style=\"white-space:pre-wrap\">{}</p>", escape(p))).collect();
    format!("<!doctype html><html lang=\"{lang}\"><body>{paragraphs}</body></html>")
}

fn compose(
    mail: &Mail,
    id: String,
    to: &str,
    subject: &str,
    content_language: &str,
    body: MultiPart,
    headers: &[(&'static str, String)],
) -> anyhow::Result<Composed> {
    let recipient: Mailbox = to.parse()?;
    let domain = mail.from.email.domain().to_owned();
    let mut builder = Message::builder()
        .message_id(Some(format!("<{id}@{domain}>")))
        .from(mail.from.clone())
        .to(recipient)
        .subject(subject)
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), content_language.to_owned()));
    for (name, value) in headers {
        builder = builder.raw_header(HeaderValue::new(HeaderName::new_from_ascii_str(name), value.clone()));
    }
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(reply_to.clone());
    }
    let message = builder.multipart(body)?;
    Ok(Composed {
        id,
        sender: mail.from.email.to_string(),
        recipient: to.to_owned(),
        body: String::from_utf8(message.formatted())?,
    })
}

/// A UK date, `4/12/2026`, the same in both languages.
fn uk_date(rfc3339: &str) -> String {
    let t = uk_time(parse_millis(rfc3339).unwrap_or_default());
    format!("{}/{}/{}", t.day, t.month, t.year)
}

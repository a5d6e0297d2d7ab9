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
pub fn reply(mail: &Mail, force: &str, to: &str, written: &Written, reply: &str) -> anyhow::Result<Composed> {
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
    compose(mail, to, &fill(words.subject), written.lang, MultiPart::alternative_plain_html(text, html))
}

fn compose(mail: &Mail, to: &str, subject: &str, lang: Lang, body: MultiPart) -> anyhow::Result<Composed> {
    let id = random::id("m");
    let recipient: Mailbox = to.parse()?;
    let domain = mail.from.email.domain().to_owned();
    let mut builder = Message::builder()
        .message_id(Some(format!("<{id}@{domain}>")))
        .from(mail.from.clone())
        .to(recipient)
        .subject(subject)
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), lang.tag().to_owned()));
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

/// What a person wrote, as HTML text: never as markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

//! The alerts pages residents open from a widget's link or from a mail:
//! plain HTML forms that work without script, in English or Welsh, styled
//! by the console's sheet, everything a person typed escaped.

use police_engage_contract::Lang;

use super::Choices;
use crate::mail::compose::Reading;
use crate::text::escape_html as escape;

/// Every word of the pages, in one language.
pub struct Words {
    pub lang: Lang,
    pub other_language: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub email: &'static str,
    pub email_hint: &'static str,
    pub email_wrong: &'static str,
    pub problem: &'static str,
    pub area: &'static str,
    pub every_area: &'static str,
    pub what: &'static str,
    pub urgent: &'static str,
    pub urgent_hint: &'static str,
    pub everything: &'static str,
    pub language: &'static str,
    pub both: &'static str,
    pub kept: &'static str,
    pub privacy: &'static str,
    pub send: &'static str,
    pub check_title: &'static str,
    pub check_body: &'static str,
    pub confirm_title: &'static str,
    pub confirm_body: &'static str,
    pub confirm_button: &'static str,
    pub started_title: &'static str,
    pub started_body: &'static str,
    pub manage_title: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub stop_title: &'static str,
    pub stop_hint: &'static str,
    pub stop_button: &'static str,
    pub stopped_title: &'static str,
    pub stopped_body: &'static str,
    pub expired_title: &'static str,
    pub expired_body: &'static str,
    pub again: &'static str,
    pub busy_title: &'static str,
    pub busy_body: &'static str,
}

pub const EN: Words = Words {
    lang: Lang::En,
    other_language: "Cymraeg",
    title: "Get alerts by email",
    intro: "We will email you when we publish an update for your area: as soon as it goes live.",
    email: "Email address",
    email_hint: "We send a link to this address first, to check it is yours.",
    email_wrong: "Enter an email address in the correct format, like name@example.com",
    problem: "There is a problem",
    area: "Area",
    every_area: "Every area",
    what: "What to send",
    urgent: "Urgent appeals and warnings",
    urgent_hint: "Urgent updates, and every appeal for information and warning.",
    everything: "Every update",
    language: "Language",
    both: "Both, Welsh first",
    kept: "What we keep: this email address and these choices, only to send you these alerts. We keep them until you stop the alerts (every alert has a link to stop them), or for 7 days if you do not confirm.",
    privacy: "Privacy notice",
    send: "Send me a confirmation link",
    check_title: "Check your email",
    check_body: "If that address can receive our alerts, we have sent it a link. Follow it within 7 days to start them. Nothing else will be sent until you do.",
    confirm_title: "Start your alerts",
    confirm_body: "Press the button to confirm that you want alerts at this address.",
    confirm_button: "Start my alerts",
    started_title: "Your alerts have started",
    started_body: "We will email you when we publish an update that matches your choices. Every alert has a link to change them or stop them.",
    manage_title: "Change your alerts",
    save: "Save changes",
    saved: "Your choices are saved.",
    stop_title: "Stop your alerts",
    stop_hint: "We stop sending alerts and forget your address.",
    stop_button: "Stop all alerts",
    stopped_title: "Your alerts have stopped",
    stopped_body: "We will send no more alerts to this address, and we have forgotten it.",
    expired_title: "This link has expired",
    expired_body: "It may be more than 7 days old, or the alerts may have been stopped.",
    again: "Sign up again",
    busy_title: "Too many sign-ups from here",
    busy_body: "Please wait a minute, then try again.",
};

pub const CY: Words = Words {
    lang: Lang::Cy,
    other_language: "English",
    title: "Cael rhybuddion drwy e-bost",
    intro: "Byddwn yn anfon e-bost atoch pan fyddwn yn cyhoeddi diweddariad ar gyfer eich ardal: cyn gynted ag y bydd yn fyw.",
    email: "Cyfeiriad e-bost",
    email_hint: "Rydym yn anfon dolen i'r cyfeiriad hwn yn gyntaf, i wirio mai chi biau hi.",
    email_wrong: "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com",
    problem: "Mae problem wedi codi",
    area: "Ardal",
    every_area: "Pob ardal",
    what: "Beth i'w anfon",
    urgent: "Apeliadau a rhybuddion brys",
    urgent_hint: "Diweddariadau brys, a phob apêl am wybodaeth a phob rhybudd.",
    everything: "Pob diweddariad",
    language: "Iaith",
    both: "Y ddwy, Cymraeg yn gyntaf",
    kept: "Beth rydym yn ei gadw: y cyfeiriad e-bost hwn a'r dewisiadau hyn, dim ond i anfon y rhybuddion hyn atoch. Rydym yn eu cadw nes i chi atal y rhybuddion (mae dolen i'w hatal ym mhob rhybudd), neu am 7 diwrnod os na fyddwch yn cadarnhau.",
    privacy: "Hysbysiad preifatrwydd",
    send: "Anfon dolen gadarnhau ataf",
    check_title: "Gwiriwch eich e-bost",
    check_body: "Os gall y cyfeiriad hwnnw dderbyn ein rhybuddion, rydym wedi anfon dolen ato. Dilynwch hi o fewn 7 diwrnod i'w dechrau. Ni fydd dim arall yn cael ei anfon nes i chi wneud hynny.",
    confirm_title: "Dechrau eich rhybuddion",
    confirm_body: "Pwyswch y botwm i gadarnhau eich bod eisiau rhybuddion yn y cyfeiriad hwn.",
    confirm_button: "Dechrau fy rhybuddion",
    started_title: "Mae eich rhybuddion wedi dechrau",
    started_body: "Byddwn yn anfon e-bost atoch pan fyddwn yn cyhoeddi diweddariad sy'n cyfateb i'ch dewisiadau. Mae dolen ym mhob rhybudd i'w newid neu eu hatal.",
    manage_title: "Newid eich rhybuddion",
    save: "Cadw newidiadau",
    saved: "Mae eich dewisiadau wedi'u cadw.",
    stop_title: "Atal eich rhybuddion",
    stop_hint: "Rydym yn peidio ag anfon rhybuddion ac yn anghofio eich cyfeiriad.",
    stop_button: "Atal pob rhybudd",
    stopped_title: "Mae eich rhybuddion wedi dod i ben",
    stopped_body: "Ni fyddwn yn anfon rhagor o rybuddion i'r cyfeiriad hwn, ac rydym wedi ei anghofio.",
    expired_title: "Mae'r ddolen hon wedi dod i ben",
    expired_body: "Efallai ei bod yn fwy na 7 diwrnod oed, neu fod y rhybuddion wedi'u hatal.",
    again: "Cofrestru eto",
    busy_title: "Gormod o gofrestriadau o'r fan hon",
    busy_body: "Arhoswch funud, yna rhowch gynnig arall arni.",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Cy => &CY,
        Lang::En => &EN,
    }
}

/// A whole page: `switch` is this page's address in the other language.
pub fn page(words: &Words, force: &str, title: &str, switch: &str, body: &str) -> String {
    let other = words.lang.other();
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – {force}</title><link rel=\"stylesheet\" href=\"/console/console.css\"></head><body>\
         <a class=\"pe-skip\" href=\"#main\">{skip}</a>\
         <header class=\"pe-header\"><div class=\"pe-wrap pe-header-row\"><span class=\"pe-service\">{force}</span>\
         <a class=\"pe-header-button\" href=\"{switch}\" lang=\"{other}\" hreflang=\"{other}\">{other_name}</a></div></header>\
         <main class=\"pe-wrap pe-main\" id=\"main\"><div class=\"pe-narrow\">{body}</div></main></body></html>",
        lang = words.lang.tag(),
        title = escape(title),
        force = escape(force),
        skip = if words.lang == Lang::Cy { "Neidio i'r prif gynnwys" } else { "Skip to main content" },
        switch = escape(switch),
        other = other.tag(),
        other_name = words.other_language,
    )
}

/// A heading and a paragraph, and a link or a form below.
pub fn message(title: &str, body: &str, after: &str) -> String {
    format!("<h1 class=\"pe-h1\">{}</h1><p>{}</p>{after}", escape(title), escape(body))
}

/// What a choices form is for.
pub enum Purpose<'a> {
    /// Signing up: the address as typed, and what is wrong with it.
    SignUp { email: &'a str, error: Option<&'a str> },
    /// A subscriber changing their own choices.
    Change { token: &'a str },
}

/// The sign-up form, or the change form, with the areas the feed carries.
pub fn form(words: &Words, areas: &[String], choices: &Choices, purpose: Purpose) -> String {
    let radio = |name: &str, value: &str, label: &str, hint: Option<&str>, checked: bool| {
        let id = format!(
            "{name}-{}",
            value.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect::<String>()
        );
        let hint =
            hint.map_or(String::new(), |h| format!("<div class=\"pe-hint\" id=\"{id}-hint\">{}</div>", escape(h)));
        let described = if hint.is_empty() { String::new() } else { format!(" aria-describedby=\"{id}-hint\"") };
        format!(
            "<div class=\"pe-choice\"><input class=\"pe-radio\" type=\"radio\" id=\"{id}\" name=\"{name}\" value=\"{}\"{}{described}>\
             <label for=\"{id}\">{}</label></div>{hint}",
            escape(value),
            if checked { " checked" } else { "" },
            escape(label),
        )
    };
    let fieldset = |legend: &str, choices: String| {
        format!("<div class=\"pe-field\"><fieldset class=\"pe-fieldset\"><legend class=\"pe-label\">{}</legend><div class=\"pe-radios\">{choices}</div></fieldset></div>", escape(legend))
    };
    let mut area_choices = radio("area", "", words.every_area, None, choices.area.is_none());
    for area in areas {
        let checked = choices.area.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(area));
        area_choices.push_str(&radio("area", area, area, None, checked));
    }
    let what = radio("what", "urgent", words.urgent, Some(words.urgent_hint), choices.urgent_only)
        + &radio("what", "all", words.everything, None, !choices.urgent_only);
    let reading = choices.reading;
    let language = radio("language", "en", "English", None, reading == Reading::One(Lang::En))
        + &radio("language", "cy", "Cymraeg", None, reading == Reading::One(Lang::Cy))
        + &radio("language", "both", words.both, None, reading == Reading::Both);
    let (action, button, identity) = match purpose {
        Purpose::SignUp { email, error } => ("/alerts", words.send, email_field(words, email, error)),
        Purpose::Change { token } => (
            "/alerts/manage",
            words.save,
            format!("<input type=\"hidden\" name=\"token\" value=\"{}\">", escape(token)),
        ),
    };
    format!(
        "<form method=\"post\" action=\"{action}\" novalidate>{identity}{}{}{}\
         <input type=\"hidden\" name=\"lang\" value=\"{}\"><button type=\"submit\" class=\"pe-button\">{}</button></form>",
        fieldset(words.area, area_choices),
        fieldset(words.what, what),
        fieldset(words.language, language),
        words.lang.tag(),
        escape(button),
    )
}

/// The address field, with what is wrong with it.
fn email_field(words: &Words, value: &str, error: Option<&str>) -> String {
    let error_html = error.map_or(String::new(), |e| {
        format!(
            "<p class=\"pe-error-message\" id=\"email-error\"><span class=\"pe-visually-hidden\">Error: </span>{}</p>",
            escape(e)
        )
    });
    let described = if error.is_some() { "email-hint email-error" } else { "email-hint" };
    format!(
                "<div class=\"pe-field{}\"><label class=\"pe-label\" for=\"email\">{}</label><div class=\"pe-hint\" id=\"email-hint\">{}</div>{error_html}\
                 <input class=\"pe-input{}\" id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" spellcheck=\"false\" value=\"{}\" aria-describedby=\"{described}\"{}></div>",
                if error.is_some() { " pe-field-invalid" } else { "" },
                escape(words.email),
                escape(words.email_hint),
                if error.is_some() { " pe-input-error" } else { "" },
                escape(value),
                if error.is_some() { " aria-invalid=\"true\"" } else { "" },
            )
}

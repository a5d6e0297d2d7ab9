//! Every string a resident sees, in English and Welsh, from one catalogue.
//!
//! The catalogue is a struct, so a string missing in either language is a
//! compile error; a test checks the Welsh is not English left untranslated,
//! and cannot skip a string (see `Text::all`).

mod form;

pub use form::FormText;

use crate::feed::FeedError;
use crate::updates::Category;

pub use police_engage_contract::Lang;

/// A language's catalogues.
pub trait Words {
    fn text(self) -> &'static Text;
    fn form(self) -> &'static FormText;
}

impl Words for Lang {
    fn text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Cy => &CY,
        }
    }

    fn form(self) -> &'static FormText {
        match self {
            Lang::En => &form::EN,
            Lang::Cy => &form::CY,
        }
    }
}

/// One language's strings. `{}` marks where a value goes (see [`fill`]).
pub struct Text {
    pub heading: &'static str,
    pub loading: &'static str,
    pub empty: &'static str,
    pub error_title: &'static str,
    pub retry: &'static str,
    pub stale: &'static str,
    pub no_source: &'static str,
    pub network: &'static str,
    pub timeout: &'static str,
    pub http: &'static str,
    pub too_large: &'static str,
    pub not_json: &'static str,
    pub not_json_feed: &'static str,
    pub wrong_types: &'static str,
    pub crashed: &'static str,
    pub news: &'static str,
    pub appeal: &'static str,
    pub warning: &'static str,
    pub success: &'static str,
    pub event: &'static str,
    pub urgent: &'static str,
    pub area: &'static str,
    pub reference: &'static str,
    pub reference_hint: &'static str,
    pub when: &'static str,
    pub place: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub copy_link: &'static str,
    pub new_one: &'static str,
    pub new_many: &'static str,
    pub your_area: &'static str,
    pub all_areas: &'static str,
    pub reset_area: &'static str,
    pub area_shown: &'static str,
    pub all_areas_shown: &'static str,
    pub get_alerts: &'static str,
    // Dates: Welsh everywhere, English on the server and where a browser's `Intl` has none.
    pub just_now: &'static str,
    pub yesterday: &'static str,
    pub tomorrow: &'static str,
    pub ago: &'static str,
    pub from_now: &'static str,
    /// Second … year, as `(one, many)`.
    pub units: [(&'static str, &'static str); 7],
    pub months: [&'static str; 12],
}

pub static EN: Text = Text {
    heading: "Latest updates from the police",
    loading: "Loading the latest updates…",
    empty: "There are no updates to show right now.",
    error_title: "We could not load the latest updates.",
    retry: "Try again",
    stale: "Showing updates saved {}. We could not get newer ones.",
    no_source: "No updates feed address has been set for this page.",
    network: "The updates service could not be reached. Check your connection and try again.",
    timeout: "The updates service took too long to answer.",
    http: "The updates service answered with an error (status {}).",
    too_large: "The updates feed is too large to show.",
    not_json: "The updates feed is not in a format that can be read.",
    not_json_feed: "The address given is not an updates feed.",
    wrong_types: "The updates feed contains information that cannot be read.",
    crashed: "Something went wrong while showing the updates.",
    news: "News",
    appeal: "Appeal",
    warning: "Warning",
    success: "Success",
    event: "Event",
    urgent: "Urgent",
    area: "Area",
    reference: "Reference",
    reference_hint: "Quote this reference if you call 101.",
    when: "When",
    place: "Where",
    share: "Share",
    link_copied: "Link copied",
    copy_link: "Copy this link to share it: {}",
    new_one: "New update: {}",
    new_many: "{} new updates",
    your_area: "Your area",
    all_areas: "All areas",
    reset_area: "Reset area",
    area_shown: "Showing updates for {}",
    all_areas_shown: "Showing updates for all areas",
    get_alerts: "Get alerts by email",
    just_now: "just now",
    yesterday: "yesterday",
    tomorrow: "tomorrow",
    ago: "{} ago",
    from_now: "in {}",
    units: [
        ("second", "seconds"),
        ("minute", "minutes"),
        ("hour", "hours"),
        ("day", "days"),
        ("week", "weeks"),
        ("month", "months"),
        ("year", "years"),
    ],
    // As `Intl.DateTimeFormat` writes them in en-GB's medium style, so a
    // first view painted in these words needs no change in a British browser.
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
};

pub static CY: Text = Text {
    heading: "Y diweddariadau diweddaraf gan yr heddlu",
    loading: "Yn llwytho'r diweddariadau diweddaraf…",
    empty: "Does dim diweddariadau i'w dangos ar hyn o bryd.",
    error_title: "Doedd dim modd llwytho'r diweddariadau diweddaraf.",
    retry: "Rhowch gynnig arall arni",
    stale: "Yn dangos diweddariadau a gadwyd {}. Doedd dim modd cael rhai mwy diweddar.",
    no_source: "Does dim cyfeiriad ffrwd diweddariadau wedi'i osod ar gyfer y dudalen hon.",
    network:
        "Doedd dim modd cysylltu â'r gwasanaeth diweddariadau. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.",
    timeout: "Cymerodd y gwasanaeth diweddariadau ormod o amser i ateb.",
    http: "Atebodd y gwasanaeth diweddariadau gyda gwall (statws {}).",
    too_large: "Mae'r ffrwd diweddariadau yn rhy fawr i'w dangos.",
    not_json: "Dydy'r ffrwd diweddariadau ddim mewn fformat y gellir ei ddarllen.",
    not_json_feed: "Nid ffrwd diweddariadau yw'r cyfeiriad a roddwyd.",
    wrong_types: "Mae'r ffrwd diweddariadau yn cynnwys gwybodaeth na ellir ei darllen.",
    crashed: "Aeth rhywbeth o'i le wrth ddangos y diweddariadau.",
    news: "Newyddion",
    appeal: "Apêl",
    warning: "Rhybudd",
    success: "Llwyddiant",
    event: "Digwyddiad",
    urgent: "Brys",
    area: "Ardal",
    reference: "Cyfeirnod",
    reference_hint: "Dyfynnwch y cyfeirnod hwn os byddwch yn ffonio 101.",
    when: "Pryd",
    place: "Ble",
    share: "Rhannu",
    link_copied: "Dolen wedi'i chopïo",
    copy_link: "Copïwch y ddolen hon i'w rhannu: {}",
    new_one: "Diweddariad newydd: {}",
    new_many: "Diweddariadau newydd: {}",
    your_area: "Eich ardal",
    all_areas: "Pob ardal",
    reset_area: "Ailosod yr ardal",
    area_shown: "Yn dangos diweddariadau ar gyfer {}",
    all_areas_shown: "Yn dangos diweddariadau ar gyfer pob ardal",
    get_alerts: "Cael rhybuddion drwy e-bost",
    just_now: "gynnau",
    yesterday: "ddoe",
    tomorrow: "yfory",
    ago: "{} yn ôl",
    from_now: "ymhen {}",
    // After a numeral written in digits Welsh keeps the singular noun.
    units: [
        ("eiliad", "eiliad"),
        ("munud", "munud"),
        ("awr", "awr"),
        ("diwrnod", "diwrnod"),
        ("wythnos", "wythnos"),
        ("mis", "mis"),
        ("flwyddyn", "blynedd"),
    ],
    months: ["Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"],
};

/// Puts `value` where the template has `{}`.
pub fn fill(template: &str, value: &str) -> String {
    match slot(template) {
        Some((before, after)) => [before, value, after].iter().copied().collect(),
        None => template.to_owned(),
    }
}

/// The template's words before and after its `{}`. Found by a `char`
/// search: a `&str` search would bring a substring searcher into the wasm.
pub fn slot(template: &str) -> Option<(&str, &str)> {
    let (before, after) = template.split_once('{')?;
    Some((before, after.strip_prefix('}')?))
}

impl Text {
    pub fn category(&self, category: Category) -> &'static str {
        match category {
            Category::News => self.news,
            Category::Appeal => self.appeal,
            Category::Warning => self.warning,
            Category::Success => self.success,
            Category::Event => self.event,
        }
    }

    /// A plain sentence saying what went wrong.
    pub fn error(&self, error: FeedError) -> String {
        match error {
            FeedError::Network => self.network.into(),
            FeedError::Timeout => self.timeout.into(),
            FeedError::Http(status) => fill(self.http, &status.to_string()),
            FeedError::TooLarge => self.too_large.into(),
            FeedError::NotJson => self.not_json.into(),
            FeedError::NotJsonFeed => self.not_json_feed.into(),
            FeedError::WrongTypes => self.wrong_types.into(),
        }
    }

    /// "3 hours ago" from a rounded `value` of `units[unit]` (negative: past).
    pub fn relative(&self, value: f64, unit: usize) -> String {
        // Whole numbers only: formatting floats would cost kilobytes of wasm.
        let count = value.abs() as u64;
        match (value, unit) {
            (_, 0) => self.just_now.into(),
            (-1.0, 3) => self.yesterday.into(),
            (1.0, 3) => self.tomorrow.into(),
            _ => {
                let (one, many) = self.units[unit.min(6)];
                let amount = format!("{count} {}", if count == 1 { one } else { many });
                fill(if value < 0.0 { self.ago } else { self.from_now }, &amount)
            }
        }
    }

    /// "24 Nov 2026, 18:00".
    pub fn date_time(&self, year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
        let month = self.months[(month as usize).min(11)];
        format!("{day} {month} {year}, {hour:02}:{minute:02}")
    }

    /// Every string, for the translation check. Destructured without `..`,
    /// so a new string is a compile error here until the check covers it.
    #[cfg(test)]
    fn all(&self) -> Vec<&'static str> {
        let Text {
            heading,
            loading,
            empty,
            error_title,
            retry,
            stale,
            no_source,
            network,
            timeout,
            http,
            too_large,
            not_json,
            not_json_feed,
            wrong_types,
            crashed,
            news,
            appeal,
            warning,
            success,
            event,
            urgent,
            area,
            reference,
            reference_hint,
            when,
            place,
            share,
            link_copied,
            copy_link,
            new_one,
            new_many,
            your_area,
            all_areas,
            reset_area,
            area_shown,
            all_areas_shown,
            get_alerts,
            just_now,
            yesterday,
            tomorrow,
            ago,
            from_now,
            units,
            months,
        } = self;
        let mut all = vec![
            *heading,
            *loading,
            *empty,
            *error_title,
            *retry,
            *stale,
            *no_source,
            *network,
            *timeout,
            *http,
            *too_large,
            *not_json,
            *not_json_feed,
            *wrong_types,
            *crashed,
            *news,
            *appeal,
            *warning,
            *success,
            *event,
            *urgent,
            *area,
            *reference,
            *reference_hint,
            *when,
            *place,
            *share,
            *link_copied,
            *copy_link,
            *new_one,
            *new_many,
            *your_area,
            *all_areas,
            *reset_area,
            *area_shown,
            *all_areas_shown,
            *get_alerts,
            *just_now,
            *yesterday,
            *tomorrow,
            *ago,
            *from_now,
        ];
        all.extend(units.iter().flat_map(|(one, many)| [*one, *many]));
        all.extend(months);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The limits the catalogue writes in prose are the contract's.
    #[test]
    fn limits_in_words_are_the_contracts() {
        use police_engage_contract::{in_words, AREA_MAX, MESSAGE_MAX, NAME_MAX};
        for text in [&form::EN, &form::CY] {
            assert!(text.chars_limit.contains(&in_words(MESSAGE_MAX)), "{}", text.chars_limit);
            assert!(text.message_too_long.contains(&in_words(MESSAGE_MAX)), "{}", text.message_too_long);
            assert!(text.name_too_long.contains(&in_words(NAME_MAX)), "{}", text.name_too_long);
            assert!(text.area_too_long.contains(&in_words(AREA_MAX)), "{}", text.area_too_long);
        }
    }

    #[test]
    fn every_string_has_a_welsh_translation() {
        // Words that are the same in both languages.
        const SHARED: [&str; 1] = ["Mai"];
        let (en_all, cy_all) = ([EN.all(), form::EN.all()].concat(), [CY.all(), form::CY.all()].concat());
        assert_eq!(en_all.len(), cy_all.len());
        for (en, cy) in en_all.iter().zip(cy_all) {
            assert!(!en.trim().is_empty() && !cy.trim().is_empty());
            assert!(*en != cy || SHARED.contains(&cy), "untranslated: {en}");
            assert_eq!(en.matches("{}").count(), cy.matches("{}").count(), "placeholders: {en}");
        }
    }

    #[test]
    fn relative_times_without_intl() {
        assert_eq!(EN.relative(-3.0, 2), "3 hours ago");
        assert_eq!(EN.relative(-1.0, 1), "1 minute ago");
        assert_eq!(EN.relative(2.0, 3), "in 2 days");
        assert_eq!(EN.relative(-1.0, 3), "yesterday");
        assert_eq!(CY.relative(-3.0, 2), "3 awr yn ôl");
        assert_eq!(CY.relative(-1.0, 3), "ddoe");
        assert_eq!(CY.relative(0.0, 0), "gynnau");
        assert_eq!(EN.relative(-30.0, 0), "just now");
        assert_eq!(CY.relative(-2.0, 6), "2 blynedd yn ôl");
        assert_eq!(CY.relative(4.0, 4), "ymhen 4 wythnos");
    }

    #[test]
    fn dates_without_intl() {
        assert_eq!(EN.date_time(2026, 10, 24, 9, 5), "24 Nov 2026, 09:05");
        assert_eq!(EN.date_time(2026, 8, 1, 9, 5), "1 Sept 2026, 09:05");
        assert_eq!(CY.date_time(2026, 10, 24, 18, 0), "24 Tach 2026, 18:00");
    }

    #[test]
    fn error_messages_are_plain_sentences() {
        assert_eq!(EN.error(FeedError::Http(503)), "The updates service answered with an error (status 503).");
        assert_eq!(CY.error(FeedError::Http(503)), "Atebodd y gwasanaeth diweddariadau gyda gwall (statws 503).");
    }
}

//! What the console and the server say to each other: who is signed in, the
//! feedback inbox, insight and the audit log. The console is a Yew app of
//! its own; these types are its half of the wire, the server's the other.

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;
use crate::{Lang, SignInMethod};

wire_enum! {
    /// What a person may do. The server enforces it on every request; the
    /// console only hides what a role cannot use.
    pub enum Role {
        /// Publishes updates; reads feedback without contact details.
        Editor => "editor",
        /// Reads and handles feedback.
        Responder => "responder",
        /// Both, and manages people and partners.
        Admin => "admin",
    }
}

impl Role {
    pub fn can_publish(self) -> bool {
        matches!(self, Role::Editor | Role::Admin)
    }

    /// Change a submission's status, assign it, write notes, export.
    pub fn can_handle_feedback(self) -> bool {
        matches!(self, Role::Responder | Role::Admin)
    }

    /// See a resident's name and email (where they consented).
    pub fn sees_contact_details(self) -> bool {
        self.can_handle_feedback()
    }

    /// Manage people and partners, read the audit log, erase feedback.
    pub fn can_administer(self) -> bool {
        self == Role::Admin
    }
}

wire_enum! {
    /// Where a submission is in the force's hands.
    pub enum Status {
        New => "new",
        InProgress => "in_progress",
        Closed => "closed",
    }
}

/// Shortest password a person may choose.
pub const PASSWORD_MIN: usize = 12;
/// Longest password hashed (a longer one is refused, not cut).
pub const PASSWORD_MAX: usize = 256;
/// Longest internal note.
pub const NOTE_MAX: usize = 5000;
/// Submissions on one page of the inbox.
pub const INBOX_PAGE: u32 = 25;
/// Entries on one page of the audit log.
pub const AUDIT_PAGE: u32 = 50;

/// `POST /v1/me/password`: the current password, asked again, and the new one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

/// `POST /v1/session`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

/// Who is signed in (`GET /v1/me`, and the answer to a sign-in).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub role: Role,
    /// How this session was started.
    pub method: SignInMethod,
    /// Signed in with a password, covered by `--require-second-factor`, and
    /// no factor yet: nothing but setting one up is allowed.
    #[serde(default)]
    pub needs_second_factor: bool,
    /// People the force's identity provider added have none here.
    #[serde(default)]
    pub has_password: bool,
}

/// A person who uses the console, as admins see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
    /// Refused sign-ins from new clients after too many failures, until the
    /// window ends or an admin unlocks.
    #[serde(default)]
    pub locked: bool,
    /// Second factors set up (an authenticator app, passkeys).
    #[serde(default)]
    pub second_factors: u32,
}

/// The inbox's filters, as query parameters of `GET /v1/inbox`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InboxQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The update the feedback is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// Received on or after this day (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Received on or before this day (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The partner site it was sent from (an origin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Sent from any of this partner's origins (the partner's id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
    /// Assigned to this person (`me` for whoever asks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Words in the message, or a reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Only those past the time an answer was due, not yet answered or closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    /// The cursor from the page before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

/// How many submissions match the filters, by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub new: u64,
    pub in_progress: u64,
    pub closed: u64,
    /// Of those, past the time an answer was due and not yet answered or closed.
    #[serde(default)]
    pub overdue: u64,
}

/// One row of the inbox.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: String,
    pub received_at: String,
    pub status: Status,
    pub message: String,
    pub rating: Option<u8>,
    pub area: Option<String>,
    pub about: Option<String>,
    pub about_title: Option<String>,
    pub site: Option<String>,
    pub assignee: Option<String>,
    /// When an answer is due, while one is (asked for, not answered, not closed).
    #[serde(default)]
    pub due_at: Option<String>,
    /// That time has passed (by the server's clock).
    #[serde(default)]
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    pub items: Vec<InboxItem>,
    pub counts: Counts,
    /// Where the next page starts, if there is one.
    pub next: Option<String>,
    /// The people a submission can be assigned to.
    pub people: Vec<Person>,
    /// The partner sites feedback has come from, for the filter.
    pub sites: Vec<String>,
    /// The partners, for the filter.
    pub partners: Vec<crate::PartnerRef>,
    /// The updates feedback is about, for the filter.
    pub updates: Vec<UpdateRef>,
}

/// An update, named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateRef {
    pub id: String,
    pub title: String,
}

/// A resident's contact details, present only where they consented and the
/// reader's role may see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub author: String,
    pub body: String,
    pub created_at: String,
}

/// Longest reply to a resident, or note of an answer given another way.
pub const REPLY_MAX: usize = 5000;

wire_enum! {
    /// How a resident was answered.
    pub enum AnswerChannel {
        /// A reply sent from the console by email.
        Email => "email",
        /// Given another way (phone, in person), and noted.
        Other => "other",
    }
}

wire_enum! {
    /// Where a reply by email stands.
    pub enum Delivery {
        Queued => "queued",
        Sent => "sent",
        Failed => "failed",
    }
}

/// An answer given to a resident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub author: String,
    pub body: String,
    pub channel: AnswerChannel,
    pub created_at: String,
    /// For a reply by email.
    pub delivery: Option<Delivery>,
}

/// `POST /v1/inbox/{id}/reply` (the reply to send) and
/// `POST /v1/inbox/{id}/answered` (what was said another way).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewAnswer {
    pub body: String,
}

/// A message the mail server refused for good, or that could not be
/// delivered after every retry (`GET /v1/mail/failed`, admins).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailedMail {
    pub id: String,
    /// `reply`, and later `confirmation` or `alert`.
    pub kind: String,
    pub recipient: String,
    /// The mail server's last answer.
    pub error: String,
    pub created_at: String,
}

/// `GET /v1/alerts`: who receives alerts and what was sent (editors and
/// admins). Addresses are not listed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertsSummary {
    /// Whether this server sends alerts (it sends mail).
    pub enabled: bool,
    /// Confirmed subscribers by area (`None`: every area), most first.
    pub areas: Vec<(Option<String>, u64)>,
    /// The latest updates alerted, newest first.
    pub runs: Vec<AlertRun>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertRun {
    pub update_id: String,
    pub title: String,
    pub sent: u64,
    pub at: String,
}

/// `POST /v1/alerts/erase` (admins): an address to forget, on request.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EraseSubscriber {
    pub email: String,
}

/// One submission, opened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    #[serde(flatten)]
    pub item: InboxItem,
    /// The widget's language when the resident wrote.
    pub lang: Lang,
    pub page: String,
    pub about_url: Option<String>,
    pub contact: Option<Contact>,
    /// The resident gave contact details that this reader may not see.
    pub contact_withheld: bool,
    pub notes: Vec<Note>,
    /// Answers given to the resident, oldest first.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// When it was first answered.
    #[serde(default)]
    pub answered_at: Option<String>,
    /// Whether the server can send a reply by email (else `mailto:`).
    #[serde(default)]
    pub can_email: bool,
    /// The resident gave an email and agreed to be contacted.
    #[serde(default)]
    pub asked_for_contact: bool,
    /// What was done to it, oldest first.
    pub history: Vec<AuditEntry>,
    /// Who it can be assigned to (for those who handle feedback).
    pub assignable: Vec<Person>,
}

/// `PATCH /v1/inbox/{id}`: what to change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Triage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// A person's id, or `""` for nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

/// `POST /v1/inbox/bulk`: set the status of several at once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bulk {
    pub ids: Vec<String>,
    pub status: Status,
}

/// The answer to [`Bulk`]: how many changed (a reference that names
/// nothing is passed over).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Changed {
    pub changed: u32,
}

/// The answer to `DELETE /v1/inbox/{id}`: the reference erased.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Erased {
    pub erased: String,
}

/// The answer to `DELETE /v1/session`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignedOut {
    pub signed_out: bool,
}

/// `POST /v1/inbox/{id}/notes`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewNote {
    pub body: String,
}

/// A week of feedback (weeks start on Monday, UTC).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Week {
    /// The Monday, `YYYY-MM-DD`.
    pub start: String,
    pub counts: Counts,
    pub average_rating: Option<f64>,
    pub ratings: u64,
    /// Residents that week who asked to be contacted and are due an answer by now.
    #[serde(default)]
    pub due: u64,
    /// Of those, answered within the promise.
    #[serde(default)]
    pub answered_in_time: u64,
    /// The median hours from writing to a first answer, among those answered.
    #[serde(default)]
    pub median_hours_to_answer: Option<f64>,
}

/// A label (an area or an update) with how much feedback it had.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub label: String,
    /// The update's id, for rows about an update.
    pub id: Option<String>,
    pub count: u64,
    pub average_rating: Option<f64>,
}

/// Weeks insight covers, this one included.
pub const INSIGHT_WEEKS: u32 = 12;
/// Rows in insight's by-area and by-update tables.
pub const INSIGHT_TOP: u32 = 10;

/// `GET /v1/insight`: the last twelve weeks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    pub weeks: Vec<Week>,
    /// How many gave each rating, 1 to 5.
    pub ratings: [u64; 5],
    pub areas: Vec<Tally>,
    pub updates: Vec<Tally>,
}

wire_enum! {
    /// What the audit log records.
    pub enum Action {
        SignIn => "sign_in",
        SignInFailed => "sign_in_failed",
        SignOut => "sign_out",
        Status => "status",
        Assign => "assign",
        Note => "note",
        Export => "export",
        Erase => "erase",
        Retention => "retention",
        PersonAdded => "person_added",
        PersonDisabled => "person_disabled",
        PersonEnabled => "person_enabled",
        PersonRole => "person_role",
        PersonUnlocked => "person_unlocked",
        Publish => "publish",
        Edit => "edit",
        Withdraw => "withdraw",
        PartnerAdded => "partner_added",
        PartnerRemoved => "partner_removed",
        PasswordChanged => "password_changed",
        SignedOutEverywhere => "signed_out_everywhere",
        SignInRefused => "sign_in_refused",
        SecondFactorAdded => "second_factor_added",
        SecondFactorRenamed => "second_factor_renamed",
        SecondFactorRemoved => "second_factor_removed",
        RecoveryCodesMade => "recovery_codes_made",
        RecoveryCodeUsed => "recovery_code_used",
        SecondFactorsReset => "second_factors_reset",
        ReplySent => "reply_sent",
        AnsweredOtherwise => "answered_otherwise",
        SubscriberErased => "subscriber_erased",
    }
}

/// One line of the audit log: who did what, to what, when, from where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    /// An email, `admin token` or `system`.
    pub actor: String,
    pub action: Action,
    pub target: Option<String>,
    pub detail: Option<String>,
    pub address: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub next: Option<String>,
}

/// `POST /v1/people`: a new person, with a first password they should change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPerson {
    pub email: String,
    pub role: Option<Role>,
    pub password: String,
}

/// `PATCH /v1/people/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// `false` unlocks sign-in after too many failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
    /// `0` removes every second factor (after a lost phone): the person
    /// sets one up again at their next sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_factors: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_they_say() {
        assert!(Role::Editor.can_publish() && !Role::Editor.can_handle_feedback());
        assert!(!Role::Editor.sees_contact_details() && !Role::Editor.can_administer());
        assert!(!Role::Responder.can_publish() && Role::Responder.can_handle_feedback());
        assert!(Role::Admin.can_publish() && Role::Admin.can_handle_feedback() && Role::Admin.can_administer());
    }
}

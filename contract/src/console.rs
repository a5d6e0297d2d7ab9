//! What the console and the server say to each other: who is signed in, the
//! feedback inbox, insight and the audit log. The console is a Yew app of
//! its own; these types are its half of the wire, the server's the other.

use serde::{Deserialize, Serialize};

/// What a person may do. The server enforces it on every request; the
/// console only hides what a role cannot use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Publishes updates; reads feedback without contact details.
    Editor,
    /// Reads and handles feedback.
    Responder,
    /// Both, and manages people and partners.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Editor, Role::Responder, Role::Admin];

    pub fn name(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Responder => "responder",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        let s = s.trim();
        Role::ALL.into_iter().find(|r| r.name().eq_ignore_ascii_case(s))
    }

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

impl TryFrom<String> for Role {
    type Error = String;

    fn try_from(s: String) -> Result<Role, String> {
        Role::parse(&s).ok_or_else(|| format!("unknown role {s:?}"))
    }
}

/// Where a submission is in the force's hands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    InProgress,
    Closed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::New, Status::InProgress, Status::Closed];

    pub fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in_progress",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.name() == s.trim())
    }
}

impl TryFrom<String> for Status {
    type Error = String;

    fn try_from(s: String) -> Result<Status, String> {
        Status::parse(&s).ok_or_else(|| format!("unknown status {s:?}"))
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
}

/// A person who uses the console, as admins see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
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
    /// Assigned to this person (`me` for whoever asks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Words in the message, or a reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
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

/// One submission, opened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    #[serde(flatten)]
    pub item: InboxItem,
    pub lang: String,
    pub page: String,
    pub about_url: Option<String>,
    pub contact: Option<Contact>,
    /// The resident gave contact details that this reader may not see.
    pub contact_withheld: bool,
    pub notes: Vec<Note>,
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

/// `GET /v1/insight`: the last twelve weeks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    pub weeks: Vec<Week>,
    /// How many gave each rating, 1 to 5.
    pub ratings: [u64; 5],
    pub areas: Vec<Tally>,
    pub updates: Vec<Tally>,
}

/// What the audit log records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    SignIn,
    SignInFailed,
    SignOut,
    Status,
    Assign,
    Note,
    Export,
    Erase,
    Retention,
    PersonAdded,
    PersonDisabled,
    PersonEnabled,
    PersonRole,
    Publish,
    Edit,
    Withdraw,
    PartnerAdded,
    PartnerRemoved,
}

impl Action {
    pub const ALL: [Action; 18] = [
        Action::SignIn,
        Action::SignInFailed,
        Action::SignOut,
        Action::Status,
        Action::Assign,
        Action::Note,
        Action::Export,
        Action::Erase,
        Action::Retention,
        Action::PersonAdded,
        Action::PersonDisabled,
        Action::PersonEnabled,
        Action::PersonRole,
        Action::Publish,
        Action::Edit,
        Action::Withdraw,
        Action::PartnerAdded,
        Action::PartnerRemoved,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignInFailed => "sign_in_failed",
            Action::SignOut => "sign_out",
            Action::Status => "status",
            Action::Assign => "assign",
            Action::Note => "note",
            Action::Export => "export",
            Action::Erase => "erase",
            Action::Retention => "retention",
            Action::PersonAdded => "person_added",
            Action::PersonDisabled => "person_disabled",
            Action::PersonEnabled => "person_enabled",
            Action::PersonRole => "person_role",
            Action::Publish => "publish",
            Action::Edit => "edit",
            Action::Withdraw => "withdraw",
            Action::PartnerAdded => "partner_added",
            Action::PartnerRemoved => "partner_removed",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == s)
    }
}

impl TryFrom<String> for Action {
    type Error = String;

    fn try_from(s: String) -> Result<Action, String> {
        Action::parse(&s).ok_or_else(|| format!("unknown action {s:?}"))
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

    #[test]
    fn wire_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.name()), Some(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.name()));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.name()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.name()));
        }
        for a in Action::ALL {
            assert_eq!(Action::parse(a.name()), Some(a));
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.name()));
        }
    }
}

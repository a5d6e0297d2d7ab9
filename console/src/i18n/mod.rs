//! Every word the console shows, in English and Welsh. One struct per
//! language, so a missing word does not compile; a test checks the Welsh
//! is not English left untranslated and cannot skip a word (`catalogue!`).

mod cy;
mod en;

use police_engage_contract::{Action, Category, Channel, Code, Priority, Role, Status, UpdateState};

pub use police_engage_contract::Lang;

/// A language's words.
pub trait Words {
    fn text(self) -> &'static Text;
}

impl Words for Lang {
    fn text(self) -> &'static Text {
        match self {
            Lang::En => &en::EN,
            Lang::Cy => &cy::CY,
        }
    }
}

/// Where `value` is in `all`: its words' place in a list made in that order.
fn position<T: PartialEq>(all: &[T], value: T) -> usize {
    all.iter().position(|v| *v == value).unwrap_or_default()
}

/// Puts `value` where the template has `{}`.
pub fn fill(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}

/// Declares a catalogue: a struct of words, and (for the translation check)
/// every one of them listed from the same declaration, so a new word cannot
/// be left out of the check.
macro_rules! catalogue {
    (pub struct $name:ident { $($(#[$doc:meta])* $field:ident: $ty:ty,)* }) => {
        pub struct $name {
            $($(#[$doc])* pub $field: $ty,)*
        }

        #[cfg(test)]
        impl $name {
            fn all(&self) -> Vec<&'static str> {
                let mut all = Vec::new();
                $(Listed::list(&self.$field, &mut all);)*
                all
            }
        }
    };
}

/// A word, or a fixed list of them, as the check reads it.
#[cfg(test)]
trait Listed {
    fn list(&self, into: &mut Vec<&'static str>);
}

#[cfg(test)]
impl Listed for &'static str {
    fn list(&self, into: &mut Vec<&'static str>) {
        into.push(self);
    }
}

#[cfg(test)]
impl<const N: usize> Listed for [&'static str; N] {
    fn list(&self, into: &mut Vec<&'static str>) {
        into.extend(self);
    }
}

catalogue! {
    pub struct Text {
        service: &'static str,
        skip: &'static str,
        nav_label: &'static str,
        nav_feedback: &'static str,
        nav_insight: &'static str,
        nav_audit: &'static str,
        nav_people: &'static str,
        nav_account: &'static str,
        sign_in_method: &'static str,
        method_password: &'static str,
        change_password: &'static str,
        current_password: &'static str,
        new_password: &'static str,
        new_password_hint: &'static str,
        password_changed: &'static str,
        sign_out_everywhere: &'static str,
        sign_out_everywhere_hint: &'static str,
        method_provider: &'static str,
        passkey: &'static str,
        authenticator_app: &'static str,
        sign_in_with: &'static str,
        or_password: &'static str,
        sign_in_passkey: &'static str,
        passkey_failed: &'static str,
        refused_cancelled: &'static str,
        refused_expired: &'static str,
        refused_failed: &'static str,
        refused_no_role: &'static str,
        refused_disabled: &'static str,
        security_code_title: &'static str,
        use_passkey_title: &'static str,
        security_code_label: &'static str,
        security_code_hint: &'static str,
        continue_button: &'static str,
        enter_security_code: &'static str,
        security_code_wrong: &'static str,
        sign_in_timed_out: &'static str,
        second_factors: &'static str,
        second_factors_hint: &'static str,
        needs_second_factor: &'static str,
        no_second_factors: &'static str,
        col_kind: &'static str,
        col_last_used: &'static str,
        never: &'static str,
        add_passkey: &'static str,
        passkey_name: &'static str,
        passkey_name_hint: &'static str,
        set_up_authenticator: &'static str,
        authenticator_steps: &'static str,
        authenticator_key: &'static str,
        qr_label: &'static str,
        authenticator_code: &'static str,
        authenticator_code_wrong: &'static str,
        recovery_codes_title: &'static str,
        recovery_codes_hint: &'static str,
        recovery_codes_left: &'static str,
        new_recovery_codes: &'static str,
        rename: &'static str,
        new_name: &'static str,
        confirm_with_password: &'static str,
        reset_second_factors: &'static str,
        col_second_factors: &'static str,
        /// The name of this language, in itself, for the switch.
        language_name: &'static str,
        signed_in_as: &'static str,
        sign_out: &'static str,
        loading: &'static str,
        problem: &'static str,
        error_prefix: &'static str,
        network: &'static str,
        not_allowed: &'static str,
        not_found_title: &'static str,
        session_ended: &'static str,
        not_done: &'static str,
        not_found_body: &'static str,
        back_to_feedback: &'static str,
        footer: &'static str,
        // Sign in
        sign_in_title: &'static str,
        sign_in_intro: &'static str,
        email_label: &'static str,
        password_label: &'static str,
        sign_in_button: &'static str,
        sign_in_failed: &'static str,
        sign_in_locked: &'static str,
        enter_email: &'static str,
        enter_password: &'static str,
        // Status, roles
        status_new: &'static str,
        status_in_progress: &'static str,
        status_closed: &'static str,
        role_editor: &'static str,
        role_responder: &'static str,
        role_admin: &'static str,
        // Inbox
        feedback_title: &'static str,
        all_statuses: &'static str,
        filters: &'static str,
        filter_update: &'static str,
        filter_area: &'static str,
        filter_rating: &'static str,
        filter_from: &'static str,
        filter_to: &'static str,
        filter_site: &'static str,
        filter_assignee: &'static str,
        filter_search: &'static str,
        filter_search_hint: &'static str,
        date_hint: &'static str,
        any: &'static str,
        me: &'static str,
        apply_filters: &'static str,
        clear_filters: &'static str,
        col_select: &'static str,
        col_reference: &'static str,
        col_received: &'static str,
        col_message: &'static str,
        col_rating: &'static str,
        col_area: &'static str,
        col_about: &'static str,
        col_status: &'static str,
        col_assignee: &'static str,
        select_one: &'static str,
        nobody: &'static str,
        none_match: &'static str,
        with_selected: &'static str,
        set_status: &'static str,
        apply: &'static str,
        export_selected: &'static str,
        export_all: &'static str,
        selected_count: &'static str,
        changed_count: &'static str,
        next_page: &'static str,
        first_page: &'static str,
        showing: &'static str,
        // One submission
        feedback_heading: &'static str,
        received: &'static str,
        rating: &'static str,
        rating_of: &'static str,
        no_rating: &'static str,
        area: &'static str,
        language: &'static str,
        lang_en: &'static str,
        lang_cy: &'static str,
        about: &'static str,
        page: &'static str,
        site: &'static str,
        message: &'static str,
        contact: &'static str,
        name: &'static str,
        email: &'static str,
        no_contact: &'static str,
        contact_withheld: &'static str,
        reply_by_email: &'static str,
        alerts_title: &'static str,
        subscribers_by_area: &'static str,
        subscribers: &'static str,
        no_subscribers: &'static str,
        every_area: &'static str,
        alerts_sent: &'static str,
        sent_to: &'static str,
        no_alerts_sent: &'static str,
        erase_subscriber: &'static str,
        erase_subscriber_hint: &'static str,
        erase_subscriber_button: &'static str,
        subscriber_erased: &'static str,
        not_subscribed: &'static str,
        promise_kept: &'static str,
        promise_kept_summary: &'static str,
        answered_in_time: &'static str,
        answered_late: &'static str,
        due_an_answer: &'static str,
        median_to_answer: &'static str,
        hours: &'static str,
        undelivered_title: &'static str,
        undelivered_intro: &'static str,
        col_to: &'static str,
        col_answer: &'static str,
        answers_heading: &'static str,
        due_by: &'static str,
        overdue: &'static str,
        overdue_since: &'static str,
        answered_on: &'static str,
        no_answers: &'static str,
        your_reply: &'static str,
        your_reply_hint: &'static str,
        send_reply: &'static str,
        answer_required: &'static str,
        answered_otherwise: &'static str,
        answered_otherwise_label: &'static str,
        record_answer: &'static str,
        by_email: &'static str,
        another_way: &'static str,
        delivery_queued: &'static str,
        delivery_sent: &'static str,
        delivery_failed: &'static str,
        reply_subject: &'static str,
        reply_quote: &'static str,
        status_legend: &'static str,
        update_status: &'static str,
        assign_label: &'static str,
        assign_button: &'static str,
        notes: &'static str,
        no_notes: &'static str,
        note_label: &'static str,
        note_hint: &'static str,
        add_note: &'static str,
        history: &'static str,
        no_history: &'static str,
        saved: &'static str,
        erase_title: &'static str,
        erase_warning: &'static str,
        erase_button: &'static str,
        erase_confirm: &'static str,
        cancel: &'static str,
        erased: &'static str,
        note_required: &'static str,
        note_too_long: &'static str,
        // Insight
        insight_title: &'static str,
        insight_intro: &'static str,
        per_week: &'static str,
        per_week_summary: &'static str,
        rating_per_week: &'static str,
        rating_per_week_summary: &'static str,
        spread: &'static str,
        spread_summary: &'static str,
        by_area: &'static str,
        by_area_summary: &'static str,
        by_update: &'static str,
        by_update_summary: &'static str,
        as_table: &'static str,
        week_of: &'static str,
        count: &'static str,
        average: &'static str,
        total: &'static str,
        nothing_yet: &'static str,
        // Audit log
        audit_title: &'static str,
        audit_intro: &'static str,
        col_when: &'static str,
        col_who: &'static str,
        col_what: &'static str,
        col_target: &'static str,
        col_detail: &'static str,
        col_address: &'static str,
        download_csv: &'static str,
        older: &'static str,
        newest: &'static str,
        /// One per [`Action`], in its order.
        actions: [&'static str; Action::ALL.len()],
        // People
        people_title: &'static str,
        col_email: &'static str,
        col_role: &'static str,
        col_state: &'static str,
        col_since: &'static str,
        active: &'static str,
        disabled: &'static str,
        disable: &'static str,
        enable: &'static str,
        locked: &'static str,
        unlock: &'static str,
        change_role: &'static str,
        you: &'static str,
        add_person: &'static str,
        role_label: &'static str,
        first_password: &'static str,
        first_password_hint: &'static str,
        person_added: &'static str,
        months: [&'static str; 12],
        // Field problems, by code
        required: &'static str,
        too_long: &'static str,
        invalid: &'static str,
        taken: &'static str,
        // Publishing
        nav_updates: &'static str,
        nav_partners: &'static str,
        updates_title: &'static str,
        updates_intro: &'static str,
        new_update: &'static str,
        state_live: &'static str,
        state_scheduled: &'static str,
        state_expired: &'static str,
        state_withdrawn: &'static str,
        col_title: &'static str,
        col_category: &'static str,
        col_publish_time: &'static str,
        col_came_from: &'static str,
        col_welsh: &'static str,
        no: &'static str,
        no_updates: &'static str,
        /// One per [`Channel`], in its order.
        channels: [&'static str; Channel::ALL.len()],
        /// One per [`Category`], in its order.
        categories: [&'static str; Category::ALL.len()],
        /// One per [`Priority`], in its order.
        priorities: [&'static str; Priority::ALL.len()],
        edit_title: &'static str,
        duplicate: &'static str,
        duplicate_intro: &'static str,
        section_words: &'static str,
        f_title: &'static str,
        f_title_hint: &'static str,
        f_summary: &'static str,
        f_summary_hint: &'static str,
        f_text: &'static str,
        f_text_hint: &'static str,
        f_category: &'static str,
        f_priority: &'static str,
        f_priority_hint: &'static str,
        f_area: &'static str,
        f_area_hint: &'static str,
        f_reference: &'static str,
        f_reference_hint: &'static str,
        f_link: &'static str,
        f_link_hint: &'static str,
        f_image: &'static str,
        f_image_hint: &'static str,
        f_image_alt: &'static str,
        f_image_alt_hint: &'static str,
        section_event: &'static str,
        section_event_hint: &'static str,
        f_event_start: &'static str,
        f_event_end: &'static str,
        f_event_address: &'static str,
        uk_time: &'static str,
        section_welsh: &'static str,
        section_welsh_hint: &'static str,
        f_cy_title: &'static str,
        f_cy_summary: &'static str,
        f_cy_text: &'static str,
        f_cy_image_alt: &'static str,
        f_cy_event_address: &'static str,
        section_when: &'static str,
        publish_when: &'static str,
        publish_now: &'static str,
        publish_later: &'static str,
        f_publish_time: &'static str,
        f_expires: &'static str,
        f_expires_hint: &'static str,
        publish_button: &'static str,
        schedule_button: &'static str,
        save_button: &'static str,
        published_notice: &'static str,
        scheduled_notice: &'static str,
        saved_notice: &'static str,
        withdraw: &'static str,
        withdraw_title: &'static str,
        withdraw_warning: &'static str,
        withdraw_confirm: &'static str,
        withdrawn_notice: &'static str,
        back_to_updates: &'static str,
        preview: &'static str,
        preview_hint: &'static str,
        preview_waiting: &'static str,
        preview_stale: &'static str,
        preview_language: &'static str,
        preview_theme: &'static str,
        theme_light: &'static str,
        theme_dark: &'static str,
        theme_auto: &'static str,
        preview_width: &'static str,
        width_phone: &'static str,
        width_desktop: &'static str,
        // Partners
        partners_title: &'static str,
        partners_intro: &'static str,
        no_partners: &'static str,
        col_name: &'static str,
        col_origins: &'static str,
        col_contact: &'static str,
        remove: &'static str,
        remove_title: &'static str,
        remove_warning: &'static str,
        remove_confirm: &'static str,
        removed_notice: &'static str,
        add_partner: &'static str,
        f_partner_name: &'static str,
        f_origins: &'static str,
        f_origins_hint: &'static str,
        f_contact: &'static str,
        f_contact_hint: &'static str,
        partner_added: &'static str,
        filter_partner: &'static str,
        // Embed builder
        embed_service: &'static str,
        embed_title: &'static str,
        embed_intro: &'static str,
        embed_options: &'static str,
        f_feed: &'static str,
        f_feed_hint: &'static str,
        feed_not_url: &'static str,
        feed_is_page: &'static str,
        feed_elsewhere: &'static str,
        feed_unreadable: &'static str,
        use_feed: &'static str,
        f_categories: &'static str,
        f_categories_hint: &'static str,
        whole_area: &'static str,
        f_limit: &'static str,
        f_limit_hint: &'static str,
        limit_fixed: &'static str,
        lang_page: &'static str,
        f_heading: &'static str,
        f_heading_hint: &'static str,
        section_colours: &'static str,
        colours_hint: &'static str,
        c_accent: &'static str,
        c_accent_text: &'static str,
        c_text: &'static str,
        c_background: &'static str,
        colour_unreadable: &'static str,
        contrast_low: &'static str,
        contrast_ok: &'static str,
        your_code: &'static str,
        code_html: &'static str,
        code_css: &'static str,
        copy: &'static str,
        copied: &'static str,
        copy_failed: &'static str,
        pinned_note: &'static str,
        fallback_link: &'static str,
        console_link: &'static str,
    }
}

impl Text {
    pub fn status(&self, status: Status) -> &'static str {
        match status {
            Status::New => self.status_new,
            Status::InProgress => self.status_in_progress,
            Status::Closed => self.status_closed,
        }
    }

    /// A language's name in the reader's language.
    pub fn language(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.lang_en,
            Lang::Cy => self.lang_cy,
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Editor => self.role_editor,
            Role::Responder => self.role_responder,
            Role::Admin => self.role_admin,
        }
    }

    pub fn action(&self, action: Action) -> &'static str {
        self.actions[position(&Action::ALL, action)]
    }

    pub fn channel(&self, channel: Channel) -> &'static str {
        self.channels[position(&Channel::ALL, channel)]
    }

    pub fn category(&self, category: Category) -> &'static str {
        self.categories[position(&Category::ALL, category)]
    }

    pub fn priority(&self, priority: Priority) -> &'static str {
        self.priorities[position(&Priority::ALL, priority)]
    }

    pub fn state(&self, state: UpdateState) -> &'static str {
        match state {
            UpdateState::Live => self.state_live,
            UpdateState::Scheduled => self.state_scheduled,
            UpdateState::Expired => self.state_expired,
            UpdateState::Withdrawn => self.state_withdrawn,
        }
    }

    /// The words for a problem the server found with a field: `label`
    /// names the field in this language.
    pub fn problem(&self, label: &str, code: Code) -> String {
        let template = match code {
            Code::Required => self.required,
            Code::TooLong => self.too_long,
            Code::Conflict => self.taken,
            Code::Forbidden | Code::Unauthorized => return self.not_allowed.into(),
            Code::Unavailable | Code::Internal => return self.network.into(),
            _ => self.invalid,
        };
        fill(template, label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The limits the catalogue writes in prose are the contract's.
    #[test]
    fn limits_in_words_are_the_contracts() {
        use police_engage_contract::{in_words, INSIGHT_TOP, INSIGHT_WEEKS, LIMIT_MAX, NOTE_MAX, PASSWORD_MIN};
        for text in [&en::EN, &cy::CY] {
            for weeks in [text.insight_intro, text.nothing_yet] {
                assert!(weeks.contains(&format!(" {INSIGHT_WEEKS} ")), "{weeks}");
            }
            for top in [text.by_area, text.by_update] {
                assert!(top.contains(&format!(" {INSIGHT_TOP}")), "{top}");
            }
            assert!(text.note_too_long.contains(&in_words(NOTE_MAX)), "{}", text.note_too_long);
            for hint in [text.first_password_hint, text.new_password_hint] {
                assert!(hint.contains(&in_words(PASSWORD_MIN)), "{hint}");
            }
            for range in [text.f_limit_hint, text.limit_fixed] {
                assert!(range.contains(" 1 ") && range.contains(&format!(" {LIMIT_MAX}")), "{range}");
            }
        }
    }

    #[test]
    fn every_word_has_a_welsh_translation() {
        // Words the same in both languages.
        const SHARED: [&str; 1] = ["Mai"];
        let (en, cy) = (en::EN.all(), cy::CY.all());
        assert_eq!(en.len(), cy.len());
        for (en, cy) in en.iter().zip(cy) {
            assert!(!en.trim().is_empty() && !cy.trim().is_empty());
            assert!(*en != cy || SHARED.contains(&cy), "untranslated: {en}");
            assert_eq!(en.matches("{}").count(), cy.matches("{}").count(), "placeholders: {en}");
        }
    }
}

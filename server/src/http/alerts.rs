//! The alerts pages: `GET`/`POST /alerts` (sign up), `/alerts/confirm`,
//! `/alerts/manage` and `POST /alerts/unsubscribe` (one click, from any
//! mail program, RFC 8058). Served only when the server sends mail. Forms
//! must come from this site, but the one-click stop from anywhere, since
//! its token is the permission. Sign-ups are limited per client here and
//! per address in `alerts::sign_up`, so the form cannot mail-bomb anyone.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use police_engage_contract::Lang;
use serde::Deserialize;

use super::actor;
use super::extract::Query;
use super::gate::Pool;
use super::AppState;
use crate::alerts::pages::{self, Purpose, Words};
use crate::alerts::{self, Choices};
use crate::error::Error;
use crate::identity::people;
use crate::mail::compose::{self, Reading};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/alerts", get(sign_up_page).post(sign_up))
        .route("/alerts/confirm", get(confirm_page).post(confirm))
        .route("/alerts/manage", get(manage_page).post(manage))
        .route("/alerts/unsubscribe", post(unsubscribe))
        .layer(axum::middleware::map_response(headers))
        .route("/v1/alerts", get(summary))
        .route("/v1/alerts/erase", post(erase))
}

/// Subscribers by area and what each alert run sent (editors and admins).
async fn summary(State(app): State<AppState>, actor: super::actor::Actor) -> Result<Response, Error> {
    actor.require(police_engage_contract::Role::can_publish)?;
    let summary =
        police_engage_contract::AlertsSummary { enabled: app.mail.is_some(), ..alerts::summary(&app.db).await? };
    Ok(super::no_store(axum::Json(summary)))
}

/// An address forgotten on request (admins), audited without the address.
async fn erase(
    State(app): State<AppState>,
    actor: super::actor::Actor,
    body: axum::body::Bytes,
) -> Result<Response, Error> {
    actor.require(police_engage_contract::Role::can_administer)?;
    let police_engage_contract::EraseSubscriber { email } = crate::body::read(&body)?;
    let email = people::normal_email(&email);
    if !alerts::erase(&app.db, &email).await? {
        return Err(Error::NotFound("No one receives alerts at this address."));
    }
    crate::audit::record(&app.db, &actor.by(), police_engage_contract::Action::SubscriberErased, None, None).await?;
    Ok(super::no_store(axum::Json(police_engage_contract::Erased { erased: email })))
}

/// No script at all; styles from here; forms only to here; never framed or kept.
const ALERTS_CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

async fn headers(mut response: Response) -> Response {
    let set = response.headers_mut();
    set.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(ALERTS_CSP));
    set.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The pages' addresses carry tokens: never passed on.
    set.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// A form's fields, at most this long together.
const FORM_LIMIT: usize = 4 * 1024;

#[derive(Deserialize, Default)]
struct Asked {
    area: Option<String>,
    lang: Option<String>,
    token: Option<String>,
}

/// The form's fields, as sent.
#[derive(Deserialize, Default)]
struct Form {
    email: Option<String>,
    area: Option<String>,
    what: Option<String>,
    language: Option<String>,
    lang: Option<String>,
    token: Option<String>,
}

impl Form {
    fn choices(&self) -> Choices {
        Choices {
            area: self.area.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
            urgent_only: self.what.as_deref() != Some("all"),
            reading: alerts::reading(self.language.as_deref().unwrap_or("en")),
        }
    }
}

fn mail_on(app: &AppState) -> Result<(), Error> {
    app.mail.as_ref().map(|_| ()).ok_or(Error::NotFound("This server sends no alerts."))
}

fn lang_of(tag: Option<&str>) -> Lang {
    tag.map_or(Lang::En, Lang::from_tag)
}

fn html(words: &Words, app: &AppState, title: &str, switch: &str, body: &str) -> Response {
    Html(pages::page(words, &app.settings.force_name, title, switch, body)).into_response()
}

/// The feed's areas, for the choice of area.
async fn areas(app: &AppState) -> Result<Vec<String>, Error> {
    Ok(crate::updates::live_areas(&app.db).await?)
}

fn switch_to(path: &str, lang: Lang, extra: &[(&str, &str)]) -> String {
    let mut query: Vec<(&str, &str)> = extra.iter().copied().filter(|(_, v)| !v.is_empty()).collect();
    query.push(("lang", lang.other().tag()));
    format!("{path}?{}", serde_urlencoded::to_string(query).unwrap_or_default())
}

async fn sign_up_page(State(app): State<AppState>, Query(asked): Query<Asked>) -> Result<Response, Error> {
    mail_on(&app)?;
    let lang = lang_of(asked.lang.as_deref());
    let choices = Choices {
        area: asked.area.clone().filter(|a| !a.trim().is_empty()),
        urgent_only: true,
        reading: Reading::One(lang),
    };
    sign_up_form(&app, lang, &choices, "", None).await
}

async fn sign_up_form(
    app: &AppState,
    lang: Lang,
    choices: &Choices,
    email: &str,
    error: Option<&str>,
) -> Result<Response, Error> {
    let words = pages::words(lang);
    let areas = areas(app).await?;
    let summary = error.map_or(String::new(), |e| {
        format!(
            "<div class=\"pe-error-summary\" role=\"alert\" tabindex=\"-1\"><h2 class=\"pe-error-summary-title\">{}</h2>\
             <ul class=\"pe-error-summary-list\"><li><a href=\"#email\">{}</a></li></ul></div>",
            crate::text::escape_html(words.problem),
            crate::text::escape_html(e)
        )
    });
    let privacy = app.settings.privacy_url.as_deref().map_or(String::new(), |url| {
        format!("<p><a class=\"pe-link\" href=\"{}\">{}</a></p>", crate::text::escape_html(url), words.privacy)
    });
    let form = pages::form(words, &areas, choices, Purpose::SignUp { email, error });
    let body = format!(
        "{summary}<h1 class=\"pe-h1\">{}</h1><p>{}</p><p>{}</p>{privacy}{form}",
        words.title, words.intro, words.kept
    );
    let area = choices.area.clone().unwrap_or_default();
    Ok(html(words, app, words.title, &switch_to("/alerts", lang, &[("area", &area)]), &body))
}

async fn read_form(app: &AppState, headers: &HeaderMap, body: Body, same_site: bool) -> Result<Form, Error> {
    if same_site {
        actor::same_origin(app, headers)?;
    }
    let bytes = crate::body::bytes(body, FORM_LIMIT).await?;
    Ok(serde_urlencoded::from_bytes(&bytes).unwrap_or_default())
}

async fn sign_up(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Error> {
    mail_on(&app)?;
    let form = read_form(&app, &headers, body, true).await?;
    let lang = lang_of(form.lang.as_deref());
    let words = pages::words(lang);
    let choices = form.choices();
    let email = people::normal_email(form.email.as_deref().unwrap_or_default());
    // The rule people are held to here, and one the mail library will send to.
    if people::check_email(&email).is_err() || email.parse::<lettre::Address>().is_err() {
        return sign_up_form(&app, lang, &choices, form.email.as_deref().unwrap_or_default(), Some(words.email_wrong))
            .await;
    }
    let client = crate::client_ip::client(peer.ip(), &headers, &app.settings.trusted_proxies);
    if app.alerts_limiter.check(client).await.map_err(Error::Internal)?.is_err() {
        let body = pages::message(words.busy_title, words.busy_body, "");
        let mut response = html(words, &app, words.busy_title, &switch_to("/alerts", lang, &[]), &body);
        *response.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
        return Ok(response);
    }
    let _permit = app.gate.permit(Pool::Anonymous)?;
    let mail = app.mail.as_ref().expect("checked");
    let base = &mail.base_url;
    let group = crate::client_ip::group(client);
    let signed_up = alerts::sign_up(&app.db, &email, &group, &choices, |token, confirmed| {
        let link = if confirmed {
            format!("{base}/alerts/manage?token={token}")
        } else {
            format!("{base}/alerts/confirm?token={token}")
        };
        compose::sign_up(mail, &email, choices.reading, &link, confirmed)
    })
    .await
    .map_err(Error::Internal)?;
    if signed_up == alerts::SignedUp::Mailed {
        mail.queued.notify_one();
    }
    // The same page whatever happened: it says nothing about the address.
    let body = pages::message(words.check_title, words.check_body, "");
    Ok(html(words, &app, words.check_title, &switch_to("/alerts", lang, &[]), &body))
}

/// The link back to the sign-up page.
fn again(lang: Lang) -> String {
    format!("<p><a class=\"pe-link\" href=\"/alerts?lang={}\">{}</a></p>", lang.tag(), pages::words(lang).again)
}

fn expired(app: &AppState, lang: Lang) -> Response {
    let words = pages::words(lang);
    let body = pages::message(words.expired_title, words.expired_body, &again(lang));
    let mut response = html(words, app, words.expired_title, &switch_to("/alerts", lang, &[]), &body);
    *response.status_mut() = axum::http::StatusCode::NOT_FOUND;
    response
}

async fn confirm_page(State(app): State<AppState>, Query(asked): Query<Asked>) -> Result<Response, Error> {
    mail_on(&app)?;
    let lang = lang_of(asked.lang.as_deref());
    let token = asked.token.unwrap_or_default();
    let Some(subscriber) = alerts::by_token(&app.db, &token).await? else { return Ok(expired(&app, lang)) };
    let lang = reading_lang(subscriber.choices().reading, asked.lang.as_deref());
    let words = pages::words(lang);
    // A button, not the link itself: mail scanners follow links.
    let button = format!(
        "<form method=\"post\" action=\"/alerts/confirm\"><input type=\"hidden\" name=\"token\" value=\"{}\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\"><button type=\"submit\" class=\"pe-button\">{}</button></form>",
        crate::text::escape_html(&token),
        lang.tag(),
        words.confirm_button
    );
    let body = pages::message(words.confirm_title, words.confirm_body, &button);
    Ok(html(words, &app, words.confirm_title, &switch_to("/alerts/confirm", lang, &[("token", &token)]), &body))
}

/// The page's language: as asked, else the subscriber's first.
fn reading_lang(reading: Reading, asked: Option<&str>) -> Lang {
    asked.map(Lang::from_tag).unwrap_or(match reading {
        Reading::One(lang) => lang,
        Reading::Both => Lang::Cy,
    })
}

async fn confirm(State(app): State<AppState>, headers: HeaderMap, body: Body) -> Result<Response, Error> {
    mail_on(&app)?;
    let form = read_form(&app, &headers, body, true).await?;
    let lang = lang_of(form.lang.as_deref());
    let token = form.token.unwrap_or_default();
    let Some(subscriber) = alerts::by_token(&app.db, &token).await? else { return Ok(expired(&app, lang)) };
    alerts::confirm(&app.db, &subscriber.id).await?;
    let words = pages::words(lang);
    let manage = format!(
        "<p><a class=\"pe-link\" href=\"/alerts/manage?token={}&amp;lang={}\">{}</a></p>",
        crate::text::escape_html(&token),
        lang.tag(),
        words.manage_title
    );
    let body = pages::message(words.started_title, words.started_body, &manage);
    Ok(html(words, &app, words.started_title, &switch_to("/alerts/manage", lang, &[("token", &token)]), &body))
}

async fn manage_page(State(app): State<AppState>, Query(asked): Query<Asked>) -> Result<Response, Error> {
    mail_on(&app)?;
    let token = asked.token.clone().unwrap_or_default();
    let Some(subscriber) = alerts::by_token(&app.db, &token).await? else {
        return Ok(expired(&app, lang_of(asked.lang.as_deref())));
    };
    let lang = reading_lang(subscriber.choices().reading, asked.lang.as_deref());
    manage_form(&app, lang, &token, &subscriber.choices(), false).await
}

async fn manage_form(
    app: &AppState,
    lang: Lang,
    token: &str,
    choices: &Choices,
    saved: bool,
) -> Result<Response, Error> {
    let words = pages::words(lang);
    let areas = areas(app).await?;
    let form = pages::form(words, &areas, choices, Purpose::Change { token });
    let notice =
        if saved { format!("<div class=\"pe-notice\" role=\"status\">{}</div>", words.saved) } else { String::new() };
    let stop = format!(
        "<h2 class=\"pe-h2\">{}</h2><p class=\"pe-hint\">{}</p><form method=\"post\" action=\"/alerts/unsubscribe?token={}&amp;lang={}\">\
         <input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\" class=\"pe-button pe-button-warning\">{}</button></form>",
        words.stop_title,
        words.stop_hint,
        crate::text::escape_html(token),
        lang.tag(),
        words.stop_button
    );
    let body = format!("{notice}<h1 class=\"pe-h1\">{}</h1>{form}{stop}", words.manage_title);
    Ok(html(words, app, words.manage_title, &switch_to("/alerts/manage", lang, &[("token", token)]), &body))
}

async fn manage(State(app): State<AppState>, headers: HeaderMap, body: Body) -> Result<Response, Error> {
    mail_on(&app)?;
    let form = read_form(&app, &headers, body, true).await?;
    let lang = lang_of(form.lang.as_deref());
    let token = form.token.clone().unwrap_or_default();
    let Some(subscriber) = alerts::by_token(&app.db, &token).await? else { return Ok(expired(&app, lang)) };
    let choices = form.choices();
    alerts::change(&mut *app.db.acquire().await?, &subscriber.id, &choices).await?;
    manage_form(&app, lang, &token, &choices, true).await
}

/// One click from a mail program (`List-Unsubscribe=One-Click`), or the
/// button on the change page: the address is forgotten.
async fn unsubscribe(State(app): State<AppState>, Query(asked): Query<Asked>) -> Result<Response, Error> {
    mail_on(&app)?;
    let lang = lang_of(asked.lang.as_deref());
    if !alerts::unsubscribe(&app.db, asked.token.as_deref().unwrap_or_default()).await? {
        return Ok(expired(&app, lang));
    }
    let words = pages::words(lang);
    let body = pages::message(words.stopped_title, words.stopped_body, &again(lang));
    Ok(html(words, &app, words.stopped_title, &switch_to("/alerts", lang, &[]), &body))
}

/// What the publishing path calls: alerts for what just went live go at once.
pub fn published(app: &AppState) {
    if let Some(fanout) = &app.fanout {
        fanout.published.notify_one();
    }
}

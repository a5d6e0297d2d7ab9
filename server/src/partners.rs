//! Partner sites whose pages may send feedback, kept in the database and
//! read on every request, so adding or removing one reaches every server
//! sharing the database at once, with no restart.

use police_engage_contract::{
    length, Action, Code, NewPartner, Partner, PartnerRef, PARTNER_CONTACT_MAX, PARTNER_NAME_MAX, PARTNER_ORIGINS_MAX,
};
use url::Url;

use crate::audit::{self, By};
use crate::db::Db;
use crate::error::{is_unique_violation, Error, Problem};
use crate::stamp;
use crate::text::given;

/// An origin as the browser sends it (`https://host[:port]`, the default
/// port left out, the host in lower case), from what a person typed: a
/// scheme, a host and a port, and nothing else.
pub fn origin(raw: &str) -> Result<String, String> {
    let raw = raw.trim().trim_end_matches('/');
    let refuse = |why: &str| Err(format!("{raw}: {why}"));
    if raw.contains('*') {
        return refuse("no wildcards: give each site's own origin");
    }
    let Ok(url) = Url::parse(raw) else {
        return refuse("not an origin such as https://www.council.gov.uk");
    };
    if !matches!(url.scheme(), "http" | "https") {
        return refuse("must start with https:// (or http://)");
    }
    if url.host_str().is_none_or(str::is_empty) || !url.username().is_empty() || url.password().is_some() {
        return refuse("must name a host, with no user or password");
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return refuse("an origin has no path: just the scheme, host and port");
    }
    Ok(url.origin().ascii_serialization())
}

/// Whether `origin` (as a browser sent it) is a partner's.
pub async fn allows(db: &Db, origin: &str) -> sqlx::Result<bool> {
    let found: Option<String> = sqlx::query_scalar("SELECT partner_id FROM partner_origins WHERE origin = $1")
        .bind(origin)
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

/// Every partner with its origins, by name.
pub async fn list(db: &Db) -> sqlx::Result<Vec<Partner>> {
    let partners: Vec<(String, String, Option<String>, String)> =
        sqlx::query_as("SELECT id, name, contact, created_at FROM partners ORDER BY lower(name), id")
            .fetch_all(db)
            .await?;
    let origins: Vec<(String, String)> =
        sqlx::query_as("SELECT partner_id, origin FROM partner_origins ORDER BY origin").fetch_all(db).await?;
    Ok(partners
        .into_iter()
        .map(|(id, name, contact, created_at)| Partner {
            origins: origins.iter().filter(|(p, _)| *p == id).map(|(_, o)| o.clone()).collect(),
            id,
            name,
            contact,
            created_at,
        })
        .collect())
}

/// Partners by name, for the inbox's filter.
pub async fn refs(db: &Db) -> sqlx::Result<Vec<PartnerRef>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM partners ORDER BY lower(name), id").fetch_all(db).await?;
    Ok(rows.into_iter().map(|(id, name)| PartnerRef { id, name }).collect())
}

/// Checks and adds a partner; its origins may send feedback at once.
pub async fn add(db: &Db, by: &By<'_>, new: &NewPartner) -> Result<Partner, Error> {
    let partner = checked(new)?;
    let mut tx = crate::db::begin_write(db).await?;
    for origin in &partner.origins {
        let owner: Option<String> = sqlx::query_scalar("SELECT partner_id FROM partner_origins WHERE origin = $1")
            .bind(origin)
            .fetch_optional(&mut *tx)
            .await?;
        if owner.is_some() {
            return Err(origin_taken(origin));
        }
    }
    sqlx::query("INSERT INTO partners (id, name, contact, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&partner.id)
        .bind(&partner.name)
        .bind(&partner.contact)
        .bind(&partner.created_at)
        .execute(&mut *tx)
        .await?;
    for origin in &partner.origins {
        // On PostgreSQL another request can take the origin since the check.
        sqlx::query("INSERT INTO partner_origins (origin, partner_id) VALUES ($1, $2)")
            .bind(origin)
            .bind(&partner.id)
            .execute(&mut *tx)
            .await
            .map_err(|e| if is_unique_violation(&e) { origin_taken(origin) } else { e.into() })?;
    }
    tx.commit().await?;
    let detail = partner.origins.join(" ");
    audit::record(db, by, Action::PartnerAdded, Some(&partner.name), Some(&detail)).await?;
    tracing::info!(id = %partner.id, origins = %detail, "partner added");
    Ok(partner)
}

fn origin_taken(origin: &str) -> Error {
    let message = format!("{origin} already belongs to a partner.");
    Error::conflict(Problem::new("origins", Code::Conflict, message).about(origin))
}

/// Removes a partner; its origins are refused at once. `false` if there is none.
pub async fn remove(db: &Db, by: &By<'_>, id: &str) -> Result<bool, Error> {
    let mut tx = crate::db::begin_write(db).await?;
    let name: Option<String> =
        sqlx::query_scalar("SELECT name FROM partners WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
    let Some(name) = name else { return Ok(false) };
    sqlx::query("DELETE FROM partner_origins WHERE partner_id = $1").bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM partners WHERE id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    audit::record(db, by, Action::PartnerRemoved, Some(&name), None).await?;
    tracing::info!(%id, "partner removed");
    Ok(true)
}

/// The partner as it will be stored, or each problem with it named.
fn checked(new: &NewPartner) -> Result<Partner, Error> {
    let mut problems = Vec::new();
    let name = new.name.trim();
    if name.is_empty() {
        problems.push(Problem::new("name", Code::Required, "Enter the partner's name."));
    } else if length(name) > PARTNER_NAME_MAX {
        problems.push(Problem::new(
            "name",
            Code::TooLong,
            format!("name must be {PARTNER_NAME_MAX} characters or fewer."),
        ));
    }
    let contact = given(new.contact.as_deref());
    if contact.is_some_and(|c| length(c) > PARTNER_CONTACT_MAX) {
        let message = format!("contact must be {PARTNER_CONTACT_MAX} characters or fewer.");
        problems.push(Problem::new("contact", Code::TooLong, message));
    }
    let mut origins = Vec::new();
    for raw in new.origins.iter().filter(|o| !o.trim().is_empty()) {
        match origin(raw) {
            Ok(o) if !origins.contains(&o) => origins.push(o),
            Ok(_) => {}
            Err(why) => {
                problems.push(Problem::new("origins", Code::Invalid, why).about(raw.trim().trim_end_matches('/')))
            }
        }
    }
    if new.origins.iter().all(|o| o.trim().is_empty()) {
        problems.push(Problem::new(
            "origins",
            Code::Required,
            "Enter at least one origin, such as https://www.council.gov.uk.",
        ));
    } else if origins.len() > PARTNER_ORIGINS_MAX {
        let message = format!("A partner may have at most {PARTNER_ORIGINS_MAX} origins.");
        problems.push(Problem::new("origins", Code::TooLong, message));
    }
    if !problems.is_empty() {
        return Err(Error::Unprocessable(problems));
    }
    Ok(Partner {
        id: crate::random::id("ptn"),
        name: name.to_owned(),
        origins,
        contact: contact.map(str::to_owned),
        created_at: stamp::now(stamp::Secs),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_a_scheme_a_host_and_a_port() {
        assert_eq!(origin(" https://WWW.Council.gov.uk/ ").unwrap(), "https://www.council.gov.uk");
        assert_eq!(origin("https://council.example:443").unwrap(), "https://council.example");
        assert_eq!(origin("http://localhost:8081").unwrap(), "http://localhost:8081");
        assert_eq!(origin("https://bücher.example").unwrap(), "https://xn--bcher-kva.example");
        for bad in [
            "https://*.council.gov.uk",
            "council.gov.uk",
            "https://council.gov.uk/community-safety",
            "https://council.gov.uk?x=1",
            "ftp://council.gov.uk",
            "https://user:pw@council.gov.uk",
            "javascript:alert(1)",
            "",
        ] {
            assert!(origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_partner_needs_a_name_and_good_origins() {
        let problems = |new: NewPartner| match checked(&new) {
            Err(Error::Unprocessable(p)) => p.into_iter().map(|p| (p.field, p.code)).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        let none = NewPartner { name: " ".into(), origins: vec![" ".into()], contact: None };
        assert_eq!(problems(none), [("name".into(), Code::Required), ("origins".into(), Code::Required)]);
        let path = NewPartner { name: "Council".into(), origins: vec!["https://c.example/page".into()], contact: None };
        assert_eq!(problems(path), [("origins".into(), Code::Invalid)]);
        let twice = NewPartner {
            name: " Council ".into(),
            origins: vec!["https://c.example".into(), "https://C.example/".into()],
            contact: Some("  ".into()),
        };
        let partner = checked(&twice).unwrap();
        assert_eq!((partner.name.as_str(), partner.origins.len(), partner.contact), ("Council", 1, None));
    }
}

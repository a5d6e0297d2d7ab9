//! The request's query string and path parameters, read into types. A part
//! that cannot be read is answered as every error is, with the server's JSON
//! (axum's own extractors answer in plain text).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use police_engage_contract::Code;
use serde::de::DeserializeOwned;

use crate::error::Error;

/// The query string as `T`; a bad parameter is a 400 that names it.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Query<T>, Error> {
        read_query(parts.uri.query()).map(Query)
    }
}

/// A query string read as `T`, or a 400 naming the parameter that is wrong.
pub fn read_query<T: DeserializeOwned>(raw: Option<&str>) -> Result<T, Error> {
    let pairs = form_urlencoded::parse(raw.unwrap_or_default().as_bytes());
    serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(pairs)).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { "query".to_owned() } else { field };
        let message = format!("{field}: {}", e.into_inner());
        Error::bad(&field, Code::Invalid, message)
    })
}

/// The route's path parameters as `T`.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Path<T>, Error> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => Err(Error::bad("path", Code::Invalid, rejection.body_text())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Filters {
        rating: Option<u8>,
        q: Option<String>,
    }

    #[test]
    fn a_bad_parameter_is_named() {
        let good: Filters = read_query(Some("rating=5&q=bike%20theft&other=1")).unwrap();
        assert_eq!((good.rating, good.q.as_deref()), (Some(5), Some("bike theft")));
        match read_query::<Filters>(Some("rating=lots")) {
            Err(Error::BadRequest(problems)) => assert_eq!(problems[0].field, "rating"),
            other => panic!("{other:?}"),
        }
    }
}

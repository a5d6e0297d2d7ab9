//! An update as the admin API, the `publish` command and the importers give
//! it ([`UpdateInput`], from `contract/`), read from JSON.

use police_engage_contract::UpdateInput;

use crate::body::parse;
use crate::error::Problem;

/// One update or an array of them, as `publish --file` reads.
pub fn parse_many(json: &[u8]) -> Result<Vec<UpdateInput>, Vec<Problem>> {
    match json.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => parse(json),
        _ => parse(json).map(|one| vec![one]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use police_engage_contract::Code;

    fn fields(problems: Vec<Problem>) -> Vec<(String, Code)> {
        problems.into_iter().map(|p| (p.field, p.code)).collect()
    }

    #[test]
    fn wrong_types_and_unknown_fields_name_the_field() {
        assert_eq!(fields(parse::<UpdateInput>(br#"{"title": 5}"#).unwrap_err()), [("title".into(), Code::WrongType)]);
        assert_eq!(
            fields(parse::<UpdateInput>(br#"{"event": {"start": []}}"#).unwrap_err()),
            [("event.start".into(), Code::WrongType)]
        );
        assert_eq!(
            fields(parse::<UpdateInput>(br#"{"cy": {"title": 1}}"#).unwrap_err()),
            [("cy.title".into(), Code::WrongType)]
        );
        assert_eq!(fields(parse::<UpdateInput>(br#"{"titel": "x"}"#).unwrap_err())[0].1, Code::WrongType);
        assert_eq!(fields(parse::<UpdateInput>(b"not json").unwrap_err()), [("body".into(), Code::Malformed)]);
        assert_eq!(parse_many(br#" [{"title":"a"},{"title":"b"}]"#).unwrap().len(), 2);
        assert_eq!(parse_many(br#"{"title":"a"}"#).unwrap().len(), 1);
    }
}

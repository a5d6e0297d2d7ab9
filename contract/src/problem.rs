//! What an error answer says: every problem with a request, each naming the
//! field it is about, a stable [`Code`], and plain words (English, for logs
//! and other clients; the console says the code in its reader's language).

use serde::{Deserialize, Serialize};

use crate::Code;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub field: String,
    pub code: Code,
    pub message: String,
    /// The value the problem is about, when the field holds several (one
    /// origin of a partner's list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Problem {
    pub fn new(field: &str, code: Code, message: impl Into<String>) -> Problem {
        Problem { field: field.into(), code, message: message.into(), value: None }
    }

    /// The same problem, about one of the field's values.
    pub fn about(self, value: impl Into<String>) -> Problem {
        Problem { value: Some(value.into()), ..self }
    }
}

/// The body of every error answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Problems {
    pub errors: Vec<Problem>,
}

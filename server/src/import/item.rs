/// One item from a source: its id there, and what it says as an update.
#[derive(Debug, Clone)]
pub struct Item {
    pub source_id: String,
    pub input: police_engage_contract::UpdateInput,
}

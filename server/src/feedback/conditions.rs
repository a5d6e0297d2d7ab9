//! A `WHERE` clause made of only the conditions that apply, numbered in
//! turn and bound together: the inbox's filters and exports use it, so the
//! databases can use their indexes for whatever filters are given.

/// A `WHERE` clause built from the conditions that apply, and its values.
#[derive(Default)]
pub struct Where {
    sql: Vec<String>,
    binds: Vec<Bind>,
}

pub enum Bind {
    Text(String),
    Int(i64),
}

impl Where {
    /// Adds `condition`, its `{}` becoming the next placeholder.
    pub fn add(&mut self, condition: &str, value: Bind) {
        self.binds.push(value);
        self.sql.push(condition.replacen("{}", &format!("${}", self.binds.len()), 1));
    }

    /// A condition with several placeholders, numbered in turn.
    pub fn and(&mut self, condition: &str, values: Vec<Bind>) {
        let mut condition = condition.to_owned();
        for value in values {
            self.binds.push(value);
            condition = condition.replacen("{}", &format!("${}", self.binds.len()), 1);
        }
        self.sql.push(condition);
    }

    pub fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }

    /// The next placeholder's number.
    pub fn next(&self) -> usize {
        self.binds.len() + 1
    }

    pub fn bind<'q>(&'q self, mut query: Query<'q>) -> Query<'q> {
        for value in &self.binds {
            query = match value {
                Bind::Text(t) => query.bind(t.as_str()),
                Bind::Int(n) => query.bind(*n),
            };
        }
        query
    }
}

pub type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

//! What crosses the storage seam: [`Value`]s going into a query ([`ToValue`], [`Params`], `params!`) and
//! [`Row`]s coming out, read by column name ([`Row::get`]) into Rust types ([`FromValue`]).

use std::borrow::Cow;
use std::sync::Arc;

use super::StoreError;

/// A value going into or coming out of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// What can be a query parameter.
pub trait ToValue {
    fn to_value(&self) -> Value;
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(*self as i64)
            }
        }
    )*};
}
int_to_value!(i64, i32, u32, u16, u8, usize, u64);

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}

/// Bytes are stored as text (mail messages are 7-bit MIME).
impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Text(String::from_utf8_lossy(self).into_owned())
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        self.as_slice().to_value()
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl ToValue for std::borrow::Cow<'_, str> {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

/// A query's parameters: `params![a, b]`, an array of one type (`[id]`), or `()` for none.
pub trait Params {
    fn values(&self) -> Vec<Value>;
}

impl Params for () {
    fn values(&self) -> Vec<Value> {
        Vec::new()
    }
}

impl Params for &[&dyn ToValue] {
    fn values(&self) -> Vec<Value> {
        self.iter().map(|v| v.to_value()).collect()
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl Params for Vec<Value> {
    fn values(&self) -> Vec<Value> {
        self.clone()
    }
}

impl Params for &[Value] {
    fn values(&self) -> Vec<Value> {
        self.to_vec()
    }
}

impl<T: ToValue, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

/// Parameters of mixed types: `params![id, "text", flag]`.
#[macro_export]
macro_rules! sql_params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::db::value::ToValue),*] as &[&dyn $crate::db::value::ToValue]
    };
}
pub use crate::sql_params as params;

/// A column's value as a row holds it, borrowed: text is read in place, so reading a `String` copies it once.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueRef<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
}

impl Value {
    /// This value, borrowed.
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Int(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(Cow::Borrowed(s)),
        }
    }
}

/// What a column can be read as.
pub trait FromValue: Sized {
    fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError>;
}

fn wrong(v: &ValueRef<'_>, want: &str) -> StoreError {
    StoreError::Failed(format!("a column holds {v:?}, not {want}"))
}

impl FromValue for i64 {
    fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError> {
        match v {
            ValueRef::Int(i) => Ok(i),
            v => Err(wrong(&v, "a whole number")),
        }
    }
}

macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError> {
                let i = i64::from_value(v)?;
                <$t>::try_from(i).map_err(|_| wrong(&ValueRef::Int(i), stringify!($t)))
            }
        }
    )*};
}
int_from_value!(i32, u32, u64, usize);

impl FromValue for bool {
    fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError> {
        Ok(i64::from_value(v)? != 0)
    }
}

impl FromValue for f64 {
    fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError> {
        match v {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Int(i) => Ok(i as f64),
            v => Err(wrong(&v, "a number")),
        }
    }
}

impl FromValue for String {
    fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError> {
        match v {
            ValueRef::Text(s) => Ok(s.into_owned()),
            v => Err(wrong(&v, "text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError> {
        String::from_value(v).map(String::into_bytes)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: ValueRef<'_>) -> Result<Self, StoreError> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// Which column of a row: its name as the query gives it (`slug`, or the alias after `AS`), or its position
/// from 0.
pub trait ColumnIndex {
    /// The column's position in `row`, if it has one.
    fn index(&self, row: &Row<'_>) -> Option<usize>;
    /// How to name it in an error.
    fn describe(&self) -> String;
}

impl ColumnIndex for usize {
    fn index(&self, row: &Row<'_>) -> Option<usize> {
        (*self < row.len()).then_some(*self)
    }
    fn describe(&self) -> String {
        format!("column {self}")
    }
}

impl ColumnIndex for &str {
    fn index(&self, row: &Row<'_>) -> Option<usize> {
        match &row.0 {
            Cells::Owned { names, .. } => names.iter().position(|n| n == self),
            Cells::Sqlite(_, names) => names.iter().position(|n| n == self),
        }
    }
    fn describe(&self) -> String {
        format!("column `{self}`")
    }
}

/// One row of an answer, read by column name into Rust types: either read out of the engine (PostgreSQL's
/// rows), or SQLite's row in place while its statement steps, which spares a
/// copy of every column.
pub struct Row<'a>(Cells<'a>);

enum Cells<'a> {
    Owned {
        names: Arc<[String]>,
        values: Vec<Value>,
    },
    /// The row, and its statement's column names (read once a query: SQLite's own lookup by name asks the C
    /// library for each column's name on every read).
    Sqlite(&'a rusqlite::Row<'a>, &'a [String]),
}

impl<'a> Row<'a> {
    pub(super) fn new(names: Arc<[String]>, values: Vec<Value>) -> Row<'static> {
        Row(Cells::Owned { names, values })
    }

    /// SQLite's current row, read in place.
    pub(super) fn sqlite(row: &'a rusqlite::Row<'a>, names: &'a [String]) -> Row<'a> {
        Row(Cells::Sqlite(row, names))
    }

    fn len(&self) -> usize {
        match &self.0 {
            Cells::Owned { values, .. } => values.len(),
            Cells::Sqlite(_, names) => names.len(),
        }
    }

    fn value(&self, at: usize) -> Result<ValueRef<'_>, StoreError> {
        use rusqlite::types::ValueRef as Sql;
        match &self.0 {
            Cells::Owned { values, .. } => Ok(values[at].as_ref()),
            Cells::Sqlite(r, _) => Ok(match r.get_ref(at)? {
                Sql::Null => ValueRef::Null,
                Sql::Integer(i) => ValueRef::Int(i),
                Sql::Real(f) => ValueRef::Real(f),
                Sql::Text(t) | Sql::Blob(t) => ValueRef::Text(text(t)),
            }),
        }
    }

    /// The column `i` (a name, or a position), as `T`; an error that names the column when there is no such
    /// column or it holds another type.
    pub fn get<I: ColumnIndex, T: FromValue>(&self, i: I) -> Result<T, StoreError> {
        match i.index(self) {
            Some(at) => T::from_value(self.value(at)?).map_err(|e| match e {
                StoreError::Failed(m) => StoreError::Failed(format!("{}: {m}", i.describe())),
                e => e,
            }),
            None => Err(StoreError::Failed(format!(
                "no {} in the row",
                i.describe()
            ))),
        }
    }
}

impl std::fmt::Debug for Row<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut list = f.debug_list();
        for at in 0..self.len() {
            match self.value(at) {
                Ok(v) => list.entry(&v),
                Err(e) => list.entry(&e),
            };
        }
        list.finish()
    }
}

/// A column's text: SQLite hands back bytes, UTF-8 unless something wrote it otherwise. Borrowed when valid
/// (`str::from_utf8`, fast on valid text), with bad bytes replaced otherwise; `from_utf8_lossy` on every column
/// walked the text chunk by chunk and showed in issue 23's profile of the front page.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// `.optional()` on a single-row answer: no row is `None`, as rusqlite's extension of the same name.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>, StoreError>;
}

impl<T> OptionalExtension<T> for Result<T, StoreError> {
    fn optional(self) -> Result<Option<T>, StoreError> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(StoreError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

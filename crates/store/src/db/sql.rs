//! One way to run SQL on either store, SQLite (rusqlite) or PostgreSQL (tokio-postgres): the storage seam.
//!
//! Queries are written once, with numbered placeholders (`?1`, `?2`: PostgreSQL gets `$1`, `$2`), in the SQL
//! both engines accept (`ON CONFLICT … DO NOTHING`, `RETURNING`, `COALESCE`, `CAST`). Where they differ (JSON
//! functions, schema), code asks [`Conn::dialect`]. Values cross as [`Value`]: whole numbers, reals, text and null;
//! flags are stored as whole numbers (0, 1) in both, and JSON as text.

use std::fmt;

use super::StoreError;

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

pub use super::value::{
    params, ColumnIndex, FromValue, OptionalExtension, Params, Row, ToValue, Value,
};

/// A connection to the store.
pub enum Conn {
    Sqlite(SqliteConn),
    Postgres(super::postgres::PgConn),
}

/// A SQLite connection: one from the pool (back to it when dropped), or one of its own (in-memory tests).
pub enum SqliteConn {
    Pooled(r2d2::PooledConnection<r2d2_sqlite::SqliteConnectionManager>),
    Own(rusqlite::Connection),
}

impl std::ops::Deref for SqliteConn {
    type Target = rusqlite::Connection;
    fn deref(&self) -> &rusqlite::Connection {
        match self {
            SqliteConn::Pooled(c) => c,
            SqliteConn::Own(c) => c,
        }
    }
}

impl From<rusqlite::Connection> for SqliteConn {
    fn from(c: rusqlite::Connection) -> Self {
        SqliteConn::Own(c)
    }
}

impl fmt::Debug for Conn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Conn({:?})", self.dialect())
    }
}

fn sqlite_value(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Null => rusqlite::types::Value::Null,
        Value::Int(i) => rusqlite::types::Value::Integer(*i),
        Value::Real(f) => rusqlite::types::Value::Real(*f),
        Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
    }
}

/// A query's parameters as SQLite binds them.
fn sqlite_params(params: &impl Params) -> rusqlite::ParamsFromIter<Vec<rusqlite::types::Value>> {
    rusqlite::params_from_iter(params.values().iter().map(sqlite_value).collect::<Vec<_>>())
}

/// The names of a statement's columns, as its rows are read by.
fn column_names(stmt: &rusqlite::Statement<'_>) -> Vec<String> {
    stmt.column_names().into_iter().map(String::from).collect()
}

impl Conn {
    pub fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// `f`'s reading of each row of `sql`'s answer, every row read (an error in one does not stop the others).
    /// SQLite's rows are read in place as the statement steps, so `f` runs while the statement is open: it must
    /// not write to the connection (a write to the table being read, or a rollback, would disturb the rows).
    /// PostgreSQL's arrive read out.
    fn each_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        mut f: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Vec<Result<T, StoreError>>, StoreError> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let names = column_names(&stmt);
                let mut rows = stmt.query(sqlite_params(&params))?;
                let mut read = Vec::new();
                while let Some(r) = rows.next()? {
                    read.push(f(&Row::sqlite(r, &names)));
                }
                Ok(read)
            }
            Conn::Postgres(c) => Ok(c.rows(sql, &params.values())?.iter().map(f).collect()),
        }
    }

    /// Runs `queries` and reads each one's rows with its reader: on PostgreSQL all sent at once (one round trip),
    /// on SQLite one after another. For the follow-up reads of one answer (an article's topics, byline and related
    /// articles), which need nothing from each other.
    pub fn together(&self, queries: Vec<Query<'_>>) -> Result<(), StoreError> {
        match self {
            Conn::Sqlite(_) => {
                for mut q in queries {
                    for read in self.each_row(q.sql, q.values, |r| (q.read)(r))? {
                        read?;
                    }
                }
                Ok(())
            }
            Conn::Postgres(c) => {
                let sent: Vec<(&str, Vec<Value>)> =
                    queries.iter().map(|q| (q.sql, q.values.clone())).collect();
                let answers = c.rows_together(&sent)?;
                for (mut q, rows) in queries.into_iter().zip(answers) {
                    for r in &rows {
                        (q.read)(r)?;
                    }
                }
                Ok(())
            }
        }
    }

    /// Each row of `sql`'s answer, read by `f`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        self.each_row(sql, params, f)?.into_iter().collect()
    }

    /// The first row of `sql`'s answer, read by `f`; [`StoreError::NoRows`] when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let names = column_names(&stmt);
                let mut rows = stmt.query(sqlite_params(&params))?;
                match rows.next()? {
                    Some(r) => f(&Row::sqlite(r, &names)),
                    None => Err(StoreError::NoRows),
                }
            }
            Conn::Postgres(c) => match c.rows(sql, &params.values())?.first() {
                Some(row) => f(row),
                None => Err(StoreError::NoRows),
            },
        }
    }

    /// Runs `sql`; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize, StoreError> {
        let values = params.values();
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let bound: Vec<rusqlite::types::Value> = values.iter().map(sqlite_value).collect();
                Ok(stmt.execute(rusqlite::params_from_iter(bound))?)
            }
            Conn::Postgres(c) => c.execute(sql, &values),
        }
    }

    /// Runs statements without parameters, separated by semicolons.
    pub fn execute_batch(&self, sql: &str) -> Result<(), StoreError> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Postgres(c) => c.batch(sql),
        }
    }

    /// `sql`, ready to run with parameters (statements are cached by the engine's connection).
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>, StoreError> {
        Ok(Stmt {
            conn: self,
            sql: sql.to_string(),
        })
    }

    /// The same as [`Conn::prepare_cached`].
    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>, StoreError> {
        self.prepare_cached(sql)
    }

    /// Starts a transaction that holds the write lock from its start: SQLite's `BEGIN IMMEDIATE` (writers
    /// queue, up to the busy timeout), PostgreSQL's `BEGIN` (rows lock as they are written). It rolls back
    /// unless [`Tx::commit`] is called.
    pub fn transaction(&self) -> Result<Tx<'_>, StoreError> {
        self.execute_batch(match self.dialect() {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        })?;
        Ok(Tx {
            conn: self,
            done: false,
        })
    }
}

/// One query of [`Conn::together`]: its SQL, its values, and what reads each row of its answer.
pub struct Query<'a> {
    sql: &'a str,
    values: Vec<Value>,
    read: Reader<'a>,
}

/// What reads each row of a [`Query`]'s answer.
type Reader<'a> = Box<dyn FnMut(&Row<'_>) -> Result<(), StoreError> + 'a>;

impl<'a> Query<'a> {
    /// `sql` with `params`, each row of its answer given to `read`.
    pub fn new(
        sql: &'a str,
        params: impl Params,
        read: impl FnMut(&Row<'_>) -> Result<(), StoreError> + 'a,
    ) -> Query<'a> {
        Query {
            sql,
            values: params.values(),
            read: Box::new(read),
        }
    }
}

/// A statement of a [`Conn`]: rusqlite's shape (`query_map` gives an iterator of results), over either engine.
pub struct Stmt<'a> {
    conn: &'a Conn,
    sql: String,
}

impl Stmt<'_> {
    /// Each row read by `f`.
    pub fn query_map<T>(
        &self,
        params: impl Params,
        f: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<std::vec::IntoIter<Result<T, StoreError>>, StoreError> {
        Ok(self.conn.each_row(&self.sql, params, f)?.into_iter())
    }

    /// The first row read by `f`; [`StoreError::NoRows`] when there is none.
    pub fn query_row<T>(
        &self,
        params: impl Params,
        f: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.query_row(&self.sql, params, f)
    }
}

/// A transaction in progress on a [`Conn`], which it dereferences to.
pub struct Tx<'a> {
    conn: &'a Conn,
    done: bool,
}

impl Tx<'_> {
    /// Commits; when that fails, the transaction is rolled back as it is dropped, so the connection never
    /// goes back to the pool inside one.
    pub fn commit(mut self) -> Result<(), StoreError> {
        self.conn.execute_batch("COMMIT")?;
        self.done = true;
        Ok(())
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_go_in_and_come_out_as_written() {
        let conn = Conn::Sqlite(
            rusqlite::Connection::open_in_memory()
                .expect("a database")
                .into(),
        );
        conn.execute_batch("CREATE TABLE t (n INTEGER, s TEXT, f INTEGER)")
            .expect("a table");
        let none: Option<String> = None;
        conn.execute(
            "INSERT INTO t (n, s, f) VALUES (?1, ?2, ?3)",
            params![42i64, none, true],
        )
        .expect("a row");
        let (n, s, f): (i64, Option<String>, bool) = conn
            .query_row("SELECT n, s, f FROM t", (), |r| {
                Ok((r.get("n")?, r.get("s")?, r.get("f")?))
            })
            .expect("the row");
        assert_eq!((n, s, f), (42, None, true));
        let by_alias: i64 = conn
            .query_row("SELECT n + 1 AS next FROM t", (), |r| r.get("next"))
            .expect("a column by its alias");
        assert_eq!(by_alias, 43);
        let unknown = conn.query_row("SELECT n FROM t", (), |r| r.get::<_, i64>("m"));
        assert!(
            matches!(&unknown, Err(StoreError::Failed(m)) if m.contains("column `m`")),
            "{unknown:?}"
        );
        let missing = conn
            .query_row("SELECT n FROM t WHERE n = ?1", [7], |r| r.get::<_, i64>(0))
            .optional()
            .expect("no error");
        assert_eq!(missing, None);
    }

    #[test]
    fn queries_sent_together_each_read_their_own_rows() {
        let conn = Conn::Sqlite(
            rusqlite::Connection::open_in_memory()
                .expect("a database")
                .into(),
        );
        conn.execute_batch("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)")
            .expect("a table");
        let (mut small, mut large) = (Vec::new(), Vec::<i64>::new());
        conn.together(vec![
            Query::new("SELECT n FROM t WHERE n < ?1 ORDER BY n", [3], |r| {
                small.push(r.get::<_, i64>("n")?);
                Ok(())
            }),
            Query::new("SELECT n FROM t WHERE n >= ?1 ORDER BY n", [3], |r| {
                large.push(r.get("n")?);
                Ok(())
            }),
        ])
        .expect("both answered");
        assert_eq!((small, large), (vec![1, 2], vec![3]));
    }

    #[test]
    fn a_transaction_not_committed_is_rolled_back() {
        let conn = Conn::Sqlite(
            rusqlite::Connection::open_in_memory()
                .expect("a database")
                .into(),
        );
        conn.execute_batch("CREATE TABLE t (n INTEGER)")
            .expect("a table");
        {
            let tx = conn.transaction().expect("a transaction");
            tx.execute("INSERT INTO t (n) VALUES (1)", ())
                .expect("a row");
        }
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM t", (), |r| r.get(0))
            .expect("a count");
        assert_eq!(n, 0);
    }
}

//! The PostgreSQL side of the storage seam: tokio-postgres connections from an r2d2 pool, each driven by the
//! blocking thread the store's work runs on (`Db::run`, `pg_link`), so one body of query code serves both
//! engines.

use std::error::Error as _;

use bytes::BytesMut;
use tokio_postgres::types::{to_sql_checked, IsNull, ToSql, Type};

use super::value::{Row, Value};
use super::StoreError;

/// One pooled connection.
pub struct PgConn {
    /// Boxed: a connection and its runtime are large beside SQLite's.
    pub(super) link: Box<r2d2::PooledConnection<super::pg_link::PgManager>>,
}

/// `?1`, `?2` … as PostgreSQL's `$1`, `$2` … (the queries have no `?` inside string literals).
pub fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

impl From<tokio_postgres::Error> for StoreError {
    /// Lost connections, shutdowns, too many clients and serialization failures are worth a retry
    /// (`Unavailable`); anything else is a fault.
    fn from(e: tokio_postgres::Error) -> Self {
        // A certificate the client refuses comes as an I/O error too, but trying again will not help.
        let refused_tls = e
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .and_then(|io| io.get_ref())
            .is_some_and(|inner| inner.is::<rustls::Error>());
        let lost = e.is_closed() || e.source().is_some_and(|s| s.is::<std::io::Error>());
        let retry = lost && !refused_tls
            || e.code().is_some_and(|c| {
                let code = c.code();
                code.starts_with("08")
                    || code.starts_with("57P")
                    || code == "53300"
                    || code == "40001"
            });
        // The server's own message and code, which tokio-postgres's `Display` leaves out.
        let text = match e.as_db_error() {
            Some(d) => format!(
                "{} ({}): {}",
                d.message(),
                d.code().code(),
                d.detail().unwrap_or("")
            ),
            None => with_causes(&e),
        };
        if retry {
            StoreError::Unavailable(text)
        } else {
            StoreError::Failed(text)
        }
    }
}

/// `e` and each error under it, `outer: inner: …` (a failed TLS handshake says why only in its source).
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let more = c.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        cause = c.source();
    }
    text
}

impl ToSql for Value {
    /// A whole number is written as the column's integer width (or a flag for `boolean`), text as text;
    /// PostgreSQL says which type each placeholder is.
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => f.to_sql(ty, out),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn row(
    r: &tokio_postgres::Row,
    names: &std::sync::Arc<[String]>,
) -> Result<Row<'static>, StoreError> {
    let mut values = Vec::with_capacity(r.len());
    for (i, column) in r.columns().iter().enumerate() {
        let ty = column.type_();
        let v = match *ty {
            Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => r
                .try_get::<_, Option<i32>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::INT2 => r
                .try_get::<_, Option<i16>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::BOOL => r
                .try_get::<_, Option<bool>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::FLOAT4 => r
                .try_get::<_, Option<f32>>(i)?
                .map(|v| Value::Real(v.into())),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
                r.try_get::<_, Option<String>>(i)?.map(Value::Text)
            }
            _ => {
                return Err(StoreError::Failed(format!(
                    "column {} is of type {ty}, which the store does not read (cast it)",
                    column.name()
                )))
            }
        };
        values.push(v.unwrap_or(Value::Null));
    }
    Ok(Row::new(names.clone(), values))
}

impl PgConn {
    fn params(values: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
        values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
    }

    pub fn rows(&self, sql: &str, values: &[Value]) -> Result<Vec<Row<'static>>, StoreError> {
        let sql = placeholders(sql);
        let link = &self.link;
        let rows = link.block_on(async {
            let stmt = link.prepared(&sql).await?;
            link.client.query(&stmt, &Self::params(values)).await
        })?;
        // The columns' names once for the answer; every row shares them.
        let names: std::sync::Arc<[String]> = match rows.first() {
            Some(r) => r.columns().iter().map(|c| c.name().to_string()).collect(),
            None => return Ok(Vec::new()),
        };
        rows.iter().map(|r| row(r, &names)).collect()
    }

    /// The rows of each of `queries` (SQL and values), sent together: tokio-postgres pipelines queries polled at
    /// once on one connection, so they cost one round trip to the server instead of one each.
    pub fn rows_together(
        &self,
        queries: &[(&str, Vec<Value>)],
    ) -> Result<Vec<Vec<Row<'static>>>, StoreError> {
        let link = &self.link;
        let answers = link.block_on(async {
            let mut statements = Vec::with_capacity(queries.len());
            for (sql, _) in queries {
                // Cached after a connection's first answer: no round trip.
                statements.push(link.prepared(&placeholders(sql)).await?);
            }
            let params: Vec<_> = queries.iter().map(|(_, v)| Self::params(v)).collect();
            let pending = statements
                .iter()
                .zip(&params)
                .map(|(stmt, params)| link.client.query(stmt, params));
            futures_util::future::try_join_all(pending).await
        })?;
        answers
            .iter()
            .map(|rows| {
                let Some(first) = rows.first() else {
                    return Ok(Vec::new());
                };
                let names: std::sync::Arc<[String]> = first
                    .columns()
                    .iter()
                    .map(|c| c.name().to_string())
                    .collect();
                rows.iter().map(|r| row(r, &names)).collect()
            })
            .collect()
    }

    pub fn execute(&self, sql: &str, values: &[Value]) -> Result<usize, StoreError> {
        let sql = placeholders(sql);
        let link = &self.link;
        let n = link.block_on(async {
            let stmt = link.prepared(&sql).await?;
            link.client.execute(&stmt, &Self::params(values)).await
        })?;
        Ok(n as usize)
    }

    pub fn batch(&self, sql: &str) -> Result<(), StoreError> {
        self.link.block_on(self.link.client.batch_execute(sql))
    }
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn numbered_placeholders_become_dollars() {
        assert_eq!(
            placeholders("SELECT a FROM t WHERE a = ?1 AND b IN (?2, ?10)"),
            "SELECT a FROM t WHERE a = $1 AND b IN ($2, $10)"
        );
    }
}

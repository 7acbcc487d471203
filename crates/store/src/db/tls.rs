//! TLS to PostgreSQL. `sslmode=require` in `--database-url` makes every connection use TLS, with the server's
//! certificate checked against the machine's trusted roots (rustls-native-certs: the system store, or the
//! bundle named by `SSL_CERT_FILE`, where a managed database's own CA goes) and its host name, as libpq's
//! `verify-full` does. Without it (`prefer`, the default, or `disable`) connections are plain, as on a private
//! network or a Unix socket.

use std::sync::Arc;

use super::StoreError;

/// A connector that makes TLS connections, checking certificates against the machine's trusted roots.
///
/// # Errors
/// No trusted root could be read, or rustls refused its settings.
pub fn connector() -> Result<tokio_postgres_rustls::MakeRustlsConnect, StoreError> {
    let found = rustls_native_certs::load_native_certs();
    let mut roots = rustls::RootCertStore::empty();
    let (added, _ignored) = roots.add_parsable_certificates(found.certs);
    if added == 0 {
        let why: Vec<String> = found.errors.iter().map(|e| e.to_string()).collect();
        return Err(StoreError::Failed(format!(
            "sslmode=require: no trusted root certificates (install ca-certificates, or name a bundle in \
             SSL_CERT_FILE){}",
            if why.is_empty() {
                String::new()
            } else {
                format!(": {}", why.join("; "))
            }
        )));
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| StoreError::Failed(format!("TLS settings: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

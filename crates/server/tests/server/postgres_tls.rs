//! PostgreSQL over TLS, as managed databases require: `sslmode=require` connects over TLS and checks the
//! server's certificate against the trusted roots (here a CA named by `SSL_CERT_FILE`); a certificate from a CA
//! nobody trusts is refused, and so is a plain connection to a server that takes TLS only.

use crate::common;

use std::process::Command;

use common::fleet::BIN;

/// `broadsheet-server subscribers counts` on the store `url` (it connects and brings the schema up to date
/// first), trusting the CA in `ca` when given: whether it worked, and what it printed on stderr.
fn counts(url: &str, ca: Option<&std::path::Path>) -> (bool, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(["--database-url", url, "subscribers", "counts"])
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR");
    if let Some(ca) = ca {
        cmd.env("SSL_CERT_FILE", ca);
    }
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn sslmode_require_checks_the_certificate_and_a_tls_only_server_refuses_plain_connections() {
    let (cluster, ca) = common::postgres::private_tls();
    let url = cluster.database();
    let tls = format!("{url}?sslmode=require");

    let (ok, err) = counts(&tls, Some(&ca));
    assert!(ok, "over TLS with the CA trusted: {err}");

    // The machine's own roots do not include the test's CA. A setup fault, not an outage: not "unavailable".
    let (ok, err) = counts(&tls, None);
    assert!(!ok, "a certificate from an unknown CA is refused");
    assert!(err.contains("invalid peer certificate"), "{err}");
    assert!(err.contains("database error"), "{err}");

    // The certificate names 127.0.0.1 only: the same server reached as "localhost" is not who it says.
    let (ok, err) = counts(&tls.replace("@127.0.0.1:", "@localhost:"), Some(&ca));
    assert!(!ok, "a certificate for another name is refused");
    assert!(err.contains("invalid peer certificate"), "{err}");

    let (ok, err) = counts(&url, Some(&ca));
    assert!(!ok, "without sslmode=require the connection is plain");
    assert!(err.contains("no encryption"), "{err}");
}

//! The newsletter as a reader and an editor meet it, with a real SMTP relay on loopback (aiosmtpd, started by
//! each test) and every message read back with a MIME parser.

use crate::common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::fleet::free_port;
use common::smtp::{messages_in, wait_for_files, Sink};

use broadsheet_newsletter::token::{Purpose, Signer};
use mail_parser::MessageParser;

/// The demo edition: the week to Friday 27 November 2026 has articles.
const EDITION_DATE: &str = "2026-11-27";

/// A parsed message's header, unfolded and trimmed.
fn header(raw: &[u8], name: &str) -> Option<String> {
    let m = MessageParser::default().parse(raw)?;
    m.header_raw(name)
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn text_part(raw: &[u8]) -> String {
    let m = MessageParser::default().parse(raw).unwrap();
    assert_eq!(m.text_body.len(), 1, "one plain-text part");
    m.body_text(0).unwrap().into_owned()
}

fn html_part(raw: &[u8]) -> String {
    let m = MessageParser::default().parse(raw).unwrap();
    assert_eq!(m.html_body.len(), 1, "one HTML part");
    m.body_html(0).unwrap().into_owned()
}

/// The first link in `text` that starts with `prefix`.
fn link(text: &str, prefix: &str) -> String {
    let at = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {text}"));
    text[at..].split_whitespace().next().unwrap().to_string()
}

/// Links in mail use the listen address (no `--public-url`), so the test server listens on a port known
/// beforehand rather than port 0.
fn fixed_addr(c: broadsheet_server::Config) -> broadsheet_server::Config {
    broadsheet_server::Config {
        addr: format!("127.0.0.1:{}", free_port()).parse().unwrap(),
        ..c
    }
}

/// Follows a confirmation link as a reader does: the page, then its one button. The answer's status and page.
async fn confirm(link: &str) -> (u16, String) {
    let (status, _, page) = common::get_page(link).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        h1(&page),
        "Confirm your sign-up",
        "opening the link confirms nothing"
    );
    let token = link.split("token=").nth(1).unwrap();
    let action = link.split('?').next().unwrap();
    post_form(action, &format!("token={token}")).await
}

fn server_binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
}

/// `broadsheet-server <args>` over the database `db`: its stdout, or the test fails with its stderr.
/// Runs the command line on the store `db` names (`TestServer::store_args`).
fn run(db: &[String], args: &[&str]) -> (bool, String, String) {
    let out = server_binary()
        .args(db)
        .args(args)
        .env_remove("BROADSHEET_SMTP_URL")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn post_form(url: &str, body: &str) -> (u16, String) {
    let res = common::client()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post_json(url: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
    let res = common::client().post(url).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or_default())
}

fn h1(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("h1").unwrap();
    doc.select(&sel)
        .next()
        .map(|h| h.text().collect::<String>())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_confirm_receive_the_edition_and_unsubscribe_in_one_click() {
    let port = free_port();
    let sink = Sink::start(port, None);
    let server = common::start_with(|c| broadsheet_server::Config {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        ..fixed_addr(c)
    })
    .await;
    let db = server.store_args.clone();

    // The plain form, as a browser without the app posts it.
    let (status, page) = post_form(
        &format!("{}/newsletter", server.base),
        "email=Reader.One%40Example.ORG&editions=weekly&website=",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(h1(&page), "Check your inbox");
    assert!(
        !page.contains("<script type=\"module\""),
        "a page without the app"
    );

    let mail = sink.wait_for(1, 10);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.files().len(), 1, "exactly one confirmation");
    let confirmation = &mail[0];
    assert_eq!(
        header(confirmation, "To").as_deref(),
        Some("Reader.One@Example.ORG"),
        "sent as typed"
    );
    assert!(header(confirmation, "Content-Type")
        .unwrap()
        .starts_with("multipart/alternative"));
    let text = text_part(confirmation);
    assert!(html_part(confirmation).contains("Confirm my address"));
    let unsubscribe_header = header(confirmation, "List-Unsubscribe").unwrap();
    assert!(
        unsubscribe_header.starts_with(&format!("<{}/newsletter/unsubscribe?token=", server.base))
    );
    assert_eq!(
        header(confirmation, "List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );

    let confirm_link = link(&text, &format!("{}/newsletter/confirm?token=", server.base));
    let (status, page) = confirm(&confirm_link).await;
    assert_eq!(status, 200);
    assert_eq!(h1(&page), "You're subscribed");
    assert!(
        page.contains("/newsletter/preferences?token="),
        "offers the preferences page"
    );
    let token = confirm_link.split("token=").nth(1).unwrap();
    let (status, page) = post_form(
        &format!("{}/newsletter/confirm", server.base),
        &format!("token={token}"),
    )
    .await;
    assert_eq!(status, 410, "a confirmation link works once");
    assert_eq!(h1(&page), "This link has already been used");

    let (ok, exported, err) = run(&db, &["subscribers", "export", "reader.one@example.org"]);
    assert!(ok, "{err}");
    let exported: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(exported["email"], "Reader.One@Example.ORG");
    assert_eq!(exported["email_normalised"], "reader.one@example.org");
    assert_eq!(exported["state"], "confirmed");
    assert_eq!(exported["editions"], serde_json::json!(["weekly"]));

    // The editor sends the weekly edition; links point at the server.
    let addr = server.base.trim_start_matches("http://");
    let smtp = format!("smtp://127.0.0.1:{port}");
    let send = [
        "--smtp-url",
        &smtp,
        "--addr",
        addr,
        "newsletter",
        "send",
        "--edition",
        "weekly",
        "--date",
        EDITION_DATE,
    ];
    let (ok, out, err) = run(&db, &send);
    assert!(ok, "{err}");
    assert!(out.contains("1 sent"), "{out}");
    let mail = sink.wait_for(2, 10);
    let edition = &mail[1];
    let subject = header(edition, "Subject").unwrap();
    assert!(
        subject.starts_with("The Week, 27 November 2026"),
        "{subject}"
    );
    assert!(header(edition, "Content-Type")
        .unwrap()
        .starts_with("multipart/alternative"));
    assert!(header(edition, "Message-ID")
        .unwrap()
        .contains("weekly-2026-11-27"));
    assert!(header(edition, "List-Id")
        .unwrap()
        .starts_with("The Week <weekly.newsletter."));
    assert_eq!(
        header(edition, "List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let html = html_part(edition);
    let doc = scraper::Html::parse_document(&html);
    let links: Vec<String> = doc
        .select(&scraper::Selector::parse("a[href]").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(links.len() > 5, "{links:?}");
    assert!(
        links.iter().all(|l| l.starts_with(&server.base)),
        "absolute links: {links:?}"
    );
    assert!(html.contains("The editor's view"));
    let text = text_part(edition);
    assert!(text.starts_with("BROADSHEET · The Week · 27 November 2026"));
    // The editor's comment comes first, then the sections.
    assert!(text.find("THE EDITOR'S VIEW").unwrap() < text.find("HOUSING").unwrap());

    // Sent again: nobody gets it twice.
    let (ok, out, err) = run(&db, &send);
    assert!(ok, "{err}");
    assert!(out.contains("1 sent (0 in this run)"), "{out}");

    // One click in the mail client: a POST to the List-Unsubscribe URL.
    let url = header(edition, "List-Unsubscribe").unwrap();
    let url = url.trim_start_matches('<').trim_end_matches('>');
    let (status, page) = post_form(url, "List-Unsubscribe=One-Click").await;
    assert_eq!(status, 200);
    assert_eq!(h1(&page), "You're unsubscribed");
    let (ok, _, err) = run(&db, &["subscribers", "export", "reader.one@example.org"]);
    assert!(!ok && err.contains("we hold nothing"), "{err}");
    let (status, _, page) = common::get_page(&url.replace("/unsubscribe?", "/preferences?")).await;
    assert_eq!(status, 200);
    assert_eq!(h1(&page), "You're not subscribed");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(sink.files().len(), 2, "nothing more was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn known_and_unknown_addresses_get_the_same_answer_and_one_confirmation() {
    let server = common::start_with(fixed_addr).await;
    let outbox = server.dir.path().join("outbox");
    let api = format!("{}/api/v1/newsletter/signups", server.base);
    let new = serde_json::json!({"email": "ann@example.org", "editions": ["weekly", "daily"]});
    let first = post_json(&api, new.clone()).await;
    assert_eq!(first.0, 202);
    let again = post_json(
        &api,
        serde_json::json!({"email": " ANN@example.org", "editions": ["daily"]}),
    )
    .await;
    let other = post_json(
        &api,
        serde_json::json!({"email": "bo@example.org", "editions": ["daily"]}),
    )
    .await;
    assert_eq!(first, again, "a known address answers like a new one");
    assert_eq!(first, other);
    wait_for_files(&outbox, 2, 10);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let files = messages_in(&outbox);
    assert_eq!(files.len(), 2, "one confirmation per address: {files:?}");

    // Confirmed, then signed up again: still the same answer, and nothing sent.
    let ann = files
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .find(|m| header(m, "To").as_deref() == Some("ann@example.org"))
        .unwrap();
    let confirm_link = link(
        &text_part(&ann),
        &format!("{}/newsletter/confirm?token=", server.base),
    );
    assert_eq!(confirm(&confirm_link).await.0, 200);
    assert_eq!(post_json(&api, new).await, first);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        messages_in(&outbox).len(),
        2,
        "nothing to a confirmed address"
    );

    // A forged Host header does not reach the mail: its links use the server's own address.
    let forged = common::client()
        .post(&api)
        .header("host", "evil.example")
        .json(&serde_json::json!({"email": "cy@example.org", "editions": ["weekly"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 202);
    let mail = wait_for_files(&outbox, 3, 10);
    let cy = mail
        .iter()
        .find(|m| header(m, "To").as_deref() == Some("cy@example.org"))
        .unwrap();
    assert!(!text_part(cy).contains("evil.example") && !html_part(cy).contains("evil.example"));
    assert!(text_part(cy).contains(&format!("{}/newsletter/confirm?token=", server.base)));

    // Bad input: what is wrong, per field.
    let (status, body) =
        post_json(&api, serde_json::json!({"email": "ann@", "editions": []})).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "editions"]);
    // The plain form shows the form again, with what was typed and the message at the field.
    let (status, page) = post_form(
        &format!("{}/newsletter", server.base),
        "email=not-an-address&editions=daily",
    )
    .await;
    assert_eq!(status, 422);
    let doc = scraper::Html::parse_document(&page);
    let input = doc
        .select(&scraper::Selector::parse("#signup-email").unwrap())
        .next()
        .unwrap();
    assert_eq!(input.value().attr("value"), Some("not-an-address"));
    assert_eq!(input.value().attr("aria-invalid"), Some("true"));
    assert_eq!(
        input.value().attr("aria-describedby"),
        Some("signup-email-error")
    );
    assert!(page.contains("like name@example.org"));
    assert!(
        doc.select(&scraper::Selector::parse("#signup-daily[checked]").unwrap())
            .next()
            .is_some(),
        "the editions chosen stay ticked"
    );
    assert!(page.contains("<title>Error: "));

    // The honeypot: the same answer, nothing stored or sent.
    let bot = post_json(
        &api,
        serde_json::json!({"email": "bot@example.org", "editions": ["weekly"], "website": "x"}),
    )
    .await;
    assert_eq!(bot, first);
    let db = server.store_args.clone();
    let (ok, _, _) = run(&db, &["subscribers", "export", "bot@example.org"]);
    assert!(!ok);
    let (ok, counts, _) = run(&db, &["subscribers", "counts"]);
    assert!(ok);
    let weekly: Vec<&str> = counts
        .lines()
        .find(|l| l.starts_with("weekly"))
        .unwrap()
        .split_whitespace()
        .collect();
    // Ann changed her choice to the daily briefing before confirming; Bo has not confirmed.
    // Cy (the forged-Host sign-up above) is pending on the weekly.
    assert_eq!(weekly, ["weekly", "0", "1"], "{counts}");
    let daily: Vec<&str> = counts
        .lines()
        .find(|l| l.starts_with("daily"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(daily, ["daily", "1", "1"], "{counts}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_forged_and_reused_links_are_refused() {
    let server = common::start().await;
    let secret: String = server
        .store
        .with_conn(|c| {
            c.query_row(
                "SELECT value FROM settings WHERE key = 'newsletter_secret'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    let signer = Signer::new(secret.as_bytes());
    let expired = signer.sign(Purpose::Confirm, 1, 1_000, "nonce");
    let (status, _, page) = common::get_page(&format!(
        "{}/newsletter/confirm?token={expired}",
        server.base
    ))
    .await;
    assert_eq!(status, 410);
    assert_eq!(h1(&page), "This link has expired");
    let forged = Signer::new(b"not the site's secret").sign(Purpose::Confirm, 1, 0, "nonce");
    let (status, _, page) = common::get_page(&format!(
        "{}/newsletter/confirm?token={forged}",
        server.base
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(h1(&page), "This link does not work");
    // A manage link is no confirmation link, and the other way round.
    let manage = signer.sign(Purpose::Manage, 1, 0, "nonce");
    assert_eq!(
        common::get_page(&format!(
            "{}/newsletter/confirm?token={manage}",
            server.base
        ))
        .await
        .0,
        400
    );
    let (status, _) = post_form(
        &format!("{}/newsletter/unsubscribe?token={forged}", server.base),
        "List-Unsubscribe=One-Click",
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_waits_while_the_relay_is_down_and_goes_once_it_is_back() {
    let port = free_port();
    let server = common::start_with(|c| broadsheet_server::Config {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        ..fixed_addr(c)
    })
    .await;
    let api = format!("{}/api/v1/newsletter/signups", server.base);
    let (status, _) = post_json(
        &api,
        serde_json::json!({"email": "cy@example.org", "editions": ["weekly"]}),
    )
    .await;
    assert_eq!(status, 202, "the reader is not kept waiting by the relay");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let (state, attempts, error): (String, i64, Option<String>) = server
        .store
        .with_conn(|c| {
            c.query_row(
                "SELECT state, attempts, last_error FROM mail_queue",
                (),
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
        })
        .unwrap();
    assert_eq!(state, "pending");
    assert!(
        attempts >= 1 && error.is_some(),
        "tried and kept: {attempts} {error:?}"
    );

    let sink = Sink::start(port, None);
    let mail = sink.wait_for(1, 30);
    assert_eq!(header(&mail[0], "To").as_deref(), Some("cy@example.org"));
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(sink.files().len(), 1, "delivered once");
}

#[test]
fn a_send_killed_half_way_resumes_and_nobody_gets_two() {
    const SUBSCRIBERS: usize = 500;
    const KILLED_AT: usize = 250;
    let dir = tempfile::tempdir().unwrap();
    let config = common::config(dir.path(), common::demo_content());
    let db = common::store_args(&config);
    let store = broadsheet_server::prepare(&config).unwrap();
    common::weekly_subscribers(&store, SUBSCRIBERS);
    let port = free_port();
    let sink = Sink::start(port, Some(KILLED_AT));
    let smtp = format!("smtp://127.0.0.1:{port}");

    // A dry run says who would get it and writes one sample to the outbox; it sends nothing.
    let outbox = dir.path().join("outbox");
    let outbox_arg = outbox.display().to_string();
    let dry = [
        "--smtp-url",
        &smtp,
        "--mail-outbox",
        &outbox_arg,
        "newsletter",
        "send",
        "--edition",
        "weekly",
        "--date",
        EDITION_DATE,
        "--dry-run",
    ];
    let (ok, out, err) = run(&db, &dry);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("would go to {SUBSCRIBERS} confirmed subscribers")),
        "{out}"
    );
    let sample = messages_in(&outbox);
    assert_eq!(sample.len(), 1, "one sample");
    assert!(header(&std::fs::read(&sample[0]).unwrap(), "Subject")
        .unwrap()
        .starts_with("The Week"));

    let args = [
        "--smtp-url",
        &smtp,
        "newsletter",
        "send",
        "--edition",
        "weekly",
        "--date",
        EDITION_DATE,
    ];
    let mut first = server_binary()
        .args(&db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Once 250 messages are in, the relay holds every recipient: the sender is killed mid-conversation on each
    // of its connections. A message whose data was still on its way is not in the relay (it never said 250).
    let held = sink.dir.path().join("held");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !held.exists() {
        assert!(
            Instant::now() < deadline,
            "the send reached message {KILLED_AT}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let delivered = sink.files().len();
    assert!(
        (KILLED_AT..KILLED_AT + 8).contains(&delivered),
        "half-way: {delivered} delivered when killed (the dry run sent nothing)"
    );
    std::fs::write(sink.dir.path().join("release"), "").unwrap();

    let (ok, out, err) = run(&db, &args);
    assert!(ok, "{err}");
    assert!(out.contains(&format!("{SUBSCRIBERS} sent")), "{out}");
    let mail = sink.wait_for(SUBSCRIBERS, 30);
    let mut recipients: Vec<String> = mail.iter().map(|m| header(m, "To").unwrap()).collect();
    assert_eq!(recipients.len(), SUBSCRIBERS, "no message twice");
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), SUBSCRIBERS, "every subscriber, each once");
}

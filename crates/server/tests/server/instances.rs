//! Several server processes over one database, as behind a load balancer: a reader's rate limit is counted once
//! whichever instance takes each post, posts survive an instance killed mid-run, and mail goes once however
//! many machines try to deliver it.

use crate::common;

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::fleet::{free_port, Instance, BIN};
use common::smtp::Sink;
use common::{demo_content, fake_dist, EDITOR_TOKEN};

const COMMENTS: &str = "/api/v1/articles/transport/tyneford-bus-franchising-goes-live/comments";

/// The flags that put machine `i` on the tests' store: the SQLite file `dir/site.db` that all share, or, with
/// `url` (PostgreSQL), that database, each machine with a folder of its own beside it (so nothing beside a
/// SQLite file, such as a lock file, is shared by accident).
fn store_flags(dir: &Path, i: usize, url: Option<&str>) -> Vec<OsString> {
    match url {
        Some(url) => {
            let own = dir.join(format!("machine{i}"));
            std::fs::create_dir_all(&own).unwrap();
            vec![
                "--db".into(),
                own.join("site.db").into(),
                "--database-url".into(),
                url.into(),
            ]
        }
        None => vec!["--db".into(), dir.join("site.db").into()],
    }
}

/// Two instances over one database, with `extra` flags for both.
fn instances(dir: &Path, extra: &[&str]) -> Vec<Instance> {
    // On PostgreSQL with BROADSHEET_TEST_STORE=postgres (scripts/test.sh runs both).
    instances_on(
        dir,
        common::postgres::database_for_tests().as_deref(),
        extra,
    )
}

/// Two instances over the SQLite file in `dir` or the PostgreSQL database `url`.
fn instances_on(dir: &Path, url: Option<&str>, extra: &[&str]) -> Vec<Instance> {
    let mut args: Vec<OsString> = vec![
        "--content".into(),
        demo_content().into(),
        "--dist".into(),
        fake_dist(dir).into(),
        "--moderation-token".into(),
        EDITOR_TOKEN.into(),
        "--mail-outbox".into(),
        dir.join("outbox").into(),
    ];
    args.extend(extra.iter().map(OsString::from));
    (0..2)
        .map(|i| {
            let mut args = args.clone();
            args.extend(store_flags(dir, i, url));
            Instance::start(free_port(), args, dir.join(format!("instance{i}.log")))
        })
        .collect()
}

async fn post(client: &reqwest::Client, base: &str, key: &str, body: &str) -> Option<u16> {
    let res = client
        .post(format!("{base}{COMMENTS}"))
        .json(&serde_json::json!({"name": "Load Test", "body": body, "key": key}))
        .send()
        .await
        .ok()?;
    Some(res.status().as_u16())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_comment_rate_limit_holds_across_instances() {
    let dir = tempfile::tempdir().unwrap();
    let fleet = instances(dir.path(), &["--comment-limit", "5"]);
    let client = reqwest::Client::new();
    let mut answers = Vec::new();
    for i in 0..10 {
        let base = fleet[i % 2].base();
        let status = post(
            &client,
            &base,
            &format!("limit-key-{i:04}"),
            &format!("Post {i} of a reader who posts too much."),
        )
        .await;
        answers.push(status.expect("the instance answers"));
    }
    assert_eq!(
        answers,
        [202, 202, 202, 202, 202, 429, 429, 429, 429, 429],
        "five posts in the window, whichever instance took them"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_posts_over_two_instances_one_killed_and_restarted_are_each_stored_once() {
    const POSTS: usize = 2000;
    let dir = tempfile::tempdir().unwrap();
    let fleet = instances(dir.path(), &["--comment-limit", "100000"]);
    let bases: Arc<Vec<String>> = Arc::new(fleet.iter().map(|i| i.base()).collect());
    let fleet = Arc::new(std::sync::Mutex::new(fleet));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    // A quarter of the way in, instance 0 dies with posts in flight (SIGKILL) and is started again.
    let killer = {
        let (next, fleet) = (next.clone(), fleet.clone());
        tokio::spawn(async move {
            while next.load(Ordering::SeqCst) < POSTS / 4 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            let fleet = fleet.clone();
            tokio::task::spawn_blocking(move || {
                let mut fleet = fleet.lock().unwrap();
                fleet[0].kill();
                std::thread::sleep(Duration::from_millis(300));
                fleet[0].restart();
            })
            .await
            .unwrap();
        })
    };
    // Sixteen readers post at once, to the instances in turn; a post that gets no 2xx is sent again with the
    // same key to the other instance, as a client behind a load balancer would retry.
    let mut readers = Vec::new();
    for _ in 0..16 {
        let (client, bases, next) = (client.clone(), bases.clone(), next.clone());
        readers.push(tokio::spawn(async move {
            let (mut accepted, mut retries) = (Vec::new(), 0);
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= POSTS {
                    return (accepted, retries);
                }
                let key = format!("load-key-{i:05}");
                let body = format!("Load test post number {i}.");
                let mut attempt = 0;
                loop {
                    let base = &bases[(i + attempt) % 2];
                    if let Some(status) = post(&client, base, &key, &body).await {
                        if (200..300).contains(&status) {
                            accepted.push(body);
                            break;
                        }
                    }
                    attempt += 1;
                    retries += 1;
                    assert!(attempt < 100, "post {i} was never taken");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }));
    }
    let (mut accepted, mut retries) = (Vec::new(), 0);
    for r in readers {
        let (a, r) = r.await.unwrap();
        accepted.extend(a);
        retries += r;
    }
    killer.await.unwrap();
    assert_eq!(accepted.len(), POSTS);
    assert!(retries > 0, "the kill came with no post in flight");

    // What the editors see: every accepted post, each once.
    let list: serde_json::Value = client
        .get(format!(
            "{}/api/v1/moderation/comments?status=pending",
            bases[1]
        ))
        .bearer_auth(EDITOR_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut stored: HashMap<String, usize> = HashMap::new();
    for c in list["comments"].as_array().expect("a list of comments") {
        *stored
            .entry(c["body"].as_str().unwrap_or_default().to_string())
            .or_default() += 1;
    }
    let missing: Vec<&String> = accepted
        .iter()
        .filter(|b| !stored.contains_key(*b))
        .collect();
    assert!(missing.is_empty(), "{} accepted posts lost", missing.len());
    let twice: Vec<(&String, &usize)> = stored.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "stored more than once: {twice:?}");
    assert_eq!(stored.len(), POSTS);
}

/// The demo's weekly edition: the week to Friday 27 November 2026 has articles.
const EDITION_DATE: &str = "2026-11-27";

#[test]
fn mail_goes_once_however_many_machines_deliver_it() {
    const SUBSCRIBERS: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let url = common::postgres::database_for_tests();
    let port = free_port();
    let sink = Sink::start(port, None);
    let smtp = format!("smtp://127.0.0.1:{port}");
    // Two serving instances, each delivering the queue every second...
    let _fleet = instances_on(dir.path(), url.as_deref(), &["--smtp-url", &smtp]);
    let store = match &url {
        Some(url) => broadsheet_server::Db::connect(url).unwrap(),
        None => broadsheet_server::Db::open(&dir.path().join("site.db")).unwrap(),
    };
    common::weekly_subscribers(&store, SUBSCRIBERS);
    // ...and an editor on each of two more machines sends the week's edition at the same moment.
    let editors: Vec<std::process::Child> = (2..4)
        .map(|i| {
            Command::new(BIN)
                .args(store_flags(dir.path(), i, url.as_deref()))
                .args(["--smtp-url", &smtp, "newsletter", "send"])
                .args(["--edition", "weekly", "--date", EDITION_DATE])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for editor in editors {
        let out = editor.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "newsletter send: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Whoever sent what, the edition is out when each command ends.
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(&format!("{SUBSCRIBERS} sent")),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // The instances' timers keep trying for another two seconds: they find nothing left to send.
    std::thread::sleep(Duration::from_secs(2));
    let mail = sink.wait_for(SUBSCRIBERS, 10);
    let mut recipients: Vec<String> = mail
        .iter()
        .map(|m| {
            mail_parser::MessageParser::default()
                .parse(m)
                .and_then(|m| m.header_raw("To").map(|t| t.trim().to_string()))
                .expect("a To header")
        })
        .collect();
    assert_eq!(recipients.len(), SUBSCRIBERS, "no message went twice");
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), SUBSCRIBERS, "every subscriber, each once");
}

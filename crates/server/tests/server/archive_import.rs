//! A whole archive written at once, as a newsroom's first import or CMS sync is: every listing's total stays
//! exact. On PostgreSQL a write of `RECOUNT_FROM` articles or more counts each section once, at its end, instead of
//! row by row (`db::write::apply`, migration V7); this suite runs on both stores in CI.

use std::path::Path;
use std::process::Command;

use crate::common::{demo_article_count, fleet::content_copy, get_json, start_with};

/// More articles in one write than the write path counts row by row on PostgreSQL (`RECOUNT_FROM`, 500).
const COPIES: usize = 600;
const TEMPLATE: &str = "articles/transport/can-demand-responsive-buses-save-rural-routes.md";

/// Writes `n` copies of a demo article into the transport section, each under its own slug (`archive-{i}`).
fn add_copies(content: &Path, n: usize) {
    let article = std::fs::read_to_string(content.join(TEMPLATE)).unwrap();
    for i in 0..n {
        let path = content.join(format!("articles/transport/archive-{i}.md"));
        std::fs::write(path, &article).unwrap();
    }
}

async fn transport_total(base: &str) -> u64 {
    let (status, page) = get_json(&format!("{base}/api/v1/sections/transport?page=1")).await;
    assert_eq!(status, 200, "{page}");
    page["meta"]["total"].as_u64().unwrap()
}

#[tokio::test]
async fn an_archive_written_at_once_keeps_the_section_totals_exact() {
    let dir = tempfile::tempdir().unwrap();
    let content = content_copy(dir.path());
    add_copies(&content, COPIES);
    let for_server = content.clone();
    let s = start_with(move |mut c| {
        c.content = for_server;
        c
    })
    .await;
    let demo = demo_article_count(Some("transport"));
    assert_eq!(transport_total(&s.base).await, demo + COPIES as u64);

    // A hundred copies removed at the source: the next import (one write of every article again) removes them.
    for i in 0..100 {
        std::fs::remove_file(content.join(format!("articles/transport/archive-{i}.md"))).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
        .arg("import")
        .args(&s.store_args)
        .arg("--content")
        .arg(&content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(transport_total(&s.base).await, demo + COPIES as u64 - 100);
}

//! `broadsheet-server live …`: editors write to a live blog at a terminal, through the same write path as the
//! API (`db::write::live::edit`). A post's text is Markdown on standard input. A change purges the article's and
//! the blog's keys at `--purge-url`.

use std::io::Read;

use broadsheet_content::live::LiveStatus;
use broadsheet_server::cache::Purger;
use broadsheet_server::config::LiveAction;
use broadsheet_server::Config;
use broadsheet_store::db::write::live::{edit, Change, Edited};

pub async fn run(config: Config, action: LiveAction) -> Result<(), String> {
    let config = super::without_import(config);
    let purger = Purger::new(&config.purge_url)?;
    let (blog, change) = change_of(action)?;
    let (section, slug) = blog
        .trim_matches('/')
        .split_once('/')
        .ok_or_else(|| format!("`{blog}` is not a blog's address: give it as section/slug"))?;
    let db = broadsheet_server::prepare(&config)?;
    let now = broadsheet_store::db::write::live::now();
    let done = db
        .with_conn(|c| edit(c, section, slug, &change, &now))
        .map_err(|e| e.to_string())?;
    let purge = match done {
        Edited::Done { id, seq, purge } => {
            match id {
                Some(id) => println!("post {id}: done (change {seq})"),
                None => println!("done (change {seq})"),
            }
            purge
        }
        Edited::NoBlog => return Err(format!("there is no live blog at /{section}/{slug}")),
        Edited::NoPost => return Err(format!("/{section}/{slug} has no such post")),
    };
    let purged = purger.purge(&purge).await;
    purger.settle().await;
    purged.map_err(|e| format!("purge failed: {}", e.join("; ")))
}

/// The blog's address and the change; a post's body is read from standard input.
fn change_of(action: LiveAction) -> Result<(String, Change), String> {
    Ok(match action {
        LiveAction::Post {
            blog,
            title,
            key_event,
        } => {
            let body = body()?;
            (
                blog,
                Change::Post {
                    title,
                    body,
                    key_event,
                },
            )
        }
        LiveAction::Edit {
            blog,
            id,
            title,
            key_event,
        } => {
            let body = body()?;
            (
                blog,
                Change::Edit {
                    id,
                    title,
                    body,
                    key_event,
                },
            )
        }
        LiveAction::Delete { blog, id } => (blog, Change::Delete { id }),
        LiveAction::Pin { blog, id } => (blog, Change::Pin { id }),
        LiveAction::End { blog } => (
            blog,
            Change::Status {
                status: LiveStatus::Ended,
            },
        ),
        LiveAction::Reopen { blog } => (
            blog,
            Change::Status {
                status: LiveStatus::Live,
            },
        ),
    })
}

/// Standard input's Markdown as blocks; what its reading changed is printed.
fn body() -> Result<Vec<broadsheet_content::Block>, String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the post from standard input: {e}"))?;
    if text.trim().is_empty() {
        return Err("the post's text (Markdown on standard input) is empty".into());
    }
    let (blocks, notes) = broadsheet_sources::markdown::body_to_blocks(&text)
        .map_err(|e| format!("line {}: {}", e.line, e.message))?;
    for n in notes {
        eprintln!("line {}: {}", n.line, n.message);
    }
    Ok(blocks)
}

//! `broadsheet-server comments …`: editors moderate at a terminal. A change purges the article's key at
//! `--purge-url`.

use broadsheet_content::CommentStatus;
use broadsheet_server::cache::{keys, Keys, Purger};
use broadsheet_server::config::CommentsAction;
use broadsheet_server::Config;
use broadsheet_store::db::comments;
use broadsheet_store::Db;

pub async fn run(config: Config, action: CommentsAction) -> Result<(), String> {
    let config = super::without_import(config);
    let purger = Purger::new(&config.purge_url)?;
    let db = broadsheet_server::prepare(&config)?;
    let (id, status) = match action {
        CommentsAction::List { status } => return list(&db, &status),
        CommentsAction::Delete { id } => (id, None),
        CommentsAction::Approve { id } => (id, Some(CommentStatus::Published)),
        CommentsAction::Reject { id } => (id, Some(CommentStatus::Rejected)),
    };
    let now = comments::now();
    let done = db
        .with_conn(|c| {
            let Some(article) = comments::article_of(c, id)? else {
                return Ok(None);
            };
            match status {
                Some(status) => comments::set_status(c, id, status, &now)?,
                None => comments::delete(c, id)?,
            };
            Ok(Some(article))
        })
        .map_err(|e| e.to_string())?;
    let Some((section, slug)) = done else {
        return Err(format!("there is no comment #{id}"));
    };
    match status {
        Some(status) => println!("comment #{id} is now {}", status.as_str()),
        None => println!("comment #{id} deleted"),
    }
    let purged = purger
        .purge(&Keys::of([keys::article(&section, &slug)]))
        .await;
    purger.settle().await;
    purged.map_err(|e| format!("purge failed: {}", e.join("; ")))
}

/// Prints the comments in `status` (pending, published or rejected), oldest first.
fn list(db: &Db, status: &str) -> Result<(), String> {
    let status =
        CommentStatus::parse(status).ok_or("--status must be pending, published or rejected")?;
    let list = db
        .with_conn(|c| comments::list(c, status))
        .map_err(|e| e.to_string())?;
    for c in &list {
        println!(
            "#{} {} on {} ({})\n  {}\n",
            c.id,
            c.author,
            c.article,
            c.posted,
            c.body.replace('\n', "\n  ")
        );
    }
    println!("{} {} comment(s)", list.len(), status.as_str());
    Ok(())
}

//! No import circles: within each crate of the workspace, no module uses a module that uses it back, directly or
//! through others. Cargo already forbids circles between crates; this holds the modules inside one to the same
//! rule. A module reaching into its own descendants (`mod x; use x::Y;`, a facade re-exporting its parts) is the
//! module tree itself and is not counted; every other `crate::`, `super::` and `self::` path is an edge to the
//! deepest module it names. Unit tests (`#[cfg(test)] mod tests`) are left out: they may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates checked: their `src` folders, from this crate's manifest directory.
const CRATES: [&str; 7] = [
    "../../src",
    "../content/src",
    "../views/src",
    "../store/src",
    "../sources/src",
    "../newsletter/src",
    "src",
];

/// Each module of a crate (`crate`, `crate::db`, `crate::db::sql`) with its file's text, unit tests cut off.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Some(name) = module_name(src, &path) {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let text = match text.find("#[cfg(test)]\nmod tests") {
                        Some(at) => text[..at].to_string(),
                        None => text,
                    };
                    out.insert(name, text);
                }
            }
        }
    }
    out
}

/// `src/db/sql.rs` → `crate::db::sql`; `src/db/mod.rs` → `crate::db`; `lib.rs` → `crate`. Binaries' entry
/// points (`main.rs`, `bin/`) and the binary's own modules under `cli/` are their own crates and left out.
fn module_name(src: &Path, file: &Path) -> Option<String> {
    let rel: PathBuf = file.strip_prefix(src).ok()?.with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.first().map(String::as_str),
        Some("main" | "bin" | "cli")
    ) {
        return None;
    }
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    Some(
        std::iter::once("crate".to_string())
            .chain(parts)
            .collect::<Vec<_>>()
            .join("::"),
    )
}

/// Every path a file names: `use` trees expanded (`use crate::{a, b::{c, d}}`) and paths in code.
fn paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_start();
        let Some(tree) = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
        else {
            continue;
        };
        let mut statement = tree.to_string();
        while !statement.contains(';') {
            match lines.next() {
                Some(more) => statement.push_str(more),
                None => break,
            }
        }
        let statement = statement.split(';').next().unwrap_or("");
        // Aliases (`x as y`) name no module: dropped before the spaces go.
        let mut words = statement.split_whitespace().peekable();
        let mut tree = String::new();
        while let Some(word) = words.next() {
            if word == "as" {
                let alias = words.next().unwrap_or("");
                tree.push_str(alias.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_'));
            } else {
                tree.push_str(word);
            }
        }
        expand("", &tree, &mut out);
    }
    let bytes = text.as_bytes();
    for prefix in ["crate::", "super::", "self::"] {
        for (at, _) in text.match_indices(prefix) {
            if at > 0
                && (bytes[at - 1].is_ascii_alphanumeric()
                    || bytes[at - 1] == b'_'
                    || bytes[at - 1] == b':')
            {
                continue;
            }
            let tail: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(tail);
        }
    }
    out
}

/// Expands a `use` tree (spaces removed) under `base` into whole paths.
fn expand(base: &str, tree: &str, out: &mut Vec<String>) {
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}::{b}")
        }
    };
    match tree.find('{') {
        None => out.push(join(base, tree)),
        Some(open) => {
            let head = tree[..open].trim_end_matches("::");
            let close = tree.rfind('}').filter(|c| *c > open).unwrap_or(tree.len());
            let inner = &tree[open + 1..close];
            let (mut depth, mut from) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&join(base, head), &inner[from..i], out);
                        from = i + 1;
                    }
                    _ => {}
                }
            }
            if from < inner.len() {
                expand(&join(base, head), &inner[from..], out);
            }
        }
    }
}

/// The module `path` (as written in module `from`) names: the deepest known module it starts with.
fn resolve(from: &str, path: &str, known: &BTreeMap<String, String>) -> Option<String> {
    let mut segments: Vec<&str> = from.split("::").collect();
    let mut parts = path.split("::").filter(|p| !p.is_empty()).peekable();
    match parts.peek() {
        Some(&"crate") => {
            segments = vec!["crate"];
            parts.next();
        }
        Some(&"self") => {
            parts.next();
        }
        Some(&"super") => {
            while parts.peek() == Some(&"super") {
                parts.next();
                segments.pop();
            }
        }
        _ => return None,
    }
    let mut best = segments.join("::");
    for part in parts {
        segments.push(part);
        let candidate = segments.join("::");
        if known.contains_key(&candidate) {
            best = candidate;
        } else {
            break;
        }
    }
    known.contains_key(&best).then_some(best)
}

/// The edges `module → module it uses`, less a module's uses of itself and of its descendants.
fn edges(known: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in known {
        for path in paths(text) {
            if let Some(to) = resolve(module, &path, known) {
                let descendant = to == *module || to.starts_with(&format!("{module}::"));
                if !descendant {
                    out.entry(module.clone()).or_default().insert(to);
                }
            }
        }
    }
    out
}

/// A circle in `graph`, as the modules around it, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            return Some(
                path[at..]
                    .iter()
                    .cloned()
                    .chain([node.to_string()])
                    .collect(),
            );
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_uses_a_module_that_uses_it_back() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for src in CRATES {
        let known = modules(&here.join(src));
        assert!(known.len() > 3, "{src}: no modules found");
        if let Some(c) = circle(&edges(&known)) {
            found.push(format!("{src}: {}", c.join(" → ")));
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_a_circle_and_follows_use_trees() {
    let known: BTreeMap<String, String> = [
        ("crate", "pub mod a; pub mod b;"),
        ("crate::a", "use crate::{b::{self, Thing}, Other};"),
        ("crate::b", "fn f() { super::a::g() }"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let graph = edges(&known);
    assert_eq!(
        graph["crate::a"],
        BTreeSet::from(["crate".to_string(), "crate::b".to_string()])
    );
    assert_eq!(
        circle(&graph),
        Some(vec![
            "crate::a".to_string(),
            "crate::b".to_string(),
            "crate::a".to_string()
        ])
    );
    let mut broken = known.clone();
    broken.insert("crate::b".into(), "fn f() {}".into());
    assert_eq!(circle(&edges(&broken)), None);
}

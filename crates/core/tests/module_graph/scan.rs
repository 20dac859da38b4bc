//! Reads Rust sources for the modules they name: `crate::x…`, `crate::{x…, y…}` and `super::x…`
//! resolved against the file's place in the module tree. Comments, string and char literals and
//! `#[cfg(test)]` items are removed first, so only the code the crate ships is counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// (from module, to module) → the files (relative to `src/`) where `from` names `to`.
pub type Edges = BTreeMap<(String, String), BTreeSet<String>>;

/// Every edge between different top-level modules of the crate whose sources are in `src`.
pub fn module_edges(src: &Path) -> Edges {
    let mut files = Vec::new();
    collect_rust_files(src, &mut files);
    let modules: Vec<(Vec<String>, String, String)> = files
        .iter()
        .filter(|file| !file.to_string_lossy().ends_with("_tests.rs"))
        .map(|file| {
            let relative = file.strip_prefix(src).expect("file under src");
            let code = std::fs::read_to_string(file).expect("readable source file");
            let shown = relative.to_string_lossy().replace('\\', "/");
            (module_path(relative), shown, code)
        })
        .filter(|(path, _, _)| !path.is_empty())
        .collect();
    let top_level: BTreeSet<&str> = modules
        .iter()
        .map(|(path, _, _)| path[0].as_str())
        .collect();
    let mut edges = Edges::new();
    for (path, shown, code) in &modules {
        let from = &path[0];
        for to in named_modules(code, path) {
            if &to != from && top_level.contains(to.as_str()) {
                let files = edges.entry((from.clone(), to)).or_default();
                files.insert(shown.clone());
            }
        }
    }
    edges
}

fn collect_rust_files(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let entries = std::fs::read_dir(dir).expect("readable source directory");
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

/// `engine/demo.rs` → `[engine, demo]`, `engine/mod.rs` → `[engine]`, `lib.rs` → `[]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut path: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if path.last().is_some_and(|last| last == "mod") || path == ["lib"] {
        path.pop();
    }
    path
}

/// The top-level modules that `code` (a file at module path `file`) names outside test code.
pub fn named_modules(code: &str, file: &[String]) -> BTreeSet<String> {
    let code = without_test_items(&without_comments_and_literals(code));
    let tokens = tokens(&code);
    let mut named = BTreeSet::new();
    let at = |index: usize| tokens.get(index).map(String::as_str).unwrap_or("");
    for index in 0..tokens.len() {
        if at(index) == "crate"
            && at(index + 1) == "::"
            && index.checked_sub(1).map(at) != Some("$")
        {
            path_heads(&tokens, index + 2, &mut named);
        }
        if at(index) == "super" && index.checked_sub(1).map(at) != Some("::") {
            let mut next = index;
            while at(next) == "super" && at(next + 1) == "::" {
                next += 2;
            }
            let levels = (next - index) / 2;
            // Going up to the crate root: what follows is a top-level module.
            if levels > 0 && levels == file.len() {
                path_heads(&tokens, next, &mut named);
            }
        }
    }
    named
}

/// The first segment of the path starting at `start`, or of each path of a `{a::b, c}` group.
fn path_heads(tokens: &[String], start: usize, named: &mut BTreeSet<String>) {
    let is_name = |token: &str| {
        token.starts_with(|c: char| c.is_alphabetic() || c == '_')
            && !matches!(token, "self" | "super" | "crate")
    };
    match tokens.get(start).map(String::as_str) {
        Some("{") => {
            let (mut depth, mut expect_head) = (0usize, true);
            for token in &tokens[start..] {
                match token.as_str() {
                    "{" => depth += 1,
                    "}" if depth == 1 => break,
                    "}" => depth -= 1,
                    "," if depth == 1 => expect_head = true,
                    name if depth == 1 && expect_head && is_name(name) => {
                        named.insert(name.to_string());
                        expect_head = false;
                    }
                    _ => {}
                }
            }
        }
        Some(name) if is_name(name) => {
            named.insert(name.to_string());
        }
        _ => {}
    }
}

/// Identifiers, `::`, and every other non-space character as its own token.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c.is_alphanumeric() || c == '_' {
            let start = index;
            while index < chars.len() && (chars[index].is_alphanumeric() || chars[index] == '_') {
                index += 1;
            }
            tokens.push(chars[start..index].iter().collect());
            continue;
        }
        if c == ':' && chars.get(index + 1) == Some(&':') {
            tokens.push("::".to_string());
            index += 2;
            continue;
        }
        if !c.is_whitespace() {
            tokens.push(c.to_string());
        }
        index += 1;
    }
    tokens
}

/// Drops each item marked `#[cfg(test)]`: up to its `;`, or through its balanced `{ … }` block.
fn without_test_items(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut kept = String::new();
    let mut rest = code;
    while let Some(found) = rest.find(MARK) {
        kept.push_str(&rest[..found]);
        let item = &rest[found + MARK.len()..];
        let end = match item.find(['{', ';']) {
            Some(open) if item[open..].starts_with('{') => {
                let mut depth = 0usize;
                let mut close = item.len();
                for (offset, c) in item[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                close = open + offset + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                close
            }
            Some(semicolon) => semicolon + 1,
            None => item.len(),
        };
        rest = &item[end..];
    }
    kept.push_str(rest);
    kept
}

/// The code with comments removed and every string or char literal emptied (lifetimes kept).
fn without_comments_and_literals(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut kept = String::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let next = chars.get(index + 1).copied();
        if c == '/' && next == Some('/') {
            while index < chars.len() && chars[index] != '\n' {
                index += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while index < chars.len() {
                if chars[index] == '/' && chars.get(index + 1) == Some(&'*') {
                    depth += 1;
                    index += 2;
                } else if chars[index] == '*' && chars.get(index + 1) == Some(&'/') {
                    depth -= 1;
                    index += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    index += 1;
                }
            }
        } else if c == 'r' && !prefix_taken(&chars, index) && raw_string_at(&chars, index) {
            let hashes = chars[index + 1..].iter().take_while(|&&c| c == '#').count();
            index += 2 + hashes;
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while index < chars.len() && !chars[index..].starts_with(&closing) {
                index += 1;
            }
            index += closing.len();
            kept.push_str("\"\"");
        } else if c == '"' {
            index += 1;
            while index < chars.len() && chars[index] != '"' {
                index += if chars[index] == '\\' { 2 } else { 1 };
            }
            index += 1;
            kept.push_str("\"\"");
        } else if c == '\'' && !prefix_taken(&chars, index) {
            if next == Some('\\') {
                index += 2;
                while index < chars.len() && chars[index] != '\'' {
                    index += 1;
                }
                index += 1;
                kept.push_str("' '");
            } else if chars.get(index + 2) == Some(&'\'') {
                index += 3;
                kept.push_str("' '");
            } else {
                kept.push(c);
                index += 1;
            }
        } else {
            kept.push(c);
            index += 1;
        }
    }
    kept
}

/// True when the character at `index` ends a longer identifier (`for`, `bar`, `x'`), so no raw
/// string or char literal starts there (a lone `b`/`c` prefix, as in `b'x'` or `br"…"`, is fine).
fn prefix_taken(chars: &[char], index: usize) -> bool {
    let before = |back: usize| index.checked_sub(back).and_then(|i| chars.get(i));
    let ident = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    match before(1) {
        Some('b') | Some('c') => ident(before(2)),
        other => ident(other),
    }
}

/// True when `r"` or `r#…#"` starts at `index`.
fn raw_string_at(chars: &[char], index: usize) -> bool {
    let hashes = chars[index + 1..].iter().take_while(|&&c| c == '#').count();
    chars.get(index + 1 + hashes) == Some(&'"')
}

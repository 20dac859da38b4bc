//! No circles between the core's top-level modules.
//!
//! Reads `crates/core/src/**/*.rs`, collects every `crate::x…` and `super::x…` path outside test
//! code (`#[cfg(test)]` items and `*_tests.rs` files are skipped: tests may reach anywhere), builds
//! the graph "module A names module B" between the top-level modules of the crate, and fails
//! listing each strongly connected component of more than one module, with the files that close it.
//! `scripts/module-cycles.sh` runs this test and prints the graph.

#[path = "module_graph/scan.rs"]
mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module name → modules it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The strongly connected components of more than one node (Tarjan), each sorted, in name order.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        next_index: usize,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, node: &'g str) {
            self.index.insert(node, self.next_index);
            self.low.insert(node, self.next_index);
            self.next_index += 1;
            self.stack.push(node);
            self.on_stack.insert(node);
            for target in self.graph.get(node).into_iter().flatten() {
                let target = target.as_str();
                if !self.index.contains_key(target) {
                    self.visit(target);
                    let lowest = self.low[node].min(self.low[target]);
                    self.low.insert(node, lowest);
                } else if self.on_stack.contains(target) {
                    let lowest = self.low[node].min(self.index[target]);
                    self.low.insert(node, lowest);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    component.push(member.to_string());
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        next_index: 0,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    let nodes: BTreeSet<&str> = graph
        .iter()
        .flat_map(|(from, targets)| std::iter::once(from).chain(targets))
        .map(String::as_str)
        .collect();
    for node in nodes {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.found.sort();
    walk.found
}

#[test]
fn core_modules_import_each_other_in_no_circle() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = scan::module_edges(&source);
    let engine_uses_store = ("engine".to_string(), "store".to_string());
    assert!(
        edges.len() > 5 && edges.contains_key(&engine_uses_store),
        "the scan of {} missed imports it must see: the scanner is broken",
        source.display()
    );
    let mut graph = Graph::new();
    for (from, to) in edges.keys() {
        graph.entry(from.clone()).or_default().insert(to.clone());
    }
    println!("Module graph of crates/core (A -> modules A names):");
    for (from, targets) in &graph {
        let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
        println!("  {from} -> {}", targets.join(", "));
    }
    let found = cycles(&graph);
    println!("Module cycles: {}", found.len());
    let mut report = String::new();
    for component in &found {
        report.push_str(&format!("\ncycle: {}\n", component.join(", ")));
        for ((from, to), files) in &edges {
            if component.contains(from) && component.contains(to) {
                let files: Vec<&str> = files.iter().map(String::as_str).collect();
                report.push_str(&format!("  {from} -> {to}  ({})\n", files.join(", ")));
            }
        }
    }
    println!("{report}");
    assert!(
        found.is_empty(),
        "core modules import each other in a circle:{report}"
    );
}

fn graph_of(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string());
    }
    graph
}

#[test]
fn cycle_finder_reports_each_circle_once_and_ignores_chains() {
    let graph = graph_of(&[
        ("store", "sync"),
        ("sync", "settings"),
        ("settings", "store"),
        ("events", "notify"),
        ("notify", "events"),
        ("engine", "store"),
        ("engine", "events"),
        ("store", "error"),
        ("model", "error"),
    ]);
    assert_eq!(
        cycles(&graph),
        vec![
            vec!["events".to_string(), "notify".to_string()],
            vec![
                "settings".to_string(),
                "store".to_string(),
                "sync".to_string()
            ],
        ]
    );
    let chain = graph_of(&[("engine", "store"), ("store", "model"), ("engine", "model")]);
    assert!(cycles(&chain).is_empty());
}

#[test]
fn scanner_reads_crate_grouped_and_super_paths_but_not_comments_strings_or_tests() {
    let code = r##"
        use crate::store::Store;
        use crate::{model::JobType, events};
        use super::clock::now;
        // use crate::commented::Out;
        /* crate::blocked::Out */
        const SQL: &str = "crate::quoted::Out";
        const RAW: &str = r#"crate::raw::Out "quoted""#;
        const QUOTE: char = '"';
        fn f<'a>(x: &'a str) -> crate::error::EngineResult<()> { let _ = x; }
        #[cfg(test)]
        mod tests { use crate::sync::diff; }
    "##;
    let named = scan::named_modules(code, &["engine".to_string()]);
    let expected: BTreeSet<String> = ["clock", "error", "events", "model", "store"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(named, expected);
    // One level deeper, `super::` stays inside the file's own top-level module.
    let nested = scan::named_modules("use super::clock::now;", &["engine".into(), "demo".into()]);
    assert!(nested.is_empty(), "{nested:?}");
}

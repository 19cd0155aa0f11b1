//! Helpers shared by the integration tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use serde_json::Value;

/// The path of the team's seed matrix, beside the project.
pub const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/seed/Product_Quality_Flow_Coverage_Matrix_v1.md"
);

/// The seed's text, or `None` (with a note) where it is absent.
pub fn seed() -> Option<String> {
    match std::fs::read_to_string(SEED) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("note: the seed matrix is absent; skipping");
            None
        }
    }
}

/// The model as JSON without byte offsets (`start`, `end`), with every `cells` and
/// `columns` list sorted by header, so two models that differ only in line endings
/// compare equal. Lines and columns stay: they must not change with line endings.
pub fn semantic(matrix: &flowready::Matrix) -> Value {
    semantic_with(matrix, false)
}

/// [`semantic`], also dropping `column` numbers and the flow `table` span when
/// `drop_columns` (reordering columns moves cells sideways).
pub fn semantic_with(matrix: &flowready::Matrix, drop_columns: bool) -> Value {
    let mut v = serde_json::to_value(matrix).unwrap();
    scrub(&mut v, drop_columns);
    v
}

fn scrub(v: &mut Value, drop_columns: bool) {
    match v {
        Value::Object(map) => {
            map.remove("start");
            map.remove("end");
            if drop_columns && map.get("column").is_some_and(Value::is_number) {
                map.remove("column");
            }
            for (key, child) in map.iter_mut() {
                scrub(child, drop_columns);
                if key == "cells" || key == "columns" {
                    if let Value::Array(items) = child {
                        items.sort_by_key(|c| {
                            c.get("header")
                                .or_else(|| c.get("column"))
                                .map(|x| x.to_string())
                                .unwrap_or_default()
                        });
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| scrub(c, drop_columns)),
        _ => {}
    }
}

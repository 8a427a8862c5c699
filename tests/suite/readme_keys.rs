//! The README's key table is the reader's default key table: generated from it here, and the
//! README must hold it as generated (copy it from the failure message after a change).

use newsdesk::app::{key_label, KeyMap, Scope};
use newsdesk::strings::EN;

/// The table as Markdown: where, the action's config name, its keys, what it does.
fn keys_table() -> String {
    let mut table = String::from("| where | action (`[keys]`) | keys | what it does |\n|---|---|---|---|\n");
    let map = KeyMap::default();
    // In the help overlay's order: by scope, the most general first.
    let rows = Scope::ALL
        .into_iter()
        .flat_map(|scope| map.rows().filter(move |(binding, _)| binding.scope == scope));
    for (binding, keys) in rows {
        let keys: Vec<String> = keys.iter().map(|key| format!("`{}`", key_label(key))).collect();
        let help = (binding.help)(&EN).replace('|', "\\|");
        table.push_str(&format!(
            "| {} | `{}` | {} | {help} |\n",
            binding.scope.title(&EN),
            binding.name,
            keys.join(" ")
        ));
    }
    table
}

#[test]
fn the_readme_shows_the_default_key_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = keys_table();
    assert!(readme.contains(&table), "README.md should hold the key table as the reader has it:\n\n{table}");
}

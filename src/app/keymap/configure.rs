//! The config's `[keys]` over the default table. A key the file gives an action is taken from
//! every other action a focus would look it up for too (overlapping scopes), unless the file
//! names that action as well; re-stating a default takes nothing. A key the file gives two
//! actions whose scopes clash (one would never be reached) is bound twice: an error.

use super::{action_names, KeyMap, Scope, BINDINGS};
use crate::config::{key_label, Key, KeySetting, Position, Problem};
use crate::strings::{fill, Strings};

/// The scopes an action name's rows are in.
fn scopes_of(name: &str) -> Vec<Scope> {
    BINDINGS.iter().filter(|binding| binding.name == name).map(|binding| binding.scope).collect()
}

/// Whether a scope of action `a` and one of action `b` `meet`.
fn names_meet(a: &str, b: &str, meet: fn(Scope, Scope) -> bool) -> bool {
    let theirs = scopes_of(b);
    scopes_of(a).into_iter().any(|scope| theirs.iter().any(|other| meet(scope, *other)))
}

impl KeyMap {
    /// The default table with `settings` laid over it, or every problem found.
    pub fn configure(settings: &[KeySetting], t: &Strings) -> Result<KeyMap, Vec<Problem>> {
        let names = action_names();
        let mut problems = Vec::new();
        // (key, action, where) of every key the file gives, to find one bound twice.
        let mut given: Vec<(Key, &str, Position)> = Vec::new();
        for setting in settings {
            let Some(&name) = names.iter().find(|name| **name == setting.action) else {
                let known = names.join(", ");
                let message =
                    fill(t.config_unknown_action, &[("action", &setting.action), ("known", &known)]);
                problems.push(Problem { at: Some(setting.at), message });
                continue;
            };
            let typed_in_search = scopes_of(name).iter().any(|scope| scope.takes_text());
            for &(key, at) in &setting.keys {
                if typed_in_search && key.is_text() {
                    let message = fill(t.config_typed_key, &[("key", &key_label(&key)), ("action", &name)]);
                    problems.push(Problem { at: Some(at), message });
                }
                let clash = given.iter().find(|(other, owner, _)| {
                    *other == key && *owner != name && names_meet(name, owner, Scope::clashes)
                });
                if let Some((_, first, first_at)) = clash {
                    let args: [(&str, &dyn std::fmt::Display); 4] = [
                        ("key", &key_label(&key)),
                        ("first", first),
                        ("line", &first_at.line),
                        ("second", &name),
                    ];
                    problems.push(Problem { at: Some(at), message: fill(t.config_key_twice, &args) });
                }
                given.push((key, name, at));
            }
        }
        let mut map = KeyMap::default();
        let configured: Vec<&str> = settings.iter().map(|setting| setting.action.as_str()).collect();
        for setting in settings {
            let mut keys: Vec<Key> = Vec::new();
            for &(key, _) in &setting.keys {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            let defaults: Vec<Key> = map.keys_of(&setting.action).to_vec();
            for (row, binding) in BINDINGS.iter().enumerate() {
                if binding.name == setting.action {
                    map.keys[row] = keys.clone();
                } else if !configured.contains(&binding.name)
                    && names_meet(&setting.action, binding.name, Scope::overlaps)
                {
                    // Taken from the action that had it: only keys new to this action.
                    map.keys[row].retain(|key| !keys.contains(key) || defaults.contains(key));
                }
            }
        }
        problems.extend(map.shadowed_sequences(settings, t));
        if map.keys_of("quit").is_empty() {
            let at = settings.iter().find(|setting| setting.action == "quit").map(|setting| setting.at);
            let defaults = KeyMap::default();
            let taken = given
                .iter()
                .filter(|(key, ..)| defaults.keys_of("quit").contains(key))
                .max_by_key(|(.., at)| *at);
            let at = at.or_else(|| taken.map(|(_, _, at)| *at));
            problems.push(Problem { at, message: t.config_no_quit_key.to_string() });
        }
        match problems.is_empty() {
            true => Ok(map),
            false => Err(problems),
        }
    }
}

impl KeyMap {
    /// A sequence whose first key is also a key of its own where the sequence is looked up:
    /// the single key is taken first, so the sequence could never be typed.
    fn shadowed_sequences(&self, settings: &[KeySetting], t: &Strings) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (binding, keys) in self.rows() {
            for sequence in keys.iter().filter(|key| key.after.is_some()) {
                let first = sequence.first();
                let single = Key { code: first.code, modifiers: first.modifiers, after: None };
                let shadow = self
                    .rows()
                    .find(|(other, keys)| other.scope.overlaps(binding.scope) && keys.contains(&single));
                let Some((other, _)) = shadow else { continue };
                let at = settings.iter().find(|s| s.action == binding.name || s.action == other.name);
                let args: [(&str, &dyn std::fmt::Display); 4] = [
                    ("sequence", &key_label(sequence)),
                    ("action", &binding.name),
                    ("key", &key_label(&single)),
                    ("other", &other.name),
                ];
                let message = fill(t.config_sequence_shadowed, &args);
                if !problems.iter().any(|p: &Problem| p.message == message) {
                    problems.push(Problem { at: at.map(|s| s.at), message });
                }
            }
        }
        problems
    }
}

#[cfg(test)]
#[path = "configure_tests.rs"]
mod tests;

//! Every integration test, in one binary. Each test binary links all of tantivy, ratatui and the
//! parsers again: 22 of them filled CI's disk. Run one area with `cargo test --test suite tui_`.

mod support;

mod cli_notes;
mod cli_show_list;
mod cli_tool;
mod containers;
mod crash_recovery;
mod hostile_library;
mod html_extraction;
mod html_single_file;
mod index_busy;
mod index_faults;
mod index_fresh;
mod index_furniture;
mod index_incremental;
mod index_links;
mod index_query_props;
mod index_search;
mod index_stories;
mod index_watch;
mod page_dump_fidelity;
mod parse_properties;
mod parse_scaling;
mod reader_members;
mod reader_state;
mod readme_keys;
mod safety_fs;
mod safety_links;
mod safety_output;
mod samples;
mod saved_pages;
mod seed;
mod store_anchoring;
mod store_safety;
mod tui_app;
mod tui_handoff;
mod tui_hostile;
mod tui_loading;
mod tui_notes;
mod tui_preview;
mod tui_render;
mod tui_settings;
mod tui_snapshots;
mod tui_terminal;
mod tui_tmux;

use tantivy::schema::{Schema, STORED, STRING};
use tantivy::{doc, Index};

use super::*;

/// A searcher over segments of `sizes` documents (one commit each).
fn searcher_of(sizes: &[u32]) -> Searcher {
    let mut schema = Schema::builder();
    let name = schema.add_text_field("name", STRING | STORED);
    let index = Index::create_in_ram(schema.build());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for size in sizes {
        for doc in 0..*size {
            writer.add_document(doc!(name => doc.to_string())).unwrap();
        }
        writer.commit().unwrap();
    }
    index.reader().unwrap().searcher()
}

/// Stories over `sizes`: every third document alone (no story), the rest in stories of seven
/// consecutive documents, numbered from 1.
fn stories_of(sizes: &[u32]) -> Stories {
    let mut stories = Stories::default();
    let mut at = 0u64;
    for (segment, size) in sizes.iter().enumerate() {
        let mut ids = Vec::new();
        for doc in 0..*size {
            at += 1;
            let story = (!at.is_multiple_of(3)).then_some(1 + at / 7);
            if let Some(story) = story {
                stories
                    .members
                    .entry(story)
                    .or_insert_with(Vec::new)
                    .push(DocAddress::new(segment as u32, doc));
            }
            ids.push(story);
        }
        stories.ids.push(ids);
    }
    stories
}

fn every_address(searcher: &Searcher) -> Vec<DocAddress> {
    let segments = searcher.segment_readers().iter().enumerate();
    segments
        .flat_map(|(ord, segment)| (0..segment.max_doc()).map(move |doc| DocAddress::new(ord as u32, doc)))
        .collect()
}

/// Segments of several blocks, one block and less than one.
const SIZES: [u32; 3] = [BLOCK as u32 * 2 + 17, BLOCK as u32, 5];

#[test]
fn the_ids_read_alone_are_those_the_whole_file_holds() {
    let searcher = searcher_of(&SIZES);
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &searcher, &stories_of(&SIZES)).unwrap();
    let loaded = load(dir.path(), &searcher).expect("the whole file is trusted");
    let addresses = every_address(&searcher);
    let read = story_ids(dir.path(), &searcher, &addresses).expect("read alone, trusted");
    for address in &addresses {
        assert_eq!(read.get(address).copied(), loaded.story(*address), "{address:?}");
    }
    assert!(
        read.len() > addresses.len() / 2 && read.len() < addresses.len(),
        "alone documents have no story"
    );
    assert_eq!(loaded.members, stories_of(&SIZES).members);
    // A few, from the last block of the first segment and the last segment.
    let few = [DocAddress::new(0, BLOCK as u32 * 2 + 3), DocAddress::new(2, 4)];
    let read = story_ids(dir.path(), &searcher, &few).unwrap();
    assert_eq!(read.len(), few.iter().filter(|address| loaded.story(**address).is_some()).count());
}

#[test]
fn a_damaged_block_or_head_or_another_state_is_never_trusted() {
    let searcher = searcher_of(&SIZES);
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), &searcher, &stories_of(&SIZES)).unwrap();
    let path = dir.path().join(STORIES_FILE);
    let written = fs::read(&path).unwrap();
    let in_second_block = DocAddress::new(0, BLOCK as u32 + 9);
    let (block_start, _) = block_at(&SIZES, 0, 1);
    let damages = [
        ("the asked document's id", block_start as usize + 9 * 8),
        ("its block's seal", block_start as usize + BLOCK * 8),
        ("a segment's size in the head", 16 + 4),
        ("the head's seal", head_len(SIZES.len()) - 1),
        ("the state's key", 9),
    ];
    for (what, at) in damages {
        let mut damaged = written.clone();
        damaged[at] ^= 0x5a;
        fs::write(&path, &damaged).unwrap();
        assert_eq!(story_ids(dir.path(), &searcher, &[in_second_block]), None, "{what}");
        assert!(load(dir.path(), &searcher).is_none(), "{what}");
    }
    // Damage elsewhere is no part of what is read for this document; loading it whole tells.
    let mut damaged = written.clone();
    damaged[block_at(&SIZES, 1, 0).0 as usize] ^= 0x5a;
    fs::write(&path, &damaged).unwrap();
    assert!(story_ids(dir.path(), &searcher, &[in_second_block]).is_some());
    assert!(story_ids(dir.path(), &searcher, &[DocAddress::new(1, 0)]).is_none());
    assert!(load(dir.path(), &searcher).is_none());

    fs::write(&path, &written[..written.len() / 3]).unwrap();
    assert_eq!(story_ids(dir.path(), &searcher, &[DocAddress::new(2, 1)]), None, "cut short");

    // The first layout (the file sealed whole, no blocks) is not read as this one.
    let mut first_layout = written.clone();
    first_layout[..8].copy_from_slice(b"NDSTORY1");
    fs::write(&path, &first_layout).unwrap();
    assert_eq!(story_ids(dir.path(), &searcher, &[in_second_block]), None);

    // Another state: one more segment.
    fs::write(&path, &written).unwrap();
    let other = searcher_of(&[SIZES[0], SIZES[1], SIZES[2], 3]);
    assert_eq!(story_ids(dir.path(), &other, &[in_second_block]), None);
    // A document past its segment's end.
    assert_eq!(story_ids(dir.path(), &searcher, &[DocAddress::new(2, 5)]), None);
}

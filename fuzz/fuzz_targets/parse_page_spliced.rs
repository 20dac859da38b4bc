//! Fuzz target: edits spliced into the list page captured from the real site
//! (`captured/list.html`), so inputs get
//! past "layout not recognised" and into the row parsing.
//!
//! Input: byte 0 picks the page: one fixture row (`b % (rows + 1) < rows`) between the page's
//! real head and tail, or the whole page. Then up to 16 edits, each
//! `[pos: u16 LE][delete: u8][insert_len: u8][insert bytes]`: `pos` is scaled onto the page
//! length, `delete` bytes are removed there and the (lossy UTF-8) insert put in their place.
//! With no edit the page must parse. Only the list parser runs here (the login parser and the
//! login check are the `parse_page` target's), which doubles the rate.
#![no_main]

use fossa_fuzz::{check_list, fixture_page, floor_boundary, Bytes};
use libfuzzer_sys::fuzz_target;

const MAX_EDITS: usize = 16;

fuzz_target!(|data: &[u8]| {
    let split = fixture_page();
    let mut input = Bytes::new(data);
    let pick = usize::from(input.u8()) % (split.rows.len() + 1);
    let mut page = String::from(split.head);
    match split.rows.get(pick) {
        Some(row) => page.push_str(row),
        None => split.rows.iter().for_each(|row| page.push_str(row)),
    }
    page.push_str(split.tail);

    let mut edits = 0;
    while !input.is_empty() && edits < MAX_EDITS {
        let pos = usize::from(input.u16()) * page.len() / 0x1_0000;
        let delete = usize::from(input.u8());
        let insert_len = usize::from(input.u8());
        let insert = String::from_utf8_lossy(input.take(insert_len)).into_owned();
        let start = floor_boundary(&page, pos);
        let end = floor_boundary(&page, start + delete);
        page.replace_range(start..end, &insert);
        edits += 1;
    }

    let rows = check_list(&page);
    if edits == 0 {
        let expected = if pick < split.rows.len() {
            1
        } else {
            split.rows.len()
        };
        assert_eq!(rows, Some(expected), "the unedited fixture page must parse");
    }
});

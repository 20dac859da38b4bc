//! Fuzz target: arbitrary bytes, read as lossy UTF-8 HTML, through the page parser's three entry
//! points (`parse_work_order_list`, `parse_login_page`, `looks_like_login_page`). No panic, and
//! what a successful parse returns is well formed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    fossa_fuzz::check_page(&html);
});

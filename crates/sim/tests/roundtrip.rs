//! The sim's pages read back through `fossa_core`'s parser: parse(render(records)) == records.

mod common;

use common::*;
use fossa_core::workfossa::parser::{parse_login_page, parse_work_order_list};
use fossa_sim::{
    generate_work_orders, render_list_page, render_login_page, ListPageParams, BAD_CREDENTIALS,
    TECH_FILTER,
};
use url::Url;

#[test]
fn parse_of_render_gives_the_records_back() {
    let base = Url::parse("http://127.0.0.1:41234/").unwrap();
    for seed in [1, 2, 3, 17] {
        let records = generate_work_orders(seed, 120, &base);
        let html = render_list_page(&ListPageParams::single_page(&records));
        let page = parse_work_order_list(&html, &base).expect("sim page parses");
        assert_eq!(page.work_orders.len(), records.len());
        for (parsed, record) in page.work_orders.iter().zip(&records) {
            assert_eq!(parsed, record, "seed {seed}");
        }
        assert_eq!(page.pagination.next_page, None);
        assert_eq!(page.pagination.page_size, Some(100));
    }

    // A middle page of a paginated list: rows, next page, page size, summary.
    let records = generate_work_orders(4, 30, &base);
    let html = render_list_page(&ListPageParams {
        rows: &records[10..20],
        page: 2,
        limit: 10,
        total: 30,
        visit_filter: Some(TECH_FILTER),
        order_direction: Some("asc"),
        changed_layout: false,
    });
    let page = parse_work_order_list(&html, &base).unwrap();
    assert_eq!(page.work_orders, records[10..20]);
    assert_eq!(page.pagination.next_page, Some(3));
    assert_eq!(page.pagination.page_size, Some(10));
    assert_eq!(page.pagination.summary, Some((11, 20, 30)));

    // Empty state parses as zero orders; the changed layout must not parse.
    let empty = render_list_page(&ListPageParams::single_page(&[]));
    assert!(parse_work_order_list(&empty, &base)
        .unwrap()
        .work_orders
        .is_empty());
    let mut changed = ListPageParams::single_page(&records);
    changed.changed_layout = true;
    assert!(parse_work_order_list(&render_list_page(&changed), &base).is_err());

    let login = parse_login_page(&render_login_page(&base, "tok-123", None)).unwrap();
    assert_eq!((login.csrf_token.as_str(), login.error), ("tok-123", None));
    let rejected =
        parse_login_page(&render_login_page(&base, "tok-456", Some(BAD_CREDENTIALS))).unwrap();
    assert_eq!(rejected.error.as_deref(), Some(BAD_CREDENTIALS));
}

#[tokio::test]
async fn served_pages_parse_to_the_open_orders() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let mut parsed = Vec::new();
    let mut page = 1;
    loop {
        let (_, html) = get_page(&client, list_url(&base, page, 25)).await;
        let list = parse_work_order_list(&html, &base).expect("served page parses");
        assert_eq!(list.pagination.page_size, Some(25));
        parsed.extend(list.work_orders);
        match list.pagination.next_page {
            Some(next) => page = next,
            None => break,
        }
    }
    assert_eq!(parsed, sim.state().open_work_orders());
}

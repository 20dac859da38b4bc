//! The sim's pages read back through `fossa_core`'s parser: parse(render(records)) == records,
//! in both paginator shapes, on full, middle, last and past-the-end pages. Only records are
//! compared: the parser's pagination struct is being reshaped for the captured paginators.

mod common;

use common::*;
use fossa_core::workfossa::parser::{parse_login_page, parse_work_order_list};
use fossa_sim::{
    generate_work_orders, render_list_page, render_login_page, ListPageParams, Paginator,
    BAD_CREDENTIALS,
};
use url::Url;

const SHAPES: [Paginator; 2] = [Paginator::Simple, Paginator::LengthAware];

#[test]
fn parse_of_render_gives_the_records_back() {
    let base = Url::parse("http://127.0.0.1:41234/").unwrap();
    for seed in [1, 2, 3, 17] {
        let records = generate_work_orders(seed, 120, &base);
        for paginator in SHAPES {
            let html = render_list_page(&ListPageParams {
                paginator,
                ..ListPageParams::single_page(&records)
            });
            let page = parse_work_order_list(&html, &base).expect("sim page parses");
            assert_eq!(page.work_orders.len(), records.len(), "seed {seed}");
            for (parsed, record) in page.work_orders.iter().zip(&records) {
                assert_eq!(parsed, record, "seed {seed}, {paginator}");
            }
        }
    }

    // Pages of a paginated list (first, middle, last, one past the end) in both shapes.
    let records = generate_work_orders(4, 30, &base);
    for paginator in SHAPES {
        for (page, rows) in [
            (1, &records[..10]),
            (2, &records[10..20]),
            (3, &records[20..]),
            (4, &records[30..]),
        ] {
            let html = render_list_page(&ListPageParams {
                rows,
                page,
                limit: 10,
                total: 30,
                order_direction: Some("asc"),
                paginator,
                changed_layout: false,
            });
            let parsed = parse_work_order_list(&html, &base)
                .unwrap_or_else(|e| panic!("page {page}, {paginator}: {e}"));
            assert_eq!(parsed.work_orders, rows, "page {page}, {paginator}");
        }
    }
}

#[test]
fn empty_state_parses_and_changed_layout_does_not() {
    let base = Url::parse("http://127.0.0.1:41234/").unwrap();
    let records = generate_work_orders(4, 30, &base);
    for paginator in SHAPES {
        let empty = render_list_page(&ListPageParams {
            paginator,
            ..ListPageParams::single_page(&[])
        });
        assert!(parse_work_order_list(&empty, &base)
            .expect("the empty state parses")
            .work_orders
            .is_empty());
        let changed = render_list_page(&ListPageParams {
            paginator,
            changed_layout: true,
            ..ListPageParams::single_page(&records)
        });
        assert!(
            parse_work_order_list(&changed, &base).is_err(),
            "{paginator}"
        );
        let changed_empty = render_list_page(&ListPageParams {
            paginator,
            changed_layout: true,
            ..ListPageParams::single_page(&[])
        });
        assert!(parse_work_order_list(&changed_empty, &base).is_err());
    }
}

#[test]
fn login_pages_parse() {
    let base = Url::parse("http://127.0.0.1:41234/").unwrap();
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
    for paginator in SHAPES {
        sim.state().update_faults(|f| f.paginator = paginator);
        let mut parsed = Vec::new();
        for page in 1.. {
            let (_, html) = get_page(&client, list_url(&base, page, 25)).await;
            let list = parse_work_order_list(&html, &base).expect("served page parses");
            let short = list.work_orders.len() < 25;
            parsed.extend(list.work_orders);
            if short {
                break;
            }
            assert!(page < 50, "pagination does not end");
        }
        assert_eq!(parsed, sim.state().open_work_orders(), "{paginator}");
    }
}

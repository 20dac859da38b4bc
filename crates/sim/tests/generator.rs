//! The data generator: deterministic, and covering every variant SITE.md lists.

use std::collections::BTreeSet;

use fossa_core::workfossa::WorkOrder;
use fossa_sim::{
    generate_work_orders, render_list_page, ListPageParams, CATEGORIES, INJECTION_TEXT, ITEMS,
    STATUSES, WINDOWS,
};
use url::Url;

fn base() -> Url {
    Url::parse("http://127.0.0.1:41234/").expect("valid base")
}

fn count<F: Fn(&WorkOrder) -> bool>(orders: &[WorkOrder], f: F) -> usize {
    orders.iter().filter(|o| f(o)).count()
}

#[test]
fn same_seed_same_orders_other_seed_other_orders() {
    let a = generate_work_orders(1, 60, &base());
    let b = generate_work_orders(1, 60, &base());
    let c = generate_work_orders(2, 60, &base());
    assert_eq!(a.len(), 60);
    assert_eq!(a, b);
    assert_ne!(a, c);
    // A prefix of a longer run is the shorter run.
    assert_eq!(generate_work_orders(1, 20, &base())[..], a[..20]);
    assert!(generate_work_orders(1, 0, &base()).is_empty());
}

#[test]
fn numbers_unique_increasing_and_urls_absolute() {
    let orders = generate_work_orders(9, 200, &base());
    assert!(orders.windows(2).all(|w| w[0].number < w[1].number));
    for o in &orders {
        assert_eq!(o.id, format!("W-{}", o.number));
        assert_eq!(
            o.url,
            format!("http://127.0.0.1:41234/app/work/{}/", o.number)
        );
        let customer = o.customer.url.as_deref().unwrap();
        assert!(customer.starts_with("http://127.0.0.1:41234/app/customers/"));
        let location = o.location.url.as_deref().unwrap();
        assert_eq!(
            location,
            format!(
                "http://127.0.0.1:41234/app/customers/locations/{}/",
                o.location.id.unwrap()
            )
        );
        if let Some(next) = &o.next_visit {
            let url = next.url.as_deref().unwrap();
            assert_eq!(
                url,
                format!(
                    "http://127.0.0.1:41234/app/work/{}/visits/{}/",
                    o.number,
                    next.id.unwrap()
                )
            );
        }
    }
}

#[test]
fn covers_every_variant_for_several_seeds() {
    for seed in [1, 2, 3, 42, 9_999] {
        let o = generate_work_orders(seed, 60, &base());
        let done = |w: &WorkOrder| w.visits.completed == w.visits.total;
        assert!(count(&o, done) > 0, "seed {seed}: completed orders");
        assert!(count(&o, |w| !done(w)) > 0);
        assert!(
            count(&o, |w| !done(w) && w.next_visit.is_none()) > 0,
            "pending, unscheduled"
        );
        assert!(count(&o, |w| w.next_visit.is_some() && w.due_date.is_none()) > 0);
        assert!(count(&o, |w| w.next_visit.is_some() && w.due_date.is_some()) > 0);
        assert_eq!(count(&o, |w| done(w) && w.next_visit.is_some()), 0);
        assert_eq!(
            count(&o, |w| w.next_visit.is_none() && w.due_date.is_some()),
            0
        );
        for (name, present) in [
            ("project", count(&o, |w| w.project.is_some())),
            (
                "intersection",
                count(&o, |w| w.address.intersection.is_some()),
            ),
            ("county", count(&o, |w| w.address.county.is_some())),
        ] {
            assert!(
                present > 0 && present < o.len(),
                "seed {seed}: {name} {present}"
            );
        }
        for n in 1..=3 {
            assert!(
                count(&o, |w| w.items.len() == n) > 0,
                "seed {seed}: {n} items"
            );
        }
        assert_eq!(count(&o, |w| w.items.is_empty() || w.items.len() > 3), 0);
        let codes: BTreeSet<_> = o
            .iter()
            .flat_map(|w| &w.items)
            .filter_map(|i| i.code.as_deref())
            .collect();
        let known: BTreeSet<_> = ITEMS.iter().map(|(_, _, code)| *code).collect();
        assert_eq!(codes, known, "seed {seed}: item codes");
        let statuses: BTreeSet<_> = o.iter().map(|w| w.status.as_str()).collect();
        assert_eq!(statuses, STATUSES.into_iter().collect(), "seed {seed}");
        let windows: BTreeSet<_> = o
            .iter()
            .filter_map(|w| w.next_visit.as_ref()?.window.as_deref())
            .collect();
        assert!(windows.contains("anytime") && windows.contains("8:00am - 12:00pm"));
        assert!(windows.iter().all(|w| WINDOWS.contains(w)));

        let texts: Vec<String> = o
            .iter()
            .flat_map(|w| {
                [
                    w.customer.name.clone(),
                    w.project.clone(),
                    w.created_by.clone(),
                    w.address.intersection.clone(),
                    w.instructions.clone(),
                ]
            })
            .flatten()
            .collect();
        let contact_texts: Vec<&str> = o
            .iter()
            .filter_map(|w| w.contact.as_ref())
            .flat_map(|c| {
                std::iter::once(c.name.as_str()).chain(c.lines.iter().map(String::as_str))
            })
            .collect();
        for needle in ["&", "<", "'", "é"] {
            assert!(
                contact_texts.iter().any(|t| t.contains(needle)),
                "seed {seed}: contact text with {needle}"
            );
        }
        assert!(
            o.iter()
                .flat_map(|w| &w.categories)
                .any(|c| c.contains('&')),
            "seed {seed}: a category needing escaping"
        );
        for needle in ["&", "<", ">", "Renée", "Zoë", "Mañana", "'"] {
            assert!(
                texts.iter().any(|t| t.contains(needle)),
                "seed {seed}: {needle}"
            );
        }
        let instructions = |w: &WorkOrder| w.instructions.clone().unwrap_or_default();
        assert!(count(&o, |w| instructions(w).contains('\n')) > 0);
        let injected = count(&o, |w| instructions(w).contains(INJECTION_TEXT));
        assert!(
            (1..=5).contains(&injected),
            "seed {seed}: injection {injected}"
        );
    }
}

#[test]
fn po_numbers_categories_and_contacts_vary() {
    for seed in [1, 2, 3, 42, 9_999] {
        let o = generate_work_orders(seed, 120, &base());
        let po = count(&o, |w| w.po_number.is_some());
        assert!(po > 0 && po < o.len() / 2, "seed {seed}: PO numbers {po}");
        for w in &o {
            if let Some(po) = &w.po_number {
                assert!(po.len() == 10 && po.starts_with("C0000"), "{po}");
                assert!(po[1..].chars().all(|c| c.is_ascii_digit()), "{po}");
            }
            assert!(w.categories.len() <= 2);
            assert!(w
                .categories
                .iter()
                .all(|c| CATEGORIES.contains(&c.as_str())));
            if let [a, b] = &w.categories[..] {
                assert_ne!(a, b);
            }
            if let Some(contact) = &w.contact {
                assert!((1..=3).contains(&contact.lines.len()), "{contact:?}");
            }
        }
        for n in 0..=2 {
            assert!(
                count(&o, |w| w.categories.len() == n) > 0,
                "seed {seed}: {n} categories"
            );
        }
        assert!(
            count(&o, |w| w.categories.len() == 1) > o.len() / 2,
            "seed {seed}: most rows have one category"
        );
        let with_contact = count(&o, |w| w.contact.is_some());
        assert!(
            with_contact > o.len() / 2 && with_contact < o.len(),
            "seed {seed}: contacts {with_contact}"
        );
        for n in 1..=3 {
            assert!(
                count(&o, |w| w
                    .contact
                    .as_ref()
                    .is_some_and(|c| c.lines.len() == n))
                    > 0,
                "seed {seed}: contacts with {n} lines"
            );
        }
        assert!(o.iter().filter_map(|w| w.contact.as_ref()).any(|c| c
            .lines
            .iter()
            .any(|l| l == "7-E012")
            && c.lines.last().is_some_and(|l| l == "Net 30")));
    }
}

#[test]
fn text_is_in_the_parsers_normal_form() {
    let orders = generate_work_orders(5, 300, &base());
    let normal = |s: &str| s == s.trim() && !s.contains("  ") && !s.is_empty();
    for o in &orders {
        let fields = [
            Some(o.status.clone()),
            o.reason.clone(),
            o.project.clone(),
            o.created_by.clone(),
            o.customer.name.clone(),
            o.location.store_number.clone(),
            o.location.site_name.clone(),
            o.address.street.clone(),
            o.address.intersection.clone(),
            o.address.city_state_zip.clone(),
            o.address.county.clone(),
        ];
        let extra = o
            .categories
            .iter()
            .chain(
                o.contact
                    .iter()
                    .flat_map(|c| std::iter::once(&c.name).chain(&c.lines)),
            )
            .chain(&o.po_number)
            .cloned()
            .map(Some);
        for field in fields.into_iter().chain(extra).flatten() {
            assert!(normal(&field) && !field.contains('\n'), "{field:?}");
        }
        for line in o.instructions.as_deref().unwrap().lines() {
            assert!(normal(line), "{line:?}");
        }
        assert!(o.created_at.is_some());
        assert!(o.visits.completed <= o.visits.total && o.visits.total >= 1);
    }
}

#[test]
fn rendered_rows_escape_special_text() {
    let orders = generate_work_orders(1, 60, &base());
    let html = render_list_page(&ListPageParams::single_page(&orders));
    assert_eq!(html.matches("work-list-item w-").count(), 60);
    assert!(!html.contains(INJECTION_TEXT));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("Speedway &lt;Midwest&gt; LLC"));
    assert!(html.contains("Murphy USA &amp; Sons"));
    assert!(
        html.contains("O'Brien") && !html.contains("&#x27;"),
        "as a browser writes it"
    );
    assert!(html.contains("\n            Tanks &amp; Lines\n"));
    assert!(html.contains("Renée") && html.contains("Zoë"));
    assert!(!html.contains("<Midwest>") && !html.contains("<Priority>"));
    assert!(html.contains("href=\"/app/work/"), "relative hrefs");
    assert!(!html.contains("href=\"http://127.0.0.1"));
    assert!(html.contains("<span class=\"muted\">PO #:</span> C0000"));
    assert!(html.contains("<div class=\"contact-name text-sm\"><!-- --> <div>"));
}

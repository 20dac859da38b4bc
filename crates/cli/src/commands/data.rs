//! `work-orders` and `dispensers` (table, JSON, CSV) and `changes`.

use crate::args::{ChangesArgs, DispensersArgs, WorkOrdersArgs};
use crate::context::Context;
use crate::util::{parse_instant_or_ago, print_json};
use chrono::Utc;
use fossa_core::error::{EngineError, EngineResult};
use fossa_core::export::work_order_views_csv;
use fossa_core::export_dispensers::dispensers_csv;
use fossa_core::store::WorkOrderQuery;

pub async fn work_orders(ctx: &Context, args: &WorkOrdersArgs) -> EngineResult<()> {
    let engine = ctx.reader().await?;
    let query = WorkOrderQuery {
        search: args.search.clone(),
        category: args.category.clone(),
        include_removed: args.include_removed,
    };
    // The engine's view (with the `badge` the HTTP API and the window show), not the store's rows.
    let orders = engine.work_orders(&query).await?;
    if args.json {
        return print_json(&orders);
    }
    if args.csv {
        let text =
            work_order_views_csv(&orders).map_err(|e| EngineError::Control(e.to_string()))?;
        print!("{text}");
        return Ok(());
    }
    if orders.is_empty() {
        println!("No work orders. Run `fossa-sync sync` first.");
    }
    for order in &orders {
        let record = &order.record;
        println!(
            "{:<9} {:<17} {:<28} {:<8} {:<24} next {:<10} due {}{}{}",
            record.id,
            truncate(&record.status, 17),
            truncate(record.customer.name.as_deref().unwrap_or("-"), 28),
            record.location.store_number.as_deref().unwrap_or("-"),
            truncate(record.address.city_state_zip.as_deref().unwrap_or("-"), 24),
            record
                .next_visit
                .as_ref()
                .and_then(|v| v.date)
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            record
                .due_date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            categories_cell(&record.categories),
            if order.removed_at.is_some() {
                "  (removed)"
            } else {
                ""
            }
        );
    }
    Ok(())
}

pub async fn dispensers(ctx: &Context, args: &DispensersArgs) -> EngineResult<()> {
    let engine = ctx.reader().await?;
    let dispensers = engine.dispensers(args.location).await?;
    if args.json {
        return print_json(&dispensers);
    }
    if args.csv {
        let text = dispensers_csv(&dispensers).map_err(|e| EngineError::Control(e.to_string()))?;
        print!("{text}");
        return Ok(());
    }
    if dispensers.is_empty() {
        println!("No dispensers read yet. Run `fossa-sync sync` (or `sync --job dispensers`).");
    }
    for stored in &dispensers {
        let d = &stored.record;
        println!(
            "{:<9} {:<7} {:<36} {:<10} {:<14} {:<14} nozzles {:<2} {}{}",
            d.location_id,
            d.number,
            truncate(&d.grades.join(", "), 36),
            truncate(d.make.as_deref().unwrap_or("-"), 10),
            truncate(d.model.as_deref().unwrap_or("-"), 14),
            d.serial.as_deref().unwrap_or("-"),
            d.nozzles_per_side
                .map(|n| n.to_string())
                .unwrap_or_else(|| "-".into()),
            stored
                .read_at
                .map(|t| format!("as of {}", crate::util::local(t)))
                .unwrap_or_default(),
            if stored.stale {
                "  (stale: location not found on WorkFossa)"
            } else {
                ""
            }
        );
    }
    Ok(())
}

/// `  [Meter Calibration, Repair]`, or nothing for a work order without categories.
fn categories_cell(categories: &[String]) -> String {
    if categories.is_empty() {
        String::new()
    } else {
        format!("  [{}]", truncate(&categories.join(", "), 40))
    }
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

pub async fn changes(ctx: &Context, args: &ChangesArgs) -> EngineResult<()> {
    let engine = ctx.reader().await?;
    let since = args
        .since
        .as_deref()
        .map(|s| parse_instant_or_ago("since", s, Utc::now()))
        .transpose()?;
    let changes = engine.changes(args.run, since).await?;
    if args.json {
        return print_json(&changes);
    }
    if changes.is_empty() {
        println!("No changes recorded.");
    }
    for change in &changes {
        match change.kind.as_str() {
            "changed" => println!(
                "run {:>4}  W-{}  changed  {}: {} -> {}",
                change.run_id,
                change.number,
                change.field.as_deref().unwrap_or("?"),
                change
                    .old_value
                    .as_ref()
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                change
                    .new_value
                    .as_ref()
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            ),
            kind => println!("run {:>4}  W-{}  {kind}", change.run_id, change.number),
        }
    }
    Ok(())
}

//! CSV export of stored dispensers: the dispenser record flattened (grades joined by `; `), with
//! when its location was read and whether it is stale; formula-looking cells neutralised as in
//! the work-order export.

use crate::export::neutralise_formula;
use crate::store::StoredDispenser;

/// The columns of the dispenser CSV, in order.
pub const DISPENSER_COLUMNS: [&str; 12] = [
    "location_id",
    "number",
    "title",
    "make",
    "model",
    "serial",
    "grades",
    "stand_alone_code",
    "nozzles_per_side",
    "meter_type",
    "read_at",
    "stale",
];

/// The CSV text (header first) of `dispensers`.
pub fn dispensers_csv(dispensers: &[StoredDispenser]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(DISPENSER_COLUMNS)?;
    for stored in dispensers {
        let d = &stored.record;
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let cells = [
            d.location_id.to_string(),
            d.number.clone(),
            d.title.clone(),
            text(&d.make),
            text(&d.model),
            text(&d.serial),
            d.grades.join("; "),
            text(&d.stand_alone_code),
            d.nozzles_per_side
                .map(|n| n.to_string())
                .unwrap_or_default(),
            text(&d.meter_type),
            stored
                .read_at
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            stored.stale.to_string(),
        ];
        writer.write_record(cells.map(neutralise_formula))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workfossa::dispenser::Dispenser;
    use chrono::TimeZone;

    #[test]
    fn one_row_per_dispenser_with_its_read_time_and_no_formulas() {
        let record = Dispenser {
            location_id: 7,
            number: "1/2".into(),
            title: "1/2 - Regular, Plus - Gilbarco".into(),
            make: Some("Gilbarco".into()),
            model: None,
            serial: Some("=EN1".into()),
            grades: vec!["Regular".into(), "Plus".into()],
            stand_alone_code: None,
            nozzles_per_side: Some(3),
            meter_type: Some("Electronic".into()),
            fields: Default::default(),
        };
        let stored = StoredDispenser {
            record,
            read_at: Some(chrono::Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap()),
            stale: true,
        };
        let text = dispensers_csv(&[stored]).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, DISPENSER_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(&row[0], "7");
        assert_eq!(&row[4], "", "no Model line: empty cell");
        assert_eq!(&row[5], "'=EN1");
        assert_eq!(&row[6], "Regular; Plus");
        assert_eq!(&row[8], "3");
        assert_eq!(&row[10], "2026-12-07T08:00:00Z");
        assert_eq!(&row[11], "true");
    }
}

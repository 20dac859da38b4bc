//! Deterministic dispensers per location, from the site's seed and the location id: pairs of
//! dispenser numbers (`1/2`, `3/4`, …), grades shown by name or (on some locations) by code as
//! SITE.md lists them, makes and models (sometimes no Model line), serials, nozzles and meter
//! types. The records are in the parser's normal form, so that parsing a rendered location page
//! gives them back.

use std::collections::BTreeMap;

use fossa_core::workfossa::dispenser::{Dispenser, LocationEquipment};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::state::SimState;

/// (name, code) of the grades the generator uses, in the order a site lists them.
pub const GRADES: [(&str, &str); 9] = [
    ("Regular", "0126"),
    ("Plus", "0135"),
    ("Premium", "0136"),
    ("Diesel", "0119"),
    ("Ethanol-Free Gasoline Plus", "0140"),
    ("Super", "0128"),
    ("E85", "0141"),
    ("E15", "0142"),
    ("DEF", "0150"),
];

/// (make, models) of the generated dispensers.
const MAKES: [(&str, &[&str]); 4] = [
    ("Gilbarco", &["NL3", "NL2", "Encore 700 S"]),
    ("Wayne", &["Ovation", "Helix 6000"]),
    ("Tokheim", &["Premier B"]),
    ("Bennett", &["Pacific 3000"]),
];

const METER_TYPES: [&str; 3] = ["Electronic", "Electronic", "Mechanical"];

/// The dispensers of location `location_id` on a site generated from `seed`: 1 to 8, the same
/// for the same seed and id.
pub fn generate_dispensers(seed: u64, location_id: i64) -> Vec<Dispenser> {
    let mix = (location_id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut rng = StdRng::seed_from_u64(seed ^ mix ^ 0xd15e_05e5);
    let count = rng.random_range(1..=8_usize);
    let codes = rng.random_bool(0.3);
    let (make, models) = MAKES[rng.random_range(0..MAKES.len())];
    (0..count)
        .map(|index| {
            let number = format!("{}/{}", index * 2 + 1, index * 2 + 2);
            let grades = pick_grades(&mut rng);
            let shown: Vec<&str> = grades
                .iter()
                .map(|(name, code)| if codes { *code } else { *name })
                .collect();
            let shown = shown.join(", ");
            let model = if rng.random_bool(0.2) {
                None
            } else {
                Some(models[rng.random_range(0..models.len())])
            };
            let stand_alone_code = GRADES[rng.random_range(0..GRADES.len())].1;
            let nozzles: i64 = rng.random_range(1..=4);
            let meter_type = METER_TYPES[rng.random_range(0..METER_TYPES.len())];
            let fields = BTreeMap::from([
                ("Grade".to_owned(), shown.clone()),
                ("Stand Alone Code".to_owned(), stand_alone_code.to_owned()),
                (
                    "Number of Nozzles (per side)".to_owned(),
                    nozzles.to_string(),
                ),
                ("Meter Type".to_owned(), meter_type.to_owned()),
            ]);
            Dispenser {
                location_id,
                title: format!("{number} - {shown} - {make}"),
                number,
                make: Some(make.to_owned()),
                model: model.map(str::to_owned),
                serial: Some(format!("SN{:08}", rng.random_range(0..100_000_000_u32))),
                grades: grades.iter().map(|(name, _)| (*name).to_owned()).collect(),
                stand_alone_code: Some(stand_alone_code.to_owned()),
                nozzles_per_side: Some(nozzles),
                meter_type: Some(meter_type.to_owned()),
                fields,
            }
        })
        .collect()
}

/// Two to five grades in the site's order.
fn pick_grades(rng: &mut StdRng) -> Vec<(&'static str, &'static str)> {
    loop {
        let picked: Vec<_> = GRADES
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.5))
            .take(5)
            .collect();
        if picked.len() >= 2 {
            return picked;
        }
    }
}

/// A piece of equipment of another group (`Tank Gauge`), drawn like a dispenser block.
pub(crate) struct OtherEquipment {
    pub(crate) group: &'static str,
    pub(crate) title: &'static str,
    pub(crate) make: &'static str,
}

/// The other equipment groups of a location: none, or one or two groups of one item.
pub(crate) fn other_equipment(seed: u64, location_id: i64) -> Vec<OtherEquipment> {
    let mix = (location_id as u64).wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    let mut rng = StdRng::seed_from_u64(seed ^ mix);
    other_equipment_all()
        .into_iter()
        .filter(|_| rng.random_bool(0.6))
        .collect()
}

fn other_equipment_all() -> [OtherEquipment; 2] {
    [
        OtherEquipment {
            group: "Tank Gauge",
            title: "TLS-450 Plus - Veeder-Root",
            make: "Veeder-Root",
        },
        OtherEquipment {
            group: "Air/Water",
            title: "AW1 - Air Machine - AirServ",
            make: "AirServ",
        },
    ]
}

/// What a location page shows: the heading (`None`: the location is not found), the
/// dispensers and the other groups, knobs applied.
pub struct LocationView {
    pub(crate) id: i64,
    pub(crate) store: Option<String>,
    pub(crate) dispensers: Vec<Dispenser>,
    pub(crate) others: Vec<OtherEquipment>,
    /// Drawn without tabs ([`crate::Faults::unrecognised_locations`]).
    pub(crate) unrecognised: bool,
}

impl SimState {
    /// The distinct location ids the work orders link to (each has a page), ascending.
    pub fn location_ids(&self) -> Vec<i64> {
        let data = self.lock();
        let mut ids: Vec<i64> = data.orders.values().filter_map(|o| o.location.id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// What parsing location `location_id`'s page must give: its dispensers, no dispensers
    /// ([`crate::Faults::locations_without_dispensers`]) or not found (no order links to it, or
    /// [`crate::Faults::deleted_locations`]).
    pub fn location_equipment(&self, location_id: i64) -> LocationEquipment {
        let view = self.location_view(location_id);
        match (&view.store, view.dispensers.is_empty()) {
            (None, _) => LocationEquipment::LocationNotFound,
            (Some(_), true) => LocationEquipment::NoDispensers,
            (Some(_), false) => LocationEquipment::Dispensers(view.dispensers),
        }
    }

    /// Counts a location page served to `session`; false (nothing counted) when the session is
    /// not logged in.
    pub(crate) fn count_location_page(&self, session: Option<&str>) -> bool {
        let mut data = self.lock();
        let logged_in = data.is_authenticated(session);
        if logged_in {
            data.stats.location_pages_served += 1;
        }
        logged_in
    }

    /// The page of location `location_id` as the site shows it now (see
    /// [`crate::render_location_fragment`]).
    pub fn location_view(&self, location_id: i64) -> LocationView {
        let data = self.lock();
        let store = data
            .orders
            .values()
            .find(|o| o.location.id == Some(location_id))
            .map(|o| {
                let loc = &o.location;
                let parts = [loc.store_number.as_deref(), loc.site_name.as_deref()];
                parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
            })
            .filter(|_| !data.faults.deleted_locations.contains(&location_id));
        let without = data
            .faults
            .locations_without_dispensers
            .contains(&location_id);
        let unrecognised = data.faults.unrecognised_locations.contains(&location_id);
        let seed = data.seed;
        drop(data);
        let Some(store) = store else {
            return LocationView {
                id: location_id,
                store: None,
                dispensers: Vec::new(),
                others: Vec::new(),
                unrecognised: false,
            };
        };
        let mut others = other_equipment(seed, location_id);
        let dispensers = if without {
            if others.is_empty() {
                others = other_equipment_all().into_iter().take(1).collect();
            }
            Vec::new()
        } else {
            generate_dispensers(seed, location_id)
        };
        LocationView {
            id: location_id,
            store: Some(store),
            dispensers,
            others,
            unrecognised,
        }
    }
}

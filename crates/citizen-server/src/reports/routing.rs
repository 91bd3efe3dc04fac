//! Which ward or commune a report's position lies in, and so which agency gets the report.
//!
//! The boundaries are the GeoJSON in `data/areas.geojson`, embedded at build time. The shipped
//! file is SYNTHETIC (see `data/README.md`); real boundaries in the same shape replace it
//! without a code change.

use citizen_protocol::catalog::Localized;
use citizen_protocol::reports::{GeoPoint, PROVINCE_BOUNDS};
use geo::{BoundingRect, Coord, Geometry, Intersects, MultiPolygon, Rect};

use super::categories::{CategoryDef, Handler};

const SHIPPED_AREAS: &str = include_str!("../../data/areas.geojson");

const CITY_COMMITTEE: (&str, &str) = ("UBND thành phố Huế", "Huế City People's Committee");

/// A ward (phường) or commune (xã).
#[derive(Debug, Clone)]
pub struct Area {
    /// ASCII kebab-case, e.g. `phu-xuan`.
    pub code: String,
    /// e.g. "phường Phú Xuân" / "Phú Xuân Ward".
    pub name: Localized,
    shape: MultiPolygon<f64>,
    bbox: Rect<f64>,
}

impl Area {
    /// On the boundary counts as inside, so that a point on a shared edge still has an area.
    pub fn contains(&self, p: GeoPoint) -> bool {
        let c = coord(p);
        inside_rect(&self.bbox, c) && self.shape.intersects(&c)
    }

    pub fn shape(&self) -> &MultiPolygon<f64> {
        &self.shape
    }
}

/// Where a report goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The ward or commune of the report's position, when it has one inside the city.
    pub area: Option<Localized>,
    pub agency: Localized,
}

#[derive(Debug, Clone)]
pub struct Routing {
    areas: Vec<Area>,
    /// Of all the areas: most points that are not in the city stop here.
    bbox: Rect<f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum BoundaryError {
    #[error("not a GeoJSON FeatureCollection of areas: {0}")]
    Parse(#[from] geojson::Error),
    #[error("area {0:?}: the geometry is not a non-empty Polygon or MultiPolygon")]
    NotAnArea(String),
    #[error("area {0:?}: code or name missing, or the code used twice")]
    BadProperties(String),
    #[error("area {0:?}: lies outside the province's bounds")]
    OutsideProvince(String),
    #[error("no area at all")]
    Empty,
}

impl Routing {
    /// The shipped boundaries. Panics only if the file in the build is broken, which the
    /// module's tests rule out.
    pub fn load() -> Routing {
        Routing::from_geojson(SHIPPED_AREAS).expect("data/areas.geojson is valid")
    }

    /// Boundaries from a FeatureCollection of Polygon or MultiPolygon features with the
    /// properties `code`, `name_vi` and `name_en` (WGS 84, longitude first).
    pub fn from_geojson(text: &str) -> Result<Routing, BoundaryError> {
        let collection: geojson::FeatureCollection = text.parse()?;
        let mut areas: Vec<Area> = Vec::with_capacity(collection.features.len());
        for feature in collection.features {
            let property = |key| {
                feature
                    .property(key)
                    .and_then(|v| v.as_str())
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            };
            let (Some(code), Some(name_vi), Some(name_en)) =
                (property("code"), property("name_vi"), property("name_en"))
            else {
                return Err(BoundaryError::BadProperties(
                    property("code").unwrap_or_default().to_owned(),
                ));
            };
            if areas.iter().any(|a| a.code == code) {
                return Err(BoundaryError::BadProperties(code.to_owned()));
            }
            let not_an_area = || BoundaryError::NotAnArea(code.to_owned());
            let geometry = feature.geometry.as_ref().ok_or_else(not_an_area)?;
            let shape = match Geometry::<f64>::try_from(&geometry.value) {
                Ok(Geometry::Polygon(p)) => MultiPolygon::new(vec![p]),
                Ok(Geometry::MultiPolygon(m)) => m,
                _ => return Err(not_an_area()),
            };
            let bbox = shape.bounding_rect().ok_or_else(not_an_area)?;
            // The app checks a position against the province's box before sending it; an area
            // beyond it could never be reached.
            let corners = [bbox.min(), bbox.max()].map(|c| GeoPoint { lat: c.y, lon: c.x });
            if !corners.iter().all(|c| PROVINCE_BOUNDS.contains(*c)) {
                return Err(BoundaryError::OutsideProvince(code.to_owned()));
            }
            areas.push(Area {
                code: code.to_owned(),
                name: Localized::new(name_vi, name_en),
                shape,
                bbox,
            });
        }
        let bbox = areas
            .iter()
            .map(|a| a.bbox)
            .reduce(|a, b| {
                Rect::new(
                    Coord {
                        x: a.min().x.min(b.min().x),
                        y: a.min().y.min(b.min().y),
                    },
                    Coord {
                        x: a.max().x.max(b.max().x),
                        y: a.max().y.max(b.max().y),
                    },
                )
            })
            .ok_or(BoundaryError::Empty)?;
        Ok(Routing { areas, bbox })
    }

    /// The first area whose boundary holds the point; areas do not overlap, so on a shared
    /// edge that is the first in the file.
    pub fn area_at(&self, p: GeoPoint) -> Option<&Area> {
        // NaN fails every comparison, so it ends here.
        if !inside_rect(&self.bbox, coord(p)) {
            return None;
        }
        self.areas.iter().find(|a| a.contains(p))
    }

    /// Whether the point lies in one of the city's wards or communes (the sea and the
    /// neighbouring provinces do not).
    pub fn in_province(&self, p: GeoPoint) -> bool {
        self.area_at(p).is_some()
    }

    /// The agency a report of this category at this position goes to. Without a position (the
    /// resident typed an address) or outside every area, what the area's committee would
    /// handle goes to the city's People's Committee, which passes it on.
    pub fn route(&self, category: &CategoryDef, at: Option<GeoPoint>) -> Route {
        let area = at.and_then(|p| self.area_at(p));
        let agency = match (category.handler, area) {
            (Handler::Agency { vi, en }, _) => Localized::new(vi, en),
            (Handler::AreaCommittee, Some(area)) => Localized::new(
                format!("UBND {}", area.name.vi),
                format!("People's Committee of {}", area.name.en),
            ),
            (Handler::AreaCommittee, None) => Localized::new(CITY_COMMITTEE.0, CITY_COMMITTEE.1),
        };
        Route {
            area: area.map(|a| a.name.clone()),
            agency,
        }
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }
}

fn coord(p: GeoPoint) -> Coord<f64> {
    Coord { x: p.lon, y: p.lat }
}

fn inside_rect(r: &Rect<f64>, c: Coord<f64>) -> bool {
    r.min().x <= c.x && c.x <= r.max().x && r.min().y <= c.y && c.y <= r.max().y
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use geo::{Area as _, BooleanOps, Contains, InteriorPoint};

    use super::*;
    use crate::reports::categories;

    fn at(lat: f64, lon: f64) -> GeoPoint {
        GeoPoint { lat, lon }
    }

    fn code_at(routing: &Routing, lat: f64, lon: f64) -> Option<&str> {
        routing.area_at(at(lat, lon)).map(|a| a.code.as_str())
    }

    const CITADEL: (f64, f64) = (16.4698, 107.5786);
    const LE_LOI: (f64, f64) = (16.4637, 107.5909);

    #[test]
    fn the_shipped_boundaries_parse_into_named_areas_inside_the_province() {
        let routing = Routing::load();
        let areas = routing.areas();
        assert!((20..=45).contains(&areas.len()), "{}", areas.len());
        let codes: HashSet<_> = areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes.len(), areas.len());
        for a in areas {
            let kebab = a.code.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
            assert!(kebab, "{}", a.code);
            assert!(
                a.name.vi.starts_with("phường ") || a.name.vi.starts_with("xã "),
                "{}",
                a.name.vi
            );
            assert!(a.name.en.ends_with(" Ward") || a.name.en.ends_with(" Commune"));
            // Each area's own inner point finds that area: no area is shadowed by another.
            let inner = a.shape().interior_point().expect("inner point");
            assert_eq!(
                code_at(&routing, inner.y(), inner.x()),
                Some(a.code.as_str())
            );
        }
    }

    #[test]
    fn no_two_areas_overlap_and_the_land_is_covered() {
        let routing = Routing::load();
        let (mut land, mut points) = (0, 0);
        // A 0.005° grid (about 500 m) over the province's box, off the round numbers the
        // vertices sit on.
        let b = PROVINCE_BOUNDS;
        let mut lat = b.south + 0.001_23;
        while lat < b.north {
            let mut lon = b.west + 0.001_17;
            while lon < b.east {
                let c = Coord { x: lon, y: lat };
                let holding: Vec<_> = routing
                    .areas()
                    .iter()
                    .filter(|a| a.shape().contains(&c))
                    .map(|a| &a.code)
                    .collect();
                assert!(holding.len() <= 1, "({lat}, {lon}) in {holding:?}");
                land += holding.len();
                points += 1;
                lon += 0.005;
            }
            lat += 0.005;
        }
        // The city's land and lagoons are about 5,000 km² of the box's 12,500.
        let share = land as f64 / points as f64;
        assert!((0.3..0.6).contains(&share), "{share}");
        // And exactly: neighbours share edges, never area (1e-9 square degrees is 0.01 ha).
        let areas = routing.areas();
        for (i, a) in areas.iter().enumerate() {
            for b in &areas[i + 1..] {
                let common = a.shape().intersection(b.shape()).unsigned_area();
                assert!(common < 1e-9, "{} and {} share {common}", a.code, b.code);
            }
        }
    }

    #[test]
    fn known_places_are_in_their_wards() {
        let routing = Routing::load();
        assert_eq!(code_at(&routing, CITADEL.0, CITADEL.1), Some("phu-xuan"));
        assert_eq!(code_at(&routing, LE_LOI.0, LE_LOI.1), Some("thuan-hoa"));
        // Phú Bài airport.
        assert_eq!(code_at(&routing, 16.4015, 107.7026), Some("phu-bai"));
        let citadel = routing.area_at(at(CITADEL.0, CITADEL.1)).unwrap();
        assert_eq!(
            citadel.name,
            Localized::new("phường Phú Xuân", "Phú Xuân Ward")
        );
        assert!(routing.in_province(at(CITADEL.0, CITADEL.1)));
    }

    #[test]
    fn places_outside_the_city_are_in_no_area() {
        let routing = Routing::load();
        for (lat, lon) in [
            (21.03, 105.85), // Hà Nội
            (16.70, 107.80), // the sea off Thuận An
            (16.45, 108.10), // the sea off Lăng Cô
            (16.05, 108.20), // Đà Nẵng, inside the province's box
            (f64::NAN, 107.6),
            (16.46, f64::INFINITY),
        ] {
            assert_eq!(code_at(&routing, lat, lon), None, "({lat}, {lon})");
            assert!(!routing.in_province(at(lat, lon)));
        }
    }

    #[test]
    fn an_agency_category_goes_to_its_agency_with_or_without_a_position() {
        let routing = Routing::load();
        let lights = categories::find("chieu-sang").unwrap();
        let agency = Localized::new(
            "Công ty Cổ phần Môi trường và Công trình đô thị Huế",
            "Huế Urban Environment and Public Works JSC",
        );
        let located = routing.route(lights, Some(at(LE_LOI.0, LE_LOI.1)));
        assert_eq!(located.agency, agency);
        assert_eq!(located.area.map(|a| a.vi), Some("phường Thuận Hóa".into()));
        let typed = routing.route(lights, None);
        assert_eq!(typed, Route { area: None, agency });
    }

    #[test]
    fn an_area_category_goes_to_the_area_committee_or_else_the_city() {
        let routing = Routing::load();
        let pavements = categories::find("trat-tu-do-thi").unwrap();
        let route = routing.route(pavements, Some(at(CITADEL.0, CITADEL.1)));
        assert_eq!(
            route,
            Route {
                area: Some(Localized::new("phường Phú Xuân", "Phú Xuân Ward")),
                agency: Localized::new(
                    "UBND phường Phú Xuân",
                    "People's Committee of Phú Xuân Ward"
                ),
            }
        );
        let city = Localized::new("UBND thành phố Huế", "Huế City People's Committee");
        let typed = routing.route(pavements, None);
        assert_eq!(typed.agency, city);
        assert_eq!(typed.area, None);
        let at_sea = routing.route(pavements, Some(at(16.70, 107.80)));
        assert_eq!(at_sea.agency, city);
        // Every category routes every position somewhere.
        for category in categories::all() {
            for p in [None, Some(at(16.27, 107.25)), Some(at(16.25, 108.05))] {
                assert!(!routing.route(category, p).agency.vi.is_empty());
            }
        }
    }

    #[test]
    fn broken_boundaries_are_refused_with_the_reason() {
        let feature = |geometry: &str, code: &str| {
            format!(
                r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":
                {{"code":"{code}","name_vi":"phường A","name_en":"A Ward"}},"geometry":{geometry}}}]}}"#
            )
        };
        let square = r#"{"type":"Polygon","coordinates":[[[107.5,16.4],[107.6,16.4],[107.6,16.5],[107.5,16.5],[107.5,16.4]]]}"#;
        let routing = Routing::from_geojson(&feature(square, "a")).expect("one square");
        assert_eq!(code_at(&routing, 16.45, 107.55), Some("a"));
        // On the boundary counts.
        assert_eq!(code_at(&routing, 16.4, 107.55), Some("a"));
        assert!(matches!(
            Routing::from_geojson(&feature(r#"{"type":"Point","coordinates":[107.5,16.4]}"#, "p")),
            Err(BoundaryError::NotAnArea(code)) if code == "p"
        ));
        let hanoi = r#"{"type":"Polygon","coordinates":[[[105.8,21.0],[105.9,21.0],[105.9,21.1],[105.8,21.0]]]}"#;
        assert!(matches!(
            Routing::from_geojson(&feature(hanoi, "hn")),
            Err(BoundaryError::OutsideProvince(_))
        ));
        assert!(matches!(
            Routing::from_geojson(&feature(square, " ")),
            Err(BoundaryError::BadProperties(_))
        ));
        let twice = feature(square, "a").replace(
            "}]}",
            &format!(r#"}},{{"type":"Feature","properties":{{"code":"a","name_vi":"x","name_en":"x"}},"geometry":{square}}}]}}"#),
        );
        assert!(matches!(
            Routing::from_geojson(&twice),
            Err(BoundaryError::BadProperties(code)) if code == "a"
        ));
        let empty = Routing::from_geojson(r#"{"type":"FeatureCollection","features":[]}"#);
        assert!(matches!(empty, Err(BoundaryError::Empty)), "{empty:?}");
        assert!(matches!(
            Routing::from_geojson("{"),
            Err(BoundaryError::Parse(_))
        ));
    }
}

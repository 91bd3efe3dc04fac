// What the maps need to know about the province, and how a point reads. Pure: no Leaflet here, so
// the screens' logic is testable without a map.
import type { Bounds } from './generated/Bounds';
import type { GeoPoint } from './generated/GeoPoint';

// The province's bounding box (Huế), generated from citizen-protocol. The map opens on it, and
// without map tiles it is the one shape drawn. The core and the server decide whether a point is
// inside.
import { PROVINCE_BOUNDS as GENERATED_BOUNDS } from './generated/commands';
export const PROVINCE_BOUNDS: Bounds = GENERATED_BOUNDS;

/** Central Huế (Lê Lợi street by the Perfume River), where a place to report is first looked for. */
export const CITY_CENTRE: GeoPoint = { lat: 16.4637, lon: 107.5909 };
/** A zoom that shows the city's wards. */
export const CITY_ZOOM = 13;

/** How far beyond the province the map may be panned (degrees): enough to see its edge. */
const PAN_MARGIN = 0.3;

/** The area the map may show: the province with a margin. */
export function panLimits(bounds: Bounds = PROVINCE_BOUNDS): Bounds {
  return {
    south: bounds.south - PAN_MARGIN,
    west: bounds.west - PAN_MARGIN,
    north: bounds.north + PAN_MARGIN,
    east: bounds.east + PAN_MARGIN,
  };
}

/** Whether a point lies in the box; for an early hint only (the core says what is accepted). */
export function insideBounds(point: GeoPoint, bounds: Bounds = PROVINCE_BOUNDS): boolean {
  return point.lat >= bounds.south && point.lat <= bounds.north && point.lon >= bounds.west && point.lon <= bounds.east;
}

/** About 10 cm: more digits than that only pretend to a precision no phone has. */
export function roundPoint(point: GeoPoint): GeoPoint {
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return { lat: round(point.lat), lon: round(point.lon) };
}

/** "16.46372, 107.59091": the way a pinned place is shown to the resident. */
export function formatPoint(point: GeoPoint): { lat: string; lon: string } {
  return { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) };
}

/** A tile URL template the map can use: http(s) with {z}, {x} and {y}; anything else means no tiles. */
export function usableTiles(template: string | null | undefined): string | null {
  if (!template) return null;
  if (!/^https?:\/\//.test(template)) return null;
  return ['{z}', '{x}', '{y}'].every((part) => template.includes(part)) ? template : null;
}

#!/usr/bin/env python3
"""Writes areas.geojson: SYNTHETIC ward and commune boundaries of Huế city (see README.md).

Each area is the part of a rough outline of the city that lies nearer to the area's centre than
to any other centre (a Voronoi partition, longitude scaled so that distances are true at 16.4° N).
A cell is the outline clipped by one half-plane per other centre. The script checks what the
server relies on: every cell is one simple polygon around its own centre, inside the province's
box, and the cells add up to the outline exactly. Standard library only:

    python3 crates/citizen-server/data/make_areas.py

The output is deterministic, so a rerun without edits changes nothing.
"""

import json
import math
import os

# Approximate centres (lat, lon) of the wards (phường) and communes (xã) of Huế city after the
# reorganisation of 1 July 2025, placed by hand from general knowledge of the map: good to a few
# kilometres, not surveyed. Code, kind, name.
CENTRES = [
    # The old city and its immediate neighbours.
    ("phu-xuan", "phuong", "Phú Xuân", 16.4740, 107.5770),
    ("kim-long", "phuong", "Kim Long", 16.4580, 107.5480),
    ("huong-an", "phuong", "Hương An", 16.4920, 107.5450),
    ("thuan-hoa", "phuong", "Thuận Hóa", 16.4600, 107.5960),
    ("vy-da", "phuong", "Vỹ Dạ", 16.4760, 107.6100),
    ("an-cuu", "phuong", "An Cựu", 16.4450, 107.6060),
    ("thuy-xuan", "phuong", "Thủy Xuân", 16.4300, 107.5750),
    ("duong-no", "phuong", "Dương Nỗ", 16.5080, 107.6120),
    ("my-thuong", "phuong", "Mỹ Thượng", 16.4800, 107.6450),
    ("thuan-an", "phuong", "Thuận An", 16.5550, 107.6400),
    ("hoa-chau", "phuong", "Hóa Châu", 16.5300, 107.5850),
    ("huong-thuy", "phuong", "Hương Thủy", 16.4100, 107.6200),
    ("thanh-thuy", "phuong", "Thanh Thủy", 16.4300, 107.6600),
    ("phu-bai", "phuong", "Phú Bài", 16.3950, 107.6950),
    ("kim-tra", "phuong", "Kim Trà", 16.5000, 107.5050),
    ("huong-tra", "phuong", "Hương Trà", 16.5350, 107.4650),
    # The north-west (former Phong Điền and Quảng Điền).
    ("phong-dien", "phuong", "Phong Điền", 16.5600, 107.3550),
    ("phong-thai", "phuong", "Phong Thái", 16.5600, 107.4200),
    ("phong-dinh", "phuong", "Phong Dinh", 16.6100, 107.3300),
    ("phong-phu", "phuong", "Phong Phú", 16.4900, 107.3000),
    ("phong-quang", "phuong", "Phong Quảng", 16.6250, 107.3950),
    ("dan-dien", "xa", "Đan Điền", 16.6850, 107.2600),
    ("quang-dien", "xa", "Quảng Điền", 16.5850, 107.5000),
    # The east and south-east (former Phú Vang and Phú Lộc).
    ("phu-vang", "xa", "Phú Vang", 16.4900, 107.7200),
    ("phu-ho", "xa", "Phú Hồ", 16.4550, 107.6900),
    ("phu-vinh", "xa", "Phú Vinh", 16.4400, 107.7700),
    ("vinh-loc", "xa", "Vinh Lộc", 16.3850, 107.8600),
    ("hung-loc", "xa", "Hưng Lộc", 16.3200, 107.7200),
    ("loc-an", "xa", "Lộc An", 16.3600, 107.7800),
    ("phu-loc", "xa", "Phú Lộc", 16.2800, 107.8900),
    ("chan-may-lang-co", "xa", "Chân Mây - Lăng Cô", 16.2700, 108.0200),
    ("long-quang", "xa", "Long Quảng", 16.2000, 107.8200),
    # The mountains (former Nam Đông, A Lưới, and the west of Hương Trà).
    ("nam-dong", "xa", "Nam Đông", 16.2000, 107.6600),
    ("khe-tre", "xa", "Khe Tre", 16.1000, 107.7200),
    ("binh-dien", "xa", "Bình Điền", 16.3600, 107.5200),
    ("a-luoi-1", "xa", "A Lưới 1", 16.4200, 107.1500),
    ("a-luoi-2", "xa", "A Lưới 2", 16.3100, 107.2000),
    ("a-luoi-3", "xa", "A Lưới 3", 16.2200, 107.2600),
    ("a-luoi-4", "xa", "A Lưới 4", 16.1300, 107.3300),
    ("a-luoi-5", "xa", "A Lưới 5", 16.0500, 107.4500),
]

# A rough outline of the city's land and lagoons (lat, lon), clockwise from where the coast meets
# Quảng Trị: the coast to Hải Vân, the border with Đà Nẵng and Quảng Nam, Laos, Quảng Trị.
# Drawn by hand to within a few kilometres; the sea lies outside it.
OUTLINE = [
    (16.748, 107.180),
    (16.700, 107.270),
    (16.650, 107.360),
    (16.610, 107.440),
    (16.580, 107.530),
    (16.572, 107.600),
    (16.565, 107.640),
    (16.520, 107.720),
    (16.470, 107.800),
    (16.420, 107.860),
    (16.390, 107.905),
    (16.345, 107.960),
    (16.320, 108.000),
    (16.285, 108.030),
    (16.255, 108.070),
    (16.230, 108.120),
    (16.215, 108.200),
    (16.190, 108.140),
    (16.160, 108.060),
    (16.110, 107.960),
    (16.060, 107.860),
    (16.020, 107.760),
    (15.990, 107.640),
    (15.985, 107.520),
    (16.010, 107.420),
    (16.040, 107.340),
    (16.090, 107.270),
    (16.150, 107.170),
    (16.230, 107.080),
    (16.320, 107.030),
    (16.420, 107.010),
    (16.480, 107.060),
    (16.500, 107.140),
    (16.560, 107.180),
    (16.620, 107.170),
    (16.690, 107.150),
]

# Degrees of longitude are shorter than degrees of latitude at 16.4° N: without this the cells
# would be stretched east-west.
LON_SCALE = math.cos(math.radians(16.4))
DECIMALS = 5  # about a metre


def to_plane(lat, lon):
    return (lon * LON_SCALE, lat)


def from_plane(x, y):
    return (y, x / LON_SCALE)


def clip(ring, a, b, c):
    """Sutherland-Hodgman against the half-plane a*x + b*y <= c."""
    out = []
    n = len(ring)
    for k in range(n):
        p, q = ring[k], ring[(k + 1) % n]
        dp = a * p[0] + b * p[1] - c
        dq = a * q[0] + b * q[1] - c
        if dp <= 0:
            out.append(p)
        if (dp < 0 < dq) or (dq < 0 < dp):
            t = dp / (dp - dq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def signed_area(ring):
    s = 0.0
    for k in range(len(ring)):
        (x1, y1), (x2, y2) = ring[k], ring[(k + 1) % len(ring)]
        s += x1 * y2 - x2 * y1
    return s / 2


def segments_cross(p1, p2, q1, q2):
    """Whether two segments touch or cross (collinear overlaps included)."""

    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(v) < 1e-15 else (1 if v > 0 else -1)

    def on_segment(a, b, c):
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(
            a[1], b[1]
        )

    o1, o2 = orient(p1, p2, q1), orient(p1, p2, q2)
    o3, o4 = orient(q1, q2, p1), orient(q1, q2, p2)
    if o1 != o2 and o3 != o4:
        return True
    return any(
        o == 0 and on_segment(a, b, c)
        for o, a, b, c in [(o1, p1, p2, q1), (o2, p1, p2, q2), (o3, q1, q2, p1), (o4, q1, q2, p2)]
    )


def is_simple(ring):
    """No edge touches another but its two neighbours. Clipping a non-convex outline can cut it
    into pieces that Sutherland-Hodgman joins by edges along the cut, there and back; this is
    how such a cell would show."""
    n = len(ring)
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue
            if segments_cross(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n]):
                return False
    return True


def cell(i, sites, outline):
    xi, yi = sites[i]
    ring = outline
    for j, (xj, yj) in enumerate(sites):
        if j == i:
            continue
        # Nearer to i than to j: 2(sj - si)·x <= |sj|² - |si|².
        a, b = 2 * (xj - xi), 2 * (yj - yi)
        c = xj * xj + yj * yj - xi * xi - yi * yi
        ring = clip(ring, a, b, c)
        if len(ring) < 3 or abs(signed_area(ring)) < 1e-12:
            return None
    return ring


def dedupe(ring):
    out = []
    for p in ring:
        if not out or p != out[-1]:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def inside(ring, p):
    """Even-odd ray casting."""
    x, y = p
    hit = False
    for k in range(len(ring)):
        (x1, y1), (x2, y2) = ring[k], ring[(k + 1) % len(ring)]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def main():
    sites = [to_plane(lat, lon) for _, _, _, lat, lon in CENTRES]
    outline = [to_plane(lat, lon) for lat, lon in OUTLINE]
    if signed_area(outline) < 0:
        outline.reverse()
    assert len({code for code, *_ in CENTRES}) == len(CENTRES), "codes repeat"
    features = []
    covered = 0.0
    for i, (code, kind, name, lat, lon) in enumerate(CENTRES):
        ring = cell(i, sites, outline)
        assert ring and inside(ring, sites[i]), f"{code}: its centre lies outside the outline"
        covered += abs(signed_area(ring))
        ring = [from_plane(x, y) for x, y in ring]
        ring = dedupe([(round(lon, DECIMALS), round(lat, DECIMALS)) for lat, lon in ring])
        assert is_simple(ring), f"{code}: the outline's concavity cut this cell in two"
        assert all(107.0 <= x <= 108.25 and 15.95 <= y <= 16.8 for x, y in ring), code
        # RFC 7946: exterior rings counter-clockwise (x = lon east, y = lat north).
        if signed_area(ring) < 0:
            ring.reverse()
        name_vi = ("phường " if kind == "phuong" else "xã ") + name
        name_en = name + (" Ward" if kind == "phuong" else " Commune")
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name_vi": name_vi, "name_en": name_en},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[list(p) for p in ring + [ring[0]]]],
                },
            }
        )
    # The cells partition the outline: nothing lost, nothing counted twice.
    assert abs(covered - abs(signed_area(outline))) < 1e-9, (covered, signed_area(outline))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "areas.geojson")
    with open(path, "w", encoding="utf-8") as f:
        # One feature per line: small, yet a diff shows which area changed.
        f.write('{"type":"FeatureCollection","features":[\n')
        f.write(
            ",\n".join(
                json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
                for feature in features
            )
        )
        f.write("\n]}\n")
    print(f"wrote {len(features)} areas to {path}")


if __name__ == "__main__":
    main()

"""Synthetic seasons in the real dataset schema, for the scale benchmarks.

    python benchmarks/synthetic.py 1000 -o /tmp/season-1000.toml [--check]

``season(results)`` builds a document that ``tui.core.loader.load_text`` accepts
with no problems (``--check`` proves it for the file written). Shape, chosen to
look like a real, busy series:

* rounds = min(60, max(2, ceil(results / 80))); results spread evenly over the rounds,
  so 10 -> 2 x 5, 100 -> 2 x 50, 1,000 -> 13 x 77, 10,000 -> 60 x 167 (60 rounds
  of 80 cars hold only 4,800 results, so the largest size has bigger fields);
* a fixed pool of cars (car k has number k+1, four classes, two cars a team,
  three drivers each), entered round after round: every driver id and team id
  is defined once and unique, and drivers race the whole season (as in real
  life, which is what makes a driver's season view work across rounds);
* per round: contiguous overall positions 1..m for ~88 % classified cars, then
  retirements (and one non-starter) without a position; laps fall with the
  position; gaps printed as the real file does (``+N laps`` or ``+S.sss s``);
* long free text: every round has a ~1,200-character note, every fifth result a
  ~400-character note, every team a note.

Only this module's stdlib + ``tomli_w`` (already a dependency) are used, and the
text is written with tomli_w so it is always valid TOML.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
from pathlib import Path

import tomli_w

CLASSES = ("LMP1", "LMP2", "GTS", "GT")
#: Share of the car pool per class, as in a real ALMS field (GT is the biggest).
CLASS_WEIGHTS = (0.2, 0.15, 0.2, 0.45)
MAX_ROUNDS = 60
CARS_PER_ROUND = 80
CHASSIS = {
    "LMP1": ("Audi R8", "Lola EX257", "Dallara SP1"),
    "LMP2": ("Lola B2K/40", "Courage C65", "Pilbeam MP91"),
    "GTS": ("Chevrolet Corvette C5.R", "Saleen S7R", "Ferrari 550-GTS Maranello"),
    "GT": ("Porsche 911 GT3-RSR", "Ferrari 360 Modena GTC", "BMW M3 GTR"),
}
TIMEZONES = ("America/New_York", "America/Chicago", "America/Los_Angeles", "America/Toronto")
LOREM = (
    "The car ran a steady race in traffic, lost time at a slow pit stop when the "
    "right-rear wheel nut stuck, and came back through the field in the last hour "
    "as the track cooled; the crew changed brakes under the second full-course "
    "yellow, a call the team said afterwards it would make again. "
)


def layout(results: int) -> list[int]:
    """Cars in each round: ``results`` spread evenly over min(60, ceil(n/80)) rounds."""
    if results < 1:
        raise ValueError("results must be at least 1")
    # At least two rounds, so that a round switch has somewhere to go.
    rounds = min(MAX_ROUNDS, max(2, math.ceil(results / CARS_PER_ROUND)), results)
    base, extra = divmod(results, rounds)
    return [base + (1 if i < extra else 0) for i in range(rounds)]


def _long_text(rng: random.Random, chars: int, prefix: str) -> str:
    text = prefix + " " + LOREM * (chars // len(LOREM) + 1)
    cut = text[: chars - rng.randrange(0, 40)]
    return cut.rsplit(" ", 1)[0] + "."


def _car_class(k: int, pool: int) -> str:
    """Class of car k: blocks in proportion to CLASS_WEIGHTS, interleaved by k."""
    edges = []
    acc = 0.0
    for weight in CLASS_WEIGHTS:
        acc += weight
        edges.append(acc)
    fraction = ((k * 0.6180339887) % 1.0)  # a low-discrepancy spread over the pool
    return next(c for c, edge in zip(CLASSES, edges) if fraction < edge + 1e-12)


def season(results: int, seed: int = 2004) -> dict:
    """The TOML document (as Python data) of a synthetic season with ``results`` results."""
    rng = random.Random(seed)
    per_round = layout(results)
    pool = max(per_round)
    cars = []
    for k in range(pool):
        car_class = _car_class(k, pool)
        cars.append(
            {
                "number": k + 1,
                "class": car_class,
                "team": f"team-{k // 2:03d}",
                "drivers": [f"driver-{k:03d}-{j}" for j in range(3)],
                "chassis": CHASSIS[car_class][k % 3],
            }
        )
    teams = [
        {
            "id": f"team-{t:03d}",
            "name": f"Synthetic Racing {t:03d}",
            "notes": [{"text": _long_text(rng, 300, f"Team {t:03d}."), "sources": ["SYN"]}],
        }
        for t in range((pool + 1) // 2)
    ]
    drivers = [
        {"id": d, "name": f"Given{d[7:10]} Surname{d[7:10]}-{d[-1]}", "sources": ["SYN"]}
        for car in cars
        for d in car["drivers"]
    ]
    start = dt.date(2004, 1, 3)
    rounds = []
    for r, count in enumerate(per_round, start=1):
        entered = cars[:count]
        order = list(range(count))
        rng.shuffle(order)
        retired = max(1, round(count * 0.12)) if count >= 4 else 0
        classified = count - retired
        winner_laps = rng.randrange(90, 400)
        laps = winner_laps
        round_results = []
        for place, k in enumerate(order):
            car = entered[k]
            result: dict = {
                "class": car["class"],
                "number": car["number"],
                "team": car["team"],
                "drivers": car["drivers"],
                "chassis": car["chassis"],
                "sources": ["SYN"],
            }
            if place < classified:
                result["position"] = place + 1
                if place:
                    laps -= rng.choice((0, 0, 0, 1, 1, 2))
                    behind = winner_laps - laps
                    result["gap"] = (
                        f"+{behind} lap{'s' if behind != 1 else ''}"
                        if behind
                        else f"+{rng.uniform(0.2, 90):.3f} s"
                    )
                result["laps"] = max(laps, 1)
            else:
                status = "dns" if place == count - 1 and count >= 20 else "dnf"
                result["status"] = status
                result["laps"] = 0 if status == "dns" else rng.randrange(1, max(2, winner_laps // 2))
                result["reason"] = "did not start" if status == "dns" else "engine failure"
            if place % 5 == 0:
                result["notes"] = [
                    {"text": _long_text(rng, 400, f"Car #{car['number']} in round {r}."),
                     "sources": ["SYN"], "drivers": car["drivers"][:1]}
                ]
            round_results.append(result)
        by_class: dict[str, int] = {}
        for car in entered:
            by_class[car["class"]] = by_class.get(car["class"], 0) + 1
        rounds.append(
            {
                "number": r,
                "name": f"Synthetic Grand Prix {r}",
                "circuit": f"Circuit {r}",
                "city": f"City {r}",
                "country": "USA",
                "date": start + dt.timedelta(days=5 * (r - 1)),
                "timezone": TIMEZONES[r % len(TIMEZONES)],
                "length_km": 4.0 + (r % 7) / 10,
                "points_scale": "standard",
                "sources": ["SYN"],
                "format": {"kind": "timed", "duration_minutes": 165, "sources": ["SYN"]},
                "coverage": {"level": "full", "note": "Synthetic: every car is known."},
                "stats": {
                    "winner_time": "2:45:35.551",
                    "entries": {"total": count, "by_class": by_class, "sources": ["SYN"]},
                    "sources": ["SYN"],
                },
                "results": round_results,
                "notes": [
                    {"text": _long_text(rng, 1200, f"Round {r} report."), "sources": ["SYN"],
                     "car": entered[order[0]]["number"]}
                ],
            }
        )
    return {
        "schema_version": 1,
        "season": {"series": "Synthetic Series", "year": 2004, "sources": ["SYN"],
                   "notes": [{"text": _long_text(rng, 2000, "Season."), "sources": ["SYN"]}]},
        "sources": [{"id": "SYN", "title": "Generated by benchmarks/synthetic.py",
                     "locator": "benchmarks/synthetic.py"}],
        "classes": [{"id": c, "name": f"Class {c}", "sources": ["SYN"]} for c in CLASSES],
        "points": {
            "basis": "class_position",
            "min_distance_fraction": 0.7,
            "distance_reference": "class_winner",
            "unknown_laps_score": True,
            "team_scoring": "best_car",
            "sources": ["SYN"],
            "scales": [{"id": "standard", "name": "Standard", "points": [20, 16, 13, 10, 8, 6, 4, 3, 2, 1],
                        "sources": ["SYN"]}],
        },
        "teams": teams,
        "drivers": drivers,
        "rounds": rounds,
    }


def season_text(results: int, seed: int = 2004) -> str:
    return tomli_w.dumps(season(results, seed))


def write(results: int, path: Path, seed: int = 2004) -> Path:
    path = Path(path)
    path.write_text(season_text(results, seed), encoding="utf-8")
    return path


def check_text(text: str) -> list[str]:
    """Problems the real loader finds (empty when valid)."""
    from tui.core.loader import load_text

    loaded = load_text(text, "<synthetic>")
    return [str(p) for p in loaded.problems] or ([] if loaded.ok else ["not loaded"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=int, help="number of results (cars classified or not)")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=2004)
    parser.add_argument("--check", action="store_true", help="validate with tui.core.loader.load_text")
    args = parser.parse_args(argv)
    text = season_text(args.results, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.check:
        problems = check_text(text)
        for problem in problems[:20]:
            print(problem, file=sys.stderr)
        print(f"{args.results} results, {len(layout(args.results))} rounds, {len(text):,} bytes: "
              f"{'OK' if not problems else f'{len(problems)} problems'}", file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

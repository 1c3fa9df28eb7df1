"""Key facts of the bundled 2004 season (data/alms-2004.toml).

These tests pin facts taken from the project's fact sheet, so an edit that
changes a result, invents a value or breaks a reference fails loudly.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from tui.core.classification import classify, derivable_positions
from tui.core.models import Dataset, NoteKind, Round, Status

DATA = Path(__file__).resolve().parents[1] / "data" / "alms-2004.toml"


@pytest.fixture(scope="module")
def raw() -> dict:
    with DATA.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def season(raw: dict) -> Dataset:
    return Dataset.model_validate(raw)


def _round(season: Dataset, number: int) -> Round:
    rnd = season.round(number)
    assert rnd is not None
    return rnd


def _find(rnd: Round, *drivers: str):
    """The one result whose crew starts with the given driver ids."""
    hits = [r for r in rnd.results if tuple(r.drivers[: len(drivers)]) == drivers]
    assert len(hits) == 1, f"{drivers} matched {len(hits)} results in round {rnd.number}"
    return hits[0]


def _class_positions(rnd: Round) -> dict[tuple[str, ...], tuple[int | None, bool]]:
    return {tuple(row.result.drivers): (row.class_position, row.class_position_derived)
            for row in classify(rnd)}


# --- calendar -----------------------------------------------------------------


def test_nine_rounds_from_sebring_to_laguna_seca_in_date_order(season: Dataset) -> None:
    assert [r.number for r in season.rounds] == list(range(1, 10))
    assert season.rounds[0].name == "Mobil 1 12 Hours of Sebring"
    assert season.rounds[0].date == dt.date(2004, 3, 20)
    assert season.rounds[-1].circuit == "Mazda Raceway Laguna Seca"
    assert season.rounds[-1].date == dt.date(2004, 10, 16)
    dates = [r.date for r in season.rounds]
    assert dates == sorted(dates) and len(set(dates)) == 9


def test_round_timezones(season: Dataset) -> None:
    assert [r.timezone for r in season.rounds] == [
        "America/New_York",  # Sebring
        "America/New_York",  # Mid-Ohio
        "America/New_York",  # Lime Rock
        "America/Los_Angeles",  # Sonoma
        "America/Los_Angeles",  # Portland
        "America/Toronto",  # Mosport
        "America/Chicago",  # Road America
        "America/New_York",  # Road Atlanta
        "America/Los_Angeles",  # Laguna Seca
    ]
    assert [r.country for r in season.rounds].count("Canada") == 1
    assert _round(season, 6).country == "Canada"


def test_coverage_levels_match_the_fact_sheet(season: Dataset) -> None:
    # Lime Rock and Petit Le Mans gained overall P2 and P3 from the addendum.
    assert [r.coverage.level for r in season.rounds] == [
        "partial", "partial", "partial", "partial", "partial",
        "full", "partial", "partial", "partial",
    ]


def test_race_formats(season: Dataset) -> None:
    assert [r.format.label for r in season.rounds] == [
        "12 h", "2 h 45 min", "2 h 45 min", "2 h 45 min", "2 h 45 min",
        "2 h 45 min", "2 h 45 min", "1,000 mi or 10 h", "4 h",
    ]
    plm = _round(season, 8).format
    assert plm.kind == "distance" and plm.distance_laps == 394


def test_lengths_in_miles_only_where_a_source_gives_them(season: Dataset) -> None:
    miles = {r.number: r.length_mi for r in season.rounds}
    assert miles[1] == 3.74 and miles[6] == 2.459
    # No source gives miles for Lime Rock or Laguna Seca; Road America's only
    # mileage is from a different race and is recorded as a conflict.
    assert miles[3] is None and miles[9] is None and miles[7] is None
    for number in (1, 2, 7):
        assert any(n.kind is NoteKind.CONFLICT and "length" in n.text.lower()
                   for n in _round(season, number).notes), number


# --- points -------------------------------------------------------------------


def test_points_scales_and_which_rounds_use_them(season: Dataset) -> None:
    assert season.scale("standard").points == [20, 16, 13, 10, 8, 6, 4, 3, 2, 1]
    assert season.scale("four-hour").points == [23, 19, 16, 13, 11, 9, 7, 6, 5, 4]
    assert season.scale("endurance").points == [26, 22, 19, 16, 14, 12, 10, 9, 8, 7]
    assert [r.points_scale for r in season.rounds] == [
        "endurance", "standard", "standard", "standard", "standard",
        "standard", "standard", "endurance", "four-hour",
    ]


def test_points_readings_are_recorded(season: Dataset) -> None:
    rules = season.points
    assert rules.basis == "class_position"
    assert rules.min_distance_fraction == 0.7
    assert rules.distance_reference == "class_winner"
    assert rules.unknown_laps_score is True
    text = " ".join(r.text for r in rules.readings)
    assert "Miracle" in text  # ZR1_365's 70% example
    assert any("bonus" in r.topic.lower() and "not applied" in r.text for r in rules.readings)


# --- Mosport: the one full classification -----------------------------------


def test_mosport_has_all_24_rows_20_classified(season: Dataset) -> None:
    mosport = _round(season, 6)
    assert len(mosport.results) == 24
    classified = [r for r in mosport.results if r.classified]
    assert sorted(r.position for r in classified) == list(range(1, 21))
    others = [r for r in mosport.results if not r.classified]
    assert [r.status for r in others] == [Status.DNF, Status.DNS, Status.DNS, Status.DNS]
    assert all(r.position is None and r.class_position is None for r in others)
    assert derivable_positions(mosport) == 20
    assert mosport.stats.finishers.total == 20


def test_mosport_class_winners(season: Dataset) -> None:
    winners = {row.result.car_class: row.result.number
               for row in classify(_round(season, 6)) if row.class_position == 1}
    assert winners == {"LMP1": 16, "LMP2": 30, "GTS": 4, "GT": 23}


def test_mosport_class_positions_are_derived(season: Dataset) -> None:
    mosport = _round(season, 6)
    positions = _class_positions(mosport)
    assert positions[("jj-lehto", "marco-werner")] == (2, True)
    assert positions[("timo-bernhard", "jorg-bergmeister")] == (1, True)
    assert positions[("david-murry", "craig-stanton", "michael-petersen")] == (2, True)
    assert positions[("ian-james", "john-macaluso", "james-gue")] == (2, True)
    # Nothing derivable is stored.
    assert all(r.class_position is None for r in mosport.results)


def test_mosport_unknown_car_numbers_stay_absent(season: Dataset) -> None:
    mosport = _round(season, 6)
    assert _find(mosport, "ron-fellows", "johnny-o-connell").number is None
    assert _find(mosport, "terry-borcheller").number is None
    assert _find(mosport, "romain-dumas", "marc-lieb").number is None
    known = sorted(r.number for r in mosport.results if r.number is not None)
    assert known == [4, 16, 20, 23, 30, 38, 45]


def test_mosport_stated_gaps(season: Dataset) -> None:
    mosport = _round(season, 6)
    assert _find(mosport, "jj-lehto").gap == "+16.319 s"
    assert _find(mosport, "ron-fellows").class_gap == "+0.240 s"
    assert _find(mosport, "david-murry").class_gap == "+17.014 s"


def test_mosport_retirement_and_non_starters(season: Dataset) -> None:
    mosport = _round(season, 6)
    field = _find(mosport, "jon-field", "jonsson")
    assert (field.status, field.reason, field.laps) == (Status.DNF, "Suspension", 17)
    assert field.car_class == "LMP1" and field.team == "intersport"
    assert any(n.kind is NoteKind.CONFLICT and "B16217" in n.text for n in field.notes)
    lambos = [r for r in mosport.results if r.team == "krohn-barbour"]
    assert len(lambos) == 2 and all(r.status is Status.DNS for r in lambos)
    assert _find(mosport, "bucknum").status is Status.DNS


# --- conflicts kept as data -------------------------------------------------


def test_bergmeister_is_not_a_verified_sebring_winner(season: Dataset) -> None:
    sebring = _round(season, 1)
    gt_winner = next(r for r in sebring.results if r.car_class == "GT" and r.class_position == 1)
    assert gt_winner.number == 23
    assert gt_winner.drivers == ["sascha-maassen", "timo-bernhard"]
    assert any(n.kind is NoteKind.CONFLICT and "jorg-bergmeister" in n.drivers
               for n in sebring.notes)


def test_macaluso_is_not_in_the_lime_rock_lmp2_crew(season: Dataset) -> None:
    lime_rock = _round(season, 3)
    winner = next(r for r in lime_rock.results if r.car_class == "LMP2")
    assert winner.drivers == ["ian-james", "james-gue"]
    assert any(n.kind is NoteKind.CONFLICT and "john-macaluso" in n.drivers
               for n in lime_rock.notes)


def test_sebring_lmp2_deficit_conflict_is_not_resolved(season: Dataset) -> None:
    lmp2 = next(r for r in _round(season, 1).results if r.car_class == "LMP2")
    assert (lmp2.position, lmp2.class_position, lmp2.team) == (21, 1, "american-spirit")
    assert lmp2.laps is None and lmp2.gap is None
    conflict = " ".join(n.text for n in lmp2.notes if n.kind is NoteKind.CONFLICT)
    # Both values, each with its source: neither is stored as the gap.
    assert "GH1 prints +86 laps" in conflict and "WP_SEB_DE says 96 laps behind" in conflict


def test_portland_second_place_laps_conflict(season: Dataset) -> None:
    second = _find(_round(season, 5), "butch-leitzinger")
    assert second.position == 2 and second.laps is None
    assert any(n.kind is NoteKind.CONFLICT and "WP_POR gives 141" in n.text and "SO_POR gives 140" in n.text
               for n in second.notes)


def test_american_spirit_and_miracle_stay_separate_teams(season: Dataset) -> None:
    assert season.team("american-spirit") and season.team("miracle")
    assert _find(_round(season, 1), "ian-james").team == "american-spirit"
    assert _find(_round(season, 7), "ian-james").team == "miracle"
    assert season.team("miracle").notes and season.team("american-spirit").notes


# --- other rounds -----------------------------------------------------------


def test_class_winner_numbers_per_round(season: Dataset) -> None:
    expected = {
        1: {"LMP1": 28, "LMP2": 10, "GTS": 3, "GT": 23},
        2: {"LMP1": 38, "LMP2": 30, "GTS": 3, "GT": 45},
        3: {"LMP1": 38, "LMP2": 10, "GTS": 4, "GT": 35},
        4: {"LMP1": 38, "LMP2": 30, "GTS": 3, "GT": 23},
        5: {"LMP1": 38, "LMP2": 30, "GTS": 3, "GT": 24},
        6: {"LMP1": 16, "LMP2": 30, "GTS": 4, "GT": 23},
        7: {"LMP1": 38, "LMP2": 10, "GTS": 4, "GT": 23},
        8: {"LMP1": 38, "LMP2": 30, "GTS": 4, "GT": 23},
        9: {"LMP1": 2, "LMP2": 30, "GTS": 3, "GT": 24},
    }
    for rnd in season.rounds:
        winners = [row.result for row in classify(rnd) if row.class_position == 1]
        assert {r.car_class: r.number for r in winners} == expected[rnd.number], rnd.number
        assert len(winners) == 4
        assert rnd.winner is not None and rnd.winner.number == expected[rnd.number]["LMP1"]


def test_corvette_won_gts_at_every_round(season: Dataset) -> None:
    for rnd in season.rounds:
        gts = next(row.result for row in classify(rnd, "GTS") if row.class_position == 1)
        assert gts.team == "corvette", rnd.number


def test_portland_gt_order(season: Dataset) -> None:
    gt = [(row.result.number, row.class_position) for row in classify(_round(season, 5), "GT")]
    assert gt == [(24, 1), (45, 2), (31, 3), (23, 4), (66, 5), (44, 6)]


def test_laguna_seca_gaps_and_lmp2_third(season: Dataset) -> None:
    laguna = _round(season, 9)
    assert _find(laguna, "jj-lehto").gap == "+56.832 s"
    assert _find(laguna, "james-weaver").gap == "+1 lap"
    james = next(r for r in laguna.results if r.team == "miracle")
    assert (james.position, james.class_position, james.number) == (None, 3, None)
    kelleners = _find(laguna, "ralf-kelleners")
    assert kelleners.position == 11 and kelleners.team is None
    assert season.driver("de-simone").given_name_known is False


def test_poles(season: Dataset) -> None:
    overall = {r.number: next(p for p in r.poles if p.overall) for r in season.rounds}
    assert all(p.car_class == "LMP1" for p in overall.values())
    assert overall[6].time == "1:07.430" and overall[6].number == 16
    assert overall[9].team == "creation"
    mosport_classes = {p.car_class for p in _round(season, 6).poles}
    assert mosport_classes == {"LMP1", "LMP2", "GTS", "GT"}
    gt_pole = next(p for p in _round(season, 6).poles if p.car_class == "GT")
    assert gt_pole.drivers == ["lonnie-pechnik"] and gt_pole.number is None


def test_petit_le_mans_format_label(season: Dataset) -> None:
    assert _round(season, 8).format.label == "1,000 mi or 10 h"


# --- integrity --------------------------------------------------------------


def test_every_referenced_id_resolves(season: Dataset) -> None:
    sources = {s.id for s in season.sources}
    classes = {c.id for c in season.classes}
    teams = {t.id for t in season.teams}
    drivers = {d.id for d in season.drivers}
    problems: list[str] = []

    def src(where: str, ids: list[str]) -> None:
        problems.extend(f"{where}: source {s}" for s in ids if s not in sources)

    def notes(where: str, items) -> None:
        for n in items:
            src(where, n.sources)
            problems.extend(f"{where}: driver {d}" for d in n.drivers if d not in drivers)

    src("season", season.season.sources)
    notes("season", season.season.notes)
    for c in season.classes:
        src(c.id, c.sources)
        notes(c.id, c.notes)
    for t in season.teams:
        notes(t.id, t.notes)
    for d in season.drivers:
        src(d.id, d.sources)
    src("points", season.points.sources)
    for s in season.points.scales:
        src(s.id, s.sources)
    for r in season.points.readings:
        src(r.topic, r.sources)
    for rnd in season.rounds:
        where = f"round {rnd.number}"
        if season.scale(rnd.points_scale) is None:
            problems.append(f"{where}: scale {rnd.points_scale}")
        src(where, rnd.sources + rnd.format.sources)
        for alt in rnd.also_known_as:
            src(where, alt.sources)
        if rnd.stats:
            src(where, rnd.stats.sources)
            for counts in (rnd.stats.entries, rnd.stats.finishers):
                src(where, counts.sources)
                problems.extend(f"{where}: class {c}" for c in counts.by_class if c not in classes)
        for p in rnd.poles:
            src(where, p.sources)
            if p.car_class not in classes:
                problems.append(f"{where}: pole class {p.car_class}")
            if p.team is not None and p.team not in teams:
                problems.append(f"{where}: pole team {p.team}")
            problems.extend(f"{where}: pole driver {d}" for d in p.drivers if d not in drivers)
        notes(where, rnd.notes)
        for res in rnd.results:
            if not res.sources:
                problems.append(f"{where}: result without sources {res.drivers}")
            src(where, res.sources)
            notes(where, res.notes)
            if res.car_class not in classes:
                problems.append(f"{where}: class {res.car_class}")
            if res.team is not None and res.team not in teams:
                problems.append(f"{where}: team {res.team}")
            problems.extend(f"{where}: driver {d}" for d in res.drivers if d not in drivers)
    assert problems == []


def test_every_driver_and_team_is_used(season: Dataset) -> None:
    used_drivers = {d for rnd in season.rounds for r in rnd.results for d in r.drivers}
    used_drivers |= {d for rnd in season.rounds for p in rnd.poles for d in p.drivers}
    assert {d.id for d in season.drivers} == used_drivers
    used_teams = {r.team for rnd in season.rounds for r in rnd.results if r.team}
    assert {t.id for t in season.teams} == used_teams


def test_positions_and_numbers_unique_per_round(season: Dataset) -> None:
    for rnd in season.rounds:
        positions = [r.position for r in rnd.results if r.position is not None]
        numbers = [r.number for r in rnd.results if r.number is not None]
        assert len(positions) == len(set(positions)), rnd.number
        assert len(numbers) == len(set(numbers)), rnd.number


def test_round_notes_name_only_cars_in_the_round(season: Dataset) -> None:
    for rnd in season.rounds:
        numbers = {r.number for r in rnd.results if r.number is not None}
        for note in rnd.notes:
            assert note.car is None or note.car in numbers, (rnd.number, note.text)


def test_no_classified_car_beats_the_winners_laps(season: Dataset) -> None:
    for rnd in season.rounds:
        winner = rnd.winner
        assert winner is not None and winner.laps is not None, rnd.number
        for r in rnd.results:
            if r.classified and r.laps is not None:
                assert r.laps <= winner.laps, (rnd.number, r.drivers)


def test_unclassified_cars_have_no_position(season: Dataset) -> None:
    for rnd in season.rounds:
        for r in rnd.results:
            if not r.classified:
                assert r.position is None and r.class_position is None
                assert r.reason, (rnd.number, r.drivers)


def test_stored_class_positions_could_not_be_derived(season: Dataset) -> None:
    for rnd in season.rounds:
        top = derivable_positions(rnd)
        for r in rnd.results:
            if r.class_position is not None and r.position is not None:
                assert r.position > top, (rnd.number, r.drivers)


def test_known_finishers_do_not_exceed_the_counts(season: Dataset) -> None:
    for rnd in season.rounds:
        counts = rnd.stats.finishers
        assert sum(counts.by_class.values()) == counts.total
        for cls, n in counts.by_class.items():
            known = sum(1 for r in rnd.results if r.classified and r.car_class == cls)
            assert known <= n, (rnd.number, cls)


def test_no_nationality_anywhere(season: Dataset) -> None:
    assert all(d.nationality is None for d in season.drivers)
    assert "nationality" not in DATA.read_text(encoding="utf-8")


def test_surname_only_drivers(season: Dataset) -> None:
    surname_only = {d.id for d in season.drivers if not d.given_name_known}
    assert surname_only == {
        "jeannette", "saelens", "weickardt", "belloc", "burgess", "masarati", "jonsson",
        "bucknum", "willman", "mcmurry", "brabham", "kox", "krohn", "maxwell", "de-simone",
    }
    # Surnames the sources complete elsewhere map to the full name.
    mosport = _round(season, 6)
    assert _find(mosport, "lonnie-pechnik", "seth-neiman").laps == 118
    assert _find(mosport, "justin-jackson", "tim-sugden").laps == 117
    assert _find(mosport, "clint-field", "robin-liddell").number == 30


def test_all_reference_sources_are_listed(season: Dataset) -> None:
    assert {s.id for s in season.sources} == {
        "seed", "GH1", "WP_SEASON", "KNOWLEDGR", "LIQ2007", "MS2002", "ZR1_328", "ZR1_343",
        "ZR1_365", "ZR1_384", "WP_SEB_DE", "WP_SON", "WP_POR", "WP_MOS", "WP_RA", "WP_CTMP",
        "WP_CC_RA", "TM_2710", "TM_2722", "TM_2683", "SO_MO", "SO_LR", "SO_POR", "SO_RA",
        "DYSON_MO", "IR_MO", "MS_MO_FACTS", "GTEINS_LR", "GTEINS_SON", "NCBG_SON",
        "AUDIZINE_POR", "DSC_RA", "SH_RA", "MS_PLM", "IR_PLM", "IR_LAG", "AS_LAG", "AUDI_LAG",
        "YUMPU_LAG", "AUDI_SEB", "PIRRO_SEB", "MS_SEB", "ESPN_SEB", "FOCGB_SEB", "PORSCHE_LS",
        "PORSCHE_GT", "MOTORLINE_SEB", "GEO", "ZP_WC_SEB", "MW", "RISI_2006", "IR_RA",
        # from the addendum
        "DYSON_SEB", "DYSON_LR", "DYSON_PLM", "GTEINS_PLM_D", "GTEINS_PLM_E",
    }


def test_class_rules(season: Dataset) -> None:
    lmp1, lmp2 = season.car_class("LMP1"), season.car_class("LMP2")
    assert lmp1.power_hp == (750, 800) and lmp1.min_weight_kg == 900
    assert lmp2.min_weight_kg == 700 and lmp2.min_weight_lb is None
    assert any(n.kind is NoteKind.CONFLICT and "1,653" in n.text for n in lmp2.notes)
    assert season.car_class("GTS").power_hp == (550, 600)
    assert season.car_class("GT").min_weight_kg == 1100


# --- rows from the reference addendum (R1, R3, R8) -----------------------------------


def test_counts_after_the_addendum(season: Dataset) -> None:
    assert sum(len(r.results) for r in season.rounds) == 110
    assert [len(r.results) for r in season.rounds if r.number in (1, 3, 8)] == [13, 7, 13]
    assert len(season.drivers) == 78 and len(season.teams) == 20


def test_sebring_fifth_and_sixth_and_the_dyson_retirement(season: Dataset) -> None:
    sebring = _round(season, 1)
    positions = _class_positions(sebring)
    fifth = next(r for r in sebring.results if r.position == 5)
    # Only place, class and number are stated: no team or crew is guessed for #22.
    assert (fifth.car_class, fifth.number, fifth.team, fifth.drivers) == ("LMP1", 22, None, [])
    assert any(n.kind is NoteKind.MISSING and "Rollcentre" in n.text for n in fifth.notes)
    sixth = _find(sebring, "james-weaver", "butch-leitzinger", "andy-wallace")
    assert (sixth.position, sixth.number, sixth.team) == (6, 16, "dyson")
    assert positions[("james-weaver", "butch-leitzinger", "andy-wallace")] == (5, True)
    assert positions[()] == (4, True)  # #22: fourth in LMP1, read off the order
    dnf = _find(sebring, "chris-dyson", "didier-de-radigues", "jan-lammers")
    assert (dnf.status, dnf.number, dnf.position) == (Status.DNF, 20, None)
    assert "fourth hour" in dnf.reason


def test_lime_rock_dyson_second_and_an_uncertain_third(season: Dataset) -> None:
    lime_rock = _round(season, 3)
    second = _find(lime_rock, "james-weaver", "butch-leitzinger")
    assert (second.position, second.number, second.gap, second.uncertain) == (2, 16, "+1.429 s", False)
    third = _find(lime_rock, "chris-dyson", "andy-wallace")
    assert (third.position, third.number, third.uncertain) == (3, 20, True)
    assert any("inference" in n.text for n in third.notes)
    bam = _find(lime_rock, "leo-hindery", "lucas-luhr")
    assert (bam.status, bam.number, bam.team) == (Status.DNF, None, "bam")
    # The Intersport crash: classified or not is not stated, so it is a note, not a row.
    assert not any(r.team == "intersport" for r in lime_rock.results)


def test_petit_le_mans_rows_with_their_conflicts_and_uncertainty(season: Dataset) -> None:
    plm = _round(season, 8)
    third = _find(plm, "chris-dyson", "jan-lammers")
    assert (third.position, third.number) == (3, None)  # #16 or #20: disputed
    assert any(n.kind is NoteKind.CONFLICT for n in third.notes)
    ninth = _find(plm, "james-weaver", "butch-leitzinger", "andy-wallace")
    assert (ninth.position, ninth.class_position, ninth.number) == (9, 4, None)
    viper = next(r for r in plm.results if r.team == "carsport")
    assert (viper.car_class, viper.class_position, viper.drivers, viper.crew_complete) == (
        "GTS", 3, [], False
    )
    henzler = _find(plm, "wolf-henzler")
    assert (henzler.class_position, henzler.uncertain, henzler.crew_complete) == (2, True, False)
    intersport = next(r for r in plm.results if r.team == "intersport" and r.car_class == "LMP1")
    assert intersport.status is Status.DNF and intersport.chassis == "Lola"
    # Mid-race places (White Lightning 3rd in GT, Marshall Cooke 2nd in LMP2) stay notes.
    assert not any(r.team == "white-lightning" for r in plm.results)
    assert any("middle of the race" in n.text for n in plm.notes)


def test_uncertain_rows_are_only_the_two_inferences(season: Dataset) -> None:
    uncertain = [(rnd.number, r.drivers[0]) for rnd in season.rounds for r in rnd.results if r.uncertain]
    assert uncertain == [(3, "chris-dyson"), (8, "wolf-henzler")]

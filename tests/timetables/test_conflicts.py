"""Each conflict rule on a crafted week, and no false conflict between a division and a group not drawn from it."""

from __future__ import annotations

import uuid

from timetables.conflicts import Context, Slot, detect_conflicts

DIV_A, DIV_B = uuid.uuid4(), uuid.uuid4()
GROUP_A, GROUP_B, GROUP_AB = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
ALICE, BRUNO = uuid.uuid4(), uuid.uuid4()
ROOM_1, ROOM_2 = uuid.uuid4(), uuid.uuid4()
EVERY, WEEK_A, WEEK_B = 0b1111, 0b0101, 0b1010
NAMES = {DIV_A: "6A", DIV_B: "6B", GROUP_A: "6A ESP", GROUP_B: "6B LAT", GROUP_AB: "6AB LAT", ALICE: "DUPONT Alice"}


def _context(sharing=frozenset(), opening=None) -> Context:
    parents = {GROUP_A: frozenset({DIV_A}), GROUP_B: frozenset({DIV_B}), GROUP_AB: frozenset({DIV_A, DIV_B})}
    return Context(parents, sharing, opening or {1: (480, 1080)}, NAMES)


def _slot(*, start=480, length=60, weeks=EVERY, teachers=(), room=None, divisions=(), groups=(), weekday=1) -> Slot:
    return Slot(
        uuid.uuid4(),
        weekday,
        start,
        start + length,
        weeks,
        frozenset(teachers),
        room,
        frozenset(divisions),
        frozenset(groups),
    )


def _kinds(*slots: Slot, context: Context | None = None) -> list[str]:
    return sorted(conflict.kind for conflict in detect_conflicts(list(slots), context or _context()))


def test_it_flags_a_teacher_in_two_places():
    first = _slot(teachers=[ALICE], divisions=[DIV_A], room=ROOM_1)
    second = _slot(start=510, teachers=[ALICE], divisions=[DIV_B], room=ROOM_2)
    assert _kinds(first, second) == ["teacher"]


def test_it_names_the_teacher_in_the_message():
    first = _slot(teachers=[ALICE], divisions=[DIV_A])
    second = _slot(teachers=[ALICE], divisions=[DIV_B])
    assert "DUPONT Alice" in detect_conflicts([first, second], _context())[0].message


def test_it_flags_a_room_in_two_places():
    assert _kinds(_slot(room=ROOM_1, divisions=[DIV_A]), _slot(room=ROOM_1, divisions=[DIV_B])) == ["room"]


def test_it_flags_a_division_in_two_places():
    assert _kinds(_slot(divisions=[DIV_A], teachers=[ALICE]), _slot(divisions=[DIV_A], teachers=[BRUNO])) == [
        "structure"
    ]


def test_it_flags_a_division_and_one_of_its_groups():
    assert _kinds(_slot(divisions=[DIV_A]), _slot(groups=[GROUP_A])) == ["structure"]


def test_it_flags_a_division_and_a_group_drawn_from_several_divisions():
    assert _kinds(_slot(divisions=[DIV_B]), _slot(groups=[GROUP_AB])) == ["structure"]


def test_it_does_not_flag_a_division_and_a_group_not_drawn_from_it():
    assert _kinds(_slot(divisions=[DIV_A]), _slot(groups=[GROUP_B])) == []


def test_it_does_not_flag_two_groups_of_one_division_without_common_pupils():
    assert _kinds(_slot(groups=[GROUP_A]), _slot(groups=[GROUP_AB])) == []


def test_it_flags_two_groups_sharing_pupils():
    sharing = frozenset({frozenset({GROUP_A, GROUP_AB})})
    assert _kinds(_slot(groups=[GROUP_A]), _slot(groups=[GROUP_AB]), context=_context(sharing)) == ["structure"]


def test_it_does_not_flag_week_a_against_week_b():
    assert _kinds(_slot(divisions=[DIV_A], weeks=WEEK_A), _slot(divisions=[DIV_A], weeks=WEEK_B)) == []


def test_it_does_not_flag_back_to_back_courses():
    assert _kinds(_slot(teachers=[ALICE]), _slot(start=540, teachers=[ALICE])) == []


def test_it_flags_a_course_after_closing_time():
    assert _kinds(_slot(start=1050, divisions=[DIV_A])) == ["hours"]


def test_it_flags_a_course_on_a_closed_day():
    assert _kinds(_slot(weekday=6, divisions=[DIV_A])) == ["hours"]


def test_it_flags_a_course_on_an_empty_week_pattern():
    assert _kinds(_slot(weeks=0, divisions=[DIV_A])) == ["weeks"]

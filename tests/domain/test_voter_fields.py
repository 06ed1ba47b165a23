"""One list of a voter's fields (``domain.voter``) and the wire's frozen copies of it.

The laptop's and KPU's voters tables and the pull page derive their column lists from
``RECORD_FIELDS``. The protocol keeps its own literal lists on purpose: an "ubah" sends an
element's *index* in ``WIRE_ELEMENTS`` and a "baru" may travel as a bare list in ``BARU_KEYS``
order, so laptops already in the field read those positions as wire v1 defined them. These
tests fail when the domain and the wire drift apart, so whoever changes one decides, in a new
protocol version, what the other does."""

from __future__ import annotations

from lapang_core import protocol as p
from lapang_core.domain.voter import ELEMENTS, RECORD_FIELDS, STATUS_CONDITIONS
from tests.support.released import pull_page_e6e8ee7 as released


def test_the_form_elements_and_the_status_conditions_are_record_fields_apart():
    assert set(ELEMENTS) <= set(RECORD_FIELDS)
    assert set(STATUS_CONDITIONS) <= set(RECORD_FIELDS)
    assert not set(STATUS_CONDITIONS) & set(ELEMENTS)  # no Model A element (domain note §4)


def test_the_wire_elements_are_the_form_elements_in_the_order_wire_v1_froze():
    # Reordering or adding a Model A element renumbers an ubah: append to WIRE_ELEMENTS only,
    # in a new protocol version, never by deriving it from the form.
    assert p.WIRE_ELEMENTS == ELEMENTS
    assert set(p.BARU_KEYS) <= set(RECORD_FIELDS)


def test_a_baru_carries_the_status_conditions_under_the_records_names():
    assert p.BARU_STATUS_KEYS == STATUS_CONDITIONS


def test_the_pull_page_carries_every_record_field_by_name():
    # Besides the record: the row's id and version, and the TMS payload while marked TMS.
    assert set(p.VOTER_COLUMNS) == {"id", "version", "tms", *RECORD_FIELDS}
    # The released decoder (kept as it shipped) maps columns by name and needs each of its own.
    assert set(released.VOTER_COLUMNS) <= set(p.VOTER_COLUMNS)

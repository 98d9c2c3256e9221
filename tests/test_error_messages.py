"""Error messages as the user reads them: no English data in the Chinese sentence, the
same parameters named in both languages, no placeholder or Python repr in either.

Found by rendering the hostile and bad-file corpora before and after the errors became
catalogue codes (issue 20, item 1) and comparing the messages side by side.
"""

from __future__ import annotations

import pytest

from zfxxgk.app.aggregate import AggregateError
from zfxxgk.app.office import Office


def test_files_left_out_of_a_sum_say_why_in_each_language() -> None:
    """The refused files are data grouped by why; the Chinese sentence says why in
    Chinese (not ``x.ods (unreadable)``), the English one in English, both name them."""
    office = Office()
    office.unreadable("甲.ods", "damaged")
    office.unreadable("乙.xls", "damaged")
    with pytest.raises(AggregateError) as info:
        office.finish(skip=False)
    error = info.value
    assert error.code == "aggregate-files-refused"
    assert error.note.params["unreadable"] == "甲.ods, 乙.xls"
    assert "无法读取：甲.ods" in error.zh and "(unreadable)" not in error.zh
    assert "unreadable: 甲.ods" in error.en
    for text in (error.zh, error.en):
        assert "甲.ods" in text and "乙.xls" in text

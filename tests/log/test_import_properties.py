"""Property-based tests for JSONL import: any file imports whole and verifies, or is refused cleanly."""

from __future__ import annotations

import json
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from log_helpers import entry

from bulletin.errors import LogError
from bulletin.log import exchange as log_exchange
from bulletin.log import store
from bulletin.log.record import Broadcast, entry_hash
from bulletin.periods import parse_period
from bulletin.reports import quota

values = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                   st.text(max_size=30), st.lists(st.integers(), max_size=2))
FIELDS = ["aired_at", "duration", "level", "planned_quarter", "title", "place", "completion", "source",
          "played_seconds", "padding_seconds", "ended_at", "slot", "seq", "kind"]


def chained(entries: list[dict]) -> list[str]:
    prev = None
    for data in entries:
        data["prev_hash"] = prev["hash"] if prev else ""
        try:
            data["hash"] = entry_hash(Broadcast(**data))
        except TypeError:
            data["hash"] = "x"
        prev = data
    origin = entries[0]["origin"]
    header = {"format": "bulletin-log", "version": 1, "log_id": origin, "exported_at": "",
              "origins": [{"origin": origin, "name": "Đài xã", "head_seq": len(entries),
                           "head_id": entries[-1]["id"], "head_hash": prev["hash"]}]}
    return [json.dumps(header, ensure_ascii=False)] + [json.dumps(e, ensure_ascii=False) for e in entries]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(FIELDS), values, max_size=3), st.booleans())
def test_any_changed_field_imports_cleanly_or_is_refused(tmp_path, change, bom):
    origin = str(uuid.uuid4())
    base = [entry(f"2024-05-0{n} 06:30", f"K{n}").as_dict() for n in (1, 2)]
    prev_id = ""
    for seq, data in enumerate(base, start=1):
        data.update(origin=origin, seq=seq, prev_id=prev_id)
        prev_id = data["id"]
    base[0].update(change)
    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    source = folder / "xa.jsonl"
    text = "\n".join(chained(base)) + "\n"
    source.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass"))
    db = folder / "huyen.db"
    try:
        result = log_exchange.import_file(db, source)
    except LogError as exc:
        assert "xa.jsonl" in str(exc)
        assert not db.exists() or store.current(db) == []
        return
    assert result.added == 2
    assert store.verify(db)[0].ok
    records = store.current(db)  # what was imported can be listed and counted
    quota.load(db, parse_period("2024"), required=lambda s: 2)
    assert len(records) == 2

"""Property-based tests for the parsers an operator's files go through.

Whatever the input, each parser either returns a value or raises its own
``bulletin.errors`` exception (a Vietnamese message naming the file): never another
exception. Budgets are fixed (``max_examples``, no deadline); under ``CI=true`` the
examples are derandomized (see the ``ci`` profile in ``tests/conftest.py``).
Dates and times (``tests/test_periods.py``) and JSONL import
(``tests/log/test_import_properties.py``) have their own.
"""

from __future__ import annotations

import math
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.config import Station, load_station, station_from_dict
from bulletin.errors import ConfigError, ScriptError
from bulletin.script.markdown import parse_markdown
from bulletin.script.model import FRONT_MATTER_KEYS
from bulletin.text import Normalizer, count_syllables, load_lexicon
from bulletin.timing import parse_duration

BUDGET = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + "0123456789.,;:/-()%&@#*_`[]{}!?'\" \t", max_size=40)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    words, st.text(max_size=20),
)
yaml_values = st.one_of(
    words, st.sampled_from(["2024-02-30", "2024-13-45", "2024-07-01 25:00", "0224-07-15", ".inf", ".nan", "-5",
                            "10:00", "1e308", "&a [x, x]", "*a", "[[[[1]]]]", "{a: 1}", "!!python/object:os.system",
                            "|", "'", "\"", "~", "15/7/2024", "thường", "khẩn cấp"]),
)


def station_in(folder: Path) -> Station:
    return Station(root=folder, intro_jingle="", outro_jingle="")


@BUDGET
@given(
    st.lists(st.tuples(st.sampled_from(FRONT_MATTER_KEYS + ("ghi_chu", "title ", "-")), yaml_values), max_size=6),
    st.lists(st.one_of(words, st.sampled_from([
        "# Tin", "## Mục", "### sâu", "@optional", "@notitle", "@pause 1.5", "@pause inf", "@pause -1", "@bed off",
        "@audio khong-co.wav", "@audio \"", "@", "@lạ", "<!--", "-->", "- mục", "1. mục", "> trích", "",
    ])), max_size=12),
    st.booleans(),
)
def test_any_markdown_script_parses_or_is_refused_with_a_script_error(front, body, bom):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = "---\n" + "".join(f"{key}: {value}\n" for key, value in front) + "---\n" + "\n".join(body) + "\n"
        data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
        try:
            script = parse_markdown(folder / "thu.md", station_in(folder), data)
        except ScriptError as exc:
            assert exc.path == folder / "thu.md"
            return
        assert script.meta.title.strip()
        assert math.isfinite(script.meta.target) and script.meta.target > 0
        assert script.items


@BUDGET
@given(st.binary(max_size=300))
def test_any_bytes_as_a_script_parse_or_are_refused(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            parse_markdown(folder / "thu.md", station_in(folder), b"---\ntitle: X\n---\n" + data)
        except ScriptError:
            pass


sections = st.sampled_from(["station", "bulletin", "audio", "reading", "log", "cache", "quota", "engines",
                            "programs", "khac"])
keys = st.sampled_from(["name", "ident", "closing", "target", "engine", "voice", "intro_jingle", "loudness",
                        "true_peak", "sample_rate", "channels", "max_speedup", "allow_outside", "zero_tens",
                        "lexicon", "database", "folder", "max_mb", "per_quarter", "series", "min_duration",
                        "ffmpeg", "auto", "code", "khac"])
tables = st.dictionaries(sections, st.one_of(scalars, st.dictionaries(keys, st.one_of(
    scalars, st.sampled_from(["{station}", "{foo}", "{station:99999}", "{0}", "{", "10:00", "nan"]),
    st.lists(scalars, max_size=3), st.dictionaries(words, scalars, max_size=2)), max_size=4)), max_size=4)


@BUDGET
@given(tables)
def test_any_config_table_makes_a_station_or_a_config_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            station = station_from_dict(data, root=Path(tmp), config_path=Path(tmp) / "bulletin.toml")
        except ConfigError as exc:
            assert exc.path == Path(tmp) / "bulletin.toml"
            return
        station.station_text(station.ident, title="X")
        assert station.cache_max_mb >= 10


@BUDGET
@given(st.binary(max_size=200), st.booleans())
def test_any_bytes_as_bulletin_toml_load_or_are_refused(data, bom):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bulletin.toml"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        try:
            load_station(path)
        except ConfigError as exc:
            assert exc.path == path


@BUDGET
@given(st.binary(max_size=300))
def test_any_bytes_as_a_lexicon_load_or_are_refused(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lexicon.tsv"
        path.write_bytes(data)
        try:
            entries = load_lexicon(path)
        except ConfigError as exc:
            assert exc.path == path
            return
        assert all(isinstance(k, str) and k for k in entries)


pairs = st.dictionaries(
    st.text(alphabet=VIETNAMESE.upper() + "0123456789&", min_size=1, max_size=8),
    st.text(alphabet=VIETNAMESE + " ", min_size=1, max_size=30).map(str.strip).filter(bool),
    max_size=10,
)


@BUDGET
@given(pairs, st.booleans())
def test_lexicon_entries_read_back_as_written(entries, bom):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lexicon.tsv"
        text = "# từ điển của đài\n" + "".join(f"{k}\t{v}\n" for k, v in entries.items())
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        assert load_lexicon(path) == {unicodedata.normalize("NFC", k): unicodedata.normalize("NFC", v)
                                      for k, v in entries.items()}


NORMALIZER = Normalizer()


@BUDGET
@given(st.lists(st.one_of(words, st.text(max_size=30)), max_size=5))
def test_normalize_reads_any_text_one_line_per_line(lines):
    text = "\n".join(lines)
    spoken = NORMALIZER.normalize(text)
    assert isinstance(spoken, str)
    assert len(spoken.split("\n")) == len(text.split("\n"))
    assert count_syllables(spoken) >= 0


@BUDGET
@given(st.one_of(st.text(max_size=15), st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_any_duration_is_finite_and_positive_or_refused(value):
    try:
        seconds = parse_duration(value)
    except ValueError as exc:
        assert str(exc)
        return
    assert math.isfinite(seconds) and seconds > 0

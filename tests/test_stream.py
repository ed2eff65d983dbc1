"""Reading record by record: JSON Lines and a JSON document parsed as it is read, refusing bad input."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from cpcinfo import InfoBase, convert
from cpcinfo.checking import check, check_stream
from cpcinfo.entity import Entity
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.io import InputError
from cpcinfo.rules.builders import with_value
from cpcinfo.stream import MAX_RECORD_BYTES, collector_for_reading, open_source, read_jsonl, write_jsonl
from cpcinfo.testing import strategies as s

AS_OF = datetime.date(2011, 6, 30)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


def _lines_of(document: dict[str, Any], keys: str = "en") -> str:
    tops = {"en": ("organizations", "applicants", "members"), "zh": ("党组织", "申请入党人", "党员")}[keys]
    names = ("organization", "applicant", "member")
    return "".join(json.dumps({"entity": name, **record}, ensure_ascii=False) + "\n"
                   for top, name in zip(tops, names, strict=True) for record in document.get(top, ()))


@settings(max_examples=30, suppress_health_check=SLOW, deadline=None)
@given(document=s.documents(junk=True))
def test_json_lines_read_every_record_exactly_as_recorded(document: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "db.jsonl"
    path.write_text(_lines_of(document), encoding="utf-8")
    whole = convert.structure(document)
    source = open_source(path)
    read = InfoBase(organizations=source.organizations, applicants=tuple(source.applicants),
                    members=tuple(source.members))
    assert read.organizations == whole.organizations
    assert read.members == whole.members and read.applicants == whole.applicants


@settings(max_examples=15, suppress_health_check=SLOW, deadline=None)
@given(document=s.documents(junk=True, keys="zh"))
def test_a_streamed_document_checks_as_the_whole_document(document: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    source = open_source(path)
    streamed = check_stream(source.organizations, source.members, source.applicants, as_of=AS_OF)
    assert streamed == check(convert.structure(document, keys="zh"), as_of=AS_OF)


def test_a_file_per_entity_and_a_folder(tmp_path: Path) -> None:
    base = convert.structure(BASE_DOCUMENT)
    for kind, name in ((Entity.ORGANIZATION, "organizations"), (Entity.MEMBER, "members"),
                         (Entity.APPLICANT, "applicants")):
        assert write_jsonl(tmp_path / f"{name}.jsonl", getattr(base, name), entity=kind) == len(getattr(base, name))
    source = open_source(tmp_path)
    assert check_stream(source.organizations, source.members, source.applicants, as_of=AS_OF) == \
        check(base, as_of=AS_OF)
    mixed = tmp_path / "all.jsonl"
    write_jsonl(mixed, [*base.organizations, *base.members, *base.applicants])
    assert [kind for kind, _ in read_jsonl(mixed)] == [Entity.ORGANIZATION] * 3 + [Entity.MEMBER] * 2 \
        + [Entity.APPLICANT]


MEMBER = json.dumps({"entity": "member", **BASE_DOCUMENT["members"][0]}, ensure_ascii=False)


@pytest.mark.parametrize(("line", "expected"), [
    ('{"entity": "member", "id": "M1", "id": "M2"}', "键「id」重复出现"),
    ('{"entity": "member", "id": "M1", "basic": {"name": "a", "name": "b"}}', "键「name」重复出现"),
    ('{"entity": "member", "id": NaN}', "NaN"),
    ('{"entity": "member", "id": -Infinity}', "Infinity"),
    ('{"entity": "member", "id": "M1"', "JSON 格式错误"),
    ('["M1"]', "JSON 对象"),
    ('{"entity": "person", "id": "M1"}', "person"),
    ('{"id": "M1"}', "entity"),
    ('{"entity": "member", "basic": []}', "第 2 行"),
])
def test_bad_lines_are_refused_with_the_file_and_the_line(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(MEMBER + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="第 2 行") as caught:
        list(read_jsonl(path))
    assert expected in str(caught.value) and str(path) in str(caught.value)


def test_a_lone_surrogate_is_kept_as_recorded_as_the_whole_loader_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "lone.jsonl"
    path.write_text('{"entity": "member", "id": "M\\ud800"}\n', encoding="utf-8")
    [(_, member)] = list(read_jsonl(path))
    assert member.id == "M\ud800"


def test_a_paired_surrogate_escape_is_text(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text('{"entity": "member", "id": "M\\ud83d\\ude00"}\n', encoding="utf-8")
    [(_, member)] = list(read_jsonl(path))
    assert member.id == "M😀"


def test_text_that_is_not_utf8_and_an_overlong_line_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"entity": "member", "id": "\xe9"}\n')
    with pytest.raises(InputError, match="UTF-8"):
        list(read_jsonl(path))
    path.write_bytes(b'{"entity": "member", "id": "' + b"x" * (MAX_RECORD_BYTES + 10) + b'"}\n')
    with pytest.raises(InputError, match="超过"):
        list(read_jsonl(path))


def test_a_streamed_document_refuses_duplicate_keys_nan_and_misspelt_lists(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    good = json.dumps(BASE_DOCUMENT, ensure_ascii=False)
    for bad, expected in ((good.replace('"id": "M0001"', '"id": "M0001", "id": "M0009"'), "重复"),
                          (good.replace('"M0001"', "NaN"), "NaN"),
                          (good.replace('"applicants"', '"Applicants"'), "Applicants")):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(InputError, match=expected):
            source = open_source(path)
            list(source.members)
    path.write_text(good.replace('"applicants"', '"Applicants"'), encoding="utf-8")
    assert len(open_source(path, allow_unknown=True).organizations) == 3


class _Reader(io.RawIOBase):
    """A file that hands out its bytes in pieces no larger than a record, each byte once: reading it whole
    (``read()``, ``read(-1)``, a piece of more than a megabyte) or going back fails."""

    def __init__(self, data: bytes, opened: list[str]) -> None:
        self.data, self.at = data, 0
        opened.append("open")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(len(buffer), MAX_RECORD_BYTES + 1)
        assert len(buffer) <= (1 << 21), f"asked for {len(buffer)} bytes at once"
        piece = self.data[self.at:self.at + size]
        buffer[:len(piece)] = piece
        self.at += len(piece)
        return len(piece)

    def seek(self, *args: Any) -> int:
        raise AssertionError("the file was read again")


@pytest.mark.parametrize("form", ["jsonl", "json"])
def test_the_input_is_never_held_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    document = with_value(BASE_DOCUMENT, "members.0.basic.unit_name", "西北大学" * 50)
    data = (_lines_of(document) if form == "jsonl" else json.dumps(document, ensure_ascii=False)).encode()
    path = tmp_path / f"db.{form}"
    path.write_bytes(data)
    opened: list[str] = []
    import cpcinfo.stream

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        assert mode == "rb"
        return io.BufferedReader(_Reader(data, opened), buffer_size=256)

    monkeypatch.setattr(cpcinfo.stream, "open", fake_open, raising=False)
    source = open_source(path)
    result = check_stream(source.organizations, source.members, source.applicants, as_of=AS_OF)
    assert result == check(convert.structure(document), as_of=AS_OF)
    # Each pass reads the file once from the start: three (organizations, applicants, members: only the
    # organizations are kept), and for a document one more to tell its key language.
    assert len(opened) == (3 if form == "jsonl" else 4)


def test_the_collector_is_set_for_reading_and_put_back() -> None:
    import gc

    before = gc.get_threshold()
    with collector_for_reading():
        assert gc.get_threshold()[0] > before[0]
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before


@pytest.mark.parametrize("form", ["jsonl", "json"])
def test_only_the_organizations_are_kept_the_applicants_stream(tmp_path: Path, form: str) -> None:
    document = BASE_DOCUMENT
    path = tmp_path / f"db.{form}"
    path.write_text(_lines_of(document) if form == "jsonl" else json.dumps(document, ensure_ascii=False),
                    encoding="utf-8")
    source = open_source(path)
    assert isinstance(source.organizations, tuple)
    for records in (source.applicants, source.members):
        assert iter(records) is records  # an iterator, read as the check asks: nothing held beforehand
    assert [a.key for a in source.applicants] == [a["id"] for a in document["applicants"]]


def test_a_second_byte_order_mark_is_named(tmp_path: Path) -> None:
    from cpcinfo.io import InputError, load_json

    path = tmp_path / "db.json"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf{}")  # one mark is allowed and dropped; the second is text
    with pytest.raises(InputError, match="字节顺序标记"):
        load_json(path)

"""The check on several processes — a local pool, a Dask cluster — equals the single-process check."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo import InfoBase, convert
from cpcinfo.checking import check
from cpcinfo.demo import province_applicants, province_members, province_organizations
from cpcinfo.parallel import check_parallel, write_parts
from test_tree import shape

AS_OF = datetime.date(2011, 6, 30)


@pytest.fixture(scope="module")
def province() -> InfoBase:
    organizations = province_organizations(n=120, seed=3)
    return InfoBase(organizations=organizations, members=tuple(province_members(organizations, n=600, seed=3)),
                    applicants=tuple(province_applicants(organizations, n=60, seed=3)))


@pytest.fixture(scope="module")
def single(province: InfoBase) -> object:
    result = check(province, as_of=AS_OF)
    assert result.findings  # the generated province has defects, some across parts
    return result


@pytest.fixture(scope="module")
def parts(province: InfoBase, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parts")
    assert write_parts(province, folder) > 2
    return folder


def test_a_pool_of_two_on_records_in_memory_and_on_files(province: InfoBase, single: object, parts: Path) -> None:
    pooled = check_parallel(province, as_of=AS_OF, workers=2)
    assert pooled == single
    assert pooled.tree is not None and shape(pooled.tree) == shape(single.tree)
    assert check_parallel(parts, as_of=AS_OF, workers=2) == single
    assert check_parallel(parts, as_of=AS_OF, workers=1, parts_per_task=1) == single


def test_dask_on_a_local_cluster_of_two_equals_the_local_path(single: object, parts: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert check_parallel(parts, as_of=AS_OF, scheduler=client, parts_per_task=1) == single


def test_the_command_with_workers_prints_what_the_single_check_prints(province: InfoBase, parts: Path,
                                                                        tmp_path: Path) -> None:
    whole = tmp_path / "province.json"
    whole.write_text(json.dumps(convert.unstructure(province), ensure_ascii=False), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cpcinfo", "check", *args, "--as-of", str(AS_OF),
                               "--format", "json"], capture_output=True, text=True, encoding="utf-8", timeout=300,
                              check=False)

    def report(text: str) -> dict[str, object]:
        # A file read whole names each finding's place in it (and the files read); parts read record by
        # record name the record and the field only. Everything else is the same.
        data = json.loads(text)
        for finding in (*data["findings"], *data["waiver_reports"]):
            finding.pop("location")
        data.pop("inputs")
        return data

    expected = run(str(whole))
    assert expected.returncode == 1, expected.stderr
    assert run(str(whole), "--workers", "2").stdout == expected.stdout
    for args in ((str(parts), "--workers", "2"), (str(parts),)):
        got = run(*args)
        assert (got.returncode, report(got.stdout)) == (1, report(expected.stdout)), (args, got.stderr)
    bad = run(str(whole), "--workers", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_audit_with_workers_prints_what_the_single_audit_prints(province: InfoBase, tmp_path: Path) -> None:
    whole = tmp_path / "province.json"
    whole.write_text(json.dumps(convert.unstructure(province), ensure_ascii=False), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cpcinfo", "audit", str(whole), *args, "--as-of", str(AS_OF),
                               "--format", "json"], capture_output=True, text=True, encoding="utf-8", timeout=300,
                              check=False)

    single, parallel = run(), run("--workers", "2")
    assert (parallel.returncode, parallel.stdout) == (single.returncode, single.stdout), parallel.stderr


@given(sizes=st.lists(st.integers(0, 5_000), min_size=1, max_size=60), runs=st.integers(1, 40))
def test_parts_are_dealt_in_runs_of_about_as_many_records(sizes: list[int], runs: int) -> None:
    from cpcinfo.parallel import PartFiles, _chunks

    parts = [PartFiles(folder=str(i), applicant_start=1, applicant_count=0, member_start=1, member_count=size,
                       organizations=()) for i, size in enumerate(sizes)]
    dealt = _chunks(parts, runs)
    assert [part for run in dealt for part in run] == parts  # every part once, in order
    assert all(dealt) and len(dealt) <= runs
    # No run holds more than its share and one part besides: a part is never split.
    share = sum(sizes) / min(runs, len(parts))
    assert all(sum(p.member_count for p in run) <= share + max(sizes) for run in dealt)

"""Users' own rules: declared with field_rule/system_rule, run by check and audit beside the built-in rules,
shown in every report, counted on the sheet, listed by ``cpcinfo rules``; the options object; the refusal
of code tables without the tags the rules read."""

from __future__ import annotations

import copy
import csv
import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cpcinfo import CheckOptions, Entity, audit, check, check_stream, convert, field_rule, system_rule
from cpcinfo.checking.partition import check_in_parts, split
from cpcinfo.codes import CodeTable, default_tables
from cpcinfo.member import validate as validate_member
from cpcinfo.reference import base_records
from cpcinfo.report import FORMATS, render_audit, render_check
from cpcinfo.rules import (
    Defect,
    DefectKind,
    Example,
    MissingTagsError,
    RuleDeclarationError,
    RuleStatus,
    SelectionError,
    registry,
    validator,
    validator_for,
)
from cpcinfo.rules.options import DEFAULT_OPTIONS
from cpcinfo.rules.tags import TAGS_READ
from cpcinfo.rules.user import RULE_ERROR_LABEL
from cpcinfo.tabular import findings_csv, findings_table
from cpcinfo.testing import check_rule_examples

AS_OF = datetime.date(2011, 6, 30)
DATABASE = base_records()["基准数据库"]
MEMBER = base_records()["基准党员记录"]


def _with(data: dict, path: str, value: object) -> dict:
    out = copy.deepcopy(data)
    *parents, last = path.split(".")
    here = out
    for part in parents:
        here = here[int(part)] if part.isdigit() else here[part]
    here[last] = value
    return out


# -- two rules a province might add (module level: a parallel check sends them to its workers) -------------


def _phone_like_name(member, as_of):
    """A 姓名 that is all digits is a telephone number typed into the wrong column."""
    name = member.basic.name if member.basic is not None else None
    if isinstance(name, str) and name.isdigit():
        yield Defect("basic.name", name, DefectKind.WRONG, f"姓名「{name}」是一串数字，像是电话号码")


def _branch_named_after_unit(member, view):
    """The member's branch must exist and have a name (what the view of the tree can tell)."""
    branch = member.relation.branch if member.relation is not None else None
    organization = view.organization(branch)
    if organization is not None and (organization.basic is None or not organization.basic.name):
        return [Defect("relation.branch", branch, DefectKind.WRONG, f"所在党支部「{branch}」没有名称")]
    return None


NAME_RULE = field_rule(
    "SX101", title="姓名像电话号码", entity=Entity.MEMBER, group="basic", check=_phone_like_name,
    what="党员的姓名不是一串数字。", why="采集时错列。", source="陕西省补充规则",
    fails=[Example(data=_with(MEMBER, "basic.name", "13800000000"), note="姓名是电话号码")],
    passes=[Example(data=MEMBER, note="正常姓名")], fields=("basic.name",))

BRANCH_RULE = system_rule(
    "SX901", title="所在党支部没有名称", entity=Entity.MEMBER, check=_branch_named_after_unit,
    what="党员所在党支部在党组织中有名称。", why="名称是核对的依据。", source="陕西省补充规则",
    fails=[Example(data=_with(DATABASE, "organizations.2.basic.name", None), note="支部无名称")],
    passes=[Example(data=DATABASE, note="支部有名称")], group="relation")


def _raises(member, as_of):
    return 1 // 0


BROKEN_RULE = field_rule("SX199", title="会出错的规则", entity=Entity.MEMBER, group="basic", check=_raises,
                         what="总是出错。")
RULES = [NAME_RULE, BRANCH_RULE]


def _database(**changes: object):
    data = copy.deepcopy(DATABASE)
    for path, value in changes.items():
        data = _with(data, path.replace("__", "."), value)
    return convert.structure(data)


def _defective():
    return _database(members__0__basic__name="13800000000", organizations__2__basic__name=None)


# -- declaring ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ORG801", "MEM101", "APP999", "WVR003", "MEMX101"])
def test_a_built_in_prefix_is_refused(code):
    with pytest.raises(RuleDeclarationError, match="内置前缀"):
        field_rule(code, title="t", entity=Entity.MEMBER, group="basic", check=_phone_like_name, what="w")


@pytest.mark.parametrize("code", ["sx101", "S101", "SX1001", "SX10", "", "SX-101", "SX101 ", 101, None])
def test_a_code_not_of_the_form_is_refused(code):
    with pytest.raises(RuleDeclarationError, match="不合格式"):
        field_rule(code, title="t", entity=Entity.MEMBER, group="basic", check=_phone_like_name, what="w")


def test_declaration_errors_name_the_rule_and_the_problem():
    with pytest.raises(RuleDeclarationError, match=r"SX101.*没有信息组「nowhere」"):
        field_rule("SX101", title="t", entity=Entity.MEMBER, group="nowhere", check=_phone_like_name, what="w")
    with pytest.raises(RuleDeclarationError, match=r"SX101.*第8–16项"):
        field_rule("SX101", title="t", entity=Entity.MEMBER, group="basic", check=_phone_like_name, what="w",
                   item=3)
    with pytest.raises(RuleDeclarationError, match=r"SX101.*函数"):
        field_rule("SX101", title="t", entity=Entity.MEMBER, group="basic", check="not a function", what="w")
    with pytest.raises(RuleDeclarationError, match=r"SX101.*what"):
        field_rule("SX101", title="t", entity=Entity.MEMBER, group="basic", check=_phone_like_name, what="")
    with pytest.raises(RuleDeclarationError, match="不是规则"):
        CheckOptions(rules=["SX101"])


def test_the_item_defaults_to_the_groups_and_to_the_entitys_system_item():
    assert NAME_RULE.item == 8 and BRANCH_RULE.item == 16
    assert field_rule("SX201", title="t", entity=Entity.APPLICANT, group="development", check=_phone_like_name,
                      what="w").item == 19
    assert system_rule("SX701", title="t", entity=Entity.ORGANIZATION, check=_branch_named_after_unit,
                       what="w").item == 7
    assert NAME_RULE.name == "sx101"


def test_a_user_code_that_is_given_twice_is_refused():
    with pytest.raises(ValueError, match="SX101"):
        check(_defective(), as_of=AS_OF, rules=[NAME_RULE, NAME_RULE])


# -- running -----------------------------------------------------------------------------------------------


def test_user_rules_run_in_check_beside_the_built_in_ones():
    base = _defective()
    plain = check(base, as_of=AS_OF)
    result = check(base, as_of=AS_OF, rules=RULES)
    mine = [f for f in result.findings if f.rule.startswith("SX")]
    assert [(f.rule, f.key, f.field, f.item, f.entity) for f in mine] == [
        ("SX101", "M0001", "basic.name", 8, Entity.MEMBER), ("SX901", "M0001", "relation.branch", 16, Entity.MEMBER),
        ("SX901", "M0002", "relation.branch", 16, Entity.MEMBER)]
    assert mine[0].label == "姓名"  # the glossary's label of the field the defect names
    assert [f for f in result.findings if not f.rule.startswith("SX")] == list(plain.findings)
    assert result.registry["SX101"] is NAME_RULE and "SX101" not in plain.registry


def test_the_keyword_arguments_are_a_shorthand_for_the_options():
    base = _defective()
    assert check(base, as_of=AS_OF, rules=RULES, select=["MEM1", "SX"]) == \
        check(base, as_of=AS_OF, options=CheckOptions(rules=RULES, select=["MEM1", "SX"]))
    with pytest.raises(TypeError, match="not both"):
        check(base, as_of=AS_OF, options=CheckOptions(), select=["MEM"])
    assert CheckOptions.of() is DEFAULT_OPTIONS
    assert CheckOptions(select="MEM1").select == ("MEM1",)


def test_select_and_ignore_apply_to_the_union():
    base = _defective()
    assert {f.rule for f in check(base, as_of=AS_OF, rules=RULES, select=["SX"]).findings} == {"SX101", "SX901"}
    assert {f.rule for f in check(base, as_of=AS_OF, rules=RULES, select=["SX9", "MEM101"]).findings} <= \
        {"SX901", "MEM101"}
    ignored = check(base, as_of=AS_OF, rules=RULES, ignore=["SX1"])
    assert "SX101" not in {f.rule for f in ignored.findings} and "SX901" in {f.rule for f in ignored.findings}
    with pytest.raises(SelectionError, match="SX5"):
        check(base, as_of=AS_OF, rules=RULES, select=["SX5"])
    with pytest.raises(SelectionError):  # a user's prefix means nothing without the user's rules
        check(base, as_of=AS_OF, select=["SX"])


def test_a_preview_user_rule_runs_only_when_selected_and_never_counts():
    preview = field_rule("SX102", title="t", entity=Entity.MEMBER, group="basic", check=_phone_like_name,
                         what="w", status=RuleStatus.PREVIEW)
    base = _defective()
    assert "SX102" not in {f.rule for f in check(base, as_of=AS_OF, rules=[preview]).findings}
    selected = check(base, as_of=AS_OF, rules=[preview], select=["SX102"])
    assert [f.rule for f in selected.findings] == ["SX102"] and selected.counted == ()


def test_the_streaming_partitioned_and_unquiet_checks_agree():
    base = _defective()
    whole = check(base, as_of=AS_OF, rules=RULES)
    assert check_stream(base.organizations, iter(base.members), iter(base.applicants), as_of=AS_OF, rules=RULES,
                        _quiet=False) == whole
    assert check_in_parts(base, split(base, ["001001"]), as_of=AS_OF, rules=RULES) == whole


def test_a_parallel_check_sends_the_user_rules_to_its_workers():
    from cpcinfo.parallel import check_parallel

    base = _defective()
    assert check_parallel(base, as_of=AS_OF, workers=2, rules=RULES) == check(base, as_of=AS_OF, rules=RULES)


def test_the_entity_validate_runs_user_field_rules():
    member = convert.structure_member(_with(MEMBER, "basic.name", "110"))
    assert [f.rule for f in validate_member(member, as_of=AS_OF, rules=[NAME_RULE])] == ["MEM101", "SX101"]
    assert [f.rule for f in validate_member(member, as_of=AS_OF)] == ["MEM101"]
    assert [f.rule for f in validate_member(member, as_of=AS_OF, options=CheckOptions(rules=[NAME_RULE],
                                                                                      select="SX"))] == ["SX101"]


def test_without_user_rules_the_memoised_validator_runs():
    """The hot path is untouched: the options of a plain check give the very validator of before."""
    assert validator_for(Entity.MEMBER, DEFAULT_OPTIONS) is validator(Entity.MEMBER, None, None, None, None)
    assert validator_for(Entity.MEMBER, CheckOptions(rules=[NAME_RULE])) is not validator(Entity.MEMBER)


# -- a raising rule ------------------------------------------------------------------------------------------


def test_a_raising_user_rule_gives_a_finding_naming_the_rule_and_the_record():
    base = _defective()
    result = check(base, as_of=AS_OF, rules=[*RULES, BROKEN_RULE])
    errors = [f for f in result.findings if f.rule == "SX199"]
    assert [f.key for f in errors] == ["M0001", "M0002"]
    assert all(f.label == RULE_ERROR_LABEL and "SX199" in f.message and "ZeroDivisionError" in f.message
               for f in errors)
    assert {f.rule for f in result.findings} >= {"SX101", "SX901"}  # the other rules ran as ever
    assert set(errors) <= set(result.counted)  # it counts: a broken rule cannot pass a database silently
    for fmt in FORMATS:
        assert "ZeroDivisionError" in render_check(result, fmt)


def test_a_system_rule_that_raises_or_returns_no_defects_is_reported_too():
    def raising(member, view):
        raise KeyError("oops")

    def wrong(member, view):
        return ["not a defect"]

    base = _defective()
    rules = [system_rule("SX801", title="t", entity=Entity.MEMBER, check=raising, what="w"),
             system_rule("SX802", title="t", entity=Entity.MEMBER, check=wrong, what="w")]
    messages = {f.rule: f.message for f in check(base, as_of=AS_OF, rules=rules).findings
                if f.rule.startswith("SX")}
    assert "KeyError" in messages["SX801"] and "不是 Defect" in messages["SX802"]


# -- audit, reports, the findings table ---------------------------------------------------------------------


def test_user_rules_count_on_the_sheet_under_their_items():
    base = _defective()
    plain = audit(base, as_of=AS_OF, seed=1)
    result = audit(base, as_of=AS_OF, seed=1, rules=RULES)
    counted = {f.rule for f in result.counted}
    assert {"SX101", "SX901"} <= counted
    added = {f.rule for f in result.sheet.item_score(8).findings} - {f.rule for f in plain.sheet.item_score(8).findings}
    assert added == {"SX101"}
    assert len(result.sheet.item_score(16).findings) == len(plain.sheet.item_score(16).findings) + 2
    assert result.total < plain.total


def test_a_user_field_rule_counts_only_on_the_sampled_records():
    from cpcinfo.demo import university

    unit = university(as_of=AS_OF)
    result = audit(unit.infobase, as_of=AS_OF, seed=2011, rules=[BROKEN_RULE])  # one finding per member
    drawn = result.samples.scored_keys(Entity.MEMBER)
    errors = [f for f in result.check.findings if f.rule == "SX199"]
    assert len(errors) == result.check.counts.members
    assert {f.key for f in result.counted if f.rule == "SX199"} == {f.key for f in errors if f.key in drawn}


def test_user_rules_appear_in_every_report_format_and_the_findings_table():
    base = _defective()
    checked = check(base, as_of=AS_OF, rules=RULES)
    audited = audit(base, as_of=AS_OF, seed=1, rules=RULES)
    for fmt in FORMATS:
        for text in (render_check(checked, fmt), render_audit(audited, fmt)):
            for rule in RULES:
                assert rule.code in text and rule.title in text, (fmt, rule.code)
    for result in (checked, audited):
        rows = list(csv.reader(io.StringIO(findings_csv(findings_table(result, base)))))
        titles = {row[i] for row in rows[1:] for i in range(len(row))}
        assert {r.title for r in RULES} <= titles
    data = json.loads(render_check(checked, "json"))
    assert "SX101" in json.dumps(data, ensure_ascii=False)


def test_user_rules_appear_in_the_correction_workbook():
    openpyxl = pytest.importorskip("openpyxl")
    from cpcinfo.tabular.correction import correction_bytes

    base = _defective()
    book = openpyxl.load_workbook(io.BytesIO(correction_bytes(check(base, as_of=AS_OF, rules=RULES), base)))
    cells = {str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
             if cell.value is not None}
    assert {"SX101", "SX901", NAME_RULE.title, BRANCH_RULE.title} <= cells


# -- the examples helper -----------------------------------------------------------------------------------


def test_the_examples_of_user_rules_are_checked():
    for rule in RULES:
        check_rule_examples(rule)


def test_a_wrong_example_is_named():
    wrong = field_rule("SX103", title="t", entity=Entity.MEMBER, group="basic", check=_phone_like_name, what="w",
                       fails=[Example(data=MEMBER, note="这条其实通过")], passes=[MEMBER])
    with pytest.raises(AssertionError, match="SX103: failing example 1 '这条其实通过' should fail"):
        check_rule_examples(wrong)
    wrong = system_rule("SX902", title="t", entity=Entity.MEMBER, check=_branch_named_after_unit, what="w",
                        fails=BRANCH_RULE.explanation.fails, passes=BRANCH_RULE.explanation.fails)
    with pytest.raises(AssertionError, match="SX902: passing example 1 '支部无名称' should pass"):
        check_rule_examples(wrong)
    with pytest.raises(AssertionError, match="SX199 has no failing example"):
        check_rule_examples(BROKEN_RULE)


def test_clean_examples_are_clean_for_every_rule():
    check_rule_examples(NAME_RULE, clean=True, rules=RULES)
    dirty = field_rule("SX104", title="t", entity=Entity.MEMBER, group="basic", check=_phone_like_name, what="w",
                       fails=NAME_RULE.explanation.fails, passes=[_with(MEMBER, "basic.gender", "9")])
    check_rule_examples(dirty)
    with pytest.raises(AssertionError, match="SX104: passing example 1 is not clean: MEM102"):
        check_rule_examples(dirty, clean=True)


# -- code tables without the tags the rules read -------------------------------------------------------------


def _untagged(name: str) -> CodeTable:
    data = default_tables()[name].to_json()
    for entry in data["entries"]:
        entry.pop("tags", None)
    return CodeTable.from_json(data)


def test_a_category_table_without_the_kinds_is_refused_naming_the_tags():
    tables = default_tables().replace(_untagged("org_category"))
    base = _defective()
    for run in (lambda: check(base, as_of=AS_OF, tables=tables),
                lambda: audit(base, as_of=AS_OF, seed=1, tables=tables),
                lambda: validate_member(base.members[0], as_of=AS_OF, tables=tables)):
        with pytest.raises(MissingTagsError, match=r"org_category.*branch、committee、general-branch、joint") as caught:
            run()
        assert caught.value.missing == {"org_category": TAGS_READ["org_category"]}
        assert isinstance(caught.value, ValueError)


def test_the_bundled_tables_carry_every_tag_the_rules_read():
    tables = default_tables()
    for name, tags in TAGS_READ.items():
        assert tags <= tables[name].tags, name


def test_every_tag_the_source_reads_is_listed():
    """Each ``tag_test(tables["x"], "tag")`` and each tag named beside a table in the source is in TAGS_READ."""
    import re

    source = Path(__file__).parents[1] / "src" / "cpcinfo"
    read: set[tuple[str, str]] = set()
    for path in source.rglob("*.py"):
        if "testing" in path.parts or "demo" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        read |= set(re.findall(r'tag_test\(prepared\.tables\["(\w+)"\], "([\w-]+)"\)', text))
    assert read, "the pattern found no tag_test: update this test with the source"
    for table, tag in read:
        assert tag in TAGS_READ.get(table, ()), (table, tag)
    from cpcinfo.org import tree

    assert {tag for tag, _ in tree._TAG_KINDS} <= TAGS_READ["org_category"]


# -- the command line ----------------------------------------------------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cpcinfo", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "sx_rules.py").write_text(
        "from cpcinfo import Entity, field_rule\n"
        "from cpcinfo.rules import Defect, DefectKind\n"
        "def _digits(member, as_of):\n"
        "    name = member.basic.name if member.basic else None\n"
        "    if isinstance(name, str) and name.isdigit():\n"
        "        yield Defect('basic.name', name, DefectKind.WRONG, '姓名是一串数字')\n"
        "RULES = [field_rule('SX101', title='姓名像电话号码', entity=Entity.MEMBER, group='basic', check=_digits,\n"
        "                    what='党员的姓名不是一串数字。')]\n"
        "ONE = RULES[0]\n", encoding="utf-8")
    data = copy.deepcopy(DATABASE)
    data["members"][0]["basic"]["name"] = "13800000000"
    (tmp_path / "db.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_the_command_line_loads_user_rules(project: Path):
    for spec in ("sx_rules", "sx_rules:ONE", "sx_rules.py", str(project / "sx_rules.py") + ":RULES"):
        done = _cli("check", "db.json", "--as-of", "2011-06-30", "--rules", spec, "--format", "csv", cwd=project)
        assert done.returncode == 1, done.stderr
        assert "SX101" in done.stdout and "姓名像电话号码" in done.stdout
    audited = _cli("audit", "db.json", "--as-of", "2011-06-30", "--rules", "sx_rules", "--format", "json",
                   cwd=project)
    assert audited.returncode in (0, 1), audited.stderr
    assert "SX101" in audited.stdout
    listed = _cli("rules", "--rules", "sx_rules", cwd=project)
    assert listed.returncode == 0 and "SX101" in listed.stdout and "MEM101" in listed.stdout
    explained = _cli("rules", "SX101", "--rules", "sx_rules", cwd=project)
    assert explained.returncode == 0 and "党员的姓名不是一串数字。" in explained.stdout


@pytest.mark.parametrize(("spec", "expected"), [("no_such_module", "无法导入模块.*ModuleNotFoundError"),
                                                ("sx_rules:NOTHING", "没有 NOTHING"),
                                                ("missing.py", "找不到文件"),
                                                ("broken", "无法导入模块.*RuleDeclarationError.*内置前缀")])
def test_a_module_that_cannot_give_rules_is_exit_2(project: Path, spec: str, expected: str):
    (project / "broken.py").write_text(
        "from cpcinfo import Entity, field_rule\n"
        "RULES = [field_rule('MEM999', title='t', entity=Entity.MEMBER, group='basic', check=print, what='w')]\n",
        encoding="utf-8")
    done = _cli("check", "db.json", "--rules", spec, cwd=project)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    import re

    assert re.search(expected, done.stderr), done.stderr


def test_the_command_line_refuses_tables_without_the_tags(project: Path):
    (project / "org_category.json").write_text(json.dumps(_untagged("org_category").to_json(), ensure_ascii=False),
                                               encoding="utf-8")
    done = _cli("audit", "db.json", "--tables", "org_category.json", cwd=project)
    assert done.returncode == 2, done.stderr
    assert "org_category.json" in done.stderr and "branch、committee、general-branch、joint" in done.stderr


def test_the_built_in_rules_are_not_user_rules():
    from cpcinfo.rules.user import is_user_rule

    assert not any(is_user_rule(rule) for rule in registry())


def test_the_worked_example_of_the_docs_runs(tmp_path: Path):
    """docs/user-rules.md shows docs/examples/sx_rules.py: its rules' examples hold, and the command runs it."""
    import importlib.util

    path = Path(__file__).parents[1] / "docs" / "examples" / "sx_rules.py"
    spec = importlib.util.spec_from_file_location("sx_rules_of_the_docs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for rule in module.RULES:
        check_rule_examples(rule, clean=True, rules=module.RULES)
    base = _database(members__0__basic__unit_name="化学系", organizations__2__basic__term_ends_on="2011-01-01")
    found = {(f.rule, f.key) for f in check(base, as_of=AS_OF, rules=module.RULES).findings if f.rule[:2] == "SX"}
    assert found == {("SX101", "M0001"), ("SX901", "M0001"), ("SX901", "M0002")}
    listed = _cli("rules", "--rules", str(path), cwd=tmp_path)
    assert listed.returncode == 0 and "所在党支部届满未换届" in listed.stdout, listed.stderr

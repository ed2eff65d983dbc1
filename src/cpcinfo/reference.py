"""Reference documentation generated from the data: the rule registry and the code tables.

The CLI (``cpcinfo rules``, ``cpcinfo codes``) prints these, and ``python -m cpcinfo.reference DIR`` writes
``rules.md`` and ``codes.md`` into the docs; a test keeps the committed docs equal to what this module
generates, so the documentation can never drift from the rules.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from cpcinfo.applicant.rules import BASE_APPLICANT
from cpcinfo.checking.registry import registry
from cpcinfo.codes import CodeTable, CodeTables, default_tables
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.member.rules import BASE_MEMBER
from cpcinfo.org.rules import BASE_ORGANIZATION
from cpcinfo.report.layout import table
from cpcinfo.rules import Example, Registry, Rule, RuleScope, RuleStatus
from cpcinfo.rules.cite import CITATION
from cpcinfo.rules.user import is_user_rule

_SCOPE = {RuleScope.FIELD: "字段", RuleScope.SYSTEM: "系统查找"}
_STATUS = {RuleStatus.STABLE: "", RuleStatus.PREVIEW: "预览"}


def rule_table(rules: Iterable[Rule]) -> str:
    """One line per rule: code, item, scope, status, name and Chinese title."""
    rows = [[r.code, str(r.item), _SCOPE[r.scope], _STATUS[r.status], r.name, r.title] for r in rules]
    return table(rows, ["代码", "评分项", "范围", "状态", "名称", "标题"])


def _example(data: object) -> str:
    # JSON escapes control characters itself; a lone surrogate it leaves raw, and no file can hold that.
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _base_name(rule: Rule) -> str:
    return "基准数据库" if rule.scope is RuleScope.SYSTEM else f"基准{rule.entity.label}记录"


def _changes(rule: Rule, example: Example) -> str:
    """What the example changes in its base record, or the whole data when it names no change."""
    if not example.changes:
        if is_user_rule(rule):  # a user's example is its own record, not one of the base records
            return _example(example.data)
        return f"{_base_name(rule)}，不作改动"
    parts = []
    for path, value in example.changes:
        parts.append(f"{path} 删除" if value is ... else f"{path} = {_example(value)}")
    return f"{_base_name(rule)}，" + "；".join(parts)


def base_records() -> dict[str, object]:
    """The valid base records the examples are made from."""
    return {"基准党组织记录": BASE_ORGANIZATION, "基准党员记录": BASE_MEMBER, "基准申请入党人记录": BASE_APPLICANT,
            "基准数据库": BASE_DOCUMENT}


def explain_rule(rule: Rule) -> str:
    """A rule explained for a reader: what, why, source, and its failing and passing examples."""
    e = rule.explanation
    status = "预览规则：只在明确选中时运行，不计分" if rule.is_preview else "正式规则"
    lines = [
        f"{rule.code} {rule.name} — {rule.title}",
        f"对象：{rule.entity.label}{'／' + rule.group if rule.group else ''}；评分项：第{rule.item}项；"
        f"范围：{_SCOPE[rule.scope]}；{status}",
        "",
        f"检查什么：{e.what}",
        f"为什么：{e.why}",
        f"依据：{e.source}",
    ]
    for title, examples in (("不通过的示例", e.fails), ("通过的示例", e.passes)):
        lines += ["", f"{title}："]
        for example in examples:
            lines.append(f"  - {example.note}（检查日期 {example.as_of}）：{_changes(rule, example)}")
    return "\n".join(lines)


def _linked(source: str) -> str:
    """A source with its citations of docs/domain/ as links relative to docs/ (where the generated pages live)."""
    return CITATION.sub(lambda m: f"[{m['page']}.md#{m['anchor']}](domain/{m['page']}.md#{m['anchor']})", source)


def rules_markdown(reg: Registry) -> str:
    """docs/rules.md: every rule with its explanation and examples."""
    out = ["# 规则 (Rules)", "",
           "Generated from the rule registry by `python -m cpcinfo.reference docs` — do not edit by hand.", "",
           "| 代码 | 评分项 | 范围 | 状态 | 名称 | 标题 |", "|---|---|---|---|---|---|"]
    for r in reg:
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.item} | {_SCOPE[r.scope]} | {_STATUS[r.status]} "
                   f"| `{r.name}` | {r.title} |")
    out += ["", "## 基准记录 (Base records)", "",
            "Every example is one of these valid records with the changes it names."]
    for name, data in base_records().items():
        out += ["", f"### {name}", "", "```json", json.dumps(data, ensure_ascii=False, indent=1), "```"]
    for r in reg:
        e = r.explanation
        out += ["", f"## {r.code}", "", f"**{r.title}** (`{r.name}`) — {r.entity.label}"
                f"{'／' + r.group if r.group else ''}，第{r.item}项，{_SCOPE[r.scope]}"
                f"{'，预览规则（只在明确选中时运行，不计分）' if r.is_preview else ''}", "",
                f"- 检查什么：{e.what}", f"- 为什么：{e.why}", f"- 依据：{_linked(e.source)}"]
        for title, examples in (("不通过", e.fails), ("通过", e.passes)):
            for example in examples:
                out += ["", f"- {title}：{example.note}（检查日期 {example.as_of}）：{_changes(r, example)}"]
    return "\n".join(out) + "\n"


def code_tables_listing(tables: CodeTables) -> str:
    """One line per table: name, title, standard, edition, confidence, size."""
    rows = []
    for name in sorted(tables):
        t = tables[name]
        rows.append([t.name, t.title, t.standard, t.edition, t.confidence.value, str(len(t))])
    return table(rows, ["名称", "标题", "标准", "版本", "可信度", "代码数"])


def code_table_listing(t: CodeTable) -> str:
    """One table: its meta block and every entry."""
    head = [f"{t.name} — {t.title}", f"标准：{t.standard}；版本：{t.edition}；可信度：{t.confidence.value}",
            f"来源：{t.source}"]
    if t.notes:
        head.append(f"说明：{t.notes}")
    rows = [[e.code, e.label, e.parent or "", "、".join(e.aliases)] for e in t.entries]
    return "\n".join(head) + "\n\n" + table(rows, ["代码", "名称", "上级", "别名"])


def codes_markdown(tables: CodeTables) -> str:
    """docs/codes.md: every bundled table's meta block (entries are in the package data)."""
    out = ["# 代码表 (Code tables)", "",
           "Generated from the bundled tables by `python -m cpcinfo.reference docs` — do not edit by hand. "
           "Confidence: C confirmed, C3 third-party copies, I inferred "
           "(see [domain/index.md#marks](domain/index.md#marks)).", "",
           "| 名称 | 标题 | 标准 | 版本 | 可信度 | 代码数 |", "|---|---|---|---|---|---|"]
    for name in sorted(tables):
        t = tables[name]
        out.append(f"| `{t.name}` | {t.title} | {t.standard} | {t.edition} | {t.confidence.value} | {len(t)} |")
    for name in sorted(tables):
        t = tables[name]
        out += ["", f"## {t.name} — {t.title}", "", f"- 来源：{_linked(t.source)}", f"- 说明：{t.notes or '—'}"]
        if len(t) <= 120:
            out += ["", "| 代码 | 名称 | 上级 | 别名 |", "|---|---|---|---|"]
            out += [f"| {e.code} | {e.label} | {e.parent or ''} | {'、'.join(e.aliases)} |" for e in t.entries]
    return "\n".join(out) + "\n"


def generated_docs() -> dict[str, str]:
    """The generated documents by file name."""
    from cpcinfo.tabular import input_markdown, input_schema_json

    return {"rules.md": rules_markdown(registry()), "codes.md": codes_markdown(default_tables()),
            "input.md": input_markdown(), "input.schema.json": input_schema_json()}


def main(argv: list[str] | None = None) -> int:
    """Write the generated documents into the directory given (``docs`` by default)."""
    target = Path((argv or sys.argv[1:] or ["docs"])[0])
    target.mkdir(parents=True, exist_ok=True)
    for name, text in generated_docs().items():
        (target / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

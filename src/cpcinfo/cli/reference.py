"""``cpcinfo rules``, ``cpcinfo codes`` and ``cpcinfo sample-size``: the reference the library carries.

``rules`` and ``codes`` take what a reader knows: a rule's code, English name or Chinese title (or a word of
it: ``cpcinfo rules 转正``), a table's English name or Chinese title (``cpcinfo codes 民族``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from cpcinfo.cli._common import EXIT_OK, Usage, write
from cpcinfo.cli._help import describe, nearest, tr
from cpcinfo.cli._rules import add_rules_option, user_rules


def register(sub: Any) -> None:
    size = sub.add_parser("sample-size", help=tr("最低抽样数量", "minimum sample size"))
    describe(size, zh="按陕组办字〔2011〕10号计算最低抽样数量：党支部、党员、申请入党人按总数分档，"
                      "基层党委不少于5%。",
             en="The minimum sample size under the notice of 2011: by total for branches, members and "
                "applicants; at least 5% of the grassroots committees.",
             examples=[("cpcinfo sample-size 201", "总数 201 时至少抽查多少", "the minimum for a total of 201"),
                       ("cpcinfo sample-size 21 --committees", "21 个基层党委时至少抽查多少",
                        "the minimum for 21 grassroots committees")])
    size.add_argument("n", type=int, metavar="N",
                      help=tr("党支部、党员或申请入党人总数（或基层党委数）",
                              "total of branches, members or applicants (or of committees)"))
    size.add_argument("--committees", action="store_true",
                      help=tr("N 是基层党委总数：按不少于5%%计算", "N counts grassroots committees: at least 5%%"))
    size.set_defaults(run=run_sample_size)

    rules = sub.add_parser("rules", help=tr("列出全部规则，或解释一条规则及其示例",
                                            "list the rules, or explain one with its examples"))
    describe(rules, zh="不带参数时列出全部规则；给出规则代码、英文名称或中文标题（或其中的词）时解释该规则，"
                       "附不通过和通过的示例。",
             en="Without an argument, list every rule; with a rule's code, English name or Chinese title (or "
                "a word of it), explain the rule with failing and passing examples.",
             examples=[("cpcinfo rules", "列出全部规则", "list every rule"),
                       ("cpcinfo rules MEM505", "解释规则 MEM505", "explain rule MEM505"),
                       ("cpcinfo rules 转正", "列出标题含「转正」的规则", "the rules whose title has 转正"),
                       ("cpcinfo rules --explain-engine MEM9", "打印运行 MEM9xx 规则时引擎生成的 Python 代码",
                        "print the Python the engine writes to run the MEM9xx rules")])
    rules.add_argument("code", nargs="?", metavar="RULE",
                       help=tr("规则代码（如 MEM505）、英文名称或中文标题", "a rule's code, name or Chinese title"))
    rules.add_argument("--explain-engine", nargs="*", metavar="SELECTOR", default=None, action=_Selectors,
                       help=tr("打印引擎为所选规则（规则代码或前缀，如 MEM9；不给时为默认规则）生成并运行的 "
                               "Python 代码：每类记录的字段校验函数和逐条记录的检查过程",
                               "print the Python the engine writes and runs for the selected rules (codes or "
                               "prefixes such as MEM9; none: the default rules): each entity's field validator "
                               "and its pass over the records"))
    add_rules_option(rules)
    rules.set_defaults(run=run_rules)

    codes = sub.add_parser("codes", help=tr("列出代码表，或列出一个代码表的全部代码",
                                            "list the code tables, or every code of one"))
    describe(codes, zh="不带参数时列出全部代码表；给出表名或中文标题时列出该表的全部代码。",
             en="Without an argument, list the code tables; with a table's name or Chinese title, list its codes.",
             examples=[("cpcinfo codes", "列出全部代码表", "list the code tables"),
                       ("cpcinfo codes 民族", "列出民族代码", "the codes of 民族 (ethnicity)"),
                       ("cpcinfo codes org_category", "按英文表名", "by the table's English name")])
    codes.add_argument("table", nargs="?", metavar="TABLE",
                       help=tr("代码表名称（如 ethnicity）或中文标题（如 民族）",
                               "a table's name (ethnicity) or Chinese title (民族)"))
    codes.set_defaults(run=run_codes)


class _Selectors(argparse.Action):
    """The selectors after ``--explain-engine`` as a tuple: none at all is a choice (the default rules), not a
    value lost to ``--``."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        setattr(namespace, self.dest, tuple(values))


def run_sample_size(args: argparse.Namespace) -> int:
    from cpcinfo.acceptance import committee_sample_size, required_sample_size

    if args.n < 0:
        raise Usage(f"N 不能为负数：{args.n}")
    if args.committees:
        write(f"基层党委 {args.n} 个，抽查不少于 {committee_sample_size(args.n)} 个（不少于5%）", None)
    else:
        write(f"总数 {args.n}，抽查不少于 {required_sample_size(args.n)}", None)
    return EXIT_OK


def _short_title(title: str) -> str:
    """「籍贯（行政区划）」→「籍贯」."""
    return title.split("（", 1)[0].strip()


def find_rules(rules: Iterable[Any], text: str) -> list[Any]:
    """The rules ``text`` names: by code, English name or title exactly, else every rule whose title has it."""
    rules = list(rules)
    wanted = text.strip()
    exact = [r for r in rules if wanted.upper() == r.code or wanted == r.name or wanted == r.title]
    return exact or [r for r in rules if wanted and wanted in r.title]


def find_table(tables: Any, text: str) -> list[str]:
    """The names of the code tables ``text`` names: by name or title exactly, else by a word of the title."""
    wanted = text.strip()
    names = sorted(tables)
    exact = [n for n in names if wanted in (n, tables[n].title, _short_title(tables[n].title))]
    return exact or [n for n in names if wanted and wanted in tables[n].title]


def run_rules(args: argparse.Namespace) -> int:
    from cpcinfo.checking.registry import registry
    from cpcinfo.reference import explain_rule, rule_table
    from cpcinfo.rules import CheckOptions

    try:
        known = CheckOptions(rules=user_rules(args)).registry(registry())
    except ValueError as exc:  # a user's code given twice
        raise Usage(f"--rules：{exc}") from None
    if args.explain_engine is not None:
        return run_explain_engine(args, known)
    if args.code is None:
        write(rule_table(known), None)
        return EXIT_OK
    found = find_rules(known, args.code)
    if len(found) == 1:
        write(explain_rule(found[0]), None)
        return EXIT_OK
    if found:
        write(rule_table(found), None)
        return EXIT_OK
    guess = nearest(args.code.upper(), [r.code for r in known])
    hint = f"；是不是「{guess}」？" if guess else ""
    raise Usage(f"没有规则「{args.code}」{hint}（用 cpcinfo rules 列出全部规则）")


def run_explain_engine(args: argparse.Namespace, known: Any) -> int:
    """The generated source for the selected rules of ``known`` (the built-in registry and ``--rules``)."""
    from cpcinfo.engine import generated_source
    from cpcinfo.rules import SelectionError

    if args.code is not None:
        raise Usage(f"--explain-engine 与规则「{args.code}」不能同时给出：要选择规则，写在 --explain-engine 之后")
    try:
        rules = known.select(args.explain_engine or None)
    except SelectionError as error:
        raise Usage(f"{error}（用 cpcinfo rules 列出全部规则）") from None
    write(generated_source(rules), None)
    return EXIT_OK


def run_codes(args: argparse.Namespace) -> int:
    from cpcinfo.codes import default_tables
    from cpcinfo.reference import code_table_listing, code_tables_listing

    tables = default_tables()
    if args.table is None:
        write(code_tables_listing(tables), None)
        return EXIT_OK
    found = find_table(tables, args.table)
    if len(found) == 1:
        write(code_table_listing(tables[found[0]]), None)
        return EXIT_OK
    if found:
        raise Usage(f"「{args.table}」可指多个代码表：" + "、".join(f"{n}（{tables[n].title}）" for n in found))
    choices = "、".join(f"{n}（{_short_title(tables[n].title)}）" for n in sorted(tables))
    raise Usage(f"没有代码表「{args.table}」；可用的有：{choices}")

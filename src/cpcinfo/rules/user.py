"""Users' own rules: a province's or a tool's rule, declared in a few lines and run beside the built-in ones.

A user rule is a :class:`~cpcinfo.rules.Rule` like every built-in one — it has a code, a title, an entity,
a group and a score-sheet item, an explanation with worked examples — and a plain function:

- a **field rule** (:func:`field_rule`) looks at one record: ``check(record, as_of)``;
- a **system rule** (:func:`system_rule`) looks at one record and what a streaming check knows of the whole
  database: ``check(record, view)``, where ``view`` is a :class:`DatabaseView` (the date, the code tables,
  the rule set, the organization tree and the roster — never the other members, which a streaming check
  does not hold).

Either returns the record's defects (:class:`~cpcinfo.rules.Defect`, an iterable; ``None`` or nothing for a
record that passes). Run them with ``check(..., rules=[my_rule])`` or ``audit(..., rules=[...])``, on the
command line with ``--rules MODULE[:ATTR]`` or the ``cpcinfo.rules`` entry-point group (``docs/user-rules.md``
has a worked example)::

    from cpcinfo import Entity
    from cpcinfo.rules import Defect, DefectKind, field_rule

    def _gender_given(member, as_of):
        if member.basic is not None and member.basic.gender is None:
            yield Defect("basic.gender", None, DefectKind.MISSING, "性别未填写")

    GENDER_GIVEN = field_rule("SX101", title="性别必填", entity=Entity.MEMBER, group="basic",
                              check=_gender_given, what="党员的性别必须填写。", ...)

A user rule that raises is not a crash of the check: the record gets one finding of that rule that names
the exception (:data:`RULE_ERROR_LABEL`), and every other rule and record is checked as before.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from cpcinfo.entity import Entity
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.fields import glossary
from cpcinfo.findings import DefectKind
from cpcinfo.rules.model import Defect, Example, Explanation, Prepared, Rule, RuleScope, RuleStatus, SystemCheck, Target
from cpcinfo.sanitize import one_line

if TYPE_CHECKING:
    from cpcinfo.codes import CodeTables
    from cpcinfo.org import Organization
    from cpcinfo.org.roster import Roster
    from cpcinfo.org.tree import OrgTree
    from cpcinfo.rules.ruleset import RuleSet

BUILT_IN_PREFIXES = ("ORG", "MEM", "APP", "WVR")
"""The prefixes of cpcinfo's own codes (the rules' and the waiver reports'): no user code may begin so, or
``select=["MEM"]`` would pick it up with the built-in rules."""

USER_CODE = re.compile(r"[A-Z]{2,6}[0-9]{3}")
"""The form of a user rule's code: a prefix of two to six capital letters and three digits (``SX101``)."""

_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

ITEMS_OF: Mapping[Entity, range] = {Entity.ORGANIZATION: range(1, 8), Entity.MEMBER: range(8, 17),
                                    Entity.APPLICANT: range(17, 21)}
"""The score-sheet items of each entity (the sheet's three parts; ``cpcinfo.acceptance.items`` is the sheet)."""

SYSTEM_ITEM: Mapping[Entity, int] = {Entity.ORGANIZATION: 7, Entity.MEMBER: 16, Entity.APPLICANT: 20}
"""The item a system rule counts under unless it says otherwise: the entity's 「系统查找」 item."""

RULE_ERROR_LABEL = "（规则运行出错）"
"""The label of the finding a user rule gives a record it raised on (its field is empty)."""

FieldCheck = Callable[[Any, datetime.date], "Iterable[Defect] | None"]
"""A user field rule's function: (record, as_of) -> its defects."""
SystemFunction = Callable[[Any, "DatabaseView"], "Iterable[Defect] | None"]
"""A user system rule's function: (record, view of the database) -> its defects."""


class RuleDeclarationError(InvalidArgumentError):
    """A user rule declared wrongly: a code of the wrong form or with a built-in prefix, an unknown group,
    an item of another entity …; the message names the rule and what is wrong."""


@attrs.frozen(kw_only=True, eq=False)
class DatabaseView:
    """What a user's system rule may read of the database being checked, besides its own record.

    It offers what a streaming check holds — the date of the check, the code tables and the rule set, the
    whole organization tree (every organization record, by code) and the roster — and nothing of the other
    members or applicants, which stream past one at a time. Treat it as read-only: the tree is shared by
    every rule of the check.
    """

    as_of: datetime.date
    """The date of the check (no rule reads the clock)."""
    tables: CodeTables
    """The code tables of the check."""
    ruleset: RuleSet
    """The rule set of the check (its figures: ages, terms, probation)."""
    tree: OrgTree
    """The organization tree of the whole database."""
    roster: Roster | None = None
    """The roster of the organizations that really exist, when the check was given one."""

    @classmethod
    def of(cls, ctx: Any) -> DatabaseView:
        """The view of one run's context (the engine's ``SystemContext``, a layer above this toolkit)."""
        return cls(as_of=ctx.as_of, tables=ctx.tables, ruleset=ctx.ruleset, tree=ctx.tree, roster=ctx.roster)

    def organization(self, code: object) -> Organization | None:
        """The organization record with this code, or ``None`` when the tree has none (or ``code`` is no
        text: a value as recorded may be anything)."""
        if not isinstance(code, str) or code not in self.tree:
            return None
        record: Organization = self.tree.node(code).record
        return record


def is_user_rule(rule: Rule) -> bool:
    """Whether a rule was declared by a user (its code has no built-in prefix)."""
    return not rule.code.startswith(BUILT_IN_PREFIXES)


def field_rule(code: str, *, title: str, entity: Entity, group: str, check: FieldCheck, what: str,
               why: str = "", source: str = "", fails: Sequence[Example | Mapping[str, Any]] = (),
               passes: Sequence[Example | Mapping[str, Any]] = (), item: int | None = None,
               name: str | None = None, fields: Sequence[str] = (),
               status: RuleStatus = RuleStatus.STABLE) -> Rule:
    """A user's rule over one record: ``check(record, as_of)`` returns the record's defects.

    ``group`` is the glossary group the rule judges (``basic``, ``relation`` …); the rule counts under that
    group's score-sheet item unless ``item`` names another item of the same entity. A defect's ``field`` is
    a path in the record (``basic.gender``, ``education[0].degree``), whose glossary label the finding
    shows unless the defect gives its own. Examples are records in the English-keyed JSON form (a mapping,
    or an :class:`~cpcinfo.rules.Example` with its date and note): each failing one must give a finding of
    this rule, each passing one none (see :func:`cpcinfo.testing.check_rule_examples`). ``fields`` names
    the fields the rule reads, for the documentation; ``status=RuleStatus.PREVIEW`` runs the rule only
    when selected and never counts it — the way to try a rule out.
    """
    _check_code(code)
    _check_group(code, entity, group)
    _check_function(code, check, "(record, as_of)")
    return Rule(code=code, name=_name(code, name), title=_title(code, title), entity=entity, group=group,
                fields=tuple(fields), scope=RuleScope.FIELD, target=Target.RECORD,
                item=_item(code, entity, item, default=glossary().group(entity, group).item),
                status=status, explanation=_explanation(code, what, why, source, fails, passes),
                build=_FieldBuild(code, check))


def system_rule(code: str, *, title: str, entity: Entity, check: SystemFunction, what: str, why: str = "",
                source: str = "", fails: Sequence[Example | Mapping[str, Any]] = (),
                passes: Sequence[Example | Mapping[str, Any]] = (), group: str | None = None,
                item: int | None = None, name: str | None = None, fields: Sequence[str] = (),
                status: RuleStatus = RuleStatus.STABLE) -> Rule:
    """A user's rule over one record and the database: ``check(record, view)`` returns the record's
    defects, ``view`` being the :class:`DatabaseView` of the check (``view.as_of`` is its date).

    It is called for every record of ``entity`` (organizations, members or applicants), in a streaming
    check as the record streams past; it counts over the whole database (not only the sample) under the
    entity's 「系统查找」 item — 7, 16 or 20 — unless ``item`` names another item of the entity (5 or 6 for
    an organization). Examples are whole databases in the English-keyed JSON form (``{"organizations":
    [...], "members": [...], "applicants": [...]}``, and ``"roster"`` for one with a roster). The rest is
    as for :func:`field_rule`.
    """
    _check_code(code)
    if group is not None:
        _check_group(code, entity, group)
    _check_function(code, check, "(record, view)")
    return Rule(code=code, name=_name(code, name), title=_title(code, title), entity=entity, group=group,
                fields=tuple(fields), scope=RuleScope.SYSTEM, target=Target.DATABASE,
                item=_item(code, entity, item, default=SYSTEM_ITEM[entity]), status=status,
                explanation=_explanation(code, what, why, source, fails, passes),
                build=_SystemBuild(code, entity, check))


def check_user_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """The rules given to a check beside the built-in registry, refused when one is not a :class:`Rule`
    or has a built-in code (a user rule never replaces a built-in one)."""
    chosen = tuple(rules)
    for rule in chosen:
        if not isinstance(rule, Rule):
            raise RuleDeclarationError(f"rules 中的「{one_line(repr(rule))[:80]}」不是规则（Rule）："
                                       "用 cpcinfo.rules.field_rule 或 system_rule 声明")
        _check_code(rule.code)
    return chosen


# -- how a user's function becomes a prepared rule --------------------------------------------------------
# Classes rather than closures, so that a rule whose function is a module's own can be sent to the workers
# of a parallel check (pickled by the function's name).


@attrs.frozen
class _FieldBuild:
    code: str
    check: FieldCheck

    def __call__(self, prepared: Prepared) -> Callable[[Any, datetime.date], Sequence[Defect]]:
        return _Guarded(self.code, self.check)


@attrs.frozen
class _SystemBuild:
    code: str
    entity: Entity
    check: SystemFunction

    def __call__(self, prepared: Prepared) -> SystemCheck:
        hook = _SystemHook(_Guarded(self.code, self.check))
        if self.entity is Entity.ORGANIZATION:
            return SystemCheck(organization=hook)
        if self.entity is Entity.MEMBER:
            return SystemCheck(member=hook)
        return SystemCheck(applicant=hook)


@attrs.define
class _SystemHook:
    """The record hook of a user system rule: the view made once per run (one context, one view)."""

    run: _Guarded
    _ctx: Any = None
    _view: DatabaseView | None = None

    def __call__(self, record: Any, ctx: Any) -> Sequence[Defect]:
        if ctx is not self._ctx or self._view is None:
            self._ctx, self._view = ctx, DatabaseView.of(ctx)
        return self.run(record, self._view)


@attrs.frozen
class _Guarded:
    """A user's function as the engine calls it: its defects as a tuple; what it raises (or a result that
    is not defects) as one finding of the rule on this record, so that one broken rule breaks no check."""

    code: str
    function: Callable[[Any, Any], Iterable[Defect] | None]

    def __call__(self, record: Any, context: Any) -> Sequence[Defect]:
        try:
            found = self.function(record, context)
            defects = () if found is None else tuple(found)
        except Exception as exc:  # a user's rule may fail in any way; the record is reported, not the check
            return (_rule_error(self.code, f"{type(exc).__name__}: {exc}"),)
        for defect in defects:
            if not isinstance(defect, Defect):
                return (_rule_error(self.code, f"返回了 {type(defect).__name__}，不是 Defect"),)
        return defects


def _rule_error(code: str, what: str) -> Defect:
    return Defect("", None, DefectKind.WRONG, f"规则 {code} 运行出错，未能判断此记录：{one_line(what)[:200]}",
                  label=RULE_ERROR_LABEL)


# -- the checks of a declaration -----------------------------------------------------------------------------


def _check_code(code: object) -> None:
    if not isinstance(code, str) or not USER_CODE.fullmatch(code):
        shown = one_line(code)[:40] if isinstance(code, str) else repr(code)[:40]
        raise RuleDeclarationError(f"规则代码「{shown}」不合格式：用户规则的代码为2–6个大写字母加3位数字（如 SX101）")
    if code.startswith(BUILT_IN_PREFIXES):
        raise RuleDeclarationError(f"规则代码「{code}」以内置前缀 {code[:3]} 开头：ORG、MEM、APP、WVR 留给 cpcinfo "
                                   "自身的规则，用户规则请用本省或本单位的前缀（如 SX101）")


def _check_function(code: str, check: object, arguments: str) -> None:
    if not callable(check):
        raise RuleDeclarationError(f"规则 {code}：check 须为函数 {arguments} -> defects，得到 {type(check).__name__}")


def _check_group(code: str, entity: Entity, group: str) -> None:
    groups = [g.name for g in glossary().groups(entity)]
    if group not in groups:
        raise RuleDeclarationError(f"规则 {code}：{entity.label}没有信息组「{group}」；可用的有 {'、'.join(groups)}")


def _item(code: str, entity: Entity, item: int | None, *, default: int) -> int:
    if item is None:
        return default
    allowed = ITEMS_OF[entity]
    if isinstance(item, bool) or not isinstance(item, int) or item not in allowed:
        raise RuleDeclarationError(f"规则 {code}：评分项「{item!r}」不是{entity.label}的评分项"
                                   f"（第{allowed[0]}–{allowed[-1]}项）")
    return item


def _name(code: str, name: str | None) -> str:
    if name is None:
        return code.lower()
    if not _NAME.fullmatch(name):
        raise RuleDeclarationError(f"规则 {code}：名称「{one_line(name)[:40]}」"
                                   "应为小写字母、数字和连字符（如 gender-given）")
    return name


def _title(code: str, title: str) -> str:
    if not isinstance(title, str) or not title.strip() or one_line(title) != title:
        raise RuleDeclarationError(f"规则 {code}：标题须为一行非空文字")
    return title


def _explanation(code: str, what: str, why: str, source: str, fails: Sequence[Example | Mapping[str, Any]],
                 passes: Sequence[Example | Mapping[str, Any]]) -> Explanation:
    if not isinstance(what, str) or not what.strip():
        raise RuleDeclarationError(f"规则 {code}：what（检查什么）须为非空文字")
    return Explanation(what=what, why=why, source=source, fails=_examples(code, fails),
                       passes=_examples(code, passes))


def _examples(code: str, given: Sequence[Example | Mapping[str, Any]]) -> tuple[Example, ...]:
    examples = []
    for example in given:
        if isinstance(example, Example):
            examples.append(example)
        elif isinstance(example, Mapping):
            examples.append(Example(data=example))
        else:
            raise RuleDeclarationError(f"规则 {code}：示例须为记录（JSON 对象）或 Example，"
                                       f"得到 {type(example).__name__}")
    return tuple(examples)


__all__ = ["BUILT_IN_PREFIXES", "ITEMS_OF", "RULE_ERROR_LABEL", "SYSTEM_ITEM", "USER_CODE", "DatabaseView",
           "FieldCheck", "RuleDeclarationError", "SystemFunction", "check_user_rules", "field_rule",
           "is_user_rule", "system_rule"]

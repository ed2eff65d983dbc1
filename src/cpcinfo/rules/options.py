"""The options of a check: which code tables, which rule set, which rules — one frozen object.

Every function that runs rules takes the same settings: :func:`cpcinfo.check`, :func:`cpcinfo.check_stream`,
:func:`cpcinfo.audit`, the entity packages' ``validate``, the partitioned and parallel checks. They take
them as one :class:`CheckOptions` (``options=``) or as the keyword arguments ``tables``, ``ruleset``,
``select``, ``ignore`` and ``rules``, which are a shorthand for the object — ``check(db, as_of=day,
select=["MEM"])`` is ``check(db, as_of=day, options=CheckOptions(select=["MEM"]))`` — and not to be mixed
with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.rules.model import Prepared, Rule
from cpcinfo.rules.registry import Registry, as_selectors
from cpcinfo.rules.ruleset import SHAANXI_2011, RuleSet
from cpcinfo.rules.tags import require_tags
from cpcinfo.rules.user import check_user_rules


def _tables(tables: CodeTables | None) -> CodeTables | None:
    if tables is not None:
        if not isinstance(tables, CodeTables):
            raise TypeError(f"tables must be CodeTables, not {type(tables).__name__}")
        require_tags(tables)  # a table the rules read by tag must carry the tags: refused here, naming them
    return tables


def _ruleset(ruleset: RuleSet | None) -> RuleSet | None:
    if ruleset is not None and not isinstance(ruleset, RuleSet):
        raise TypeError(f"ruleset must be a RuleSet (cpcinfo.rules.RULESETS), not {type(ruleset).__name__}")
    return ruleset


@attrs.frozen(kw_only=True)
class CheckOptions:
    """What a check runs with; every field is optional.

    - ``tables`` — the code tables (default: the bundled ones, :func:`~cpcinfo.codes.default_tables`); a
      set whose tables lack tags the rules read is refused (:class:`~cpcinfo.rules.tags.MissingTagsError`);
    - ``ruleset`` — the figures of the rules (default: :data:`~cpcinfo.rules.SHAANXI_2011`);
    - ``select`` / ``ignore`` — rule codes or prefixes (a single string is one selector), applied to the
      built-in rules and ``rules`` together: with no ``select`` every stable rule runs, preview rules only
      when selected (see :meth:`~cpcinfo.rules.Registry.select`);
    - ``rules`` — users' own rules (:func:`~cpcinfo.rules.field_rule`, :func:`~cpcinfo.rules.system_rule`),
      run beside the built-in registry.
    """

    tables: CodeTables | None = attrs.field(default=None, converter=_tables)
    ruleset: RuleSet | None = attrs.field(default=None, converter=_ruleset)
    select: tuple[str, ...] | None = attrs.field(default=None, converter=as_selectors)
    ignore: tuple[str, ...] | None = attrs.field(default=None, converter=as_selectors)
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=check_user_rules)

    @classmethod
    def of(cls, options: CheckOptions | None = None, **shorthand: Any) -> CheckOptions:
        """The options of a call that takes both forms: ``options``, or the keyword arguments (``None``
        where not given); both at once is a ``TypeError``, since one would silently win."""
        # ``rules=()`` is no rule given; ``select=()`` is given (and refused: it selects nothing).
        given = {name: value for name, value in shorthand.items()
                 if value is not None and not (name == "rules" and not value)}
        if options is None:
            return cls(**given) if given else DEFAULT_OPTIONS
        if not isinstance(options, CheckOptions):
            raise TypeError(f"options must be CheckOptions, not {type(options).__name__}")
        if given:
            raise TypeError(f"give either options= or {', '.join(sorted(given))}=, not both")
        return options

    @property
    def code_tables(self) -> CodeTables:
        """The code tables the check reads (the bundled ones unless given)."""
        return self.tables if self.tables is not None else default_tables()

    @property
    def rule_set(self) -> RuleSet:
        """The rule set the check reads (:data:`~cpcinfo.rules.SHAANXI_2011` unless given)."""
        return self.ruleset if self.ruleset is not None else SHAANXI_2011

    def prepared(self) -> Prepared:
        """What each rule is prepared with: the code tables and the rule set."""
        return Prepared(tables=self.code_tables, ruleset=self.rule_set)

    def registry(self, built_in: Registry) -> Registry:
        """Every rule the check may run: the built-in registry and the user's rules (a user code that is
        already a built-in one, or given twice, is refused by the registry)."""
        return built_in if not self.rules else Registry((*built_in.rules, *self.rules))

    def chosen(self, built_in: Registry) -> tuple[Rule, ...]:
        """The rules the check runs: ``select``/``ignore`` over the built-in and the user's rules together."""
        return self.registry(built_in).select(self.select, self.ignore)

    def with_rules(self, rules: Iterable[Rule]) -> CheckOptions:
        """These options with ``rules`` added to the user's rules."""
        return attrs.evolve(self, rules=(*self.rules, *rules))


DEFAULT_OPTIONS = CheckOptions()
"""The options of a check given none: the bundled tables, :data:`~cpcinfo.rules.SHAANXI_2011`, every stable
built-in rule."""

__all__ = ["DEFAULT_OPTIONS", "CheckOptions"]

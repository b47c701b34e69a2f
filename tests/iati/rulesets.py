#!/usr/bin/env python3
"""Runs an IATI ruleset (the JSON of IATI-Rulesets, `rulesets/standard.json`)
over an IATI activity file, the way the IATI Validator does, and prints every
test that failed.

    python3 tests/iati/rulesets.py [--now 2026-12-05T12:00:00] RULESET FILE.xml

Exit status: 0 when no error-level test failed, 1 when one did, 2 when the
ruleset uses a rule this runner does not know (never skipped silently).

The rules follow the IATI Validator's (js-validator-api, services/
rulesValidator.js) case by case; XPath is libxml2's, through lxml. Where the
two differ, this runner is the stricter, and says so:

- `condition`, `if` and `then` are read as XPath's boolean(): an empty node
  set is false. The Validator's JavaScript treats any node set as true (an
  array is truthy), so a `then` written as a path (3.7.1:
  `transaction[recipient-country or recipient-region]`) never fails there;
  here it fails when no such transaction exists, as the rule's text says.
- `idCondition` (NOT_EXISTING_ORG_ID, NOT_EXISTING_ORG_ID_PREFIX) needs the
  IATI Registry's list of publishers, which is not available offline: it is
  read as an empty list, so the rule applies to every identifier.
- `startswith` with the prefix ORG-ID-PREFIX needs org-id.guide's list of
  registration agencies, not available offline: such a case is reported as
  not evaluated (its rules, 1.14.8 and 1.18.8, are warnings), never passed.
"""

import argparse
import datetime
import json
import re
import sys
from decimal import Decimal, InvalidOperation

from lxml import etree

# Every rule type of the ruleset, by the name it uses (snake case).
KNOWN = {
    "no_more_than_one", "atleast_one", "only_one_of", "one_or_all", "unique",
    "strict_sum", "sum", "date_order", "date_now", "between_dates",
    "time_limit", "regex_matches", "regex_no_matches", "startswith",
    "if_then", "range", "no_spaces", "loop",
}

NOT_EVALUATED = "not evaluated"
NOT_APPLICABLE = "not applicable"


def text_of(node):
    """An element's text content, an attribute's or a text node's value."""
    if isinstance(node, etree._Element):
        return "".join(node.itertext())
    return str(node)


def truth(value):
    """XPath's boolean() of a result."""
    if isinstance(value, list):
        return len(value) > 0
    if isinstance(value, float):
        return value == value and value != 0
    return bool(value)


def nodes(element, path):
    result = element.xpath(path)
    return result if isinstance(result, list) else [result]


DATE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?")


def parse_date(element, path, now):
    """The first date `path` finds (a date or date-time), `now` for NOW,
    None when there is none or it does not parse (the rule is then not
    applicable, as in the Validator)."""
    if path == "NOW":
        return now
    found = nodes(element, path)
    if not found:
        return None
    m = DATE.match(text_of(found[0]).strip())
    if not m:
        return None
    try:
        parts = [int(g) for g in m.groups() if g is not None]
        return datetime.datetime(*parts)
    except ValueError:
        return None


def number(text):
    try:
        return Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None


class Case:
    """One case of a rule over one element of its context."""

    def __init__(self, element, case, now):
        self.element = element
        self.case = case
        self.now = now
        self.matches = []
        for path in case.get("paths", []):
            self.matches += nodes(element, path)
        self.texts = [text_of(m) for m in self.matches]

    def no_more_than_one(self):
        return len(self.matches) <= 1

    def atleast_one(self):
        return len(self.matches) >= 1

    def only_one_of(self):
        for excluded in self.case["excluded"]:
            if truth(self.element.xpath(excluded)):
                if self.matches:
                    return False
            elif len(self.matches) != 1:
                return False
        return True

    def one_or_all(self):
        if nodes(self.element, self.case["one"]):
            return True
        every = self.case["all"]
        if every == "lang":
            return all(n.xpath("@xml:lang") for n in self.element.xpath("descendant::narrative"))
        if every == "sector":
            return all(t.xpath("sector") for t in self.element.xpath("transaction"))
        if every == "recipient-country|recipient-region":
            return all(
                t.xpath("recipient-country|recipient-region")
                for t in self.element.xpath("transaction")
            )
        if every == "currency":
            return all(
                v.xpath("@currency")
                for p in ("value", "forecast", "loan-status")
                for v in self.element.xpath("descendant::" + p)
            )
        # The Validator passes any other `all`.
        return True

    def unique(self):
        return len(self.texts) == len(set(self.texts))

    def strict_sum(self):
        values = [number(t) for t in self.texts]
        if any(v is None for v in values):
            return False
        total = sum(values, Decimal(0)).quantize(Decimal("0.0001"))
        return total == Decimal(str(self.case["sum"]))

    def sum(self):
        return not self.matches or self.strict_sum()

    def date_order(self):
        less = parse_date(self.element, self.case["less"], self.now)
        more = parse_date(self.element, self.case["more"], self.now)
        if less is None or more is None:
            return NOT_APPLICABLE
        return less <= more

    def date_now(self):
        date = parse_date(self.element, self.case["date"], self.now)
        if date is None:
            return NOT_APPLICABLE
        return date <= self.now

    def between_dates(self):
        date = parse_date(self.element, self.case["date"], self.now)
        start = parse_date(self.element, self.case["start"], self.now)
        end = parse_date(self.element, self.case["end"], self.now)
        if date is None:
            return NOT_APPLICABLE
        if start is None or end is None:
            return False
        return start <= date <= end

    def time_limit(self):
        start = parse_date(self.element, self.case["start"], self.now)
        end = parse_date(self.element, self.case["end"], self.now)
        if start is None or end is None:
            return NOT_APPLICABLE
        return (end - start).days <= 365

    def _regex(self, wanted):
        pattern = re.compile(self.case["regex"])
        return all(t == "" or (pattern.search(t) is not None) == wanted for t in self.texts)

    def regex_matches(self):
        return self._regex(True)

    def regex_no_matches(self):
        return self._regex(False)

    def startswith(self):
        prefixes = self.case["prefix"]
        if prefixes == "ORG-ID-PREFIX" or prefixes == ["ORG-ID-PREFIX"]:
            return NOT_EVALUATED
        separator = self.case.get("separator", "")
        starts = [text_of(n) + separator for p in prefixes for n in nodes(self.element, p)]
        return all(any(t.startswith(s) for s in starts) for t in self.texts)

    def if_then(self):
        if truth(self.element.xpath(self.case["if"])):
            return truth(self.element.xpath(self.case["then"]))
        return True

    def range(self):
        for t in self.texts:
            v = number(t)
            if v is None:
                return False
            low = Decimal(str(self.case.get("min", v)))
            high = Decimal(str(self.case.get("max", v)))
            if not low <= v <= high:
                return False
        return True

    def no_spaces(self):
        return all(t == t.strip() for t in self.texts)


def unknown(rule):
    """Stops the run: a rule this runner does not know is never skipped."""
    print(f"rulesets.py: rule type {rule!r} is not implemented", file=sys.stderr)
    sys.exit(2)


def test_case(element, rule, case, now):
    if rule not in KNOWN or rule == "loop":
        unknown(rule)
    if "condition" in case and not truth(element.xpath(case["condition"])):
        return NOT_APPLICABLE
    return getattr(Case(element, case, now), rule)()


def expand_loop(element, case):
    """The cases of a loop: each `do` case once per distinct value of
    `foreach`, with `$1` replaced in the keys `subs` names."""
    values = sorted({str(v) for v in nodes(element, case["foreach"])})
    for rule, sub in case["do"].items():
        for sub_case in sub["cases"]:
            for value in values:
                concrete = dict(sub_case)
                for key in case["subs"]:
                    v = sub_case[key]
                    concrete[key] = (
                        v.replace("$1", value) if isinstance(v, str)
                        else [x.replace("$1", value) for x in v]
                    )
                yield rule, concrete


def check_known(ruleset):
    """Every rule type of the ruleset, a loop's included, is one this runner
    implements, whether or not the file has elements it applies to."""
    for rules in ruleset.values():
        for rule, spec in rules.items():
            if rule not in KNOWN:
                unknown(rule)
            if rule == "loop":
                for case in spec["cases"]:
                    for inner in case["do"]:
                        if inner not in KNOWN or inner == "loop":
                            unknown(inner)


def run(ruleset, tree, now):
    """Every test: (context, element's line, rule, case, outcome)."""
    for context, rules in ruleset.items():
        for element in tree.xpath(context):
            for rule, spec in rules.items():
                if rule not in KNOWN:
                    unknown(rule)
                for case in spec["cases"]:
                    expanded = expand_loop(element, case) if rule == "loop" else [(rule, case)]
                    for r, c in expanded:
                        yield context, element.sourceline, r, c, test_case(element, r, c, now)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ruleset")
    parser.add_argument("file")
    parser.add_argument("--now", help="the validation's date and time (default: the clock's)")
    args = parser.parse_args()
    now = datetime.datetime.fromisoformat(args.now) if args.now else datetime.datetime.now()
    with open(args.ruleset, encoding="utf-8") as f:
        ruleset = json.load(f)
    check_known(ruleset)
    tree = etree.parse(args.file)
    counts = {"passed": 0, "failed": 0, NOT_APPLICABLE: 0, NOT_EVALUATED: 0}
    errors = 0
    for context, line, rule, case, outcome in run(ruleset, tree, now):
        info = case.get("ruleInfo", {})
        where = f"{info.get('id')} {info.get('severity')} {rule} at {context} line {line}"
        if outcome is True:
            counts["passed"] += 1
        elif outcome is False:
            counts["failed"] += 1
            errors += info.get("severity") == "error"
            print(f"failed {where}: {info.get('message')}")
        else:
            counts[outcome] += 1
            if outcome == NOT_EVALUATED:
                print(f"{NOT_EVALUATED} {where}")
    print("tests: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

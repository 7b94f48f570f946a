"""`i18n-check rules` lists the rule table; `i18n-check rules ID` explains one rule with examples."""

from __future__ import annotations

import json
import textwrap
from difflib import get_close_matches

import click

from ..errors import InputError
from ..rules import DEFAULT_FAIL_ON, RULES, Rule
from . import main


def render_rule_table() -> str:
    """Every rule on one line: id, severity, blocks by default, selected by default, summary."""
    width = max(len(r.id) for r in RULES.values())
    lines = [f"{'rule':<{width}}  severity  blocks  default  family    summary"]
    for rule in RULES.values():
        blocks = "yes" if rule.id in DEFAULT_FAIL_ON else "no"
        default = "on" if rule.default else "off"
        lines.append(f"{rule.id:<{width}}  {rule.severity:<8}  {blocks:<6}  {default:<7}  {rule.family:<8}  {rule.summary}")
    lines.append("")
    lines.append("Blocking (exit 1) is set with --fail-on; running with --select, --extend-select, --ignore")
    lines.append("(ids, families or ALL). `i18n-check rules RULE` explains one rule with examples.")
    return "\n".join(lines) + "\n"


def quoted(text: str) -> str:
    """A text as PO would write it, so that spaces, tabs and line breaks show."""
    return json.dumps(text, ensure_ascii=False)


def render_example(label: str, example: tuple[str, str]) -> list[str]:
    """`msgid`/`msgstr` lines for an example; leading `#, flag` lines are shown as comments."""
    source, translation = example
    lines = [f"{label}:"]
    while source.startswith("#") and "\n" in source:  # an example may declare flags: "#, python-format\n..."
        flag, source = source.split("\n", 1)
        lines.append(f"    {flag}")
    lines.append(f"    msgid  {quoted(source)}")
    lines.append(f"    msgstr {quoted(translation)}")
    return lines


def find_rule(rule_id: str) -> Rule:
    """The rule called `rule_id`; InputError (exit 2) with suggestions when there is none."""
    if rule_id in RULES:
        return RULES[rule_id]
    close = get_close_matches(rule_id, RULES, 3, 0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `i18n-check rules` lists them"
    raise InputError(None, None, f"unknown rule '{rule_id}'{hint}")


def render_rule(rule: Rule) -> str:
    """One rule explained: its settings, its documentation, a failing and a passing example."""
    blocks = "yes" if rule.id in DEFAULT_FAIL_ON else "no (add it to --fail-on to block)"
    selected = "yes" if rule.default else "no (run it with --extend-select " + rule.id + ")"
    lines = [
        f"{rule.id} ({rule.severity}, family {rule.family})",
        f"  selected by default: {selected}",
        f"  blocks by default:   {blocks}",
        "",
        textwrap.indent(rule.doc or "(no documentation)", "  "),
        "",
    ]
    if rule.example_fail:
        lines += ["  " + line for line in render_example("Fails", rule.example_fail)]
    if rule.example_pass:
        lines += ["  " + line for line in render_example("Passes", rule.example_pass)]
    lines += ["", f"  Silence it for one entry with the translator comment: # i18n-check: ignore {rule.id}"]
    return "\n".join(lines) + "\n"


@main.command("rules")
@click.argument("rule_id", required=False, metavar="[RULE]")
def rules_command(rule_id: str | None) -> None:
    """List every rule, or explain RULE with a failing and a passing example."""
    click.echo(render_rule(find_rule(rule_id)) if rule_id else render_rule_table(), nl=False)

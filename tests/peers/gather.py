"""Rebuild tests/peers/cases/ from the peers' test sources kept next to this file.

Run: `.venv/bin/python tests/peers/gather.py` (deterministic; the result is committed).

Every PO input a peer's test suite feeds its parser becomes one file under
cases/<peer>/, byte for byte what that test hands to the parser:
- gettext: the here-documents (`cat <<EOF > x.po`) of gettext-tools/tests/msgfmt-*,
  expanded by /bin/sh itself so that quoting and backslashes mean what they mean there;
- cpython: Lib/test/test_tools/msgfmt_data/*.po, and the inline inputs of test_msgfmt.py
  (each `valid_strings`/`invalid_strings` item inside the test's own `msgid ... msgstr`
  template, each `invalid_po_files` item, each `write_text`/`write_bytes` argument);
- polib, babel: their data files, and every literal in their test modules that holds a
  `msgid` line and a `msgstr`;
- translate-toolkit: FRAGMENTS in fragments.py.
"""

from __future__ import annotations

import ast
import hashlib
import re
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
HEREDOC = re.compile(rb"^cat <<\s*(\\?)EOF\s*>\s*(\S+)\n(.*?)^EOF\n", re.M | re.S)
PO_TEXT = re.compile(rb"^[ \t]*(#~[ \t]*)?msgid\b.*^[ \t]*(#~[ \t]*)?msgstr", re.M | re.S)
NOT_INPUTS = (".err", ".out")  # what the scripts capture, not what they feed msgfmt


def gettext_cases() -> dict[str, bytes]:
    cases = {}
    for script in sorted(HERE.glob("gettext/msgfmt-*")):
        for quoted, target, body in HEREDOC.findall(script.read_bytes()):
            name = target.decode()
            if name.endswith(NOT_INPUTS) or not PO_TEXT.search(body):
                continue
            cases[f"{script.name}__{name}"] = expand_heredoc(quoted, name, body)
    return cases


def expand_heredoc(quoted: bytes, name: str, body: bytes) -> bytes:
    """What `cat <<EOF > name` writes: /bin/sh does the expansion of an unquoted here-document."""
    with tempfile.TemporaryDirectory() as tmp:
        script = b"cat <<" + quoted + b"EOF > out\n" + body + b"EOF\n"
        # The script goes to sh as bytes: the here-documents are in the scripts' own charsets.
        subprocess.run([b"sh", b"-c", script], cwd=tmp, check=True, env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"})
        return Path(tmp, "out").read_bytes()


def literal(node: ast.AST):
    """The value of a string-ish expression made of literals, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return node.value
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        func, arg = node.func, literal(node.args[0]) if node.args else None
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name == "dedent" and isinstance(arg, str):
            return textwrap.dedent(arg)
        if name in ("StringIO", "BytesIO"):
            return arg
        if name == "encode" and isinstance(func, ast.Attribute):
            text, codec = literal(func.value), arg
            if isinstance(text, str) and isinstance(codec, str):
                return text.encode(codec)
    if isinstance(node, ast.Attribute) or isinstance(node, ast.Call):
        # "...".encode() with no argument
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "encode" \
                and not node.args:
            text = literal(node.func.value)
            return text.encode() if isinstance(text, str) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left), literal(node.right)
        if type(left) is type(right) and left is not None:
            return left + right
    return None


def as_bytes(value) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def python_cases(source: Path, prefix: str) -> dict[str, bytes]:
    """Literals holding PO text in a test module, named by the enclosing test function."""
    tree = ast.parse(source.read_text("utf-8"))
    cases, counts = {}, {}
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            value = literal(node)
            if value is None or not PO_TEXT.search(as_bytes(value)):
                continue
            counts[func.name] = counts.get(func.name, 0) + 1
            cases[f"{prefix}__{func.name}__{counts[func.name]}"] = as_bytes(value)
    return cases


def cpython_cases() -> dict[str, bytes]:
    cases = {f"msgfmt_data__{p.name}": p.read_bytes() for p in sorted(HERE.glob("cpython/msgfmt_data/*.po"))}
    tree = ast.parse((HERE / "cpython/test_msgfmt.py").read_text("utf-8"))
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef):
            continue
        n = 0
        for node in ast.walk(func):
            items = []
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name in ("valid_strings", "invalid_strings"):
                    for elt in node.value.elts:
                        string = literal(elt.elts[0] if isinstance(elt, ast.Tuple) else elt)
                        # the test's own template: f'msgid {po_string}\nmsgstr "translation"'
                        items.append(f'msgid {string}\nmsgstr "translation"')
                elif name == "invalid_po_files":
                    items = [literal(elt) for elt in node.value.elts]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("write_text", "write_bytes") and node.args:
                items = [literal(node.args[0])]
            for item in items:
                if item is not None:
                    n += 1
                    cases[f"test_msgfmt__{func.name}__{n}"] = as_bytes(item)
    return cases


def translate_cases() -> dict[str, bytes]:
    namespace: dict = {}
    exec((HERE / "translate-toolkit/fragments.py").read_text("utf-8"), namespace)
    return {key.replace("::", "__").replace("#", "__"): as_bytes(value)
            for key, value in namespace["FRAGMENTS"].items()}


def gather() -> dict[str, dict[str, bytes]]:
    peers = {
        "gettext": gettext_cases(),
        "cpython": cpython_cases(),
        "polib": {p.name: p.read_bytes() for p in sorted(HERE.glob("polib/*.po*"))}
        | python_cases(HERE / "polib/tests.py", "tests"),
        "babel": {"__".join(p.relative_to(HERE / "babel/data").parts): p.read_bytes()
                  for p in sorted((HERE / "babel/data").rglob("*.po*"))}
        | python_cases(HERE / "babel/test_pofile_read.py", "test_pofile_read")
        | python_cases(HERE / "babel/test_pofile.py", "test_pofile"),
        "translate-toolkit": translate_cases(),
    }
    for peer, cases in peers.items():  # the same input twice in one peer is one case
        seen, unique = set(), {}
        for name, data in cases.items():
            digest = hashlib.sha1(data).digest()
            if digest not in seen:
                seen.add(digest)
                unique[name] = data
        peers[peer] = unique
    return peers


def main() -> None:
    if CASES.exists():
        shutil.rmtree(CASES)
    for peer, cases in gather().items():
        folder = CASES / peer
        folder.mkdir(parents=True)
        for name, data in cases.items():
            stem = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
            (folder / (stem if stem.endswith((".po", ".pot")) else stem + ".po")).write_bytes(data)
        print(f"{peer}: {len(cases)} cases")


if __name__ == "__main__":
    main()

"""`i18n-check lsp` in a real editor: Neovim, headless, configured with the Lua of docs/editors.md as
it is written there, opens a catalog of the bundled campaign; `vim.diagnostic.get()` must hold the
glossary findings `check` reports, where they are. (`.ci/run` installs Neovim when it is missing.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from i18n_check import check, load_glossary
from lsp_client import campaign

NVIM = shutil.which("nvim")
assert NVIM, "Neovim (nvim) is required by the tests; .ci/run installs it"

PROBE = r"""
local ok = vim.wait(90000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == "glossary-forbidden" then return true end
  end
  return false
end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                        code = d.code or vim.NIL, severity = d.severity, source = d.source or vim.NIL, message = d.message })
end
vim.fn.writefile({ vim.fn.json_encode({ ok = ok, diagnostics = found }) }, vim.env.I18N_CHECK_PROBE)
vim.cmd("qa!")
"""


def documented_config() -> str:
    """The Lua block of docs/editors.md's Neovim section."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = text[text.index("## Neovim"):]
    return re.search(r"```lua\n(.*?)```", section, re.S).group(1)


def test_neovim_shows_the_glossary_findings(tmp_path):
    project = campaign(tmp_path / "campaign")
    (tmp_path / "init.lua").write_text(documented_config(), encoding="utf-8")
    (tmp_path / "probe.lua").write_text(PROBE, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = {**os.environ, "I18N_CHECK_PROBE": str(out), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}  # `i18n-check` of this build
    catalog = "catalogs/de/campaign.po"
    done = subprocess.run([NVIM, "--headless", "-n", "-i", "NONE", "-u", str(tmp_path / "init.lua"),
                           "-c", f"luafile {tmp_path / 'probe.lua'}", catalog],
                          cwd=project, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["ok"], result
    lines = (project / catalog).read_text(encoding="utf-8").split("\n")
    shown = result["diagnostics"]
    assert all(d["source"] == "i18n-check" for d in shown)

    # The forbidden term, underlined at its characters (columns are bytes in Neovim).
    forbidden = [d for d in shown if d["code"] == "glossary-forbidden"]
    assert len(forbidden) == 1
    d = forbidden[0]
    assert lines[d["lnum"]].encode("utf-8")[d["col"]:d["end_col"]].decode("utf-8") == "Kinderpornografie"

    # Every glossary finding `check` reports for the catalog, on its entry's msgstr.
    report = check([project / "catalogs"], glossary=load_glossary(project / "glossary.yaml"), cache_dir=None)
    wanted = sorted((f.rule, f.line) for f in report.findings if f.catalog.endswith(catalog) and f.rule.startswith("glossary-"))
    assert wanted and {rule for rule, _ in wanted} == {"glossary-forbidden", "glossary-missing"}
    msgid_line = lambda lnum: max(n for n in range(lnum + 1) if lines[n].startswith("msgid ")) + 1
    assert sorted((d["code"], msgid_line(d["lnum"])) for d in shown if str(d["code"]).startswith("glossary-")) == wanted

"""Makes docs/neovim.png: Neovim showing `i18n-check lsp`'s diagnostics on the bundled German catalog.

Neovim runs in a detached tmux window with the configuration of docs/editors.md, on a copy of the
bundled campaign, the cursor on the entry with a forbidden term and its diagnostics open in a
float. The window's cells, with their colours (`tmux capture-pane -e`), become an HTML page of
monospace text, and headless Chromium takes its picture: what the terminal showed, cell by cell.

Usage: .venv/bin/python docs/neovim_screenshot.py [-o docs/neovim.png]   (needs nvim, tmux, chromium)
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS, ROWS = 150, 36
CATALOG = "catalogs/de/campaign.po"
WAIT = 60.0

# The xterm palette: 16 system colours, the 6x6x6 cube, 24 greys (colours 0-255 of SGR 38;5;n).
SYSTEM = ["#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
          "#666666", "#d54e53", "#b9ca4a", "#e7c547", "#7aa6da", "#c397d8", "#70c0b1", "#eaeaea"]
CUBE = [0, 95, 135, 175, 215, 255]
PALETTE = SYSTEM + [f"#{CUBE[i // 36]:02x}{CUBE[i // 6 % 6]:02x}{CUBE[i % 6]:02x}" for i in range(216)] + \
          [f"#{8 + 10 * i:02x}{8 + 10 * i:02x}{8 + 10 * i:02x}" for i in range(24)]
FOREGROUND, BACKGROUND = "#c5c8c6", "#1d1f21"
SGR = re.compile(r"\x1b\[([0-9;:]*)m")

# What the picture wants besides the documented configuration: colours, line numbers, the
# diagnostics undercurled in their severity's colour, and `fK` opening the cursor line's
# diagnostics in a float.
LOOK = """
vim.opt.termguicolors = true
vim.opt.number = true
vim.opt.signcolumn = "yes"
vim.opt.wrap = false
vim.opt.cursorline = true
for group, spec in pairs({
  Normal = "guifg=#d0d4da guibg=#1d2128", LineNr = "guifg=#5c6370", CursorLine = "guibg=#262b33",
  CursorLineNr = "guifg=#e5c07b", StatusLine = "gui=bold guifg=#1d2128 guibg=#9aa5b4", SignColumn = "guibg=#1d2128",
  NormalFloat = "guifg=#d0d4da guibg=#2c323c", FloatBorder = "guifg=#61afef guibg=#2c323c",
  poStatementMsgid = "guifg=#c678dd", poStatementMsgstr = "guifg=#c678dd", poString = "guifg=#98c379",
  poComment = "guifg=#7f848e", poCommentSources = "guifg=#7f848e", poStringID = "guifg=#98c379", poStringSTR = "guifg=#e6e6e6",
  DiagnosticError = "guifg=#ef596f", DiagnosticWarn = "guifg=#e5c07b", DiagnosticInfo = "guifg=#61afef",
  DiagnosticUnderlineError = "gui=undercurl guisp=#ef596f", DiagnosticUnderlineWarn = "gui=undercurl guisp=#e5c07b",
  DiagnosticUnderlineInfo = "gui=undercurl guisp=#61afef",
}) do
  vim.cmd("highlight " .. group .. " " .. spec)
end
vim.keymap.set("n", "fK", function() vim.diagnostic.open_float({ scope = "cursor", border = "single" }) end)
"""


def run_neovim(project: Path, config: Path) -> str:
    """The tmux pane's cells with their colours, once Neovim shows the diagnostics and their float."""
    session = f"i18n-check-shot-{os.getpid()}"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "XDG_CONFIG_HOME": str(project / ".config"), "XDG_DATA_HOME": str(project / ".data"),
           "XDG_STATE_HOME": str(project / ".state")}
    lines = (project / CATALOG).read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines) if "Kinderpornografie" in text)
    column = lines[line].encode("utf-8").index(b"Kinderpornografie") + 1  # the cursor on the forbidden term
    command = f"nvim -n -i NONE -u {config} -c 'call cursor({line + 1}, {column})' -c 'normal! zz' {CATALOG}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(COLUMNS), "-y", str(ROWS), "-c", str(project), command],
                   check=True, env=env)
    try:
        deadline = time.monotonic() + WAIT
        while "is forbidden" not in pane(session, colours=False):
            if time.monotonic() > deadline:
                raise SystemExit("neovim_screenshot: no diagnostics shown within a minute")
            time.sleep(0.2)
        time.sleep(0.5)  # the last publication drawn
        subprocess.run(["tmux", "send-keys", "-t", session, "f", "K"], check=True)  # the line's diagnostics
        time.sleep(1.0)
        return pane(session, colours=True)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def pane(session: str, colours: bool) -> str:
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", session, *(["-e"] if colours else [])],
                          check=True, capture_output=True, text=True).stdout


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg, self.bg, self.bold, self.italic, self.reverse = None, None, False, False, False
        self.underline, self.underline_colour = "", None  # "", "solid", "wavy"...

    def apply(self, codes: str) -> None:
        parts = [p for p in re.split(r"[;]", codes) if p != ""] or ["0"]
        i = 0
        while i < len(parts):
            code = parts[i]
            base = int(code.split(":")[0])
            if base == 0:
                self.reset()
            elif base == 1:
                self.bold = True
            elif base == 3:
                self.italic = True
            elif base == 4:
                kind = code.partition(":")[2] or "1"
                self.underline = {"0": "", "1": "solid", "2": "double", "3": "wavy", "4": "dotted", "5": "dashed"}.get(kind, "solid")
            elif base == 7:
                self.reverse = True
            elif base == 22:
                self.bold = False
            elif base == 23:
                self.italic = False
            elif base == 24:
                self.underline = ""
            elif base == 59:
                self.underline_colour = None
            elif base == 27:
                self.reverse = False
            elif 30 <= base <= 37:
                self.fg = PALETTE[base - 30]
            elif 90 <= base <= 97:
                self.fg = PALETTE[base - 90 + 8]
            elif 40 <= base <= 47:
                self.bg = PALETTE[base - 40]
            elif 100 <= base <= 107:
                self.bg = PALETTE[base - 100 + 8]
            elif base == 39:
                self.fg = None
            elif base == 49:
                self.bg = None
            elif base in (38, 48, 58):
                colour = None
                if parts[i + 1] == "5":
                    colour, i = PALETTE[int(parts[i + 2])], i + 2
                elif parts[i + 1] == "2":
                    colour, i = "#%02x%02x%02x" % tuple(int(v) for v in parts[i + 2:i + 5]), i + 4
                if base == 38:
                    self.fg = colour
                elif base == 48:
                    self.bg = colour
                else:
                    self.underline_colour = colour
            i += 1

    def css(self) -> str:
        fg, bg = self.fg or FOREGROUND, self.bg or BACKGROUND
        if self.reverse:
            fg, bg = bg, fg
        rules = [f"color:{fg}", f"background:{bg}"]
        if self.bold:
            rules.append("font-weight:bold")
        if self.italic:
            rules.append("font-style:italic")
        if self.underline:
            rules.append(f"text-decoration:underline {self.underline} {self.underline_colour or fg};text-decoration-skip-ink:none;"
                         "text-underline-offset:3px")
        return ";".join(rules)


def to_html(captured: str) -> str:
    """The pane's text as HTML: one <div> per row, a <span> per run of cells of one style."""
    style = Style()
    rows = []
    for line in captured.split("\n")[:ROWS]:
        out, at, width = [], 0, 0
        for match in SGR.finditer(line + "\x1b[m"):
            text = line[at:match.start()]
            if text:
                out.append(f'<span style="{style.css()}">{html.escape(text)}</span>')
                width += len(text)
            style.apply(match.group(1))
            at = match.end()
        if width < COLUMNS:
            out.append(f'<span style="background:{BACKGROUND}">{" " * (COLUMNS - width)}</span>')
        rows.append("<div>" + "".join(out) + "</div>")
    return ("<!doctype html><meta charset=utf-8><style>body{margin:0;background:%s}"
            "main{font:15px/19px 'DejaVu Sans Mono',monospace;white-space:pre;padding:8px}</style><main>%s</main>"
            % (BACKGROUND, "".join(rows)))


def screenshot(page: Path, output: Path) -> None:
    width, height = COLUMNS * 9 + 16 + 2, ROWS * 19 + 16
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={width},{height}", f"--screenshot={output}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "neovim.png")
    args = parser.parse_args()
    for tool in ("nvim", "tmux", "chromium"):
        if not shutil.which(tool):
            raise SystemExit(f"neovim_screenshot: {tool} is needed")
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    config = re.search(r"```lua\n(.*?)```", text[text.index("## Neovim"):], re.S).group(1)
    with tempfile.TemporaryDirectory(prefix="i18n-shot-") as scratch:
        project = Path(scratch) / "campaign"
        for name in ("catalogs", "content"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "glossary.yaml", project / "glossary.yaml")
        (project / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glossary.yaml"\n', encoding="utf-8")
        init = Path(scratch) / "init.lua"
        # The documented configuration, and how the picture should look (see LOOK).
        init.write_text(config + LOOK, encoding="utf-8")
        page = Path(scratch) / "pane.html"
        page.write_text(to_html(run_neovim(project, init)), encoding="utf-8")
        screenshot(page, args.output.resolve())
    print(f"neovim_screenshot: wrote {args.output}")


if __name__ == "__main__":
    main()

"""What the language server tests share: a copy of the bundled campaign, a real client speaking to
`i18n-check lsp` over stdio (pytest-lsp), and helpers to edit buffers and read diagnostics."""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient
from pygls.protocol import default_converter
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from conftest import ROOT

SERVER = [sys.executable, "-m", "i18n_check", "lsp"]
WAIT = 30.0  # seconds: a busy CI machine is slow, a hung server is not


def campaign(into: Path) -> Path:
    """A copy of the bundled campaign (settings, glossary, catalogs) at `into`."""
    for name in ("catalogs", "content"):
        shutil.copytree(ROOT / name, into / name)
    shutil.copy(ROOT / "glossary.yaml", into / "glossary.yaml")
    (into / "pyproject.toml").write_text('[tool.i18n-check]\ncatalogs = "catalogs"\nglossary = "glossary.yaml"\n', encoding="utf-8")
    return into


def recording_client() -> LanguageClient:
    """pytest-lsp's test client, also keeping every publishDiagnostics in order (with its version)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def publish(client: LanguageClient, params: lsp.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish})
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=recording_client)


async def start(client: LanguageClient, root: Path) -> None:
    await client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
    ))


class Buffer:
    """A document open in the client: its text and version, edited as an editor would."""

    def __init__(self, client: LanguageClient, path: Path, language_id: str = "po"):
        self.client, self.path, self.uri = client, path, path.as_uri()
        self.text = path.read_text(encoding="utf-8")
        self.version = 1
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=self.uri, language_id=language_id, version=1, text=self.text)))

    def lines(self) -> list[str]:
        return self.text.split("\n")

    def position(self, offset: int) -> lsp.Position:
        """The LSP position (UTF-16 columns) of a character offset in the text."""
        line = self.text.count("\n", 0, offset)
        start = self.text.rfind("\n", 0, offset) + 1
        return lsp.Position(line=line, character=len(self.text[start:offset].encode("utf-16-le")) // 2)

    def offset(self, position: lsp.Position) -> int:
        lines = self.text.split("\n")
        start = sum(len(line) + 1 for line in lines[:position.line])
        line, units, column = lines[position.line], 0, 0
        while units < position.character and column < len(line):
            units += len(line[column].encode("utf-16-le")) // 2
            column += 1
        return start + column

    def replace(self, start: int, end: int, new: str) -> None:
        """Replace text[start:end] with `new`, sent as an incremental change."""
        change = lsp.TextDocumentContentChangePartial(range=lsp.Range(start=self.position(start), end=self.position(end)), text=new)
        self.text = self.text[:start] + new + self.text[end:]
        self.version += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version), content_changes=[change]))

    def substitute(self, old: str, new: str) -> None:
        at = self.text.index(old)
        self.replace(at, at + len(old), new)

    def apply(self, edit: lsp.WorkspaceEdit) -> None:
        """Apply a code action's edit as an editor does: all its text edits at once, last first."""
        edits = sorted(edit.changes[self.uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
        text = self.text
        for change in edits:
            start, end = self.offset(change.range.start), self.offset(change.range.end)
            text = text[:start] + change.new_text + text[end:]
        whole = lsp.TextDocumentContentChangeWholeDocument(text=text)
        self.text = text
        self.version += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version), content_changes=[whole]))

    def covered(self, diagnostic: lsp.Diagnostic) -> str:
        """The text a diagnostic's range covers."""
        return self.text[self.offset(diagnostic.range.start):self.offset(diagnostic.range.end)]

    async def diagnostics(self, version: int | None = None) -> list[lsp.Diagnostic]:
        """The diagnostics of the buffer's current version (or `version`), once published."""
        want = self.version if version is None else version
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            for params in reversed(self.client.published):
                if params.uri == self.uri and params.version == want:
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)
        raise AssertionError(f"no diagnostics for {self.path.name} version {want} within {WAIT} s")

    async def published_until(self, holds, after: int = 0) -> list[lsp.Diagnostic]:
        """The first diagnostics of the buffer published after the `after` first notifications for
        which `holds(diagnostics)` is true (a server may publish again what it had, on its way)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            for params in self.client.published[after:]:
                if params.uri == self.uri and holds(list(params.diagnostics)):
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)
        raise AssertionError(f"no such diagnostics for {self.path.name} within {WAIT} s; last: {self.client.diagnostics.get(self.uri)}")


def rules_of(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics if d.code)


def by_rule(diagnostics, rule: str) -> list[lsp.Diagnostic]:
    return [d for d in diagnostics if d.code == rule]

"""The language server: `i18n-check lsp`, the Language Server Protocol over stdio (pygls).

Open catalogs (.po) get `check`'s findings as diagnostics while they are edited; the glossary file
gets its validation error or lint findings; hover explains glossary words; code actions fix
findings. Each open catalog has one worker task: an edit marks it dirty, the worker reads the
buffer's changed blocks, runs the rules on their entries a slice at a time (yielding to the event
loop between slices, so that a newer edit or a hover is heard) and publishes. Nothing here
implements a rule: findings come from check.py, through the modules of this package.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import logging
import traceback
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from ..version import __version__
from ..catalog import CATALOG_SUFFIXES
from . import actions, hover
from .diagnostics import (INFORMATION_LEVEL, SEVERITY, Setup, check_blocks, check_project_blocks, document_diagnostics,
                          input_error_diagnostic, line_diagnostic)
from .document import PoDocument
from .glossary_file import glossary_diagnostics
from .project import Problem, Project, project_root

log = logging.getLogger(__name__)

BUDGET = 500  # entries checked between two looks at the event loop (about 50 ms with a glossary)
GLOSSARY_PAUSE = 0.3  # seconds without a glossary edit before the open catalogs are checked against it
PROBLEM_LEVEL = {"error": SEVERITY["error"], "warning": 2}


IDLE = 10.0  # seconds without a check before the collector walks everything once


def spare_from_collector() -> None:
    """Let the garbage collector leave alone, from now on, what the server holds after a check.

    Catalogs, glossaries and results are hundreds of thousands of objects without reference cycles
    (freed by their reference counts, frozen or not); a full collection walked them all, in the
    middle of an edit (measured: 400 ms after the first check of a 5,000-message catalog). Young
    cyclic garbage is collected first, so that it is not frozen with them; what escapes that is
    collected when the server is idle (`collect_everything`).
    """
    gc.collect(1)
    gc.freeze()


def collect_everything() -> None:
    """A full collection, frozen objects included: while nobody types, its time is nobody's."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def handles(method):
    """A plain function calling the bound `method`: pygls marks the functions it registers, which a bound method refuses."""

    def handler(params):
        return method(params)

    return handler


class Protocol(LanguageServerProtocol):
    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        """An open catalog's changes go to the server's own copy of its text, which cuts and reads
        again only the entries around a change (document.py; applying a change to a 5,000-message
        text line by line, as pygls does, took 8 ms); other documents' go to pygls's workspace."""
        if not self._server.catalog_changed(params):
            yield from super().lsp_text_document__did_change(params)

    def publish(self, uri: str, version: int | None, diagnostics: list[str]) -> None:
        """textDocument/publishDiagnostics of diagnostics already in their JSON text (see diagnostics.py)."""
        head = {"uri": uri} if version is None else {"uri": uri, "version": version}
        body = (f'{{"jsonrpc":"2.0","method":"{lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}","params":'
                f'{json.dumps(head)[:-1]},"diagnostics":[{",".join(diagnostics)}]}}}}').encode("utf-8")
        if self.writer is None:
            return
        header = f"Content-Length: {len(body)}\r\nContent-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n"
        written = self.writer.write(header.encode("ascii") + body)
        if inspect.isawaitable(written):
            asyncio.ensure_future(written)

    def diagnostic(self, data: dict) -> lsp.Diagnostic:
        """The lsprotocol Diagnostic of a diagnostic in its JSON shape (a code action names its diagnostic)."""
        return self._converter.structure(data, lsp.Diagnostic)


class OpenCatalog:
    """An open .po/.pot buffer and what the server knows of it."""

    def __init__(self, uri: str, path: Path, project: Project, text: str, version: int):
        self.uri, self.path, self.project = uri, path, project
        self.document = PoDocument(path, text)  # the buffer's text: the server keeps it (see Protocol)
        self.version = version
        self.setup: Setup | None = None  # of the last complete check
        self.project_token: tuple | None = None  # what the project rules' findings were worked out with
        self.dirty = True
        self.closed = False
        self.task: asyncio.Task | None = None


class Server(LanguageServer):
    """The i18n-check language server; its state is the open documents and their projects."""

    def __init__(self):
        super().__init__("i18n-check", __version__, protocol_cls=Protocol)
        self.catalogs: dict[str, OpenCatalog] = {}
        self.glossaries: dict[str, Project] = {}  # uri of an open glossary file -> its project
        self.projects: dict[tuple[Path, Path | None], Project] = {}
        self.uris: dict[Path, str] = {}  # resolved path -> uri of every open document
        self.pending: dict[int, asyncio.TimerHandle] = {}  # id(project) -> its delayed re-check
        self.idle: asyncio.TimerHandle | None = None  # the full collection once checks pause
        for method, handler in (
            (lsp.TEXT_DOCUMENT_DID_OPEN, self.did_open), (lsp.TEXT_DOCUMENT_DID_CHANGE, self.did_change),
            (lsp.TEXT_DOCUMENT_DID_SAVE, self.did_save), (lsp.TEXT_DOCUMENT_DID_CLOSE, self.did_close),
            (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, self.files_changed), (lsp.TEXT_DOCUMENT_HOVER, self.hover),
        ):
            self.feature(method)(handles(handler))
        quick_fixes = lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
        self.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, quick_fixes)(handles(self.code_action))
        self.feature(lsp.INITIALIZED)(handles(self.initialized))

    # --- documents -----------------------------------------------------------------------

    def units(self, text: str, column: int) -> int:
        """A column in characters as the client counts it (UTF-16 code units unless agreed otherwise)."""
        return column if text.isascii() else self.workspace.position_codec.client_num_units(text[:column])

    def column(self, text: str, units: int) -> int:
        """A column as the client counts it, in characters."""
        if text.isascii():
            return units
        return self.workspace.position_codec.position_from_client_units([text], lsp.Position(line=0, character=units)).character

    def buffer(self, path: Path) -> str | None:
        """The editor's text of the file at `path`, when it is open."""
        uri = self.uris.get(path.resolve())
        if uri is None:
            return None
        if uri in self.catalogs:  # the server keeps an open catalog's text itself
            return self.catalogs[uri].document.text
        return self.workspace.get_text_document(uri).source

    def project_for(self, path: Path) -> Project:
        folders = [Path(p) for p in (to_fs_path(f.uri) for f in self.workspace.folders.values()) if p]
        if self.workspace.root_path:
            folders.append(Path(self.workspace.root_path))
        key = project_root(path, folders)
        project = self.projects.get(key)
        if project is None:
            project = self.projects[key] = Project(*key, buffer=self.buffer)
        return project

    def is_glossary(self, path: Path, project: Project) -> bool:
        configured = project.glossary_path
        if configured is not None and configured.resolve() == path.resolve():
            return True
        return path.suffix in (".yaml", ".yml") and path.name.startswith("glossary")

    def did_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = Path(to_fs_path(uri) or uri)
        self.uris[path.resolve()] = uri
        project = self.project_for(path)
        if path.suffix in CATALOG_SUFFIXES:
            project.refresh()
            self.catalogs[uri] = OpenCatalog(uri, path, project, params.text_document.text, params.text_document.version)
            self.schedule(self.catalogs[uri])
        elif self.is_glossary(path, project):
            self.glossaries[uri] = project
            self.glossary_changed(uri, now=True)

    def catalog_changed(self, params: lsp.DidChangeTextDocumentParams) -> bool:
        """Apply the changes to an open catalog's text and check it again; False for other documents."""
        state = self.catalogs.get(params.text_document.uri)
        if state is None:
            return False
        document = state.document
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                start, end = change.range.start, change.range.end
                document.edit((start.line, self.column(document.line(start.line), start.character)),
                              (end.line, self.column(document.line(end.line), end.character)), change.text)
            else:
                document.replace(change.text)
        state.version = params.text_document.version
        self.schedule(state)
        return True

    def did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in self.glossaries:
            self.glossary_changed(params.text_document.uri)

    def did_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        """A saved file may change what other catalogs see on disk (project rules) or the settings."""
        path = Path(to_fs_path(params.text_document.uri) or params.text_document.uri)
        self.disk_changed([path])

    def files_changed(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        self.disk_changed([Path(to_fs_path(change.uri) or change.uri) for change in params.changes])

    def disk_changed(self, paths: list[Path]) -> None:
        for project in list(self.projects.values()):
            if any(path.resolve().is_relative_to(project.root.resolve()) for path in paths):
                project.refresh()
                self.recheck(project)

    def did_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self.uris = {path: known for path, known in self.uris.items() if known != uri}
        state = self.catalogs.pop(uri, None)
        if state is not None:
            state.closed = True
        project = self.glossaries.pop(uri, None)
        if project is not None:
            self.recheck(project)  # the glossary on disk counts again
        self.protocol.publish(uri, None, [])

    def initialized(self, params: lsp.InitializedParams) -> None:
        """Ask the client to report changes to files the checks read (catalogs, glossaries, settings), when it can."""
        capabilities = self.client_capabilities.workspace
        watching = capabilities and capabilities.did_change_watched_files
        if not (watching and watching.dynamic_registration):
            return
        watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in ("**/*.po", "**/*.{yaml,yml}", "**/pyproject.toml")]
        self.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="i18n-check-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))

    # --- glossary files ----------------------------------------------------------------------

    def glossary_changed(self, uri: str, now: bool = False) -> None:
        """Publish the glossary's own diagnostics; check the project's open catalogs against it once
        the edits pause (a glossary is compiled anew for each version)."""
        document = self.workspace.get_text_document(uri)
        project = self.glossaries[uri]
        _glossary, found = glossary_diagnostics(document.source, Path(document.path), self.units)
        self.protocol.publish(uri, document.version, [json.dumps(d) for d in found])
        handle = self.pending.pop(id(project), None)
        if handle is not None:
            handle.cancel()
        if now:
            self.recheck(project)
        else:
            self.pending[id(project)] = asyncio.get_running_loop().call_later(GLOSSARY_PAUSE, self.recheck, project)

    def recheck(self, project: Project) -> None:
        self.pending.pop(id(project), None)
        for state in self.catalogs.values():
            if state.project is project:
                self.schedule(state)

    # --- checking -------------------------------------------------------------------------

    def schedule(self, state: OpenCatalog) -> None:
        state.dirty = True
        if state.task is None or state.task.done():
            state.task = asyncio.get_running_loop().create_task(self.work(state))

    async def work(self, state: OpenCatalog) -> None:
        """Check the buffer until no edit is left unchecked; publish after each complete check."""
        while state.dirty and not state.closed:
            state.dirty = False
            try:
                diagnostics = await self.check(state)
            except Exception as exc:  # a bug must not stop the server: say it where the user looks
                log.error("checking %s failed:\n%s", state.uri, traceback.format_exc())
                diagnostics = [json.dumps(line_diagnostic([""], 1, None, f"i18n-check: internal error ({type(exc).__name__}: {exc}); "
                                                          "please report it", SEVERITY["error"], self.units))]
            if diagnostics is not None and not state.closed:
                self.protocol.publish(state.uri, state.version, diagnostics)
                spare_from_collector()
                if self.idle is not None:
                    self.idle.cancel()
                self.idle = asyncio.get_running_loop().call_later(IDLE, collect_everything)

    def read(self, state: OpenCatalog) -> str:
        """The buffer's text, the document read up to it."""
        state.document.refresh()
        return state.document.text

    def setup(self, state: OpenCatalog, problems: list[Problem]) -> Setup | None:
        """What the catalog is checked with; None when the catalog is not read or not to be checked."""
        catalog, project = state.document.content, state.project
        if catalog is None or catalog.is_template:
            return None
        glossary, glossary_problem = project.glossary()
        problems.extend(p for p in (project.settings_problem, glossary_problem) if p)
        if not project.checks_language(catalog.language):
            return None
        rules, settled = project.rules()
        return Setup(rules, settled, glossary, project.name(state.path), catalog, self.units).same_key(state.setup)

    async def check(self, state: OpenCatalog) -> list[str] | None:
        """The diagnostics of the buffer as it is now, as JSON texts; None when an edit came in meanwhile."""
        text = self.read(state)
        problems: list[Problem] = []
        setup = self.setup(state, problems)
        document = state.document
        found: list[str] = []
        notes: list[dict] = []
        if document.error is not None:
            notes.append(input_error_diagnostic(text, document.error, self.units))
            if state.setup is not None:  # the blocks still read keep their findings on show
                found = document_diagnostics(document, state.setup)
        elif setup is None and document.content is not None and not document.content.is_template:
            notes.append(line_diagnostic(text.split("\n", 1), 1, None, "i18n-check: not checked: its language "
                                         f"({document.content.language or 'unknown'}) is not in [tool.i18n-check] languages",
                                         INFORMATION_LEVEL, self.units))
        elif setup is not None:
            while not check_blocks(document, setup, BUDGET):
                await asyncio.sleep(0)
                if state.dirty or state.closed:
                    return None
            others, catalog_problems = state.project.catalogs(state.path)
            problems.extend(catalog_problems)
            token = (setup.key, tuple((name, id(catalog)) for catalog, name in others))
            if token != state.project_token:  # other catalogs or the setup changed: every block is compared again
                for block in document.blocks:
                    block.results.project = None
                state.project_token = token
            check_project_blocks(document, setup, others, state.project.subset)
            state.setup = setup
            found = document_diagnostics(document, setup)
        first_line = text.split("\n", 1)
        for problem in problems:
            notes.append(line_diagnostic(first_line, 1, None, f"i18n-check: {problem.message}",
                                         PROBLEM_LEVEL[problem.severity], self.units))
        return found + [json.dumps(note) for note in notes]

    def current(self, uri: str) -> OpenCatalog | None:
        """The open catalog at `uri`, checked up to its latest text (for hover and code actions)."""
        state = self.catalogs.get(uri)
        if state is None:
            return None
        self.read(state)
        problems: list[Problem] = []
        setup = self.setup(state, problems)
        if setup is None or state.document.content is None:
            return None
        check_blocks(state.document, setup, 1 << 62)
        state.setup = setup
        return state

    # --- hover and code actions ---------------------------------------------------------------

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        state = self.current(params.text_document.uri)
        if state is None:
            return None
        position = params.position
        return hover.hover_at(state.document, state.setup, position.line, self.column(state.document.line(position.line), position.character))

    def code_action(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        only = params.context.only
        if only and not any(lsp.CodeActionKind.QuickFix.value.startswith(kind) for kind in only):
            return None
        state = self.current(params.text_document.uri)
        if state is None:
            return None
        return actions.quick_fixes(state.document, state.setup, state.uri, params.range.start.line, params.range.end.line,
                                   self.protocol.diagnostic)


def serve() -> None:
    """Run the server over stdin and stdout until the client says exit."""
    Server().start_io()

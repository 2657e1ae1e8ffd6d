"""The studio's ASGI application: pages, the JSON the pages' scripts use, and the event stream.

Handlers are thin: they check who is asking and what they may do, call :class:`Store` for
what is stored and :mod:`castkit.studio.derived` (the library) for what is computed, and
tell other open pages of the show what changed. Database work runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from castkit.errors import CastkitError
from castkit.qa.score import percent
from castkit.studio import air, derived
from castkit.studio.auth import LOCAL_USER, ROLES, User, check_password, csrf_ok, csrf_token
from castkit.studio.events import Hub
from castkit.studio.guard import Guard
from castkit.studio.store import Conflict, NotFound, Store, utc

HERE = Path(__file__).parent
SUBTITLE_FORMATS = ("srt", "vtt", "ass", "ttml", "ebu-tt-d", "scc", "txt")
RUNDOWN_FORMATS = tuple(derived.RUNDOWN_TYPES)


class Denied(Exception):
    """The signed-in role may not make this change."""


@dataclass
class Settings:
    """How the app runs: its store, whether everyone must sign in, and the secret that signs sessions."""

    store: Store
    secret: str
    loopback: bool = True
    max_upload: int = 64 * 1024 * 1024

    @property
    def hosts(self) -> list[str]:
        """Host names requests may carry. On loopback only the machine's own: a web page whose
        domain an attacker points at 127.0.0.1 (DNS rebinding) gets 400, never the studio."""
        return ["127.0.0.1", "localhost", "[::1]", "::1"] if self.loopback else ["*"]


def create_app(settings: Settings) -> Starlette:
    studio = Studio(settings)
    middleware = [
        Middleware(Guard, max_body=settings.max_upload),
        Middleware(TrustedHostMiddleware, allowed_hosts=settings.hosts),
        Middleware(SessionMiddleware, secret_key=settings.secret, session_cookie="castkit_studio", same_site="strict",
                   max_age=12 * 3600),
    ]
    app = Starlette(routes=studio.routes(), middleware=middleware, exception_handlers=studio.handlers(),
                    lifespan=studio.lifespan)
    app.state.studio = studio
    return app


class Studio:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = settings.store
        self.hub = Hub()
        self.stopping = asyncio.Event()
        self.pages = Environment(loader=PackageLoader("castkit.studio", "templates"), autoescape=select_autoescape(["j2", "html"]),
                                 trim_blocks=True, lstrip_blocks=True)
        self.pages.filters["percent"] = percent
        self._peaks: dict[int, dict] = {}

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        self.stopping = asyncio.Event()
        yield
        self.stopping.set()

    def routes(self) -> list:
        r = Route
        return [
            r("/", self.index), r("/login", self.login, methods=["GET", "POST"]), r("/logout", self.logout, methods=["POST"]),
            r("/import", self.import_script, methods=["POST"]),
            r("/shows/{show:int}", self.page("grid")), r("/shows/{show:int}/editor", self.page("editor")),
            r("/shows/{show:int}/air", self.page("air")), r("/shows/{show:int}/prompter", self.prompter),
            r("/shows/{show:int}/history", self.history), r("/shows/{show:int}/qa", self.qa, methods=["GET", "POST"]),
            r("/shows/{show:int}/qa/{result:int}", self.qa_result), r("/shows/{show:int}/media", self.media),
            r("/shows/{show:int}/media", self.upload_media, methods=["POST"]),
            r("/shows/{show:int}/rundown.{fmt}", self.rundown_export), r("/shows/{show:int}/subtitles.{fmt}", self.subtitle_export),
            r("/api/shows/{show:int}/sheet", self.sheet), r("/api/shows/{show:int}/preview", self.preview, methods=["POST"]),
            r("/api/shows/{show:int}/stories/{story:int}", self.set_story, methods=["POST"]),
            r("/api/shows/{show:int}/show", self.set_show, methods=["POST"]),
            r("/api/shows/{show:int}/order", self.reorder, methods=["POST"]),
            r("/api/shows/{show:int}/break", self.add_break, methods=["POST"]),
            r("/api/shows/{show:int}/cues", self.cues), r("/api/shows/{show:int}/cues/{cue:int}", self.set_cue, methods=["POST"]),
            r("/api/shows/{show:int}/lint", self.lint_draft, methods=["POST"]),
            r("/api/shows/{show:int}/peaks", self.peaks), r("/api/shows/{show:int}/retime", self.retime, methods=["POST"]),
            r("/api/shows/{show:int}/air", self.clock), r("/api/shows/{show:int}/air/next", self.next_story, methods=["POST"]),
            r("/api/shows/{show:int}/undo/{edit:int}", self.undo, methods=["POST"]),
            r("/api/shows/{show:int}/events", self.events),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]

    def handlers(self) -> dict:
        def bad(request: Request, exc: Exception) -> Response:
            return self._error(request, 400, str(exc))

        def missing(request: Request, exc: Exception) -> Response:
            return self._error(request, 404, str(exc))

        def denied(request: Request, exc: Exception) -> Response:
            return self._error(request, 403, str(exc) or "your role may not change this")

        def conflict(_request: Request, exc: Exception) -> Response:
            return JSONResponse({"error": str(exc), "conflict": exc.info}, status_code=409)  # type: ignore[attr-defined]

        def sign_in(request: Request, _exc: Exception) -> Response:
            if request.url.path.startswith("/api/"):
                return JSONResponse({"error": "sign in first"}, status_code=401)
            return RedirectResponse("/login", 303)

        return {CastkitError: bad, NotFound: missing, Denied: denied, Conflict: conflict, _SignIn: sign_in}

    def _error(self, request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return self.render(request, "error.html.j2", {"status": status, "message": message}, status=status)

    # ------------------------------------------------------------ who is asking

    async def accounts_required(self) -> bool:
        return not self.settings.loopback or await run_in_threadpool(self.store.has_accounts)

    async def user(self, request: Request) -> User | None:
        """The signed-in user, the local user where nobody needs to sign in, or None."""
        if not await self.accounts_required():
            return LOCAL_USER
        name = request.session.get("user")
        found = await run_in_threadpool(self.store.user, name) if name else None
        return User(found["name"], found["role"]) if found else None

    async def reader(self, request: Request) -> User:
        user = await self.user(request)
        if user is None:
            raise _SignIn()
        return user

    async def writer(self, request: Request, right: str, form: Any = None) -> User:
        """The user making a change: signed in, holding ``right``, and sending the session's CSRF token."""
        user = await self.reader(request)
        sent = request.headers.get("x-csrf-token") or (form or {}).get("csrf")
        if not csrf_ok(request.session, sent):
            raise Denied("the form has expired or came from another site (CSRF token missing); reload the page")
        _require(user, right)
        return user

    def render(self, request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        user = context.pop("user", None)
        page = self.pages.get_template(template).render(csrf=csrf_token(request.session), user=user, roles=ROLES, **context)
        return HTMLResponse(page, status_code=status)

    # ------------------------------------------------------------ pages

    async def index(self, request: Request) -> Response:
        user = await self.reader(request)
        shows = await run_in_threadpool(self.store.shows)
        return self.render(request, "index.html.j2", {"user": user, "shows": shows})

    async def login(self, request: Request) -> Response:
        message = ""
        if request.method == "POST":
            form = await request.form()
            if not csrf_ok(request.session, form.get("csrf")):
                message = "The sign-in form expired; try again."
            else:
                found = await run_in_threadpool(self.store.user, str(form.get("name", "")))
                if found and await run_in_threadpool(check_password, found["password_hash"], str(form.get("password", ""))):
                    request.session.clear()
                    request.session["user"] = found["name"]
                    return RedirectResponse("/", 303)
                message = "Unknown name or wrong password."
        return self.render(request, "login.html.j2", {"message": message}, status=401 if message else 200)

    async def logout(self, request: Request) -> Response:
        form = await request.form()
        if csrf_ok(request.session, form.get("csrf")):
            request.session.clear()
        return RedirectResponse("/login" if await self.accounts_required() else "/", 303)

    async def import_script(self, request: Request) -> Response:
        form = await request.form()
        user = await self.writer(request, "rundown", form)
        upload = form.get("file")
        if upload is not None and getattr(upload, "filename", ""):
            name = _safe_name(upload.filename)
            text, encoding = await run_in_threadpool(derived.read_upload, await upload.read(), name)
        else:
            name, text, encoding = "pasted script", str(form.get("text", "")), "utf-8"
        parts = await run_in_threadpool(derived.import_script, text, name, encoding)
        show_id = await run_in_threadpool(self.store.add_show, parts["title"], parts["header"], parts["stories"], parts["notices"],
                                          parts["cues"], user.name)
        return RedirectResponse(f"/shows/{show_id}", 303)

    def page(self, name: str):  # type: ignore[no-untyped-def]
        """A show page whose content the page's script fetches (grid, editor, on-air clock)."""
        async def handler(request: Request) -> Response:
            user = await self.reader(request)
            show = await run_in_threadpool(self.store.show, request.path_params["show"])
            context = {"user": user, "show": show, "view": name, "rundown_formats": RUNDOWN_FORMATS,
                       "subtitle_formats": SUBTITLE_FORMATS}
            return self.render(request, f"{name}.html.j2", context)
        return handler

    async def prompter(self, request: Request) -> Response:
        user = await self.reader(request)
        show, sheet, _ = await self._sheet(request.path_params["show"])
        return self.render(request, "prompter.html.j2", {"user": user, "show": show, "view": "prompter", "blocks": air.prompter(sheet)})

    async def history(self, request: Request) -> Response:
        user = await self.reader(request)
        show = await run_in_threadpool(self.store.show, request.path_params["show"])
        edits = await run_in_threadpool(self.store.history, show["id"])
        undone = {e["undoes"] for e in edits if e["undoes"]}
        for edit in edits:
            edit["at"] = utc(edit["at"]).strftime("%Y-%m-%d %H:%M:%S UTC")
            edit["before_text"], edit["after_text"] = _shown(edit["before"]), _shown(edit["after"])
            edit["undoable"] = edit["field"] not in ("created", "cues") and edit["id"] not in undone
        return self.render(request, "history.html.j2", {"user": user, "show": show, "view": "history", "edits": edits})

    async def qa(self, request: Request) -> Response:
        show_id = request.path_params["show"]
        if request.method == "POST":
            form = await request.form()
            user = await self.writer(request, "qa", form)
            upload = form.get("file")
            _, _, bulletin = await self._sheet(show_id)
            if form.get("mode") == "live":
                report, name = await self._live(show_id, bulletin, upload)
                wer = (report["accuracy"] or {}).get("wer")
            else:
                if upload is not None and getattr(upload, "filename", ""):
                    name = _safe_name(upload.filename)
                    text = (await run_in_threadpool(derived.read_upload, await upload.read(), name))[0]
                else:
                    name, text = "pasted hypothesis", str(form.get("text", ""))
                report = await run_in_threadpool(derived.score, bulletin, text, name, str(form.get("max_wer") or "5%"))
                wer = report["wer"]
            result_id = await run_in_threadpool(self.store.add_qa, show_id, name, wer, report, user.name)
            self.hub.publish(show_id, {"kind": "qa", "by": user.name})
            return RedirectResponse(f"/shows/{show_id}/qa/{result_id}", 303)
        user = await self.reader(request)
        show = await run_in_threadpool(self.store.show, show_id)
        results = await run_in_threadpool(self.store.qa_results, show_id)
        return self.render(request, "qa.html.j2", {"user": user, "show": show, "view": "qa", "results": results, "report": None})

    async def _live(self, show_id: int, bulletin: Any, upload: Any) -> tuple[dict[str, Any], str]:
        """Latency, speed and accuracy of uploaded live subtitles against the show's recording."""
        from castkit.studio.media import live

        if upload is None or not getattr(upload, "filename", ""):
            raise CastkitError("choose the live subtitle file to measure")
        found = await run_in_threadpool(self.store.media, show_id)
        if found is None:
            raise NotFound("this show has no recording to measure live subtitles against; upload it in the editor")
        name = _safe_name(upload.filename)
        report = await run_in_threadpool(live, bulletin, await upload.read(), name, found["data"], found["name"])
        return report, f"live: {name}"

    async def qa_result(self, request: Request) -> Response:
        user = await self.reader(request)
        show_id = request.path_params["show"]
        show = await run_in_threadpool(self.store.show, show_id)
        result = await run_in_threadpool(self.store.qa_result, show_id, request.path_params["result"])
        results = await run_in_threadpool(self.store.qa_results, show_id)
        return self.render(request, "qa.html.j2", {"user": user, "show": show, "view": "qa", "results": results, "result": result,
                                                   "report": result["report"]})

    async def media(self, request: Request) -> Response:
        await self.reader(request)
        found = await run_in_threadpool(self.store.media, request.path_params["show"])
        if found is None:
            raise NotFound("this show has no audio or video")
        return _ranged(request, found["data"], found["mime"])

    async def upload_media(self, request: Request) -> Response:
        show_id = request.path_params["show"]
        form = await request.form()
        user = await self.writer(request, "cues", form)
        upload = form.get("file")
        if upload is None or not getattr(upload, "filename", ""):
            raise CastkitError("choose an audio or video file")
        data = await upload.read()
        name = _safe_name(upload.filename)
        mime = _media_type(name)
        waveform = await run_in_threadpool(_peaks, data, name, mime)  # refuses what ffmpeg cannot decode, before it is stored
        await run_in_threadpool(self.store.add_media, show_id, name, mime, data)
        self._peaks[show_id] = waveform
        self.hub.publish(show_id, {"kind": "media", "by": user.name})
        return RedirectResponse(f"/shows/{show_id}/editor", 303)

    async def rundown_export(self, request: Request) -> Response:
        await self.reader(request)
        fmt = request.path_params["fmt"]
        if fmt not in RUNDOWN_FORMATS:
            raise NotFound(f"no rundown format {fmt!r}; choose one of {', '.join(RUNDOWN_FORMATS)}")
        show, sheet, _ = await self._sheet(request.path_params["show"])
        data, mime, extension = await run_in_threadpool(derived.rundown_file, sheet, fmt)
        return _download(data, mime, f"{_file_stem(show['title'])}.{extension}")

    async def subtitle_export(self, request: Request) -> Response:
        await self.reader(request)
        fmt = request.path_params["fmt"]
        if fmt not in SUBTITLE_FORMATS:
            raise NotFound(f"no subtitle format {fmt!r}; choose one of {', '.join(SUBTITLE_FORMATS)}")
        show_id = request.path_params["show"]
        show = await run_in_threadpool(self.store.show, show_id)
        rows = await run_in_threadpool(self.store.cues, show_id)
        text = await run_in_threadpool(derived.subtitle_file, rows, fmt)
        extension = {"ebu-tt-d": "xml"}.get(fmt, fmt)
        return _download(text.encode("utf-8"), "text/plain; charset=utf-8", f"{_file_stem(show['title'])}.{extension}")

    # ------------------------------------------------------------ the producer's grid

    async def _sheet(self, show_id: int):  # type: ignore[no-untyped-def]
        def load():  # type: ignore[no-untyped-def]
            show = self.store.show(show_id)
            rows = self.store.stories(show_id)
            return show, derived.sheet_view(show, rows)[0], derived.bulletin(show, rows)

        show, sheet, bulletin = await run_in_threadpool(load)
        return show, sheet, bulletin

    async def _view(self, show_id: int) -> dict[str, Any]:
        def load() -> dict[str, Any]:
            return derived.sheet_view(self.store.show(show_id), self.store.stories(show_id))[1]

        return await run_in_threadpool(load)

    async def sheet(self, request: Request) -> Response:
        user = await self.reader(request)
        view = await self._view(request.path_params["show"])
        return JSONResponse({**view, "may": {"rundown": user.may("rundown")}})

    async def preview(self, request: Request) -> Response:
        await self.reader(request)
        body = await _json(request)
        show_id = request.path_params["show"]

        def compute() -> dict[str, Any]:
            return derived.preview(self.store.show(show_id), self.store.stories(show_id), str(body.get("target")), int(body.get("id", 0)),
                                   str(body.get("field")), body.get("value", ""))

        return JSONResponse(await run_in_threadpool(compute))

    async def set_story(self, request: Request) -> Response:
        user = await self.writer(request, "rundown")
        body = await _json(request)
        show_id, story_id = request.path_params["show"], request.path_params["story"]
        field = str(body.get("field"))
        value = derived.story_value(field, body.get("value", ""))
        version = await run_in_threadpool(self.store.set_story_field, show_id, story_id, field, value, _int(body, "version"), user.name)
        return await self._changed(show_id, "sheet", user, body, {"version": version})

    async def set_show(self, request: Request) -> Response:
        user = await self.writer(request, "rundown")
        body = await _json(request)
        show_id = request.path_params["show"]
        field = str(body.get("field"))
        value = derived.show_value(field, body.get("value", ""))
        version = await run_in_threadpool(self.store.set_show_field, show_id, field, value, _int(body, "version"), user.name)
        return await self._changed(show_id, "sheet", user, body, {"version": version})

    async def reorder(self, request: Request) -> Response:
        user = await self.writer(request, "rundown")
        body = await _json(request)
        show_id = request.path_params["show"]
        order = body.get("order")
        if not isinstance(order, list) or not all(isinstance(i, int) for i in order):
            raise CastkitError("the running order is a list of story ids")
        version = await run_in_threadpool(self.store.reorder, show_id, order, _int(body, "version"), user.name)
        return await self._changed(show_id, "sheet", user, body, {"version": version})

    async def add_break(self, request: Request) -> Response:
        user = await self.writer(request, "rundown")
        body = await _json(request)
        show_id = request.path_params["show"]
        runs = derived.story_value("runs_ms", body.get("runs") or "2:00")
        data = {"title": "BREAK", "slug": "BREAK", "format": "BREAK", "format_given": True, "runs_ms": runs, "elements": []}
        story_id = await run_in_threadpool(self.store.add_story, show_id, data, user.name)
        return await self._changed(show_id, "sheet", user, body, {"id": story_id})

    async def _changed(self, show_id: int, kind: str, user: User, body: dict, answer: dict[str, Any]) -> Response:
        """Tell every open page of the show, then answer with the fresh grid (or cues)."""
        self.hub.publish(show_id, {"kind": kind, "by": user.name, "client": body.get("client")})
        fresh = await self._view(show_id) if kind == "sheet" else await self._cues(show_id)
        return JSONResponse({**answer, **fresh})

    # ------------------------------------------------------------ the subtitle editor

    async def _cues(self, show_id: int) -> dict[str, Any]:
        rows = await run_in_threadpool(self.store.cues, show_id)
        found = await run_in_threadpool(derived.lint, rows)
        from castkit.subtitles.formats import clock

        cues = [{"id": r["id"], "version": r["version"], "start": clock(r["start_ms"]), "end": clock(r["end_ms"]),
                 "start_ms": r["start_ms"], "end_ms": r["end_ms"], "text": "\n".join(r["lines"]), "speaker": r["speaker"] or "",
                 "colour": r["colour"] or "#FFFFFF"} for r in rows]
        return {"cues": cues, "lint": found}

    async def cues(self, request: Request) -> Response:
        user = await self.reader(request)
        show_id = request.path_params["show"]
        found = await run_in_threadpool(self.store.media, show_id)
        return JSONResponse({**await self._cues(show_id), "media": found["mime"] if found else None, "may": {"cues": user.may("cues")}})

    async def set_cue(self, request: Request) -> Response:
        user = await self.writer(request, "cues")
        body = await _json(request)
        show_id = request.path_params["show"]
        value = _cue_value(body)
        version = await run_in_threadpool(self.store.set_cue, show_id, request.path_params["cue"], value, _int(body, "version"), user.name)
        return await self._changed(show_id, "cues", user, body, {"version": version})

    async def lint_draft(self, request: Request) -> Response:
        """Lint with one cue as typed but not saved: the problems show while the editor types."""
        await self.reader(request)
        body = await _json(request)
        show_id = request.path_params["show"]
        value = _cue_value(body)
        rows = await run_in_threadpool(self.store.cues, show_id)
        rows = [{**r, **value} if r["id"] == body.get("id") else r for r in rows]
        found = await run_in_threadpool(derived.lint, rows)
        return JSONResponse(found)

    async def peaks(self, request: Request) -> Response:
        await self.reader(request)
        show_id = request.path_params["show"]
        if show_id not in self._peaks:
            found = await run_in_threadpool(self.store.media, show_id)
            if found is None:
                raise NotFound("this show has no audio or video")
            self._peaks[show_id] = await run_in_threadpool(_peaks, found["data"], found["name"], found["mime"])
        return JSONResponse(self._peaks[show_id])

    async def retime(self, request: Request) -> Response:
        """Cues timed again from the speech in the show's recording; the old ones stay in the history."""
        from castkit.studio.media import retime

        user = await self.writer(request, "cues")
        show_id = request.path_params["show"]
        found = await run_in_threadpool(self.store.media, show_id)
        if found is None:
            raise NotFound("this show has no recording to time the cues from")
        _, _, bulletin = await self._sheet(show_id)
        rows, notices = await run_in_threadpool(retime, bulletin, found["data"], found["name"])
        await run_in_threadpool(self.store.replace_cues, show_id, rows, user.name)
        self.hub.publish(show_id, {"kind": "cues", "by": user.name})
        return JSONResponse({**await self._cues(show_id), "notices": [n.to_dict() for n in notices]})

    # ------------------------------------------------------------ on air

    async def _clock(self, show_id: int) -> dict[str, Any]:
        def load() -> dict[str, Any]:
            show, rows = self.store.show(show_id), self.store.stories(show_id)
            sheet, _ = derived.sheet_view(show, rows)
            ids = [r["id"] for r in rows]
            log = [air.Started(e["story_id"], air.time_of_day_ms(e["started_at"])) for e in self.store.as_run(show_id)]
            now = air.time_of_day_ms(datetime.now(timezone.utc))
            return {**air.clock(sheet, ids, log, now), "as_run": air.as_run_log(sheet, ids, log)}

        return await run_in_threadpool(load)

    async def clock(self, request: Request) -> Response:
        user = await self.reader(request)
        return JSONResponse({**await self._clock(request.path_params["show"]), "may": {"rundown": user.may("rundown")}})

    async def next_story(self, request: Request) -> Response:
        """Mark the next story as started now (or the show as off air after the last one)."""
        user = await self.writer(request, "rundown")
        show_id = request.path_params["show"]
        state = await self._clock(show_id)
        following = state["next"]["id"] if state["next"] else None
        await run_in_threadpool(self.store.mark_start, show_id, following, user.name)
        self.hub.publish(show_id, {"kind": "air", "by": user.name})
        return JSONResponse({**await self._clock(show_id), "may": {"rundown": True}})

    # ------------------------------------------------------------ history and events

    async def undo(self, request: Request) -> Response:
        user = await self.writer(request, "view")
        show_id = request.path_params["show"]
        edit = await run_in_threadpool(self.store.edit, show_id, request.path_params["edit"])
        _require(user, "cues" if edit["target"] == "cue" else "rundown")
        done = await run_in_threadpool(self.store.undo, show_id, edit["id"], user.name)
        self.hub.publish(show_id, {"kind": "cues" if done["target"] == "cue" else "sheet", "by": user.name})
        return JSONResponse(done)

    async def events(self, request: Request) -> Response:
        await self.reader(request)
        show_id = request.path_params["show"]
        await run_in_threadpool(self.store.show, show_id)
        return StreamingResponse(self.hub.stream(show_id, self.stopping), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


class _SignIn(Exception):
    """A request from someone who must sign in first: pages go to the sign-in form, the API answers 401."""


def _require(user: User, right: str) -> None:
    if not user.may(right):
        raise Denied(f"a {user.role} may not change the {right}")


# ---------------------------------------------------------------- reading requests, writing responses


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise CastkitError("the request is not JSON") from None
    if not isinstance(body, dict):
        raise CastkitError("the request is not a JSON object")
    return body


def _int(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CastkitError(f"{key} must be a whole number")
    return value


def _cue_value(body: dict[str, Any]) -> dict[str, Any]:
    """A cue as typed: start and end times (00:00:01.200) and its text, one subtitle line per line."""
    from castkit.timing import parse_exact

    lines = [line.strip() for line in str(body.get("text", "")).splitlines() if line.strip()]
    return {"start_ms": parse_exact(str(body.get("start", "")), where="start"), "end_ms": parse_exact(str(body.get("end", "")), where="end"),
            "lines": lines}


def _safe_name(name: str) -> str:
    """An uploaded file's base name only: it is a label, never a path the server opens."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    return base[:120] or "upload"


def _file_stem(title: str) -> str:
    return re.sub(r"[^\w.-]+", "-", title).strip("-")[:60] or "show"


def _download(data: bytes, mime: str, filename: str) -> Response:
    return Response(data, media_type=mime, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and "lines" in value:
        return " / ".join(value["lines"])
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return f"{len(value)} cues"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


MEDIA_TYPES = {".mp3": "audio/mpeg", ".wav": "audio/wav", ".m4a": "audio/mp4", ".mp4": "video/mp4", ".webm": "video/webm",
               ".ogg": "audio/ogg", ".mov": "video/quicktime", ".mkv": "video/x-matroska", ".mxf": "application/mxf"}


def _media_type(name: str) -> str:
    return MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def _peaks(data: bytes, name: str, mime: str) -> dict:
    from castkit.studio.media import peaks

    return peaks(data, name, video=mime.startswith("video/"))


def _ranged(request: Request, data: bytes, mime: str) -> Response:
    """The bytes asked for by a Range header (players seek with these), or all of them."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", request.headers.get("range", ""))
    headers = {"Accept-Ranges": "bytes"}
    if not match or not (match[1] or match[2]):
        return Response(data, media_type=mime, headers=headers)
    size = len(data)
    if match[1]:
        start, end = int(match[1]), min(int(match[2]) if match[2] else size - 1, size - 1)
    else:
        start, end = max(0, size - int(match[2])), size - 1
    if start >= size or start > end:
        return PlainTextResponse("range not satisfiable", status_code=416, headers={"Content-Range": f"bytes */{size}"})
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return Response(data[start:end + 1], status_code=206, media_type=mime, headers=headers)

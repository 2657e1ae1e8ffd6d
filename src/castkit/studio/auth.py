"""Who may do what in the studio: accounts, roles, sessions and CSRF tokens.

On 127.0.0.1 with no accounts the one person at the keyboard may do everything. Once an
account exists (and always on any other address) everyone signs in; a password is kept
only as an Argon2 hash, and a role limits what each person may change:

- producer: the rundown (grid, imports, on-air marks) — and everything an editor and QA may do;
- editor: subtitle cues;
- qa: QA results;
- viewer: nothing, only reading.

Every request that changes something carries the session's CSRF token (a header from the
page's scripts, a hidden field in forms), so another site cannot make a signed-in browser
act for it.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = ("producer", "editor", "qa", "viewer")
RIGHTS = {
    "producer": frozenset({"view", "rundown", "cues", "qa"}),
    "editor": frozenset({"view", "cues"}),
    "qa": frozenset({"view", "qa"}),
    "viewer": frozenset({"view"}),
}
LOCAL = "local"
"""The name edits carry when nobody signs in (loopback, no accounts)."""

_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: str

    def may(self, right: str) -> bool:
        return right in RIGHTS.get(self.role, frozenset())


LOCAL_USER = User(LOCAL, "producer")


def hash_password(password: str) -> str:
    if len(password) < 8:
        from castkit.errors import BadInput

        raise BadInput("a password needs at least 8 characters")
    return _hasher.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost: addresses no other machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def csrf_token(session: dict) -> str:
    """The session's CSRF token, made on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def csrf_ok(session: dict, sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and sent and hmac.compare_digest(expected, sent))

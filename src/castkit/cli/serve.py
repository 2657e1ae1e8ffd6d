"""`castkit serve`: the studio web app, its accounts and its backups."""

from __future__ import annotations

from typing import Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import STRICT_HELP


@subcommand("serve")
def command(
    db: Optional[str] = typer.Option(None, "--db", help="Database URL: sqlite:///FILE or postgresql://USER@HOST/NAME "
                                     "(default: an SQLite file in your data folder, with the bundled sample as first show)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Any address but loopback needs accounts."),
    port: int = typer.Option(8765, "--port", help="Port to listen on."),
    max_upload: int = typer.Option(64, "--max-upload", min=1, help="Largest upload accepted, in MB."),
    add_user: Optional[str] = typer.Option(None, "--add-user", metavar="NAME",
                                           help="Add an account (or reset its password and role), then exit; the password is read from stdin."),
    role: str = typer.Option("viewer", "--role", help="Role of --add-user: producer, editor, qa or viewer."),
    backup: Optional[str] = typer.Option(None, "--backup", metavar="FILE", help="Write an online backup of the database to FILE, then exit."),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    from castkit.cli.common import announce
    from castkit.errors import BadInput
    from castkit.studio import server

    url = db or server.default_url()
    store = server.open_store(url)
    if backup:
        from castkit.studio.backup import backup as take

        typer.echo(str(take(url, backup)))
        return
    if add_user:
        from castkit.studio.auth import ROLES, hash_password

        if role not in ROLES:
            raise BadInput(f"unknown role {role!r}; choose one of {', '.join(ROLES)}", where="--role")
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=False)
        store.add_user(add_user, role, hash_password(password))
        typer.echo(f"account {add_user} ({role}) saved")
        return
    server.check_bind(host, store)
    announce(server.load_sample(store) if db is None else [], strict=strict)
    typer.echo(f"castkit studio on http://{host}:{port}/  (database {url.split('@')[-1]}; Ctrl+C stops it)", err=True)
    server.run(store, host, port, max_upload=max_upload * 1024 * 1024)

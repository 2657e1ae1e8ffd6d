"""``python -m castkit`` runs the command line."""

from castkit.cli import main

main()

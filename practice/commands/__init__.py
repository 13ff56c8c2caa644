"""One module per command group; each exposes `register(subparsers)`.

The whole parser is built on every start of `practice`, the TUI's included, so a command module
imports at its top only what its arguments need, and each handler imports the rest when it runs:
no command pays for another's dependencies (the guide importer, the grader, the exporters).
"""

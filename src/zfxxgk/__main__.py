"""``python -m zfxxgk``: the command line."""

from .cli import main

raise SystemExit(main())

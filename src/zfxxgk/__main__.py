"""``python -m zfxxgk``: the command line."""

from zfxxgk.cli import main

raise SystemExit(main())

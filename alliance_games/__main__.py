"""``python -m alliance_games``: the ``alliance-games`` command line."""

import sys

from alliance_games.cli import main

if __name__ == "__main__":
    sys.exit(main())

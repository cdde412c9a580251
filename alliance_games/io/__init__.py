"""Reading and writing games: model files, Gambit ``.efg`` files, Nashpy strategic forms."""

"""The flagship model: collective security and alliance design (Cohen 2025).

Building blocks of the CSA game of ``design/alliance-model.md``: parameters
(:mod:`.parameters`), geography (:mod:`.geography`), the war stage (:mod:`.war`), payoffs
(:mod:`.payoffs`), alliance duration (:mod:`.duration`), the signalling game and the
reordered game (:mod:`.model`), the clients' collective-action problem
(:mod:`.collective_action`) and the historical cases (:mod:`.cases`).

Source: M. D. Cohen, "'We need allies and collective security': How the end of the Second
World War caused multilateralism in Europe and bilateralism in Asia", European Journal of
International Security (2025), doi 10.1017/eis.2024.62.  The paper has no formal model; this
package's model is ours, built from its hypotheses.
"""

from __future__ import annotations

from alliance_games.alliance.parameters import PARAMETERS, S, baseline, symbols

__all__ = ["PARAMETERS", "S", "baseline", "symbols"]

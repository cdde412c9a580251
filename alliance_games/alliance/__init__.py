"""The flagship model: collective security and alliance design (Cohen 2025).

Building blocks of the CSA game (specified in ``docs/model.md``): parameters
(:mod:`.parameters`), geography (:mod:`.geography`: the threat from power, distance, water
share and foothold), the war stage (:mod:`.war`), payoffs (:mod:`.payoffs`), alliance
duration (:mod:`.duration`), the functional forms as data (:mod:`.forms`: the contest
exponent and the exit distribution), the signalling game (:mod:`.model`), the patron-first game
(:mod:`.reordered`), the clients' collective-action problem (:mod:`.collective_action`)
and the historical cases (:mod:`.cases`).  The model's questions: solved points and
sweeps (:mod:`.analysis`), hypotheses (:mod:`.hypotheses`), geography curves and maps
(:mod:`.geostatics`), thresholds along theta (:mod:`.thresholds`), case predictions
(:mod:`.predictions`), robustness to the functional forms (:mod:`.robustness`) and the
report (:mod:`.report`).

Source: M. D. Cohen, "'We need allies and collective security': How the end of the Second
World War caused multilateralism in Europe and bilateralism in Asia", European Journal of
International Security (2025), doi 10.1017/eis.2024.62.  The paper has no formal model; this
package's model is ours, built from its hypotheses.
"""

from __future__ import annotations

from alliance_games.alliance.parameters import PARAMETERS, S, baseline, symbols

__all__ = ["PARAMETERS", "S", "baseline", "symbols"]

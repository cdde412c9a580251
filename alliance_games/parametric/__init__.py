"""Parametric analysis: region maps, exact point checks and comparative statics.

``solve`` on a parametric game gives each equilibrium family with its exact condition;
these functions evaluate the conditions over parameter boxes (vectorised, with exact
resolution near boundaries), and study how equilibrium quantities move.
"""

from .regions import RegionData, pointwise_region_data, region_data, region_map, where
from .sampling import sample_box
from .statics import QuantityCurve, StaticsResult, comparative_statics, quantity_curve

__all__ = ["RegionData", "QuantityCurve", "StaticsResult", "comparative_statics",
           "pointwise_region_data", "quantity_curve", "region_data", "region_map",
           "sample_box", "where"]

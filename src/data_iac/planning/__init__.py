"""The dependency graph and the planner: pure functions from values to a Plan."""

from data_iac.planning.graph import build_graph, topological_order
from data_iac.planning.planner import PlanOptions, make_plan

__all__ = ["PlanOptions", "build_graph", "make_plan", "topological_order"]

"""The Critic: layout defects in anchor-grid terms, measured from the scene's own geometry."""

from code2video.agents.critic.defects import DEFECT_KINDS, Defect
from code2video.agents.critic.geometry import Thresholds, critique_layout
from code2video.agents.critic.probe import LayoutProbe, ProbeFrame, ProbeObject, read_probe

__all__ = ["DEFECT_KINDS", "Defect", "LayoutProbe", "ProbeFrame", "ProbeObject", "Thresholds",
           "critique_layout", "read_probe"]

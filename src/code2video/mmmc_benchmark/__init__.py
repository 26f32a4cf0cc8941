"""The MMMC benchmark (Code2Video's): for each topic, make or reuse a video, quiz a student on it
with TeachQuiz, and report gains, time and cost. Data comes from a folder the user gives."""

from code2video.mmmc_benchmark.data import MMMCData, load_mmmc, select_topics
from code2video.mmmc_benchmark.executors import EXECUTORS, Executor, make_executor
from code2video.mmmc_benchmark.makers import RenderMaker, TopicSkipped, VideoMaker
from code2video.mmmc_benchmark.runner import BenchConfig, BenchRun, run_benchmark

__all__ = ["EXECUTORS", "BenchConfig", "BenchRun", "Executor", "MMMCData", "RenderMaker", "TopicSkipped",
           "VideoMaker", "load_mmmc", "make_executor", "run_benchmark", "select_topics"]

            self.play(Write(answer, run_time=1.5, lag_ratio=0.2, rate_func=smooth))

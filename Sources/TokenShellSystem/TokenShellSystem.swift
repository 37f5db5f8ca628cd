// Files, environment, clock and processes: the outside world for the core.

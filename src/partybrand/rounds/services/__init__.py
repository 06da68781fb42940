"""Changes to rounds, split by step: setting a round up (rounds.py) and entering it up to 预审
(entries.py). The panel, scoring, 公示 and naming add their own modules."""
